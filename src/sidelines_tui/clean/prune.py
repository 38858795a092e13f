"""Prune passes: what can never be article body goes before readability looks at the page.

Each pass is a named function over the page's root element and its total text length; `prune` runs them
in order. Widget and chrome rules are about kinds of elements found on many sites, never one site.
"""

from __future__ import annotations

import re

import lxml.html

from sidelines_tui.clean.html_tree import NEVER_BODY_TAGS, drop

MAX_NODES = 200_000  # a 10 MB page of nested divs is cut here rather than eating the machine
# Dropped unless they hold most of the page's prose (some sites wrap the whole page in a <form>).
CHROME_TAGS = {"form", "nav", "footer", "aside", "figure", "figcaption", "header", "dialog", "menu"}
# Widget-like class/id words. Matched on whole tokens of the attribute (split at spaces, "-", "_" and
# camelCase: newsCaption, shareButtons), so "shared" or "relatedness" don't count.
CHROME_WORDS = re.compile(
    r"(?:^|[\s_-]|(?<=[a-z])(?=[A-Z]))(?i:share|sharing|social|related|recommend(?:ed|ations)?|newsletter|subscribe|"
    r"promo|advert(?:isement)?|ad-?slot|sponsored|comments?|caption|breadcrumbs?|author-bio|"
    r"donate|donation|cookie|popup|modal|sidebar|most-?popular|trending|more-stories|outbrain|"
    r"taboola|signup|visually-hidden|sr-only)(?:$|[\s_-]|(?=[A-Z]))",
)
# Hover cards: a person's photo, bio and latest stories, wrapped with the name they pop up from. The card
# goes; the name, in a short wrapper of the same class, is the sentence's own ("Rep. Ilhan Omar").
HOVER_WORDS = re.compile(r"(?:^|[\s_-])(?:tooltip|popover|hovercard|rollover)(?:$|[\s_-])", re.I)
HOVER_NAME_CHARS = 80
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
LINK_LIST_RUN = 3  # this many one-link paragraphs in a row are a list of other stories
LINK_PARAGRAPH_WORDS = 15


# Controls that can never hold body text, unless a parser accident put the page inside one: an unclosed
# <button> in a header swallows everything after it. Such a control is unwrapped, not dropped.
SWALLOWING = ("button", "select", "label", "textarea", "noscript")
# A hidden element holding most of the page's text is the body a script reveals (React streams its
# content into <div hidden> and moves it in place): kept, where any other hidden element goes.
HIDDEN_BODY_SHARE = 0.5


def prune(doc: lxml.html.HtmlElement) -> None:
    body = doc.find("body")
    root = body if body is not None else doc
    before = len(root.text_content()) or 1
    for el in list(doc.iter(*NEVER_BODY_TAGS)):
        if el.getparent() is None:
            continue
        if el.tag in SWALLOWING and el.tag != "noscript" and _holds_paragraphs(el, before):
            el.drop_tag()
        else:
            drop(el)
    total = len(root.text_content()) or 1
    for step in PASSES:
        step(root, total)


def _holds_paragraphs(el: lxml.html.HtmlElement, total: int) -> bool:
    return len(el.text_content()) > 0.25 * total and len(el.findall(".//p")) >= 2


def holds_much_text(el: lxml.html.HtmlElement, total: int) -> bool:
    """A chrome-looking tag or class on a container that holds much of the prose is a false alarm."""
    text_len = len(el.text_content())
    if text_len > 0.25 * total:
        return True
    prose = [len(p.text_content()) for p in el.iter("p")]
    return len(prose) >= 3 and sum(prose) > 800


def cap_element_count(root: lxml.html.HtmlElement, total: int) -> None:
    """A pathological page: keep the first MAX_NODES elements' worth."""
    if int(root.xpath("count(.//*)")) <= MAX_NODES:
        return
    for index, el in enumerate(root.iter()):
        if index >= MAX_NODES:
            parent = el.getparent()
            if parent is not None:
                for rest in list(parent):
                    drop(rest)
            break


def drop_chrome_tags(root: lxml.html.HtmlElement, total: int) -> None:
    for el in list(root.iter(*CHROME_TAGS)):
        if el.getparent() is not None and not holds_much_text(el, total):
            drop(el)


