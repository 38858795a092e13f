"""The readability adapter overrides readability-lxml's private `Document._parse`: these tests fail if a
readability release stops parsing through it, so the override cannot silently stop taking effect."""

from __future__ import annotations

import lxml.html

from sidelines_tui.clean.readability_adapter import pruned_document, readable_paragraphs

PROSE = " ".join(["Sergei Lavrov met Wang Yi on the sidelines of the summit, officials said."] * 6)
PAGE = f"""<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav>
<article><p>{PROSE}</p><p>{PROSE} Second paragraph.</p></article><div class="x">Footer text</div></body></html>"""


def test_readability_parses_its_input_through_the_method_we_override():
    from readability import Document

    seen: list[object] = []

    class Spy(Document):
        def _parse(self, input):  # noqa: A002
            seen.append(input)
            return super()._parse(input)

    summary = Spy(PAGE).summary(html_partial=True)
    assert seen and all(item == PAGE for item in seen)  # every parse goes through _parse, with the input
    assert "Second paragraph" in summary


def test_the_pruned_document_reads_our_tree_and_leaves_it_untouched():
    tree = lxml.html.document_fromstring(PAGE)
    for el in tree.xpath("//nav"):  # pruned before readability: it must not come back
        el.drop_tree()
    before = lxml.html.tostring(tree)
    calls: list[object] = []
    document = pruned_document()

    class Counting(document):
        def _parse(self, input):  # noqa: A002
            calls.append(input)
            return super()._parse(input)

    Counting(tree).summary(html_partial=True)
    assert calls and all(item is tree for item in calls)  # handed our tree object, not a string
    assert lxml.html.tostring(tree) == before  # readability worked on a copy
    paragraphs = readable_paragraphs(tree)
    assert paragraphs[0] == PROSE and paragraphs[1].endswith("Second paragraph.")
    assert not any("Home" in p for p in paragraphs)
