"""Build the packaged officials knowledge base (`data/officials-kb.tsv.gz`) from public data.

    python -m sidelines_tui.tag.build_officials ../shared/officials-data [OUT]

Sources (each public domain or CC0; see the README's gazetteer section): the US Congress and executive
(unitedstates/congress-legislators), the CIA's world leaders and cabinets (2019), Wikidata office-holders of
45 countries and international organisations (every-politician-scrapers). One record per person: the
canonical name, the name forms a paper prints (middle initials, suffixes and disambiguators dropped,
nickname + surname), the latest office, its country, the last year held, and a tier: 1 for heads of state
and government, ministers, cabinet and sub-cabinet offices, governors and the current US Congress; 2 for
national legislators. Regional assemblies and names without a Latin-script label are left out.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

_SUFFIX = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+")
_REGIONAL = re.compile(r"Catalonia|Basque|Cortes of|Assembly of Madrid|Provincial Assembly|Regional|Parliament of Andalusia"
                       r"|Galicia|Valencia|Canary|Balearic|Aragon|Navarre|Asturias|Cantabria|Murcia|La Rioja|Extremadura"
                       r"|Castile|Scottish Parliament|Senedd|Northern Ireland Assembly|Legislative Assembly of"
                       r"|State Assembly|Council of Europe|deputy member|Substitute"
                       r"|[A-Z][\w ]* Legislative Assembly|Legislative Council|Provincial Legislature|Landtag", re.I)
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’.\- ]+$")
MIN_BIRTH_YEAR = 1920  # historical US legislators: only people who can be in today's news


@dataclass
class Person:
    name: str
    forms: set[str] = field(default_factory=set)
    role: str = ""
    country: str = ""
    last_year: int = 0
    tier: int = 2

    def take(self, role: str, country: str, year: int, tier: int) -> None:
        if tier < self.tier or (tier == self.tier and year >= self.last_year):
            self.role, self.country = role or self.role, country or self.country
        self.last_year = max(self.last_year, year)
        self.tier = min(self.tier, tier)


def name_forms(name: str) -> set[str]:
    """The ways a paper prints a name: as given, without a disambiguator, suffix or middle initials."""
    base = " ".join(_BRACKETS.sub("", name).split())
    forms = {base}
    bare = _SUFFIX.sub("", base)
    forms.add(bare)
    forms.add(" ".join(_INITIAL.sub("", bare + " ").split()))
    return {f for f in forms if len(f.split()) >= 2 and _LATIN.match(f)}


def _year(text: str | None) -> int:
    match = re.match(r"\d{4}", text or "")
    return int(match.group()) if match else 0


class Builder:
    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def add(self, key: str, name: str, role: str, country: str, year: int, tier: int, extra: tuple[str, ...] = ()) -> None:
        forms = name_forms(name)
        for more in extra:
            forms |= name_forms(more)
        if not forms:
            return
        person = self.people.get(key)
        if person is None:
            canonical = min((f for f in forms if "(" not in f), key=lambda f: (f.count(".") > 0, -len(f.split()), f))
            person = self.people[key] = Person(canonical)
        person.forms |= forms
        person.take(role, country, year, tier)

    def congress(self, folder: Path) -> None:
        roles = {"sen": "U.S. Senator", "rep": "U.S. Representative", "prez": "President of the United States",
                 "viceprez": "Vice President of the United States"}
        for row in csv.DictReader((folder / "people-flat.csv").open(encoding="utf-8")):
            first, last, nick = row["first"], row["last"], row["nickname"]
            extra = tuple(f for f in (f"{first} {last}", f"{nick} {last}" if nick else "", row["other_names"]) if f)
            self.add("us:" + (row["bioguide"] or row["name"]), row["name"], roles.get(row["last_term_type"], "U.S. official"),
                     "United States", _year(row["last_end"]), 1, extra)
        for row in csv.DictReader((folder / "legislators-historical-lastterm.csv").open(encoding="utf-8")):
            if _year(row["birthday"]) < MIN_BIRTH_YEAR:
                continue
            first, last, nick = row["first_name"], row["last_name"], row["nickname"]
            extra = (f"{nick} {last}",) if nick else ()
            self.add("us:" + row["bioguide_id"], row["full_name"] or f"{first} {last}",
                     roles.get(row["type"], "U.S. legislator"), "United States", 0, 2, (f"{first} {last}", *extra))

    def cia(self, folder: Path) -> None:
        for row in csv.DictReader((folder / "officials.csv").open(encoding="utf-8")):
            self.add(f"cia:{row['country']}:{_fold(row['name'])}", row["name"], row["title"], row["country"], 2019, 1)

    def wikidata(self, folder: Path) -> None:
        tier_one = ("holders21.csv", "heads-of-state-government.csv", "foreign-ministers.csv", "us-governors.csv")
        for file_name in (*tier_one, "legislators.csv"):
            for row in csv.DictReader((folder / file_name).open(encoding="utf-8")):
                if file_name == "legislators.csv" and _REGIONAL.search(row["position"]):
                    continue
                extra = (row["label_variant"],) if row.get("label_variant") else ()
                key = "wd:" + row["wikidata_id"] if row["wikidata_id"] else f"wd:{row['country']}:{_fold(row['person'])}"
                self.add(key, row["person"], row["position"], row["country"], _year(row["end"]) or 2023,
                         1 if file_name in tier_one else 2, extra)

    def merged(self) -> list[Person]:
        """People from several sources (CIA and Wikidata ministers, Congress and Wikidata senators) become
        one record where the name and the country agree."""
        by_name: dict[tuple[str, str], Person] = {}
        for person in self.people.values():
            key = (_fold(person.name), person.country)
            other = by_name.get(key)
            if other is None:
                by_name[key] = person
                continue
            other.forms |= person.forms
            other.take(person.role, person.country, person.last_year, person.tier)
        return sorted(by_name.values(), key=lambda p: (p.name, p.country))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def build(source: Path) -> tuple[list[Person], dict[str, list[int]]]:
    """People and the index the tagger reads: each name form, folded as the tagger folds names, to the
    people who bear it (built here, so loading the base is a split of two blocks of lines)."""
    from sidelines_tui.tag.knowledge import fold

    builder = Builder()
    builder.congress(source / "us-congress")
    builder.cia(source / "cia-world-leaders-2019")
    builder.wikidata(source / "wikidata-officeholders")
    people = builder.merged()
    index: dict[str, list[int]] = {}
    for number, person in enumerate(people):
        for form in sorted({person.name, *person.forms}):
            ids = index.setdefault(fold(form), [])
            if number not in ids:
                ids.append(number)
    return people, index


def _cell(value: object) -> str:
    return " ".join(str(value).split())  # no tab or line break inside a field


def serialise(people: list[Person], index: dict[str, list[int]]) -> str:
    """The packaged form: a header, one line per person (name, role, country, last year, tier, tab-separated),
    a blank line, then one line per folded name form with its people's line numbers. Loading it is two
    splits and a dict of strings (about 40 ms, against 160 ms for the same data as JSON)."""
    lines = [HEADER]
    lines += ["\t".join(_cell(v) for v in (p.name, p.role, p.country, p.last_year, p.tier)) for p in people]
    lines.append("")
    lines += [f"{_cell(key)}\t{','.join(map(str, ids))}" for key, ids in index.items() if key]
    return "\n".join(lines) + "\n"


HEADER = "# sidelines officials knowledge base 1: name, role, country, last_year, tier; then folded name form, people"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) > 1 else Path(__file__).resolve().parents[1] / "data" / "officials-kb.tsv.gz"
    people, index = build(Path(args[0]))
    # mtime 0: the same data gives the same bytes (the file is committed).
    out.write_bytes(gzip.compress(serialise(people, index).encode("utf-8"), compresslevel=9, mtime=0))
    tier1 = sum(1 for p in people if p.tier == 1)
    print(f"{len(people)} people ({tier1} tier 1), {len(index)} name forms -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
