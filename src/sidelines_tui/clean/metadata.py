"""A page's own title and publication date: meta tags, JSON-LD, <h1>/<title>, <time>, a dateline element."""

from __future__ import annotations

import json

import lxml.html

from sidelines_tui.clean.page_date import page_date
from sidelines_tui.safe_text import one_line


def page_metadata(doc: lxml.html.HtmlElement, url: str | None = None) -> dict[str, str]:
    """Title (meta tags, JSON-LD, <h1>, <title>) and publication date (`page_date`)."""
    out: dict[str, str] = {}
    meta: dict[str, str] = {}
    for el in doc.iter("meta"):  # one pass over the meta tags instead of one XPath per name
        content = el.get("content")
        if not content:
            continue
        # a tag may carry several names: property="article:published" itemprop="datePublished dateCreated"
        keys = [el.get("property") or "", el.get("name") or "", *(el.get("itemprop") or "").split()]
        for key in keys:
            key = key.strip().lower()
            if key and key not in meta:
                meta[key] = content
    ld = _json_ld(doc)
    h1 = doc.find(".//h1")
    title_el = doc.find(".//title")
    title_candidates = [meta.get("og:title", ""), meta.get("twitter:title", ""), ld.get("headline", ""),
                        h1.text_content() if h1 is not None else "",
                        (title_el.text or "") if title_el is not None else ""]
    for candidate in title_candidates:
        if isinstance(candidate, str) and candidate.strip():
            out["title"] = one_line(candidate)
            break
    published = page_date(doc, meta, ld, url)
    if published:
        out["published"] = published
    return out


def _json_ld(doc: lxml.html.HtmlElement) -> dict[str, str]:
    for script in doc.xpath("//script[@type='application/ld+json']/text()")[:8]:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data):
            if isinstance(item, dict) and any(k in item for k in ("headline", "datePublished")):
                return {k: v for k, v in item.items() if isinstance(v, str)}
    return {}


def _ld_items(data: object, depth: int = 0):
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data[:20]:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_items(data["@graph"], depth + 1)
