"""Cleaning: a page or a feed item down to its article text.

`page` (HTML and scraped text), `fragment` (a feed item's HTML), `prune` (passes before readability),
`readability_adapter`, `boilerplate` (paragraph rules after it), `metadata` (title and date),
`html_tree` (shared helpers).
"""

from sidelines_tui.clean.fragment import clean_fragment, fragment_blocks_lxml, simple_fragment_blocks
from sidelines_tui.clean.html_tree import looks_binary, looks_like_html
from sidelines_tui.clean.page import clean_html, clean_text
from sidelines_tui.models import CleanPage

__all__ = ["CleanPage", "clean_fragment", "clean_html", "clean_text", "fragment_blocks_lxml", "looks_binary",
           "looks_like_html", "simple_fragment_blocks"]
