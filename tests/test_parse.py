"""Feeds as the world writes them: each way the fast path used to fail silently, now read as feedparser
reads it (by the fast path matching it, or by handing the feed over), and feed dates with every zone."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta, timezone

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st

from sidelines_tui.parse import parse_feed, strict
from sidelines_tui.parse.entries import feed_date
from sidelines_tui.pipeline import _sane_date

URL = "http://news.example/feed.xml"


def rss(items: str, channel_extra: str = "", declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return f'{declaration}<rss version="2.0"><channel><title>T</title>{channel_extra}{items}</channel></rss>'.encode()


def both(data: bytes, content_type: str | None = None):
    """The feed read with the fast path and without: the two must agree."""
    fast, slow = parse_feed(data, URL, content_type), parse_feed(data, URL, content_type, fast=False)
    assert [(e.guid, e.title, e.url, e.published) for e in fast.entries] == \
        [(e.guid, e.title, e.url, e.published) for e in slow.entries]
    return fast


def test_unescaped_xhtml_in_a_description_keeps_its_body():
    feed = both(rss("<item><title>A</title><description><p>Lavrov met <b>Wang Yi</b> in Beijing.</p></description>"
                    "<guid>g1</guid></item>"))
    assert "Wang Yi" in feed.entries[0].summary_html and "Beijing" in feed.entries[0].summary_html


def test_a_permalink_guid_is_the_link_and_a_non_permalink_is_not():
    feed = both(rss('<item><title>A</title><guid>https://news.example/a</guid></item>'
                    '<item><title>B</title><guid isPermaLink="false">https://news.example/b</guid></item>'))
    assert [e.url for e in feed.entries] == ["https://news.example/a", None]


def test_only_an_html_alternate_link_is_the_article_in_atom():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
      <entry><title>A</title><id>tag:news.example,2024:1</id>
        <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
        <link rel="enclosure" type="video/mp4" href="https://news.example/a.mp4"/>
        <link rel="self" href="https://news.example/a.atom"/><updated>2024-06-01T10:00:00Z</updated></entry>
      <entry><title>B</title><id>https://news.example/b</id><link rel="alternate" type="text/html" href="/b.html"/>
        <updated>2024-06-01T10:00:00Z</updated></entry></feed>"""
    feed = both(atom)
    assert [e.url for e in feed.entries] == [None, "http://news.example/b.html"]


def test_xhtml_and_html_titles_are_plain_text():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;Wire&lt;/b&gt; &amp;amp; Co</title>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Lavrov <b>meets</b> Kerry</div></title>
        <id>tag:x,2024:1</id><updated>2024-06-01T10:00:00Z</updated></entry></feed>"""
    feed = both(atom)
    assert feed.title == "Wire & Co" and feed.entries[0].title == "Lavrov meets Kerry"


def test_rss_090_and_items_after_the_channel_are_found():
    rss090 = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
      <channel><title>Old</title><link>http://news.example/</link></channel>
      <item><title>First</title><link>http://news.example/1</link></item></rdf:RDF>"""
    assert [e.title for e in both(rss090).entries] == ["First"]
    after = b'<rss version="2.0"><channel><title>T</title></channel><item><title>Late</title><link>http://news.example/l</link></item></rss>'
    assert strict.parse(after, URL) is None
    assert [e.title for e in both(after).entries] == ["Late"]


