"""A big view laid out in part (issue 16): a search over many days shows its newest days at once with
"N+ articles", lays out more as the cursor nears the end of what it knows, and `G` lays out the rest and
lands on the view's oldest article; the count is then exact. Pages far down come by index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sidelines_tui.models import Filters, Mention, StoredArticle
from sidelines_tui.store import open_store
from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.filter_bar import FilterBar
from tests.support.pilot import SIZE, plain, settle

ARTICLES = 3000
START = datetime(2024, 12, 31, 23, 0, tzinfo=UTC)


@pytest.fixture
def archive_home(locations, monkeypatch):
    import sidelines_tui.store.sqlite_timeline as timeline_module

    monkeypatch.setattr(timeline_module, "LAYOUT_CHUNK", 60)  # windows of 60 archive articles, doubling
    monkeypatch.setattr(timeline_module, "FEW", 100)  # a search of 100 matches or more is laid out in part
    with open_store(locations.database) as store:
        feed = store.add_feed("https://wire.example/feed")
        items = []
        for n in range(ARTICLES):
            grain = n % 3 == 0
            text = f"Sergei Lavrov met envoys about {'grain' if grain else 'oil'}. Story {n}."
            published = (START - timedelta(hours=3 * n + n % 2)).isoformat()  # 8 a day, some at the same time
            items.append((StoredArticle(f"g{n}", None, f"Story {n}", published, text,
                                        [Mention("official", "Sergei Lavrov", 0, 13)]), f"h{n}"))
        store.upsert_articles(feed.id, items)
        expected = store.timeline(Filters(search="grain"), limit=ARTICLES)
    return locations, expected


async def test_a_search_is_laid_out_in_part_and_g_lays_out_the_rest(archive_home):
    locations, expected = archive_home
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.main.push_filter("search", "grain")
        await settle(pilot, app)
        timeline = app.main.timeline
        assert timeline.data.more is not None and timeline.row_count < len(expected)
        assert f"{timeline.row_count:,}+ articles" in plain(app.main.query_one(FilterBar))
        assert timeline.current_id == expected[0].id
        await pilot.press("G")
        await settle(pilot, app)
        assert timeline.data.more is None and timeline.row_count == len(expected)
        assert f"{len(expected):,} articles" in plain(app.main.query_one(FilterBar))
        assert timeline.current_id == expected[-1].id
        await pilot.press("g")
        await settle(pilot, app)
        assert timeline.current_id == expected[0].id


async def test_scrolling_down_lays_out_more_before_the_end(archive_home):
    locations, expected = archive_home
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.main.push_filter("search", "grain")
        await settle(pilot, app)
        timeline = app.main.timeline
        first = timeline.row_count
        for _ in range(12):
            await pilot.press("pagedown")
            await settle(pilot, app)
        assert timeline.row_count > first
        index = timeline.cursor
        assert timeline.current_id == expected[index].id  # the rows are the view's, in its order
