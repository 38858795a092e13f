"""Who holds or held office: the curated gazetteer (officials the diplomatic news names most, with their
aliases) and the officials knowledge base built from public data (`build_officials.py`, 61,000 people).

Looked up by full name only: a bare surname never becomes a person here (the base has 12 Morrisons and
89 Smiths). A name's fold (case, accents, punctuation away) is the key.
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sidelines_tui.gazetteer import Gazetteer, short_form


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # canonical: the curated spelling, else the base's
    role: str
    tier: int  # 0 curated, 1 heads, ministers, cabinets, governors, US Congress; 2 national legislators
    short: str  # the form a repeat mention uses


def _spelling_variant(short: str, canonical_short: str) -> bool:
    """An alias's short form that spells the official's own ("Zelenskiy", "Nebenzia", "Sánchez"), not
    another name in the alias ("da Silva" for Lula, "Al Thani" for Tamim)."""
    from difflib import SequenceMatcher

    a, b = fold(short), fold(canonical_short)
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.75


_ASCII_DROP = str.maketrans("", "", "".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) in " '-")))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case, accents and punctuation away (apostrophes, hyphens and spaces kept): the key of a name."""
    text = text.replace("’", "'")
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_DROP).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c) and (c.isalnum() or c in " '-")).split())


@lru_cache(maxsize=1)
def _base() -> tuple[list[str], dict[str, str]]:
    """The public officials base (`build_officials.serialise`): people as their raw lines (name, role, country,
    last year, tier; split when first looked up) and folded name -> their line numbers."""
    with resources.files("sidelines_tui").joinpath("data/officials-kb.tsv.gz").open("rb") as raw:
        return parse_base(gzip.decompress(raw.read()).decode("utf-8"))


def parse_base(text: str) -> tuple[list[str], dict[str, str]]:
    people, _, forms = text.partition("\n\n")
    rows = people.split("\n")[1:]  # after the header
    index = dict(line.split("\t", 1) for line in forms.split("\n") if line)
    return rows, index


class Knowledge:
    """Full names (folded) -> the people of that name."""

    def __init__(self, gazetteer: Gazetteer, use_base: bool = True,
                 base: tuple[list[str], dict[str, str]] | None = None) -> None:
        self.by_name: dict[str, list[Person]] = {}  # the curated gazetteer's names and aliases
        self.curated_shorts: dict[str, set[str]] = {}  # folded short form -> curated canonical names
        self._rows, self._index = base if base is not None else _base() if use_base else ([], {})
        self._people: dict[int, Person] = {}
        for official in gazetteer.officials:
            person = Person(official.name, official.role, 0, official.short or short_form(official.name))
            for form in (official.name, *official.aliases):
                self._add(form, person)
                short = short_form(form)
                if fold(short) == fold(person.short) or _spelling_variant(short, person.short):
                    self.curated_shorts.setdefault(fold(short), set()).add(person.name)  # "Zelenskyy", "Orbán"
            self.curated_shorts.setdefault(fold(person.short), set()).add(person.name)

    def _add(self, form: str, person: Person) -> None:
        people = self.by_name.setdefault(fold(form), [])
        if all(p.name != person.name for p in people):
            people.insert(0, person)

    def lookup(self, name: str) -> list[Person]:
        """The people of this full name: the curated official if there is one, else the base's."""
        key = fold(name)
        curated = self.by_name.get(key)
        if curated:
            return curated
        numbers = self._index.get(key)
        return [self._person(int(number)) for number in numbers.split(",")] if numbers else []

    def _person(self, number: int) -> Person:
        person = self._people.get(number)
        if person is None:
            name, role, _country, _year, tier = self._rows[number].split("\t")
            person = self._people[number] = Person(name, role, int(tier), short_form(name))
        return person
