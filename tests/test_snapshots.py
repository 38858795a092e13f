"""SVG snapshots of the main screen in each theme, over the three samples and a synthetic set."""

from __future__ import annotations

import pytest

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import StoredArticle
from sidelines_tui.paths import locate
from sidelines_tui.pipeline import extract_document
from sidelines_tui.store import open_store
from sidelines_tui.tag import tagger_for
from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.themes import load_themes
from tests.conftest import SAMPLES
from tests.support import corpus
from tests.support.pilot import settle

SAMPLE_DATES = {"moscowtimes-lavrov-kerry-apec-2014.txt": "2014-11-07T12:00:00+00:00",
                "moscowtimes-putin-xi-g20-2013.txt": "2013-08-22T09:30:00+00:00",
                "sputnik-lavrov-kerry-apec-2016.txt": "2016-11-15T15:45:00+00:00"}


def build_fixture_home(path) -> object:
    locations = locate(path).ensure()
    with open_store(locations.database) as store:
        samples = store.add_feed("https://samples.example/feed", "Samples")
        items = []
        for name, published in SAMPLE_DATES.items():
            page = extract_document((SAMPLES / name).read_bytes(), path_hint=name)
            meetings = find_meetings(page.text, page.mentions, published, tagger_for(None).places_in)
            items.append((StoredArticle(name, f"https://samples.example/{name}", page.title, published, page.text,
                                        page.mentions, meetings), name))
        store.upsert_articles(samples.id, items)
        wire = store.add_feed("https://wire.example/feed", "Wire")
        synthetic = []
        for story in corpus.stories(seed=3, count=8):
            text = "\n\n".join(story.paragraphs)
            from sidelines_tui.tag import tag_text

            synthetic.append((StoredArticle(story.guid, None, story.title, story.published.isoformat(), text,
                                            tag_text(text)), story.guid))
        store.upsert_articles(wire.id, synthetic)
        store.add_tags(1, ["apec", "kerry-lavrov"])
        store.set_note(1, "Compare with the 2016 meeting in Lima.")
        store.set_flags(2, starred=True)
    return locations


@pytest.mark.parametrize("theme", [t.name for t in load_themes()])
def test_main_screen(theme, snap_compare, tmp_path):
    locations = build_fixture_home(tmp_path / "home")
    app = SidelinesApp(locations)
    app.theme = theme  # registered in __init__; chosen before the first stylesheet pass, as from the config

    async def open_sample(pilot) -> None:
        await settle(pilot, app)
        index = app.main.timeline.index_of(1)
        app.main.timeline.cursor = index
        await pilot.press("enter")
        await settle(pilot, app)

    assert snap_compare(app, run_before=open_sample, terminal_size=(150, 42))


def test_filtered_view_snapshot(snap_compare, tmp_path):
    locations = build_fixture_home(tmp_path / "home")
    app = SidelinesApp(locations)

    async def filter_by_lavrov_and_apec(pilot) -> None:
        await settle(pilot, app)
        app.main.push_filter("official", "Sergei Lavrov")
        await settle(pilot, app)
        app.main.push_filter("summit", "APEC")
        await settle(pilot, app)

    assert snap_compare(app, run_before=filter_by_lavrov_and_apec, terminal_size=(150, 42))


def test_meetings_view_snapshot(snap_compare, tmp_path):
    locations = build_fixture_home(tmp_path / "home")
    app = SidelinesApp(locations)

    async def open_meetings_of_lavrov(pilot) -> None:
        await settle(pilot, app)
        app.main.push_filter("official", "Sergei Lavrov")
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)

    assert snap_compare(app, run_before=open_meetings_of_lavrov, terminal_size=(150, 42))
