"""Where a meeting happens and at which summit: the city the cue's words name (the country when they name
no city), else the city of the summit it is at, else the article's own city (its dateline) when the
meeting is in its days; a call has no place. A place that qualifies a person or a government ("U.S.
President", "China's top diplomat", "Hyderabad House") is not where anyone meets."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

# A trip's origin or a topic, not a venue: "from Beijing", "of Russia", "against Ukraine".
_NOT_THE_PLACE_BEFORE = re.compile(r"(?<!city )(?<!capital )(?<!town )(?<!village )(?<!island )(?<!resort )(?<!port )"
                                   r"\b(?:from|to|of|for|over|against|with|on)\s+(?:the\s+)?$")
# "fly to Washington to meet Obama", "invited Mr Li to Canberra for talks": there "to" names the venue.
_TRIP_TO = re.compile(r"\b(?:fl(?:y|ies|ew|ying)|travel\w*|head\w*|go(?:es|ing)?|went|come|came|arriv\w*|return\w*|"
                      r"invit\w*(?:\s+\S+){1,3}|welcom\w*(?:\s+\S+){1,3})\s+(?:on\s+)?to\s+(?:the\s+)?$", re.I)
_QUALIFIES = re.compile(r"['’]s?\b|\s+(?:[A-Z]|-based|officials?\b|government\b|delegation\b|leaders?\b|forces\b|"
                        r"troops\b|authorities\b|envoys?\b|diplomats?\b)")
_AT = re.compile(r"\b(?:in|at|near|outside|inside|visit\w*|to)\s+(?:the\s+)?(?:\S+\s+){0,4}$")
_CLAUSE_COMMA = re.compile(r",\s+(?![A-Z])")
_SUMMIT_WORDS = re.compile(r"\b(?:summit|sidelines|margins|gathering|conference|forum|meeting\s+of|session|assembly)\b",
                           re.I)
_DATELINE = re.compile(r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{2,30}?)\s*(?:,|\(|[-–—]{1,2}\s)")


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    with resources.files("sidelines_tui").joinpath("data/countries.json").open("rb") as handle:
        return frozenset(json.load(handle)["countries"])


def venues(sentence: str, places: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    """Places of a sentence someone can meet at (name, offset): not "from Beijing", "of Russia", nor a place
    that qualifies a person or body ("U.S. President", "China's", "Hyderabad House")."""
    out = []
    for name, start, end in places:
        before = sentence[max(0, start - 40):start]
        if _QUALIFIES.match(sentence, end):
            continue
        if _NOT_THE_PLACE_BEFORE.search(before[-14:]) and not _TRIP_TO.search(before):
            continue
        out.append((name, start))
    return out


def place_for(venues_in_clause: list[tuple[str, int]], cue: int, cue_end: int, sentence: str,
              nominal: bool, before_clause: str | None) -> str | None:
    """The meeting's place among its clause's venues: those in the cue's own words (to the next comma, or
    the whole clause after a noun), then one "in"/"at" before the cue; a city over a country. A where-
    clause's place is the one it hangs from (`before_clause`: "…from Beijing, where he met Xi")."""
    if before_clause:
        return before_clause
    comma = _CLAUSE_COMMA.search(sentence, cue_end)  # not the commas of a list of names
    limit = len(sentence) if nominal or comma is None else comma.start()
    after = [p for p in venues_in_clause if cue <= p[1] < limit]
    before = [p for p in reversed(venues_in_clause) if p[1] < cue and _AT.search(sentence[max(0, p[1] - 40):p[1]])]
    for group in (after, before):
        cities = [name for name, _ in group if name not in countries()]
        if cities or group:
            return cities[0] if cities else group[0][0]
    return None


def dateline_city(head: str) -> str | None:
    """The city an article's first words name in capitals ("VIENTIANE (Meridian) -", "BEIJING, April 14 --"),
    in its usual spelling ("Xi'an", "New Delhi")."""
    match = _DATELINE.match(head)
    if not match:
        return None
    return " ".join(w[0] + w[1:].lower() for w in match.group("city").split())


def refers_to_summit(clause: str) -> bool:
    return bool(_SUMMIT_WORDS.search(clause))
