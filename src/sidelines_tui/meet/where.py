"""Where a meeting happens and at which summit: the city the cue's clause names (the country when it names
no city), a summit it names or, for "on the sidelines of the summit", the summit the article is about; a
call has no place."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_NOT_THE_PLACE_BEFORE = re.compile(r"(?<!city )(?<!capital )(?<!town )(?<!village )(?<!island )(?<!resort )(?<!port )"
                                   r"\b(?:from|to|of|for|over|against|with)\s+(?:the\s+)?$")
_SUMMIT_WORDS = re.compile(r"\b(?:summit|sidelines|margins|gathering|conference|forum|meeting\s+of|session)\b", re.I)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    with resources.files("sidelines_tui").joinpath("data/countries.json").open("rb") as handle:
        return frozenset(json.load(handle)["countries"])


def place_for(clause_places: list[tuple[str, int]], cue: int, before_clause: str | None) -> str | None:
    """The meeting's place among the places of its clause (name, offset): a city over a country, after the
    cue first; `before_clause` is the place a where-clause hangs from ("…from Beijing, where he met Xi")."""
    if before_clause:
        return before_clause
    if not clause_places:
        return None
    ordered = [p for p in clause_places if p[1] >= cue] + [p for p in reversed(clause_places) if p[1] < cue]
    cities = [name for name, _ in ordered if name not in countries()]
    return cities[0] if cities else ordered[0][0]


def usable_places(sentence: str, places: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    """Places a meeting can be at: not "from Beijing", "to Moscow" (a trip), "of Russia"."""
    return [(name, start) for name, start, _ in places
            if not _NOT_THE_PLACE_BEFORE.search(sentence[max(0, start - 14):start])]


def refers_to_summit(clause: str) -> bool:
    return bool(_SUMMIT_WORDS.search(clause))
