"""The cleaner on HTML in several site styles and on hostile text."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from sidelines_tui.clean import clean_fragment, clean_html, clean_text
from sidelines_tui.safe_text import strip_unsafe
from tests.support.corpus import page_magazine, page_wire, stories


def _story():
    return stories(seed=7, count=1, start=datetime(2024, 5, 2, 10, tzinfo=UTC))[0]


def _prose(sentence: str) -> str:
    """A paragraph long enough to read as body text: the sentence three times."""
    return "<p>" + f"{sentence} " * 3 + "</p>"


def _article(title: str, *parts: str) -> str:
    return f"<html><body><article><h1>{title}</h1>{''.join(parts)}</article></body></html>"


def test_wire_layout_keeps_body_drops_caption_share_related_newsletter_footer():
    story = _story()
    page = clean_html(page_wire(story))
    assert page.text.split("\n\n") == story.paragraphs
    assert page.title == story.title
    assert page.published == story.published.isoformat()


def test_magazine_layout_drops_promo_comments_sidebar_and_reads_json_ld_date():
    story = _story()
    page = clean_html(page_magazine(story))
    assert page.text.split("\n\n") == story.paragraphs
    assert page.published == story.published.isoformat()


def test_text_normalisation_folds_spaces_soft_hyphens_and_controls():
    raw = "First\u00a0para\u00adgraph with\x07 bell.\n\n\n\nSecond\u200b one.\x1b[31m red\x1b[0m."
    assert strip_unsafe(raw) == "First paragraph with bell.\n\n\n\nSecond one. red."
    assert clean_fragment("<p>First\u00a0para\u00adgraph.</p><p>Second \x1b]8;;http://x\x07link\x1b]8;;\x07 one.</p>") == \
        "First paragraph.\n\nSecond link one."


def test_osc_and_csi_sequences_are_removed_everywhere():
    hostile = "Title \x1b]0;pwned\x07 \x1b[2J\x9b31m end \x1bP+q\x1b\\"
    cleaned = strip_unsafe(hostile)
    assert "\x1b" not in cleaned and "\x9b" not in cleaned and "pwned" not in cleaned
    assert cleaned.startswith("Title") and "end" in cleaned


def test_markup_lookalikes_stay_literal_text():
    page = clean_html("<html><body><article><p>[bold]Not bold[/bold] and [link=http://x]x[/link] "
                      "stay as they are in a long enough paragraph of body text.</p></article></body></html>")
    assert "[bold]Not bold[/bold]" in page.text


def test_empty_and_garbage_html_give_empty_text_not_errors():
    assert clean_html(b"").text == ""
    assert clean_html(b"\x00\xff\xfe garbage \x00").text == ""
    assert clean_html(random.Random(3).randbytes(20_000)).text == ""
    assert clean_html("<html></html>").text == ""


def test_windows_1251_page_without_declaration_decodes():
    text = "Министр иностранных дел Сергей Лавров провёл переговоры с коллегами в Пекине в субботу."
    html = f"<html><body><article><p>{text}</p></article></body></html>".encode("cp1251")
    assert clean_html(html).text == text


def test_utf16_page_decodes():
    text = "The ministers met on the sidelines of the summit and agreed to meet again next spring."
    html = f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-16")
    assert clean_html(html).text == text


def test_plain_text_scrape_drops_ui_lines_and_other_scripts():
    raw = ("Ministers Meet on the Sidelines\n\nSubscribe\n\nThe foreign ministers met on Tuesday in Geneva to "
           "discuss the crisis.\n\nLoader\n\nЗаголовок открываемого материала\n\nThey agreed to meet again "
           "next month, officials said.\n\nRead more")
    page = clean_text(raw)
    assert page.title == "Ministers Meet on the Sidelines"
    assert page.text.split("\n\n") == ["The foreign ministers met on Tuesday in Geneva to discuss the crisis.",
                                       "They agreed to meet again next month, officials said."]


@pytest.mark.parametrize("line, expected", [
    ("Nov. 7, 2014", "2014-11-07"),
    ("Published: 7 November 2014 | 12:30 GMT", "2014-11-07"),
    ("15.11.2016 (updated 16:20 15.11.2016)", "2016-11-15"),
    ("Friday, November 7, 2014", "2014-11-07"),
    ("16:45 GMT 15.11.2016", "2016-11-15"),
    ("2014-11-07 10:30", "2014-11-07"),
    ("Last updated: 07 Nov 2014 12:30 BST", "2014-11-07"),
    ("Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)", "2019-11-18"),
    ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22"),
    ("Freitag, 22. Oktober 2010, 20:13 Uhr", "2010-10-22"),
    ("vendredi 22 octobre 2010 à 20h13", "2010-10-22"),
    ("22 октября 2010, 20:13", "2010-10-22"),
    ("Le 22 octobre 2010, le président a dit", None),
    # a caption or sentence that holds a date, a month without a day, a place: not datelines
    ("Kerry and Lavrov in Geneva, September 9, 2016", None),
    ("Since July 1, 2024, we have disabled all ads", None),
    ("May 2014", None),
    ("Moscow, 7 November 2014", None),
    ("By John Smith, Nov 7, 2014", None),
])
def test_a_dateline_is_a_line_that_holds_only_a_date(line, expected):
    from sidelines_tui.dates import dateline

    found = dateline(line)
    assert (found[:10] if found else None) == expected


def test_plain_text_scrape_takes_its_date_from_the_dateline_by_the_headline():
    body = ("The foreign ministers met on Tuesday in Geneva to discuss the crisis, officials said.\n\n"
            "They agreed to meet again next month in Vienna, the ministry said on Wednesday.")
    caption = "Lavrov and Kerry in Paris, Oct. 14, 2014."
    page = clean_text(f"Ministers Meet on the Sidelines\n\nUpdated: Nov. 9, 2014\n\nNov. 7, 2014 | 10:30 GMT\n\n"
                      f"{caption}\n\n{body}")
    assert page.published[:10] == "2014-11-07"  # the published line wins over the updated one
    assert page.text.endswith(body) and "Nov. 7" not in page.text and "Nov. 9" not in page.text  # not body
    before = clean_text(f"16:45 GMT 15.11.2016\n\nMinisters Meet on the Sidelines\n\n{body}")
    assert before.published[:10] == "2016-11-15"
    # no dateline: the caption's date is not the article's
    assert clean_text(f"Ministers Meet on the Sidelines\n\n{caption}\n\n{body}").published is None


def test_html_date_from_a_meta_tag_with_several_names_or_a_marked_element():
    body = "<p>" + "The ministers met on the sidelines of the summit and talked for an hour. " * 6 + "</p>"
    tagged = clean_html('<html><head><meta property="article:published" itemprop="datePublished dateCreated" '
                        f'content="2019-11-19T11:00:09.000Z"></head><body><article>{body}</article></body></html>')
    assert tagged.published == "2019-11-19T11:00:09+00:00"
    marked = clean_html('<html><body><article><h1>Talks</h1><span>Posted: <span itemprop="datePublished">'
                        f'Fri 6:45 PM, Feb 16, 2018</span></span>{body}</article></body></html>')
    assert marked.published[:10] == "2018-02-16"


def test_a_page_keeps_its_own_repeated_paragraphs_and_a_scrape_drops_its_repeats():
    intro = "<p>" + "The meal plan works for both programmes and keeps you on track every day. " * 4 + "</p>"
    plan = "".join(f"<p>Meal {n}</p><p>Eat every 2–3 hours, with water and a piece of fruit.</p>" for n in (1, 2, 3))
    page = clean_html(f"<html><body><article><h1>Meal prep</h1>{intro}<p>Advert</p>{plan}</article></body></html>")
    assert page.text.count("Eat every 2–3 hours, with water and a piece of fruit.") == 3  # the plan's, each time
    assert "Advert" not in page.text
    lead = "The foreign ministers met on Tuesday in Geneva to discuss the crisis, officials said."
    scrape = clean_text(f"Ministers Meet on the Sidelines\n\n{lead}\n\nShare this\n\n{lead}\n\n"
                        "They agreed to meet again next month in Vienna, the ministry said.")
    assert scrape.text.count(lead) == 1  # a scrape's teaser repeated above the body


def test_a_hover_card_goes_and_the_name_it_pops_up_from_stays():
    card = ('<span class="rollover-people"><a class="rollover-people-link" href="/people/omar">Ilhan Omar</a>'
            '<span class="rollover-people-block"><span class="rollover-block"><img src="/omar.jpg" alt="">'
            '<a class="name" href="/people/omar">Ilhan Omar</a><a href="/x">Progressives oppose the spending bill '
            'over surveillance authority, senators say</a> <a class="more" href="/people/omar">MORE</a>'
            '</span></span></span>')
    prose = " The office referred the call to the Capitol Police, who worked with the FBI to investigate it."
    html = (f"<html><body><article><h1>Threat</h1><p>A man pleaded guilty to threatening Rep. {card} (D-Minn.), "
            f"prosecutors said.{prose * 3}</p><p>{prose * 3}</p></article></body></html>")
    text = clean_html(html).text
    assert "threatening Rep. Ilhan Omar (D-Minn.), prosecutors said." in text
    assert "Progressives" not in text and "MORE" not in text


def test_an_embedded_tweet_quoted_in_the_article_is_kept():
    prose = _prose("The Senate adjourned its first plenary session since the recess after the motion.")
    tweet = ('<blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">Senate resolves to:<br>'
             'Observe a minute silence in honour of the departed souls.</p><p>— The Nigerian Senate (@NGRSenate) '
             '<a href="https://twitter.com/NGRSenate/status/1">October 9, 2018</a></p></blockquote>')
    for embedded in (tweet, f'<div class="social-media-embed">{tweet}<script src="widgets.js"></script></div>'):
        html = f"<html><body><div class='entry'>{prose}<p>See tweets:</p>{embedded}{prose}</div></body></html>"
        text = clean_html(html).text
        assert "Observe a minute silence in honour of the departed souls." in text
        assert "— The Nigerian Senate (@NGRSenate) October 9, 2018" in text


def test_widget_class_words_count_in_camel_case_too():
    prose = _prose("The ambassador said the army could be deployed to end the unrest in the city.")
    html = (f'<html><body><div class="postContent">{prose}<div class="photo"><img src="a.jpg">'
            '<span class="newsCaption">Protesters have worn masks to protect their identities</span></div>'
            f'{prose}<div class="shareButtons"><a href="/s">Share on Facebook</a></div></div></body></html>')
    text = clean_html(html).text
    assert "ambassador" in text
    assert "Protesters have worn masks" not in text and "Facebook" not in text


def test_a_posted_or_updated_line_is_metadata_not_body():
    prose = _prose("Black Friday deals went live early this year at several large retailers, the site said.")
    page = clean_html(_article("Deals", "<p>Updated: 18 Nov 2019 9:38 pm</p><p>Posted: 18 Nov 2019 8:11 pm</p>",
                               prose, prose))
    assert "Posted" not in page.text and "Updated" not in page.text and "Black Friday deals" in page.text


@pytest.mark.parametrize("link", [
    "Read more: Tencent profit falls as Alibaba threat and economic woes weigh",
    "Related: The 15 Weirdest Galaxies in Our Universe",
    "Also on rt.com Journalists threatened with sedition arrests as Bolivia purges socialist elements",
    "Like this story? Share it with a friend!",
    "READ MORE ON FOX BUSINESS BY CLICKING HERE",
    "This slideshow requires JavaScript.",
    "Tell us what YOU think...",
    "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Nick Zieminski",
    "Our Standards:The Thomson Reuters Trust Principles.",
])
def test_a_link_to_another_story_or_a_ui_string_set_in_the_body_is_dropped(link):
    prose = _prose("Alibaba said on Wednesday that its Hong Kong listing would go ahead next week as planned.")
    page = clean_html(_article("Listing", prose, f"<p>{link}</p>", prose))
    assert link not in page.text and "Alibaba said on Wednesday" in page.text


def test_prose_that_starts_like_a_link_is_kept():
    prose = _prose("The company said its listing would go ahead next week as planned, sources said.")
    kept = "Related talks between the two sides ended without agreement on Tuesday, officials said."
    page = clean_html(_article("Talks", prose, f"<p>{kept}</p>", prose))
    assert kept in page.text


def test_a_run_of_link_only_paragraphs_is_a_list_of_other_stories_one_is_kept():
    prose = _prose("The band is nominated for the Hall of Fame's class of 2020, to be honoured in May.")
    links = "".join(f'<p><a href="/s{n}">Other story number {n} about the Hall of Fame</a></p>' for n in range(3))
    own = '<p><a href="/results">Click for the full fan vote results</a></p>'
    page = clean_html(_article("Vote", prose, own, prose, links))
    assert "Click for the full fan vote results" in page.text
    assert "Other story number" not in page.text
