"""The tagger: canonical officials, short mentions, titles, summits, and the look-alikes it must skip."""

from __future__ import annotations

import json

import pytest

from sidelines_tui.gazetteer import load_gazetteer
from sidelines_tui.tag import Tagger, tag_text


def officials(text: str) -> list[str]:
    return sorted({m.name for m in tag_text(text) if m.kind == "official"})


def summits(text: str) -> list[str]:
    return sorted({m.name for m in tag_text(text) if m.kind == "summit"})


def test_spelling_variants_resolve_to_one_canonical_name():
    assert officials("Sergey Lavrov met reporters. Later Sergei Lavrov left.") == ["Sergei Lavrov"]


def test_surnames_as_papers_print_them_with_their_accents():
    text = ("Spanish Prime Minister Pedro Sánchez arrived. Hungary's Orbán met Sánchez in Brussels. "
            "Mr. Vučić was absent. Erdoğan, speaking in Ankara, said Orban and Sanchez were welcome.")
    mentions = [m for m in tag_text(text) if m.kind == "official"]
    found = [(text[m.start:m.end], m.name) for m in mentions]
    assert found == [("Pedro Sánchez", "Pedro Sanchez"), ("Orbán", "Viktor Orban"), ("Sánchez", "Pedro Sanchez"),
                     ("Vučić", "Aleksandar Vucic"), ("Erdoğan", "Recep Tayyip Erdogan"), ("Orban", "Viktor Orban"),
                     ("Sanchez", "Pedro Sanchez")]
    # other spellings of the surname (Reuters, AP, the official one) count alone too; other names in an
    # alias don't: "da Silva" is not a short form of Lula
    assert officials("Zelenskiy met Lukashenka's envoy; later Zelenskyy spoke.") == ["Alexander Lukashenko",
                                                                                    "Volodymyr Zelensky"]
    assert officials("Maria da Silva won the race.") == []
    # a common surname counts only after the full name, accented or not
    assert officials("Sánchez scored twice.") == officials("Sanchez scored twice.") == []


def test_surname_and_honorific_mentions_resolve_to_full_name_in_article():
    text = "Foreign Minister Jane Okafor-Smith arrived. Ms. Okafor-Smith said little. Okafor-Smith left."
    mentions = [m for m in tag_text(text) if m.kind == "official"]
    assert {m.name for m in mentions} == {"Jane Okafor-Smith"}
    assert len(mentions) == 3


@pytest.mark.parametrize("title", ["Foreign Minister", "President", "Secretary of State", "Special Envoy",
                                   "Prime Minister"])
def test_unknown_officials_found_by_title(title):
    assert officials(f"The talks were led by {title} Ardan Velkov on Monday.") == ["Ardan Velkov"]


def test_title_with_scope_before_the_name():
    assert officials("UN Special Envoy on Syria Staffan de Mistura spoke.") == ["Staffan de Mistura"]


def test_president_surname_resolves_through_gazetteer():
    assert officials("President Macron said the plan was ready.") == ["Emmanuel Macron"]


@pytest.mark.parametrize("text, code", [
    ("leaders gathered for the Group of 20 summit", "G20"),
    ("on the sidelines of the G-20 meeting", "G20"),
    ("at the Asia-Pacific Economic Cooperation forum", "APEC"),
    ("the Shanghai Cooperation Organisation met", "SCO"),
    ("a NATO summit in Vilnius", "NATO"),
    ("the EU-China summit opened", "EU"),
    ("leaders met at the Pacific Islands Forum in Tonga", "PIF"),
    ("Modi hosted the Quad summit in Wilmington", "Quad"),
    ("the Gulf Cooperation Council summit in Doha", "GCC"),
    ("Lula attended the Mercosur summit in Montevideo", "Mercosur"),
    ("the Group of 77 met in Havana", "G77"),
])
def test_summits_from_codes_and_long_names(text, code):
    assert summits(text) == [code]


@pytest.mark.parametrize("text", ["GCC states trade with China.", "Mercosur signed a trade deal.",
                                  "A quad bike race.", "The quad was empty."])
def test_an_organisation_named_without_a_summit_is_not_one(text):
    assert summits(text) == []


@pytest.mark.parametrize("text", [
    "Tourists flocked to Xi'an to see the terracotta warriors.",
    "The festival in County Kerry drew crowds.",
    "Climbers reached the summit of the mountain at dawn.",
    "Summit County officials closed the road.",
    "NATO expansion was debated in parliament.",  # NATO without a summit is an organisation
])
def test_look_alikes_are_not_officials_or_summits(text):
    tags = tag_text(text)
    assert not [m for m in tags if m.kind == "official"]
    assert not [m for m in tags if m.kind == "summit"]


def test_first_name_kerry_is_not_john_kerry():
    assert officials("The actress Kerry Washington hosted the gala.") == []


def test_ex_contractor_without_title_is_not_an_official():
    assert officials("Moscow granted ex-spy agency contractor Edward Snowden asylum.") == []


def test_offsets_slice_to_the_matched_words():
    text = "Russian Foreign Minister Sergei Lavrov met Wang Yi at the SCO summit in Astana on July 3."
    by_kind = {(m.kind, text[m.start:m.end]) for m in tag_text(text)}
    assert ("official", "Sergei Lavrov") in by_kind
    assert ("official", "Wang Yi") in by_kind
    assert ("summit", "SCO") in by_kind
    assert ("place", "Astana") in by_kind
    assert ("date", "July 3") in by_kind


def test_possessive_still_tags():
    assert officials("Vladimir Putin met aides. Putin's spokesman declined to comment.") == ["Vladimir Putin"]
    putin = [m for m in tag_text("Vladimir Putin met aides. Putin's spokesman") if m.kind == "official"]
    assert len(putin) == 2


def test_user_gazetteer_extends_the_packaged_one(tmp_path):
    (tmp_path / "mine.json").write_text(json.dumps({
        "officials": [{"name": "Ola Nordmann", "aliases": ["O. Nordmann"]}],
        "summits": [{"code": "NORDIC", "names": ["Nordic Council"]}],
    }))
    tagger = Tagger(load_gazetteer(tmp_path))
    tags = tagger.tag("O. Nordmann spoke at the Nordic Council.")
    assert ("official", "Ola Nordmann") in {(m.kind, m.name) for m in tags}
    assert ("summit", "NORDIC") in {(m.kind, m.name) for m in tags}


def test_broken_user_gazetteer_is_a_clear_error(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        load_gazetteer(tmp_path)


def test_lowercase_particle_surname_counts_after_an_honorific_only():
    assert officials("Talks with Mr. bin Salman went on.") == ["Mohammed bin Salman"]
    assert officials("Talks with Mr.\n\n  bin Salman went on.") == ["Mohammed bin Salman"]
    assert officials("It marked the bin Salman era.") == []
    assert officials("Mrs bin Salman") == ["Mohammed bin Salman"]
    assert officials("Xmr bin Salman") == []
