"""The tagger: officials, summits, places, organisations and dates in an article's clean text, each with
offsets into the text it was found in; overlaps settled so each character has at most one entity."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from sidelines_tui.gazetteer import Gazetteer, load_gazetteer
from sidelines_tui.models import Mention
from sidelines_tui.tag.candidates import Candidate, resolve_overlaps
from sidelines_tui.tag.lexicon import Lexicon, load_lexicon
from sidelines_tui.tag.officials import OfficialFinder
from sidelines_tui.tag.patterns import DATE, RIGHT, capitalised, literal_trie
from sidelines_tui.tag.summits import SummitFinder


class Tagger:
    """Compiled once per gazetteer; `tag` is pure and safe to call from many threads."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self.gazetteer = gazetteer
        self.officials = OfficialFinder(gazetteer, lexicon or load_lexicon())
        self.summits = SummitFinder(gazetteer)

    # Places and organisations are only tagged in full (the reader, `extract`): compiled on first use,
    # they cost a refresh's workers nothing (15 ms each).
    @cached_property
    def _places_re(self) -> re.Pattern:
        return re.compile(rf"{literal_trie(capitalised(self.gazetteer.places))}{RIGHT}")

    @cached_property
    def _orgs_re(self) -> re.Pattern:
        return re.compile(rf"{literal_trie(capitalised(self.gazetteer.orgs))}{RIGHT}")

    def places_in(self, text: str) -> list[tuple[str, int, int]]:
        """Place names in a piece of text (what a meeting's place is chosen from)."""
        return [(m.group(0), m.start(), m.end()) for m in self._places_re.finditer(text)]

    def tag(self, text: str, *, full: bool = True) -> list[Mention]:
        """All mentions; with `full=False` only officials and summits (what the store indexes), which
        is what a bulk refresh needs: the reader re-tags one article in full when it opens it."""
        if not text:
            return []
        candidates: list[Candidate] = []
        self.officials.find(text, candidates)
        self.summits.find(text, candidates)
        if not full:
            return resolve_overlaps(candidates)
        for match in self._orgs_re.finditer(text):
            candidates.append(Candidate("org", match.group(0), match.start(), match.end(), 20))
        for match in self._places_re.finditer(text):
            candidates.append(Candidate("place", match.group(0), match.start(), match.end(), 30))
        for match in DATE.finditer(text):
            candidates.append(Candidate("date", match.group(0), match.start(), match.end(), 40))
        return resolve_overlaps(candidates)


@lru_cache(maxsize=4)
def tagger_for(extra_dir: str | None = None) -> Tagger:
    folder = Path(extra_dir) if extra_dir else None
    return Tagger(load_gazetteer(folder), load_lexicon(folder))


def tag_text(text: str, extra_dir: str | None = None) -> list[Mention]:
    return tagger_for(extra_dir).tag(text)
