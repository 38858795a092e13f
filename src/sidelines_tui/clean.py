"""Clean a page (HTML or scraped plain text) down to its article body, title and publication date.

readability-lxml finds the body; before it we prune what can never be body (scripts, navigation,
figures, hidden and widget elements) and after it we drop what it lets through (captions, credits,
appeals, related-story headlines, UI strings), then normalise the text.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import lru_cache

import lxml.etree
import lxml.html

from sidelines_tui import boilerplate
from sidelines_tui.dates import dateline, parse_date
from sidelines_tui.decode import decode_bytes
from sidelines_tui.safe_text import normalise_paragraphs, one_line, strip_unsafe

MAX_NODES = 200_000  # a 10 MB page of nested divs is cut here rather than eating the machine


@dataclass(slots=True)
class CleanPage:
    title: str
    text: str
    published: str | None


_DROP_TAGS = (
    "script", "style", "noscript", "svg", "iframe", "button", "select", "input", "textarea",
    "template", "object", "embed", "video", "audio", "canvas", "map", "link", "meta", "head",
)
_DROP_XPATH = "|".join(f"//{tag}" for tag in _DROP_TAGS)
# Dropped unless they hold most of the page's prose (some sites wrap the whole page in a <form>).
_CHROME_TAGS = {"form", "nav", "footer", "aside", "figure", "figcaption", "header", "dialog", "menu"}
# Widget-like class/id words. Matched on whole tokens of the attribute (split at spaces, "-", "_" and
# camelCase: newsCaption, shareButtons), so "shared" or "relatedness" don't count.
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-]|(?<=[a-z])(?=[A-Z]))(?i:share|sharing|social|related|recommend(?:ed|ations)?|newsletter|subscribe|"
    r"promo|advert(?:isement)?|ad-?slot|sponsored|comments?|caption|breadcrumbs?|author-bio|"
    r"donate|donation|cookie|popup|modal|sidebar|most-?popular|trending|more-stories|outbrain|"
    r"taboola|signup|visually-hidden|sr-only)(?:$|[\s_-]|(?=[A-Z]))",
)
# Hover cards: a person's photo, bio and latest stories, wrapped with the name they pop up from. The card
# goes; the name, in a short wrapper of the same class, is the sentence's own ("Rep. Ilhan Omar").
_HOVER_WORDS = re.compile(r"(?:^|[\s_-])(?:tooltip|popover|hovercard|rollover)(?:$|[\s_-])", re.I)
_HOVER_NAME_CHARS = 80
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CELLS = {"td", "th"}  # a table row reads as one line, its cells separated by spaces
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
           "tr", "div", "section", "article", "main", "ul", "ol", "dl", "table", "br", "hr", "header",
           "center", "address", "figure"}


@lru_cache(maxsize=1)
def _pruned_document() -> type:
    """readability's Document over a tree `_prune` already cleaned (scripts, styles, comments, hidden
    elements): its own cleaning pass and link rewriting cost a third of the time and change no text. A
    copy keeps its retry pass working on the original tree, as its cleaner's copy did. Built on first
    use: readability (and chardet) take 65 ms to import, which a refresh of feed text alone never needs."""
    from readability import Document

    class PrunedDocument(Document):
        def _parse(self, input):  # noqa: A002 (readability's signature)
            self.encoding = "utf-8"
            return copy.deepcopy(input)

    return PrunedDocument


def clean_html(html: str | bytes, url: str | None = None, charset: str | None = None,
               fallback_title: str = "") -> CleanPage:
    """The article body of an HTML page. Never raises on bad input; returns empty text instead."""
    if isinstance(html, bytes):
        html = decode_bytes(html, charset)
    if looks_binary(html):
        return CleanPage(title=one_line(fallback_title), text="", published=None)
    doc = _parse(html)
    if doc is None:
        return CleanPage(title=one_line(fallback_title), text="", published=None)
    meta = _metadata(doc)
    title = meta.get("title") or fallback_title
    _prune(doc)
    paragraphs = _readable_paragraphs(doc)
    paragraphs = boilerplate.filter_paragraphs(paragraphs, title=title)
    return CleanPage(title=one_line(title), text=normalise_paragraphs(paragraphs),
                     published=meta.get("published"))


def clean_fragment(html: str) -> str:
    """Plain text of a feed's summary or content HTML (no body detection: it is all body)."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return normalise_paragraphs(_unescape(html).split("\n\n"))
    blocks = simple_fragment_blocks(html)
    if blocks is None:
        blocks = fragment_blocks_lxml(html)
    return normalise_paragraphs(boilerplate.filter_paragraphs(blocks, title=""))


def fragment_blocks_lxml(html: str) -> list[str]:
    doc = _parse(f"<div>{html}</div>")
    if doc is None:
        return []
    for el in list(doc.iter(*_DROP_TAGS)):
        _drop(el)
    return _block_texts(doc)


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
            text = _unescape("".join(current)).strip()
            if text:
                blocks.append(text)
            current.clear()
    current.append(html[position:])
    text = _unescape("".join(current)).strip()
    if text:
        blocks.append(text)
    return blocks


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


def _unescape(text: str) -> str:
    import html as html_module

    return html_module.unescape(text)


def _parse(html: str) -> lxml.html.HtmlElement | None:
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


_DATE_META = ("article:published_time", "article:published", "datepublished", "pubdate", "publishdate", "date",
              "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time")


