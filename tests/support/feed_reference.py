"""The differential test's two sides: what feedparser says of a feed's entries (its own fields, turned
into what Sidelines stores: plain-text titles, absolute http(s) links, instants, cleaned body text), and
what Sidelines' parse_feed says, with its fast path on or off."""

from __future__ import annotations

import calendar
import re
import tarfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sidelines_tui.clean import clean_fragment
from sidelines_tui.parse import FeedParseError, parse_feed
from sidelines_tui.parse.entries import absolute, html_escape_paragraphs, plain_text

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "feedparser-corpus.tar.xz"
BASE = "http://127.0.0.1:8097/"  # the host feedparser's own tests serve the corpus from
_HEADER = re.compile(rb"^\s*Header:\s*([\w-]+):\s*(.*?)\s*$", re.M)
FIELDS = ("title", "link", "guid", "date", "body")


def corpus_files() -> Iterator[tuple[str, bytes]]:
    with tarfile.open(CORPUS) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None
                yield member.name, handle.read()


def content_type_of(data: bytes) -> str | None:
    """The HTTP Content-Type a corpus file asks its test server to send (a `Header:` line up front)."""
    headers = {k.decode().lower(): v.decode("latin-1") for k, v in _HEADER.findall(data[:2000])}
    return headers.get("content-type")


def _instant(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return calendar.timegm(value)
    return int(datetime.fromisoformat(value).timestamp())


def _as_html(value: str, kind: str | None) -> str:
    return value if (not value or not kind or "html" in kind) else html_escape_paragraphs(value)


def reference(data: bytes, url: str, content_type: str | None) -> dict:
    import feedparser

    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    fp = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    entries = []
    for e in fp.entries:
        body, kind = "", None
        for part in e.get("content", []) or []:
            if isinstance(part, dict) and part.get("value") and len(part["value"]) > len(body):
                body, kind = part["value"], part.get("type")
        if not body:
            body, kind = e.get("summary", "") or "", (e.get("summary_detail") or {}).get("type")
        title_type = (e.get("title_detail") or {}).get("type", "")
        entries.append({"title": plain_text(e.get("title", ""), "html" in title_type),
                        "link": absolute(url, e.get("link")), "guid": (e.get("id") or "").strip() or None,
                        "date": _instant(e.get("published_parsed") or e.get("updated_parsed")),
                        "body": clean_fragment(_as_html(body, kind))})
    feed_title_type = (fp.feed.get("title_detail") or {}).get("type", "")
    return {"title": plain_text(fp.feed.get("title", ""), "html" in feed_title_type), "entries": entries}


def sidelines(data: bytes, url: str, content_type: str | None, fast: bool) -> dict | None:
    try:
        parsed = parse_feed(data, url, content_type, fast=fast)
    except FeedParseError:
        return None
    return {"title": parsed.title,
            "entries": [{"title": e.title, "link": e.url, "guid": e.guid, "date": _instant(e.published),
                         "body": clean_fragment(e.content_html or e.summary_html)} for e in parsed.entries]}


def differences(ref: dict, got: dict | None) -> list[str]:
    """The fields that disagree ("entries" when the counts do). A refusal agrees with a feed feedparser
    finds nothing in; an entry feedparser gives no id is matched on its other fields (identity is
    checked between our two paths)."""
    if got is None:
        return ["refused"] if ref["entries"] or ref["title"] else []
    out = ["feed title"] if ref["title"] != got["title"] else []
    if len(ref["entries"]) != len(got["entries"]):
        return [*out, "entries"]
    for want, have in zip(ref["entries"], got["entries"]):
        out += [f for f in FIELDS if not (f == "guid" and want[f] is None) and want[f] != have[f]]
    return sorted(set(out))
