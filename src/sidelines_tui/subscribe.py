"""Subscribing: a URL is checked to answer with a feed before it is added. A web page that names its
feed (`<link rel="alternate" type="application/rss+xml">`) subscribes to that feed instead."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from sidelines_tui.fetch import Fetcher, FetchError, FetchLimits, check_url
from sidelines_tui.safe_text import one_line

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@dataclass(frozen=True, slots=True)
class FeedProbe:
    url: str  # what to subscribe to: the URL given, or the feed a page links to
    title: str
    entries: int


async def probe_feed(url: str, limits: FetchLimits | None = None) -> FeedProbe:
    """Fetch `url` and parse it as a feed; raise FetchError with one clear line when it is not one."""
    url = check_url(url)
    async with Fetcher(limits or FetchLimits(total_timeout=20.0)) as fetcher:
        probe = await _probe(fetcher, url, discover=True)
    return probe


async def _probe(fetcher: Fetcher, url: str, *, discover: bool) -> FeedProbe:
    from sidelines_tui.parse import FeedParseError, parse_feed

    result = await fetcher.get(url)
    if result.error:
        raise FetchError(f"{url}: {result.error}")
    final = result.final_url or url
    kind = (result.content_type or "no content type").split(";")[0].strip()
    try:
        parsed = await asyncio.to_thread(parse_feed, result.body, final, result.content_type)
    except FeedParseError:
        parsed = None
    if parsed is not None and (parsed.entries or "html" not in kind):
        return FeedProbe(url, one_line(parsed.title), len(parsed.entries))
    link = discover_feed_link(result.body, final) if discover else None
    if link and link != url:
        return await _probe(fetcher, check_url(link), discover=False)
    raise FetchError(f"not a feed: {url} answered with {kind} and names no RSS, Atom or JSON feed")


def discover_feed_link(html: bytes, base: str) -> str | None:
    """The first feed a page announces in its <link rel="alternate"> tags."""
    for tag in _LINK_TAG.findall(html[:262_144]):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"") for m in _ATTR.finditer(tag)}
        rel = attrs.get(b"rel", b"").lower().split()
        kind = attrs.get(b"type", b"").lower().decode("ascii", "replace")
        href = attrs.get(b"href", b"").decode("utf-8", "replace").strip()
        if b"alternate" in rel and kind in _FEED_TYPES and href:
            return urljoin(base, href)
    return None
