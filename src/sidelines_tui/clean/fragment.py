"""A feed's summary or content HTML as plain paragraphs (no body detection: it is all body)."""

from __future__ import annotations

import re

from sidelines_tui.clean import boilerplate
from sidelines_tui.clean.html_tree import block_texts, parse, unescape
from sidelines_tui.safe_text import normalise_paragraphs


def clean_fragment(html: str, title: str = "") -> str:
    """Plain text of a feed's summary or content HTML, through the page cleaner's passes and rules but for
    body detection (it is all body): widgets, hidden elements and appeals go, and so does a paragraph that
    repeats the entry's `title`."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return normalise_paragraphs(boilerplate.filter_paragraphs(unescape(html).split("\n\n"), title=title))
    blocks = simple_fragment_blocks(html) if "class=" not in html and "id=" not in html else None
    if blocks is None:
        blocks = fragment_blocks_lxml(html)
    return normalise_paragraphs(boilerplate.filter_paragraphs(blocks, title=title))


def fragment_blocks_lxml(html: str) -> list[str]:
    """Paragraphs of a fragment after the page's prune passes (a feed's full text carries the same widgets
    a page does: share bars, donation boxes, related stories)."""
    from sidelines_tui.clean.prune import prune

    doc = parse(f"<html><body><div>{html}</div></body></html>")
    if doc is None:
        return []
    prune(doc)
    body = doc.find("body")
    return block_texts(body if body is not None else doc)


# Most feed items are paragraphs of text with a few inline tags. For those, splitting at the block tags
# gives what lxml's tree walk gives, at a fifth of the cost; anything else (other tags, comments,
# attributes with odd quoting, unusual entities, control characters) takes the lxml path.
_SIMPLE_TAG = re.compile(
    r"<(/?)(p|br|b|i|u|em|strong|a|span|small|cite|q|abbr|sub|sup|mark|code)"
    r"((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*=\"[^\"<>&]*\")*)\s*(/?)>",
    re.I,
)
# Possessive quantifiers throughout: a fragment that is not simple must fail in linear time (a plain
# `(?:[^<]+|...)*` backtracks exponentially on a long text that fails at its end).
_SIMPLE_FRAGMENT = re.compile(
    r"(?:[^<&\x00-\x08\x0b-\x1f\x7f-\x9f]++|&(?:amp|lt|gt|quot|nbsp|#[0-9]{1,6}|#[xX][0-9a-fA-F]{1,5});"
    r"|<(?:/?(?:p|br|b|i|u|em|strong|a|span|small|cite|q|abbr|sub|sup|mark|code)"
    r"(?:\s++[a-zA-Z_:][-a-zA-Z0-9_:.]*+=\"[^\"<>&]*+\")*+\s*+/?)>)*+",
    re.I,
)
_NUMERIC_REF = re.compile(r"&#([0-9]+|[xX][0-9a-fA-F]+);")


def simple_fragment_blocks(html: str) -> list[str] | None:
    """Paragraph strings of a simple fragment, or None when it is not simple enough to be sure."""
    if not _SIMPLE_FRAGMENT.fullmatch(html):
        return None
    if "&#" in html:
        for ref in _NUMERIC_REF.findall(html):
            code = int(ref[1:], 16) if ref[:1] in "xX" else int(ref)
            if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                return None  # libxml2 and html.unescape disagree on these; lxml decides
    blocks: list[str] = []
    current: list[str] = []
    position = 0
    in_paragraph = False
    inline: list[str] = []  # open inline elements; tag soup around them is left to lxml
    for tag in _SIMPLE_TAG.finditer(html):
        current.append(html[position:tag.start()])
        position = tag.end()
        name = tag.group(2).lower()
        closing = bool(tag.group(1))
        if name == "p":
            if inline:
                return None
            if closing and not in_paragraph:
                continue  # libxml2 ignores a stray </p>
            in_paragraph = not closing
        elif name != "br":
            if tag.group(4):
                return None  # <b/>: parsers differ
            if not closing:
                inline.append(name)
            elif inline and inline[-1] == name:
                inline.pop()
            else:
                return None
        elif closing:
            return None
        if name in ("p", "br"):
            text = unescape("".join(current)).strip()
            if text:
                blocks.append(text)
            current.clear()
    current.append(html[position:])
    text = unescape("".join(current)).strip()
    if text:
        blocks.append(text)
    return blocks