def keep_embedded_tweets(root: lxml.html.HtmlElement, total: int) -> None:
    """An embedded tweet quoted in the article is the article's text (the benchmark's gold keeps every
    one); readability drops any element whose class says "twitter" as an unlikely candidate. Its wrappers
    ("social-media-embed") would go as widgets: a wrapper that holds only the tweet is unwrapped."""
    for quote in [q for q in root.iter("blockquote") if "twitter-tweet" in (q.get("class") or "")]:
        quote.attrib.pop("class")
        wrapper = quote.getparent()
        while (wrapper is not None and wrapper is not root and wrapper.tag in ("div", "figure", "section", "span")
               and len(wrapper) == 1 and not (wrapper.text or "").strip() and not (quote.tail or "").strip()):
            above = wrapper.getparent()
            wrapper.drop_tag()
            wrapper = above


def drop_link_paragraph_runs(root: lxml.html.HtmlElement, total: int) -> None:
    """Three paragraphs in a row that are each one short link and nothing else are a list of other
    stories ("You may also like..."); one such paragraph may be the article's own pointer."""
    link_paras = root.xpath(".//p[a][count(*) = 1][not(text()[normalize-space()])]")
    linked = {p for p in link_paras if len(p.text_content().split()) <= LINK_PARAGRAPH_WORDS}
    for para in link_paras:
        if para not in linked:
            continue
        run = [para]
        while (sibling := run[-1].getnext()) is not None and sibling in linked:
            run.append(sibling)
        linked.difference_update(run)
        if len(run) >= LINK_LIST_RUN:
            for item in run:
                drop(item)


def drop_empty_wrappers(root: lxml.html.HtmlElement, total: int) -> None:
    """Empty wrappers (no text, no image) are most of a modern page's elements and only slow readability
    down; libxml2 finds them in one pass."""
    for el in root.xpath(".//*[self::div or self::span or self::section or self::ul or self::li or self::a]"
                         "[not(normalize-space())][not(.//img)]"):
        if el.getparent() is not None:
            drop(el)


def drop_link_only_lists(root: lxml.html.HtmlElement, total: int) -> None:
    """Lists whose every word is a link are menus and related-story lists, never body prose."""
    for el in root.xpath(".//ul[.//a][not(.//text()[normalize-space()][not(ancestor::a)])]"):
        if el.getparent() is not None and not holds_much_text(el, total):
            drop(el)


def drop_hidden_and_widgets(root: lxml.html.HtmlElement, total: int) -> None:
    """Hover cards, hidden elements and widgets (by class or id). Only elements with attributes can be
    any of those: libxml2 selects them."""
    marked = [(el, f"{el.get('class', '')} {el.get('id', '')}")
              for el in root.xpath(".//*[@class or @id or @style or @hidden or @aria-hidden]")]
    _drop_hover_cards(marked)
    for el, attrs in marked:
        if el.getparent() is None or not isinstance(el.tag, str):
            continue
        style = el.get("style")
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" or (style and HIDDEN_STYLE.search(style)):
            if len(el.text_content()) > HIDDEN_BODY_SHARE * total:
                continue  # the page's body, hidden until a script reveals it
            drop(el)
            continue
        if el.tag in {"body", "html", "article", "main"}:
            continue
        if CHROME_WORDS.search(attrs) and not holds_much_text(el, total):
            drop(el)


def _drop_hover_cards(marked: list[tuple[lxml.html.HtmlElement, str]]) -> None:
    if not HOVER_WORDS.search("\n".join(attrs for _, attrs in marked)):  # one scan; most pages have none
        return
    for el, attrs in reversed(marked):  # innermost first: the card goes before its wrapper is judged
        if HOVER_WORDS.search(attrs) and el.getparent() is not None:
            if len(el.text_content()) > HOVER_NAME_CHARS or el.find(".//img") is not None:
                drop(el)


PASSES = (cap_element_count, drop_chrome_tags, keep_embedded_tweets, drop_link_paragraph_runs,
          drop_empty_wrappers, drop_link_only_lists, drop_hidden_and_widgets)
