"""OPML import and export: titles, URLs and folders (nested outlines become the feed's folder)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import lxml.etree

from sidelines_tui.models import Feed


class OpmlError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str
    folder: str


def parse_opml(data: bytes) -> list[OpmlFeed]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                  recover=False)
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise OpmlError(f"not valid OPML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError("not an OPML file (no <opml><body>)")
    feeds: list[OpmlFeed] = []

    def walk(node: lxml.etree._Element, folder: list[str]) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl") or outline.get("xmlurl")
            title = outline.get("title") or outline.get("text") or ""
            if url:
                feeds.append(OpmlFeed(url.strip(), title.strip(), "/".join(folder)))
            else:
                walk(outline, folder + [title.strip()] if title.strip() else folder)

    walk(body, [])
    return feeds


def subscribe_all(store, entries: list[OpmlFeed]) -> tuple[int, list[str]]:
    """Subscribe `store` to every http(s) feed of an OPML file: (feeds added, reasons for the skipped)."""
    from sidelines_tui.fetch import FetchError, check_url

    added, skipped = 0, []
    for entry in entries:
        try:
            store.add_feed(check_url(entry.url), entry.title, entry.folder)
            added += 1
        except FetchError as exc:
            skipped.append(str(exc))
    return added, skipped


def render_opml(feeds: list[Feed]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             "  <head><title>Sidelines subscriptions</title></head>", "  <body>"]
    by_folder: dict[str, list[Feed]] = {}
    for feed in feeds:
        by_folder.setdefault(feed.folder, []).append(feed)
    for folder in sorted(by_folder):
        items = [f'<outline type="rss" text={quoteattr(f.title or f.url)} title={quoteattr(f.title or f.url)}'
                 f" xmlUrl={quoteattr(f.url)}/>" for f in by_folder[folder]]
        if folder:
            lines.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
            lines += ["      " + item for item in items]
            lines.append("    </outline>")
        else:
            lines += ["    " + item for item in items]
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
