"""Kinds of page seen on real sites that cost body text or let chrome through, each written here in its
shape: a body hidden for a script to reveal, a control that swallows the page, words run together when a
card is dropped, related-headline blocks, feed full text cleaned like a page."""

from __future__ import annotations

from sidelines_tui.clean import clean_fragment, clean_html

PROSE = ("Foreign ministers from both countries met in the capital on Tuesday to discuss the grain corridor, "
         "a prisoner exchange and the next round of talks.")


def _paragraphs(n: int, tag: str = "P") -> str:
    return "".join(f"<p>{PROSE} {tag}{i}.</p>" for i in range(n))


def test_a_body_streamed_into_a_hidden_container_is_kept():
    page = (f'<html><body><header><a href="/">Home</a></header><main><div id="placeholder"></div></main>'
            f'<div hidden id="S:0"><article>{_paragraphs(5)}</article></div>'
            f'<div hidden class="modal">Sign in to continue reading this and every other story today</div></body></html>')
    text = clean_html(page).text
    assert text.count(PROSE) == 5 and "Sign in" not in text


def test_an_unclosed_button_in_the_header_does_not_swallow_the_page():
    page = (f'<html><body><button type="button" class="nav-toggle"><span>Menu</span>'
            f'<div class="page"><article>{_paragraphs(4)}</article></div></body></html>')
    assert clean_html(page).text.count(PROSE) == 4


def test_a_dropped_card_between_two_words_leaves_a_space():
    page = (f"<html><body><article>{_paragraphs(3)}<p>The embassy is located<span class='tooltip'> "
            f"<img src='m.jpg'>A long card about the building, its history and its many architects over the centuries "
            f"</span>near the river, officials said on Tuesday in a statement.</p></article></body></html>")
    assert "is located near the river" in clean_html(page).text


def test_related_headline_blocks_are_chrome_and_a_sources_tag_is_not():
    lines = [PROSE, "SEE MORE: Trump Says Talks With Putin Were Productive", "DON'T MISS",
             "Macron Heads To Beijing For Trade Talks [INSIGHT]|", "Inside The Summit Hall (VIDEO)", "More:",
             "READ MORE: Lavrov And Wang Meet Again", PROSE.replace("Tuesday", "Wednesday"), "[CNET]"]
    page = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article></body></html>"
    paragraphs = clean_html(page).text.split("\n\n")
    assert paragraphs == [PROSE, PROSE.replace("Tuesday", "Wednesday"), "[CNET]"]


def test_feed_full_text_is_cleaned_like_a_page():
    title = "Ministers agree on grain corridor"
    html = (f'<p>{title}</p>{_paragraphs(2)}<div class="donation-box"><p>Support independent journalism: '
            f'donate today and become a member.</p></div><div class="share-bar"><a>Share on Facebook</a></div>'
            f'<p class="promo">{PROSE} Extra.</p>')
    text = clean_fragment(html, title=title)
    assert text.split("\n\n")[:2] == [f"{PROSE} P0.", f"{PROSE} P1."]
    assert title not in text and "donate" not in text and "Share" not in text


def test_a_politicians_party_is_not_a_photo_position():
    page = (f"<html><body><article><p>South Dakota Gov. Kristi Noem (R) is defending the state’s campaign.</p>"
            f"{_paragraphs(2)}<p>President Putin (L) shakes hands with President Xi in Beijing.</p></article></body></html>")
    text = clean_html(page).text
    assert text.startswith("South Dakota Gov. Kristi Noem (R) is defending") and "shakes hands" not in text
