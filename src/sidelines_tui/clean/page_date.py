"""A page's publication date, as the article's own calendar day.

In order: the page's URL when it holds a full date (/2019/11/18/, 2019-11-18: the publisher's own day,
where a UTC timestamp in the meta tags may fall on the next day); the meta tags and JSON-LD (with the
writer's offset kept); microdata and <time>; a date element; and, when the page says nothing a parser can
read, htmldate's search of the whole page (slower: it runs only there).
"""

from __future__ import annotations

import re
from datetime import datetime

import lxml.html

from sidelines_tui.dates import parse_date

_DATE_META = ("article:published_time", "article:published", "datepublished", "pubdate", "publishdate", "date",
              "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time")
_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_KEYS = ("og:url", "twitter:url", "parsely-link")


def page_url(doc: lxml.html.HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href")
    return next((meta[key] for key in _URL_KEYS if meta.get(key)), url)


def url_day(url: str | None) -> str | None:
    """The full date a URL's path holds ("…/2019/11/18/…", "…-2019-11-19/…", "…/20191118/…")."""
    if not url:
        return None
    path = url.split("?")[0].split("#")[0]
    match = _URL_DATE.search(path.split("//", 1)[-1].split("/", 1)[-1] if "//" in path else path)
    if not match:
        return None
    year, _, month, day = match.groups()
    try:
        value = datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    return value.date().isoformat()


def page_date(doc: lxml.html.HtmlElement, meta: dict[str, str], ld: dict[str, str], url: str | None) -> str | None:
    declared = _declared(doc, meta, ld)
    day = url_day(page_url(doc, meta, url))
    if day:
        if declared and declared[:10] == day:
            return declared
        return f"{day}T12:00:00+00:00"  # noon UTC: the same calendar day from UTC-11 to UTC+11
    return declared or _searched(doc)


def _declared(doc: lxml.html.HtmlElement, meta: dict[str, str], ld: dict[str, str]) -> str | None:
    for candidate in (meta.get("article:published_time", ""), ld.get("datePublished", ""),
                      *(meta.get(key, "") for key in _DATE_META[1:])):
        parsed = parse_date(candidate) if isinstance(candidate, str) and candidate else None
        if parsed:
            return parsed
    marked = doc.xpath("//*[@itemprop='datePublished']")[:1]  # <span itemprop="datePublished">Feb 16, 2018</span>
    marked_dates = [el.get("datetime") or el.get("content") or el.text_content()[:80] for el in marked]
    for candidate in (*marked_dates, *doc.xpath("//time/@datetime")[:1]):
        parsed = parse_date(candidate)
        if parsed:
            return parsed
    for node in doc.xpath("//*[contains(@class,'date') or contains(@class,'dateline')]")[:5]:
        parsed = parse_date(node.text_content()[:80])
        if parsed:
            return parsed
    return None


def _searched(doc: lxml.html.HtmlElement) -> str | None:
    """htmldate's search over the page (headers, visible text, links): what a page that declares nothing
    still says. About 35 ms a page, so only here."""
    try:
        from htmldate import find_date
    except ImportError:  # an install without it: no date rather than no page
        return None
    try:
        found = find_date(doc, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 (a third-party search over hostile markup: no date is the answer)
        return None
    if not found or (found.endswith("-01-01") and not _NEW_YEAR.search(doc.text_content())):
        return None  # a bare year in the prose ("since 2014") comes back as 1 January: that is no date
    return f"{found}T12:00:00+00:00"


_NEW_YEAR = re.compile(r"\b(?:Jan(?:uary|\.)?\s+0?1\b|0?1\.?\s+Jan(?:uary)?\b|\d{4}-01-01|0?1/0?1/\d{2,4})", re.I)
