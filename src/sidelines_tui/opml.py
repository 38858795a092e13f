"""OPML import and export: titles, URLs and folders (nested outlines become the feed's folder).

OPML as people write it is often not XML (in one public collection of news OPML files, 80 of 118 have a
raw `&` or `"` in an attribute). A file that does not parse is read again outline by outline, leniently:
every outline whose attributes can be read is imported, and the import says how many could not be.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class OpmlImport:
    feeds: list[OpmlFeed] = field(default_factory=list)
    unreadable: int = 0  # outline tags whose attributes could not be read
    recovered: bool = False  # the file was not well-formed XML

    @property
    def note(self) -> str | None:
        """One line about an ill-formed file, or None when it was well-formed."""
        if not self.recovered:
            return None
        said = f"the file is not well-formed XML; read {len(self.feeds)} feed outline{'' if len(self.feeds) == 1 else 's'}"
        if self.unreadable:
            said += f", {self.unreadable} outline{' was' if self.unreadable == 1 else 's were'} unreadable"
        return said


def parse_opml(data: bytes) -> OpmlImport:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                  recover=False)
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError:
        return _lenient(data)
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError("not an OPML file (no <opml><body>)")
    result = OpmlImport()

    def walk(node: lxml.etree._Element, folder: list[str]) -> None:
        for outline in node.findall("outline"):
            attrs = {k.lower(): v for k, v in outline.attrib.items()}
            url = attrs.get("xmlurl")
            title = attrs.get("title") or attrs.get("text") or ""
            if url:
                result.feeds.append(OpmlFeed(url.strip(), title.strip(), "/".join(folder)))
            else:
                walk(outline, folder + [title.strip()] if title.strip() else folder)

    walk(body, [])
    return result


_TAG = re.compile(rb"<(/?)outline\b([^<>]*?)(/?)>", re.I)
# An attribute's value ends at a quote followed by another attribute or the end of the tag, so a value
# may hold a raw quote ('text="BBC "World""').
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"(.*?)"(?=\s+[\w:.-]+\s*=|\s*/?\s*$)|'(.*?)'(?=\s+[\w:.-]+\s*=|\s*/?\s*$)|(\S+))""",
                   re.S)
_BARE_AMP = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);)")


def _lenient(data: bytes) -> OpmlImport:
    """Outline tags read one by one, their nesting followed for folders."""
    if b"<opml" not in data[:4096].lower():
        raise OpmlError("not an OPML file (no <opml>)")
    result = OpmlImport(recovered=True)
    folder: list[str | None] = []
    for match in _TAG.finditer(data):
        closing, raw, self_closing = match.group(1) == b"/", match.group(2), match.group(3) == b"/"
        if closing:
            if folder:
                folder.pop()
            continue
        attrs = _attributes(raw.decode("utf-8", "replace").rstrip().rstrip("/"))
        if attrs is None:
            result.unreadable += 1
            if not self_closing:
                folder.append(None)
            continue
        url = attrs.get("xmlurl")
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        if url:
            result.feeds.append(OpmlFeed(url.strip(), title, "/".join(f for f in folder if f)))
        if not self_closing:
            folder.append(None if url else (title or None))
    return result


def _attributes(raw: str) -> dict[str, str] | None:
    attrs: dict[str, str] = {}
    position = 0
    for match in _ATTR.finditer(raw):
        if raw[position:match.start()].strip():
            return None  # something between attributes that is not one
        value = next(v for v in match.groups()[1:] if v is not None)
        attrs[match.group(1).lower()] = html.unescape(_BARE_AMP.sub("&amp;", value))
        position = match.end()
    if raw[position:].strip():
        return None
    return attrs


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
