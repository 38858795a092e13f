"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/), read with the same entry rules as the XML feeds."""

from __future__ import annotations

import json

from sidelines_tui.dates import parse_date
from sidelines_tui.models import FeedEntry
from sidelines_tui.parse.entries import absolute, html_escape_paragraphs, identity, plain_text
from sidelines_tui.parse.result import MAX_ENTRIES, FeedParseError, ParsedFeed


def parse(data: bytes, url: str) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"invalid JSON: {' '.join(str(exc).split())[:160]}") from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("JSON that is not a JSON Feed")
    raw_items = doc.get("items")
    items: list = raw_items if isinstance(raw_items, list) else []
    base = url or _str(doc.get("home_page_url"))
    entries = [_entry(item, base) for item in items[:MAX_ENTRIES] if isinstance(item, dict)]
    return ParsedFeed(title=plain_text(_str(doc.get("title")), is_html=False),
                      link=_str(doc.get("home_page_url")) or url, entries=entries)


def _entry(item: dict, base: str) -> FeedEntry:
    link = absolute(base, _str(item.get("url")) or _str(item.get("external_url")))
    content = _str(item.get("content_html")) or html_escape_paragraphs(_str(item.get("content_text")))
    summary = html_escape_paragraphs(_str(item.get("summary")))  # plain text by the spec
    title = plain_text(_str(item.get("title")), is_html=False)
    published = parse_date(_str(item.get("date_published"))) or parse_date(_str(item.get("date_modified")))
    return FeedEntry(guid=identity(_str(item.get("id")), link, title, content or summary), title=title, url=link,
                     published=published, summary_html=summary, content_html=content)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))
