"""The app while it refreshes, adds and refreshes feeds, follows the cursor with the reader, changes theme,
and keeps its start-up objects out of the garbage collector's way."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from sidelines_tui.models import Filters
from sidelines_tui.store import open_store
from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.dialogs.entity_picker import EntityPicker
from tests.support import corpus
from tests.support.pilot import SIZE, plain, settle


async def test_refresh_runs_in_a_worker_and_keys_keep_working(demo_home):
    from tests.support.feed_server import FeedServer

    with FeedServer(latency=0.4) as server:
        base = server.url("")
        with open_store(demo_home.database) as store:
            for n in range(6):
                store.add_feed(server.url(server.add(f"/f{n}.xml", corpus.rss(f"Feed {n}", corpus.stories(50 + n, 3), base))))
        app = SidelinesApp(demo_home)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("j", "j")
            selected = app.main.timeline.current_id
            await pilot.press("R")
            await pilot.pause(0.1)
            assert app.main.refreshing
            assert app.main.progress.display
            await pilot.press("j")  # keys answer while the refresh runs
            assert app.main.timeline.cursor == 3
            await pilot.press("k")
            await pilot.press("o")
            await pilot.pause(0.2)
            assert isinstance(app.screen, EntityPicker)
            await pilot.press("escape")
            for _ in range(100):
                if not app.main.refreshing:
                    break
                await asyncio.sleep(0.1)
            await settle(pilot, app)
            assert not app.main.refreshing
            assert app.main.timeline.row_count == 12 + 18
            assert app.main.timeline.current_id == selected  # selection kept across the reload
            assert any("18 new" in str(n.message) for n in app._notifications)


async def test_add_feed_key_subscribes_and_refreshes(locations, server):
    url = server.url(server.add("/one.xml", corpus.rss("One", corpus.stories(90, 2), server.url(""))))
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one(Input).value = url
        await pilot.press("enter")
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.main.timeline.row_count == 2:
                break
        await settle(pilot, app)
        assert app.main.timeline.row_count == 2
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one(Input).value = "file:///etc/passwd"
        await pilot.press("enter")
        await settle(pilot, app)
        assert any("not an http(s) URL" in str(n.message) for n in app._notifications)
    with open_store(locations.database) as store:
        assert [f.url for f in store.feeds()] == [url]


async def test_refresh_selected_feed_only(demo_home, server):
    base = server.url("")
    with open_store(demo_home.database) as store:
        a = store.add_feed(server.url(server.add("/a.xml", corpus.rss("A", corpus.stories(70, 2), base))))
        store.add_feed(server.url(server.add("/b.xml", corpus.rss("B", corpus.stories(71, 2), base))))
    from sidelines_tui.refresh import refresh_feeds

    await refresh_feeds(demo_home.database, [a], fulltext="never")
    server.reset_counts()
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        with open_store(demo_home.database) as store:
            newest_a = store.timeline(Filters(feed_id=a.id))[0].id
        index = app.main.timeline.index_of(newest_a)
        app.main.timeline.cursor = index
        await pilot.press("r")
        for _ in range(100):
            await asyncio.sleep(0.05)
            if server.requests:
                break
        await settle(pilot, app)
        assert dict(server.requests) == {"/a.xml": 1}


async def test_text_we_style_ourselves_follows_a_theme_change(demo_home):
    """The reader's header is styled from the theme when it is built: after T it must carry the new
    theme's colours, not the old ones."""
    from textual.widgets import Static

    from sidelines_tui.tui.reader import Reader

    def title_style(reader: Reader):
        content = reader.query_one("#reader-header", Static).content
        return content.spans[0].style if content.spans else content.style

    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        reader = app.main.query_one(Reader)
        assert reader.article is not None  # the newest article, where the cursor starts
        before = reader.get_component_rich_style("reader--title")
        assert title_style(reader) == before
        await pilot.press("T")
        await settle(pilot, app)
        after = reader.get_component_rich_style("reader--title")
        assert after != before
        assert title_style(reader) == after


