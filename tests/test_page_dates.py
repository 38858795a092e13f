"""A page's date is the article's own calendar day: the URL's day over a UTC timestamp, the writer's
offset kept, htmldate's search when the page declares nothing."""

from __future__ import annotations

from sidelines_tui.clean import clean_html
from sidelines_tui.clean.page_date import url_day

BODY = "<p>" + " ".join(["Ministers met in the capital on Tuesday to discuss the grain corridor."] * 4) + "</p>"


def page(head: str = "", body_extra: str = "") -> str:
    return f"<html><head><title>Talks</title>{head}</head><body><article>{body_extra}{BODY}</article></body></html>"


def test_a_timestamp_with_an_offset_keeps_its_local_day():
    html = page('<meta property="article:published_time" content="2020-04-12T18:00:00-0700">')
    assert clean_html(html).published == "2020-04-12T18:00:00-07:00"


def test_the_urls_day_wins_over_a_utc_timestamp_of_the_next_day():
    html = page('<meta property="article:published_time" content="2019-11-19T04:58:46Z">'
                '<link rel="canonical" href="https://news.example/2019/11/18/talks-in-the-capital/">')
    assert clean_html(html).published[:10] == "2019-11-18"
    agreeing = page('<meta property="article:published_time" content="2019-11-18T15:00:00-05:00">'
                    '<meta property="og:url" content="https://news.example/story/2019-11-18/talks">')
    assert clean_html(agreeing).published == "2019-11-18T15:00:00-05:00"  # the same day: the timestamp stays


def test_url_days_are_read_in_their_usual_forms_and_nothing_else():
    assert url_day("https://a.example/2019/11/18/x") == "2019-11-18"
    assert url_day("https://a.example/story/news/2019/11/19/x/4244754002/") == "2019-11-19"
    assert url_day("https://a.example/x-2019-11-19") == "2019-11-19"
    assert url_day("https://a.example/20191118/x") == "2019-11-18"
    assert url_day("https://a.example/2019/11/x.html") is None
    assert url_day("https://a.example/2019/13/45/x") is None
    assert url_day("https://a.example/news_view.html?idx=20191118") is None


def test_a_page_that_declares_nothing_is_dated_by_what_it_shows():
    html = page(body_extra="<p class='byline'>By Staff</p><p>Posted on November 18, 2019 at 10:00</p>")
    assert clean_html(html).published[:10] == "2019-11-18"
    assert clean_html(page()).published is None


def test_a_year_in_the_prose_is_no_date():
    html = page(body_extra="<p>The two leaders have met a dozen times since 2014, in each other's capitals.</p>")
    assert clean_html(html).published is None
    new_year = page(body_extra="<p>Posted on January 1, 2014</p>")
    assert clean_html(new_year).published[:10] == "2014-01-01"
