"""readability-lxml as Sidelines uses it: over a tree the prune passes already cleaned.

`PrunedDocument` overrides readability's private `Document._parse`, the one step that parses and cleans
the input, so that readability starts from our pruned tree. A test (`test_readability_adapter.py`) fails
if a readability release stops calling `_parse`, or calls it differently.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import lxml.html

from sidelines_tui.clean.html_tree import block_texts, parse


@lru_cache(maxsize=1)
def pruned_document() -> type:
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


def readable_paragraphs(doc: lxml.html.HtmlElement) -> list[str]:
    try:
        summary = pruned_document()(doc).summary(html_partial=True)
    except Exception:  # readability raises bare Unparseable and assorted lxml errors on odd trees
        return block_texts(doc)
    content = parse(summary)
    if content is None:
        return []
    return block_texts(content)