async def test_the_reader_follows_the_cursor_and_only_enter_marks_read(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        newest = app.main.timeline.current_id
        assert app.main.reader.article.id == newest
        await pilot.press("j", "j", "j")
        await settle(pilot, app)
        fourth = app.main.timeline.current_id
        assert fourth != newest and app.main.reader.article.id == fourth
        with open_store(demo_home.database) as store:
            assert not any(store.article(i).read for i in (newest, fourth))
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.main.timeline.current_row.read
        with open_store(demo_home.database) as store:
            assert store.article(fourth).read and not store.article(newest).read
        await pilot.press("k")  # back up: the reader follows, the row read stays read
        await settle(pilot, app)
        assert app.main.reader.article.id != fourth
        with open_store(demo_home.database) as store:
            assert store.article(fourth).read
        # a filter that leaves other articles: the reader shows the first of them
        app.main.push_filter("summit", "G7")
        await settle(pilot, app)
        assert app.main.reader.article.id == app.main.timeline.current_id
        assert "G7" in app.main.reader.article.summits
        # one that leaves none: the reader empties; clearing it shows the newest article again
        app.main.push_filter("search", "nothing-matches-this")
        await settle(pilot, app)
        assert app.main.timeline.row_count == 0 and app.main.reader.article is None
        await pilot.press("c")
        await settle(pilot, app)
        assert app.main.reader.article.id == newest


async def test_start_up_objects_are_frozen_out_of_the_collectors_way(demo_home):
    """Full collections walking Textual's DOM and every module took filter keystrokes at 100k from
    30-45 ms to 70-130 ms each time one ran; after the first paint those objects are frozen, and the
    collector, off during start-up, runs again."""
    import gc

    gc.unfreeze()
    gc.disable()  # as `sidelines` starts the app: no collections until the first paint
    app = SidelinesApp(demo_home)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert app.main.first_paint is not None
            assert gc.get_freeze_count() > 10_000
            assert gc.isenabled(), "the collector must run again once the app is up"
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_reader_shows_stored_entities_at_once_and_marks_the_rest_where_it_is(locations):
    """A refresh stores an article's officials and summits only. The reader opens it with those at once;
    the places, organisations and dates are tagged on the tagger's thread and marked after, without
    moving the reader."""
    from textual.widgets import Static

    from sidelines_tui.models import StoredArticle
    from sidelines_tui.tag import tagger_for

    text = ("Sergei Lavrov met Antony Blinken in Geneva on the sidelines of the G20 summit, the United Nations said. "
            * 3 + "\n\n" + "More paragraphs follow.\n\n" * 40)
    tagger = tagger_for(None)
    with open_store(locations.database) as store:
        feed = store.add_feed("https://example.org/feed", "Feed")
        store.upsert_articles(feed.id, [(StoredArticle("g", None, "Talks", "2024-02-02T10:00:00+00:00", text,
                                                       tagger.tag(text, full=False)), "d")])
    expected = {(m.kind, m.name) for m in tagger.tag(text) if m.kind in ("place", "org")}
    assert expected and not expected & {(m.kind, m.name) for m in tagger.tag(text, full=False)}
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        reader = app.main.reader
        article = reader.article
        assert expected <= {(m.kind, m.name) for m in article.mentions}
        assert article.officials == list(dict.fromkeys(m.name for m in tagger.tag(text, full=False)
                                                       if m.kind == "official"))  # the stored ones
        legend = plain(reader.query_one("#reader-legend", Static))
        assert all(name in legend for _, name in expected)
        body = reader.query_one("#reader-body", Static).content
        place = next(m for m in article.mentions if m.kind in ("place", "org"))
        assert any(span.start <= place.start and span.end >= place.end and span.style for span in body.spans)
        reader.scroll_to(y=5, animate=False)
        await pilot.pause()
        before = reader.scroll_y
        assert before > 0
        reader.add_mentions([])
        await pilot.pause()
        assert reader.scroll_y == before
