"""feedparser: every feed the strict path does not take (ill-formed XML, odd formats, encodings to
repair), mapped to entries the same way the strict path maps them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sidelines_tui.dates import from_struct
from sidelines_tui.decode import charset_from_content_type
from sidelines_tui.models import FeedEntry
from sidelines_tui.parse.entries import absolute, feed_date, html_escape_paragraphs, identity, plain_text, same_instant
from sidelines_tui.parse.result import MAX_ENTRIES, FeedParseError, ParsedFeed

if TYPE_CHECKING:
    import feedparser


def parse(data: bytes, url: str, content_type: str | None) -> ParsedFeed:
    import feedparser  # only for what the strict path refuses (19 ms to import)

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type if charset_from_content_type(content_type) else content_type.split(";")[0]
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.feed.get("title"):
        reason = parsed.get("bozo_exception")
        raise FeedParseError(f"not a feed: {_describe(reason)}" if reason else "not a feed (no entries)")
    feed_link = parsed.feed.get("link") or url
    title_type = (parsed.feed.get("title_detail") or {}).get("type", "text/plain")
    entries = [_entry(e, url or feed_link) for e in parsed.entries[:MAX_ENTRIES]]
    return ParsedFeed(title=plain_text(parsed.feed.get("title", ""), is_html="html" in title_type),
                      link=feed_link, entries=entries)


def _entry(e: feedparser.FeedParserDict, base: str) -> FeedEntry:
    link = absolute(base, e.get("link"))
    content = ""
    for part in e.get("content", []) or []:
        value = part.get("value") if isinstance(part, dict) else None
        if value and len(value) > len(content):
            content = _as_html(value, part.get("type"))
    summary = _as_html(e.get("summary", "") or "", (e.get("summary_detail") or {}).get("type"))
    title_type = (e.get("title_detail") or {}).get("type", "text/plain")
    title = plain_text(e.get("title", "") or "", is_html="html" in title_type)
    return FeedEntry(guid=identity(e.get("id"), link, title, content or summary), title=title, url=link,
                     published=_date(e), summary_html=summary, content_html=content)


def _as_html(value: str, kind: str | None) -> str:
    """feedparser's text constructs as HTML for the cleaner: plain text is escaped, not read as markup."""
    if not value or not kind or "html" in kind:
        return value
    return html_escape_paragraphs(value)


def _date(e: feedparser.FeedParserDict) -> str | None:
    """feedparser's instant; the writer's own offset kept where our reading of the same text agrees."""
    for key in ("published", "updated"):
        instant = from_struct(e.get(f"{key}_parsed"))
        if instant:
            ours = feed_date(e.get(key))
            return ours if ours and same_instant(ours, instant) else instant
    return None


def _describe(exc: object) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__
