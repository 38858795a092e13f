"""Tagging: officials (`officials`), summits (`summits`), places, organisations and dates (`tagger`),
over word lists kept as data (`lexicon`) and regex building blocks (`patterns`)."""

from sidelines_tui.tag.tagger import Tagger, tag_text, tagger_for

__all__ = ["Tagger", "tag_text", "tagger_for"]