def _metadata(doc: lxml.html.HtmlElement) -> dict[str, str]:
    """Title and publication date from meta tags, JSON-LD, <h1>/<title>, <time> or a dateline."""
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
    date_candidates = [meta.get("article:published_time", ""), ld.get("datePublished", ""),
                       *(meta.get(key, "") for key in _DATE_META[1:])]
    for candidate in date_candidates:
        parsed = parse_date(candidate) if isinstance(candidate, str) and candidate else None
        if parsed:
            out["published"] = parsed
            return out
    marked = doc.xpath("//*[@itemprop='datePublished']")[:1]  # <span itemprop="datePublished">Feb 16, 2018</span>
    marked_dates = [el.get("datetime") or el.get("content") or el.text_content()[:80] for el in marked]
    for candidate in (*marked_dates, *doc.xpath("//time/@datetime")[:1]):
        parsed = parse_date(candidate)
        if parsed:
            out["published"] = parsed
            return out
    for node in doc.xpath("//*[contains(@class,'date') or contains(@class,'dateline')]")[:5]:
        parsed = parse_date(node.text_content()[:80])
        if parsed:
            out["published"] = parsed
            break
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


def _drop(el: lxml.html.HtmlElement) -> None:
    if el.getparent() is not None:
        el.drop_tree()


def _prune(doc: lxml.html.HtmlElement) -> None:
    for el in list(doc.iter(*_DROP_TAGS)):
        _drop(el)
    body = doc.find("body")
    root = body if body is not None else doc
    total = len(root.text_content()) or 1
    count = int(root.xpath("count(.//*)"))
    if count > MAX_NODES:  # a pathological page: keep the first MAX_NODES elements' worth
        for index, el in enumerate(root.iter()):
            if index >= MAX_NODES:
                parent = el.getparent()
                if parent is not None:
                    for rest in list(parent):
                        _drop(rest)
                break
    for el in list(root.iter(*_CHROME_TAGS)):
        if el.getparent() is not None and not _holds_much_text(el, total):
            _drop(el)
    # An embedded tweet quoted in the article is the article's text (the benchmark's gold keeps every
    # one); readability drops any element whose class says "twitter" as an unlikely candidate.
    # Its wrappers ("social-media-embed") would go as widgets: a wrapper that holds only the tweet is
    # unwrapped.
    for quote in [q for q in root.iter("blockquote") if "twitter-tweet" in (q.get("class") or "")]:
        quote.attrib.pop("class")
        wrapper = quote.getparent()
        while (wrapper is not None and wrapper is not root and wrapper.tag in ("div", "figure", "section", "span")
               and len(wrapper) == 1 and not (wrapper.text or "").strip() and not (quote.tail or "").strip()):
            above = wrapper.getparent()
            wrapper.drop_tag()
            wrapper = above
    # Three paragraphs in a row that are each one short link and nothing else are a list of other
    # stories ("You may also like..."); one such paragraph may be the article's own pointer.
    link_paras = root.xpath(".//p[a][count(*) = 1][not(text()[normalize-space()])]")
    linked = {p for p in link_paras if len(p.text_content().split()) <= 15}
    for para in link_paras:
        if para not in linked:
            continue
        run = [para]
        while (sibling := run[-1].getnext()) is not None and sibling in linked:
            run.append(sibling)
        linked.difference_update(run)
        if len(run) >= 3:
            for item in run:
                _drop(item)
    # Empty wrappers (no text, no image) are most of a modern page's elements and only slow
    # readability down; libxml2 finds them in one pass.
    for el in root.xpath(".//*[self::div or self::span or self::section or self::ul or self::li or self::a]"
                         "[not(normalize-space())][not(.//img)]"):
        if el.getparent() is not None:
            _drop(el)
    # Lists whose every word is a link are menus and related-story lists, never body prose.
    for el in root.xpath(".//ul[.//a][not(.//text()[normalize-space()][not(ancestor::a)])]"):
        if el.getparent() is not None and not _holds_much_text(el, total):
            _drop(el)
    # Only elements with attributes can be hidden or carry a widget class: select them in C.
    marked = [(el, f"{el.get('class', '')} {el.get('id', '')}")
              for el in root.xpath(".//*[@class or @id or @style or @hidden or @aria-hidden]")]
    if _HOVER_WORDS.search("\n".join(attrs for _, attrs in marked)):  # one scan; most pages have none
        for el, attrs in reversed(marked):  # innermost first: the card goes before its wrapper is judged
            if _HOVER_WORDS.search(attrs) and el.getparent() is not None:
                if len(el.text_content()) > _HOVER_NAME_CHARS or el.find(".//img") is not None:
                    _drop(el)
    for el, attrs in marked:
        if el.getparent() is None or not isinstance(el.tag, str):
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            _drop(el)
            continue
        style = el.get("style")
        if style and _HIDDEN_STYLE.search(style):
            _drop(el)
            continue
        if el.tag in {"body", "html", "article", "main"}:
            continue
        if _CHROME_WORDS.search(attrs) and not _holds_much_text(el, total):
            _drop(el)


def _holds_much_text(el: lxml.html.HtmlElement, total: int) -> bool:
    """A chrome-looking tag or class on a container that holds much of the prose is a false alarm."""
    text_len = len(el.text_content())
    if text_len > 0.25 * total:
        return True
    prose = [len(p.text_content()) for p in el.iter("p")]
    return len(prose) >= 3 and sum(prose) > 800


def _readable_paragraphs(doc: lxml.html.HtmlElement) -> list[str]:
    try:
        summary = _pruned_document()(doc).summary(html_partial=True)
    except Exception:  # readability raises bare Unparseable and assorted lxml errors on odd trees
        return _block_texts(doc)
    content = _parse(summary)
    if content is None:
        return []
    return _block_texts(content)


def _block_texts(root: lxml.html.HtmlElement) -> list[str]:
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
        block = tag in _BLOCKS
        if block:
            flush()
        if tag in _CELLS and current and not current[-1].endswith(" "):
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
