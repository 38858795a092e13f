"""Clean a page (HTML or scraped plain text) down to its article body, title and publication date.

readability-lxml finds the body; before it the prune passes drop what can never be body (scripts,
navigation, figures, hidden and widget elements) and after it the boilerplate rules drop what it lets
through (captions, credits, appeals, related-story headlines, UI strings); then the text is normalised.
"""

from __future__ import annotations

from sidelines_tui.clean import boilerplate, fallback
from sidelines_tui.clean.html_tree import looks_binary, parse
from sidelines_tui.clean.metadata import page_metadata
from sidelines_tui.clean.prune import prune
from sidelines_tui.clean.readability_adapter import readable_paragraphs
from sidelines_tui.dates import dateline
from sidelines_tui.decode import decode_bytes
from sidelines_tui.models import CleanPage
from sidelines_tui.safe_text import normalise_paragraphs, one_line, strip_unsafe


def clean_html(html: str | bytes, url: str | None = None, charset: str | None = None,
               fallback_title: str = "") -> CleanPage:
    """The article body of an HTML page. Never raises on bad input; returns empty text instead."""
    if isinstance(html, bytes):
        html = decode_bytes(html, charset)
    if looks_binary(html):
        return CleanPage(title=one_line(fallback_title), text="", published=None)
    doc = parse(html)
    if doc is None:
        return CleanPage(title=one_line(fallback_title), text="", published=None)
    meta = page_metadata(doc, url)
    title = meta.get("title") or fallback_title
    prune(doc)
    paragraphs = readable_paragraphs(doc)
    page_prose = fallback.prose(doc)
    if fallback.implausible(paragraphs, page_prose):
        paragraphs = fallback.body_from_prose(page_prose) or paragraphs
    paragraphs = boilerplate.filter_paragraphs(paragraphs, title=title)
    return CleanPage(title=one_line(title), text=normalise_paragraphs(paragraphs),
                     published=meta.get("published"))


def clean_text(raw: str, fallback_title: str = "") -> CleanPage:
    """The article body of scraped plain text: one paragraph per line or blank-line-separated block."""
    raw = strip_unsafe(raw)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    lines = [line for line in lines if line]
    title, body = boilerplate.split_title(lines)
    published = _dateline_near_title(lines, title)
    body = boilerplate.filter_paragraphs(body, title=title, plain_text=True)
    return CleanPage(title=one_line(title or fallback_title), text=normalise_paragraphs(body),
                     published=published)


def _dateline_near_title(lines: list[str], title: str) -> str | None:
    """A scrape's publication date: a line that is only a date, just after the headline (or just
    before it). "Published" lines win over "Updated" ones."""
    if not title:
        return None
    at = lines.index(title)
    found = [(line, dateline(line)) for line in (*lines[at + 1:at + 6], *reversed(lines[max(0, at - 3):at]))]
    dated = [(line, date) for line, date in found if date]
    for line, date in dated:
        if not line.lower().lstrip().startswith(("updated", "last updated")):
            return date
    return dated[0][1] if dated else None
