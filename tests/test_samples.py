"""Each sample from ../shared/samples (copied into tests/fixtures) yields its gold body, officials and
summits through the real `sidelines extract` command."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES, run_cli

NAMES = ["moscowtimes-lavrov-kerry-apec-2014.txt", "moscowtimes-putin-xi-g20-2013.txt",
         "sputnik-lavrov-kerry-apec-2016.txt"]


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    result = run_cli("extract", "--json", *(str(SAMPLES / n) for n in NAMES))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(NAMES)
    return {line["path"].rsplit("/", 1)[-1]: line for line in lines}


@pytest.mark.parametrize("name", NAMES)
def test_body_paragraphs(extracted, gold, name):
    # Gold keeps the page's non-breaking spaces; Sidelines folds them to plain spaces by design.
    expected = [" ".join(p.split()) for p in gold[name]["text_paragraphs"]]
    assert extracted[name]["text"].split("\n\n") == expected
    assert "\u00a0" not in extracted[name]["text"]


@pytest.mark.parametrize("name", NAMES)
def test_title(extracted, gold, name):
    assert extracted[name]["title"] == gold[name]["title"]


@pytest.mark.parametrize("name", NAMES)
def test_officials(extracted, gold, name):
    assert sorted(extracted[name]["officials"]) == sorted(o["name"] for o in gold[name]["officials"])


@pytest.mark.parametrize("name", NAMES)
def test_summits(extracted, gold, name):
    assert sorted(extracted[name]["summits"]) == sorted(s["name"] for s in gold[name]["summits"])


@pytest.mark.parametrize("name", NAMES)
def test_negatives_and_captions_not_tagged(extracted, gold, name):
    officials = set(extracted[name]["officials"])
    for negative in gold[name].get("negatives", []):
        assert negative["surface"] not in officials
    for caption in gold[name].get("captions", []):
        assert caption not in extracted[name]["text"]


@pytest.mark.parametrize("name", NAMES)
def test_entity_offsets_slice_to_their_words(extracted, name):
    text = extracted[name]["text"]
    assert extracted[name]["entities"]
    for entity in extracted[name]["entities"]:
        surface = text[entity["start"]:entity["end"]]
        assert surface and surface == surface.strip()
        if entity["kind"] == "official":
            assert surface.split()[-1] in entity["name"] or entity["name"].split()[0] in surface