def test_dcterms_and_repeated_updated_dates_are_read():
    dcterms = rss('<item xmlns:dcterms="http://purl.org/dc/terms/"><title>A</title><guid>g</guid>'
                  '<dcterms:modified>2024-06-01T10:00:00Z</dcterms:modified></item>')
    assert both(dcterms).entries[0].published == "2024-06-01T10:00:00+00:00"
    repeated = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>A</title><id>tag:x,1</id>
      <updated>2024-06-01T10:00:00Z</updated><updated>2024-06-02T10:00:00Z</updated></entry></feed>"""
    assert both(repeated).entries[0].published == "2024-06-02T10:00:00+00:00"  # feedparser: the last one


def test_an_http_charset_that_disagrees_with_the_declaration_wins_and_cp1252_is_repaired():
    latin = rss("<item><title>Caf\xe9</title><guid>g</guid></item>".encode("latin-1").decode("latin-1"),
                declaration='<?xml version="1.0" encoding="utf-8"?>')
    body = latin.decode().encode("latin-1")  # the bytes are latin-1; the declaration says utf-8
    assert both(body, "application/rss+xml; charset=iso-8859-1").entries[0].title == "Café"
    cp1252 = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T</title>'
              "<item><title>don\x92t</title><guid>g</guid></item></channel></rss>").encode("latin-1")
    assert both(cp1252).entries[0].title == "don’t"


def test_entries_without_guid_or_link_keep_one_identity_whichever_parser_reads_them():
    feed = rss("<item><title>No id</title><description>Text of the item.</description></item>")
    broken = feed.replace(b"</channel>", b"<junk></channel>")  # ill-formed: feedparser's path
    assert strict.parse(broken, URL) is None
    assert parse_feed(feed, URL).entries[0].guid == parse_feed(broken, URL).entries[0].guid


# -- dates -------------------------------------------------------------------------------------------------
def test_every_zone_feedparser_knows_gives_its_instant_and_numeric_offsets_keep_the_local_day():
    for raw, instant in [("Thu, 01 Jan 2004 19:48:21 PT", "2004-01-02T03:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 ET", "2004-01-02T00:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 CT", "2004-01-02T01:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 MT", "2004-01-02T02:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 AT", "2004-01-01T23:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 MET", "2004-01-01T18:48:21+00:00"),
                         ("Thu, 01 Jan 2004 19:48:21 MEST", "2004-01-01T17:48:21+00:00")]:
        got = feed_date(raw)
        assert got is not None and datetime.fromisoformat(got) == datetime.fromisoformat(instant), raw
    assert feed_date("2003-12-31T10:14:55-01:01") == "2003-12-31T10:14:55-01:01"
    assert feed_date("Sun, 12 Apr 2020 18:00:00 -0700") == "2020-04-12T18:00:00-07:00"  # still the 12th
    assert feed_date("2020-04-12T18:00:00+05:30") == "2020-04-12T18:00:00+05:30"
    assert feed_date("not a date") is None


_ZONES = st.sampled_from(["GMT", "UT", "UTC", "Z", "+0000", "-0700", "+0530", "-0101", "+1400", "-1200"])


@settings(max_examples=300, deadline=None)
@given(when=st.datetimes(min_value=datetime(1991, 1, 1), max_value=datetime(2099, 12, 31)), zone=_ZONES,
       iso_offset=st.integers(-14 * 60, 14 * 60), form=st.sampled_from(["rfc822", "w3dtf"]))
def test_the_forms_read_directly_agree_with_feedparser(when, zone, iso_offset, form):
    when = when.replace(microsecond=0)
    if form == "rfc822":
        raw = when.strftime("%a, %d %b %Y %H:%M:%S ") + zone
    else:
        offset = timezone(timedelta(minutes=iso_offset))
        raw = when.replace(tzinfo=offset).isoformat().replace("+00:00", "Z")
    ours = feed_date(raw)
    reference = feedparser.datetimes._parse_date(raw)
    assert ours is not None and reference is not None
    assert datetime.fromisoformat(ours).timestamp() == calendar.timegm(reference), raw


def test_a_date_more_than_a_day_ahead_is_the_fetch_time():
    fetched = datetime(2024, 6, 1, 12, tzinfo=UTC).isoformat()
    assert _sane_date("2024-06-02T11:00:00+00:00", fetched) == "2024-06-02T11:00:00+00:00"  # a zone ahead: fine
    assert _sane_date("2024-06-02T13:00:00+00:00", fetched) == fetched
    assert _sane_date("2030-01-01T00:00:00+00:00", fetched) == fetched
    assert _sane_date(None, fetched) == fetched


def test_the_feedparser_internals_we_rely_on_are_still_there():
    """The fast path uses feedparser's own rules where a copy could drift: these fail first if a
    feedparser release moves them."""
    from feedparser.datetimes import _parse_date
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urljoin

    assert calendar.timegm(_parse_date("Thu, 01 Jan 2004 19:48:21 GMT")) == 1072986501
    assert _cp1252[146] == "\u2019"
    assert _FeedParserMixin.looks_like_html("a &amp; b") and not _FeedParserMixin.looks_like_html("a & b")
    assert _urljoin("http://x/a/", "b") == "http://x/a/b"
