"""The HTML tree helpers every cleaning pass shares: parse (never raising), drop an element, read a tree
back as paragraphs, and the two sniffers for what a document is."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
          "tr", "div", "section", "article", "main", "ul", "ol", "dl", "table", "br", "hr", "header",
          "center", "address", "figure"}
CELLS = {"td", "th"}  # a table row reads as one line, its cells separated by spaces
NEVER_BODY_TAGS = (
    "script", "style", "noscript", "svg", "iframe", "button", "select", "input", "textarea",
    "template", "object", "embed", "video", "audio", "canvas", "map", "link", "meta", "head",
)


_BINARY_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def looks_binary(text: str) -> bool:
    """Random bytes or a binary file served as a page: many NULs, controls or undecodable bytes."""
    sample = text[:8192]
    if not sample:
        return False
    bad = len(_BINARY_CHARS.findall(sample))
    return bad > 0.05 * len(sample) or sample.count("\x00") > 0.01 * len(sample)


def looks_like_html(data: str | bytes) -> bool:
    head = data[:2048].lower() if isinstance(data, str) else data[:2048].lower().decode("latin-1")
    return bool(re.search(r"<(?:!doctype|html|head|body|p|div|article|meta|title)\b", head))


def unescape(text: str) -> str:
    import html as html_module

    return html_module.unescape(text)


def parse(html: str) -> lxml.html.HtmlElement | None:
    html = html.lstrip("\ufeff")
    if html.startswith("<?xml"):
        html = re.sub(r"^<\?xml[^>]*\?>", "", html)
    if not html.strip():
        return None
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                      huge_tree=False, recover=True)
        doc = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError, lxml.etree.XMLSyntaxError):
        return None
    return doc


def drop(el: lxml.html.HtmlElement) -> None:
    """Remove an element and its text, keeping its tail; where the element stood between two words (a
    block, or text with spaces at its edges) a space keeps them apart ("located" + "near")."""
    if el.getparent() is None:
        return
    tail = el.tail
    if tail and not tail[:1].isspace():
        tag = el.tag if isinstance(el.tag, str) else ""
        content = el.text_content()
        if tag in BLOCKS or content[:1].isspace() or content[-1:].isspace():
            el.tail = " " + tail
    el.drop_tree()


def block_texts(root: lxml.html.HtmlElement) -> list[str]:
    """Split a tree into paragraph strings at block boundaries."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in BLOCKS
        if block:
            flush()
        if tag in CELLS and current and not current[-1].endswith(" "):
            current.append(" ")
        if el.text and tag:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs
