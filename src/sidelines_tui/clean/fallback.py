"""When readability picks the wrong block: one widget, a testimonial box, an empty <main>, one section of
many, while the article's prose survived pruning elsewhere. The article's prose is the largest group of
prose paragraphs under one parent (teasers and cards each sit under their own); when readability's text is
a fraction of it, the body is read from that group's parent instead."""

from __future__ import annotations

import os

import lxml.html

from sidelines_tui.clean.html_tree import block_texts

PROSE_MIN_CHARS = 60  # a paragraph of prose, not a label or a link
PROSE_MAX_LINK_SHARE = 0.5
PAGE_MIN_PROSE = 800  # below this a page has too little prose to second-guess readability
CHOSEN_MIN_SHARE = 0.4  # readability's text must hold this share of the page's prose


def prose(root: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, int]]:
    """Paragraphs of prose in the pruned page: long enough, and mostly not link text."""
    out = []
    for para in root.iter("p"):
        length = len(" ".join(para.text_content().split()))
        if length < PROSE_MIN_CHARS:
            continue
        linked = sum(len(a.text_content()) for a in para.iter("a"))
        if linked <= PROSE_MAX_LINK_SHARE * length:
            out.append((para, length))
    return out


SECTION_MIN_PARAGRAPHS = 2  # a sibling group this big is another section of the article, not a teaser card


def main_group(page_prose: list[tuple[lxml.html.HtmlElement, int]]) -> tuple[lxml.html.HtmlElement | None, int]:
    """The parent holding the most prose in its own paragraphs, and how much; widened to its own parent
    when sibling elements hold groups of paragraphs too (an article in several sections)."""
    held: dict[lxml.html.HtmlElement, int] = {}
    counts: dict[lxml.html.HtmlElement, int] = {}
    for para, length in page_prose:
        parent = para.getparent()
        if parent is not None:
            held[parent] = held.get(parent, 0) + length
            counts[parent] = counts.get(parent, 0) + 1
    if not held:
        return None, 0
    best = max(held, key=held.__getitem__)
    grand = best.getparent()
    if grand is not None and counts[best] >= SECTION_MIN_PARAGRAPHS:
        sections = [el for el in held if el.getparent() is grand and counts[el] >= SECTION_MIN_PARAGRAPHS]
        if len(sections) >= 2:
            return grand, sum(held[el] for el in sections)
    return best, held[best]


def implausible(chosen: list[str], page_prose: list[tuple[lxml.html.HtmlElement, int]]) -> bool:
    _, amount = main_group(page_prose)
    if amount < PAGE_MIN_PROSE:
        return False
    return sum(len(p) for p in chosen) < CHOSEN_MIN_SHARE * amount


def body_from_prose(page_prose: list[tuple[lxml.html.HtmlElement, int]]) -> list[str]:
    """The block texts of the article's prose group."""
    best, _ = main_group(page_prose)
    if best is None:
        return []
    if os.environ.get("SIDELINES_DEBUG_FALLBACK"):
        import sys

        print("sidelines: body fallback used", file=sys.stderr)
    return block_texts(best)
