"""Parse feed bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into entries. Never fetches anything itself."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import feedparser

from sidelines_tui.dates import from_struct, parse_date
from sidelines_tui.decode import charset_from_content_type
from sidelines_tui.models import FeedEntry
from sidelines_tui.safe_text import one_line

MAX_ENTRIES = 2000

_DOCTYPE_ENTITY = re.compile(rb"<!ENTITY", re.I)


class FeedParseError(Exception):
    pass


@dataclass(slots=True)
class ParsedFeed:
    title: str
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def parse_feed(data: bytes, url: str = "", content_type: str | None = None) -> ParsedFeed:
    if not data or not data.strip():
        raise FeedParseError("empty response")
    stripped = data.lstrip()[:1]
    if stripped in (b"{", b"["):
        return _parse_json_feed(data, url)
    if _DOCTYPE_ENTITY.search(data[:65536]):
        # Entity declarations are how billion-laughs and XXE attacks work; no real feed needs them.
        raise FeedParseError("feed declares XML entities (refused: possible entity-expansion attack)")
    headers = {"content-location": url}
    charset = charset_from_content_type(content_type)
    if content_type:
        headers["content-type"] = content_type if charset else content_type.split(";")[0]
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    if not parsed.entries and not parsed.feed.get("title"):
        reason = parsed.get("bozo_exception")
        raise FeedParseError(f"not a feed: {_describe(reason)}" if reason else "not a feed (no entries)")
    feed_link = parsed.feed.get("link") or url
    entries = [_entry(e, url or feed_link) for e in parsed.entries[:MAX_ENTRIES]]
    return ParsedFeed(title=one_line(parsed.feed.get("title", "")), link=feed_link, entries=entries)


def _describe(exc: object) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    absolute = urljoin(base, link) if base else link
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _entry(e: feedparser.FeedParserDict, base: str) -> FeedEntry:
    link = _absolute(base, e.get("link"))
    content = ""
    for part in e.get("content", []) or []:
        value = part.get("value") if isinstance(part, dict) else None
        if value and len(value) > len(content):
            content = value
    summary = e.get("summary", "") or ""
    published = (from_struct(e.get("published_parsed")) or from_struct(e.get("updated_parsed"))
                 or parse_date(e.get("published")) or parse_date(e.get("updated")))
    title = e.get("title", "") or ""
    guid = (e.get("id") or "").strip() or link or _hash_guid(title, summary, content)
    return FeedEntry(guid=guid[:2000], title=title, url=link, published=published,
                     summary_html=summary, content_html=content)


def _hash_guid(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()
    return f"sha256:{digest[:32]}"


def _parse_json_feed(data: bytes, url: str) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"invalid JSON: {_describe(exc)}") from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("JSON that is not a JSON Feed")
    items = doc.get("items") if isinstance(doc.get("items"), list) else []
    base = url or str(doc.get("home_page_url") or "")
    entries = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        link = _absolute(base, _str(item.get("url")) or _str(item.get("external_url")))
        content = _str(item.get("content_html")) or _str(item.get("content_text"))
        summary = _str(item.get("summary"))
        title = _str(item.get("title"))
        guid = _str(item.get("id")) or link or _hash_guid(title, summary, content)
        published = parse_date(_str(item.get("date_published"))) or parse_date(_str(item.get("date_modified")))
        entries.append(FeedEntry(guid=guid[:2000], title=title, url=link, published=published,
                                 summary_html=summary, content_html=content))
    return ParsedFeed(title=one_line(_str(doc.get("title"))), link=_str(doc.get("home_page_url")) or url,
                      entries=entries)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))
