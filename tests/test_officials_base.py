"""The packaged officials base: its serialised form reads back into the same lookups, a field cannot break
a line, and the packaged file holds the people the tagger relies on."""

from __future__ import annotations

from sidelines_tui.gazetteer import Gazetteer
from sidelines_tui.tag.build_officials import HEADER, Person, serialise
from sidelines_tui.tag.knowledge import Knowledge, fold, parse_base


def _base(people: list[Person]) -> tuple[list[str], dict[str, str]]:
    index: dict[str, list[int]] = {}
    for number, person in enumerate(people):
        for form in sorted({person.name, *person.forms}):
            index.setdefault(fold(form), []).append(number)
    return parse_base(serialise(people, index))


def test_serialised_base_reads_back_into_the_same_people() -> None:
    people = [
        Person("Mitch McConnell", {"Addison Mitchell McConnell"}, "Senator", "United States", 2024, 1),
        Person("José Ramos-Horta", set(), "President", "Timor-Leste", 2023, 1),
        Person("John Smith", set(), "Member of Parliament", "United Kingdom", 2019, 2),
        Person("John Smith", set(), "Representative", "United States", 2001, 2),
    ]
    knowledge = Knowledge(Gazetteer([], [], [], []), base=_base(people))
    assert [(p.name, p.role, p.tier) for p in knowledge.lookup("Mitch McConnell")] == [("Mitch McConnell", "Senator", 1)]
    assert [p.name for p in knowledge.lookup("Addison Mitchell McConnell")] == ["Mitch McConnell"]
    assert [p.name for p in knowledge.lookup("Jose Ramos-Horta")] == ["José Ramos-Horta"]  # folded accents
    assert [p.role for p in knowledge.lookup("John Smith")] == ["Member of Parliament", "Representative"]
    assert knowledge.lookup("McConnell") == []  # a surname alone is nobody


def test_a_tab_or_line_break_in_a_field_cannot_shift_the_columns() -> None:
    people = [Person("Jane\tDoe", set(), "Minister of\nFinance", "Ruritania", 2020, 1)]
    text = serialise(people, {"jane doe": [0]})
    assert text.startswith(HEADER + "\n")
    rows, index = parse_base(text)
    assert rows == ["Jane Doe\tMinister of Finance\tRuritania\t2020\t1"]
    assert index == {"jane doe": "0"}


def test_the_packaged_base_knows_office_holders_by_full_name_only() -> None:
    knowledge = Knowledge(Gazetteer([], [], [], []))
    assert any(p.tier == 1 for p in knowledge.lookup("Nancy Pelosi"))
    assert knowledge.lookup("Pelosi") == []
    assert len(knowledge.lookup("Scott Morrison")) >= 1
