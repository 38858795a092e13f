"""The app's feed list, removal with confirmation, unread only, mark the view read, and each thing a new
user tripped on (issue 11, point 5), driven through Pilot."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, OptionList

from sidelines_tui.models import Filters, StoredArticle
from sidelines_tui.refresh import refresh_feeds
from sidelines_tui.store import open_store
from sidelines_tui.tag import tag_text
from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.dialogs.confirm import Confirm
from sidelines_tui.tui.dialogs.entity_picker import EntityPicker
from sidelines_tui.tui.dialogs.help import HelpScreen
from sidelines_tui.tui.dialogs.tag_editor import TagEditor
from sidelines_tui.tui.feed_list import FeedListScreen
from sidelines_tui.tui.row_table import RowTable
from tests.support import corpus
from tests.support.pilot import SIZE, plain, settle, stack


def table_text(screen) -> list[str]:
    table = screen.query_one(RowTable)
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def wait_until(pilot, app, check, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("condition never held")


@pytest.fixture
async def two_feeds(locations, server):
    base = server.url("")
    good = server.url(server.add("/good.xml", corpus.rss("Good news", corpus.stories(61, 3), base)))
    other = server.url(server.add("/other.xml", corpus.rss("Other", corpus.stories(62, 2), base)))
    broken = server.url(server.add("/broken.xml", "down", status=503, validators=False))
    with open_store(locations.database) as store:
        feeds = [store.add_feed(good), store.add_feed(other), store.add_feed(broken, "Broken")]
    await refresh_feeds(locations.database, feeds, fulltext="never")
    return locations


async def test_feed_list_shows_unread_counts_and_errors_and_filters_by_feed(two_feeds):
    app = SidelinesApp(two_feeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, FeedListScreen)
        rows = table_text(screen)
        assert len(rows) == 3
        assert any(r.startswith("Broken | 0 | 0") and "error: HTTP 503" in r for r in rows)
        assert any(r.startswith("Good news | 3 | 3") and r.endswith("| ok") for r in rows)
        assert "3 feeds, 5 unread, 1 with errors" in plain(screen.query_one("#feed-summary"))
        screen.query_one(RowTable).move_cursor([r.split(" | ")[0] for r in rows].index("Other"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is app.main
        assert [k for k, _ in stack(app)] == ["feed"] and app.main.timeline.row_count == 2
        assert "feed: Other" in plain(app.main.query_one("#filter-bar"))
        await pilot.press("o")  # stacks with the other filters
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert [k for k, _ in stack(app)] == ["feed", "official"]
        assert all(r.feed == "Other" for r in app.main.timeline.visible_rows())


async def test_removing_a_feed_asks_first_and_keeps_the_users_work(two_feeds):
    with open_store(two_feeds.database) as store:
        good = next(f for f in store.feeds() if f.title == "Good news")
        noted = store.timeline(Filters(feed_id=good.id))[0].id
        store.set_note(noted, "keep this")
    app = SidelinesApp(two_feeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f")
        await settle(pilot, app)
        table = app.screen.query_one(RowTable)
        table.move_cursor([r.split(" | ")[0] for r in table_text(app.screen)].index("Good news"))
        await pilot.press("x")
        await settle(pilot, app)
        assert isinstance(app.screen, Confirm)
        assert "1 note" in app.screen.detail and "stay" in app.screen.detail
        await pilot.press("n")  # no: nothing happens
        await settle(pilot, app)
        with open_store(two_feeds.database) as store:
            assert store.feed(good.id).subscribed and store.count(Filters(feed_id=good.id)) == 3
        await pilot.press("x", "y")
        await wait_until(pilot, app, lambda: isinstance(app.screen, FeedListScreen)
                         and any("unsubscribed" in r for r in table_text(app.screen)))
        assert any(r.startswith("Good news | 1 | 1") and "unsubscribed" in r for r in table_text(app.screen))
        with open_store(two_feeds.database) as store:
            assert store.count(Filters(feed_id=good.id)) == 1 and store.note(noted) == "keep this"
        await pilot.press("x")  # again, on the kept articles: an offer to delete them too
        await settle(pilot, app)
        assert isinstance(app.screen, Confirm) and "1 note" in app.screen.detail
        await pilot.press("y")
        await wait_until(pilot, app, lambda: isinstance(app.screen, FeedListScreen)
                         and not any(r.startswith("Good news") for r in table_text(app.screen)))
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.main.timeline.row_count == 2
        with open_store(two_feeds.database) as store:
            assert store.integrity_ok() and store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


async def test_unread_only_and_mark_the_view_read(two_feeds):
    app = SidelinesApp(two_feeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")  # opening marks read
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert stack(app) == [("unread", "")] and app.main.timeline.row_count == 4
        assert "unread" in plain(app.main.query_one("#filter-bar"))
        await pilot.press("A")
        await settle(pilot, app)
        assert any("Marked 4 articles read" in str(n.message) for n in app._notifications)
        assert app.main.timeline.row_count == 0
        await pilot.press("u")
        await settle(pilot, app)
        assert stack(app) == [] and app.main.timeline.row_count == 5
    with open_store(two_feeds.database) as store:
        assert store.count(Filters(unread=True)) == 0


async def test_add_refuses_a_url_that_is_not_a_feed(locations, server):
    page = server.url(server.add("/page.html", "<html><body><p>No feed here</p></body></html>", content_type="text/html"))
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one(Input).value = page
        await pilot.press("enter")
        await wait_until(pilot, app, lambda: any("Not subscribed" in str(n.message) for n in app._notifications))
        [message] = [str(n.message) for n in app._notifications if "Not subscribed" in str(n.message)]
        assert message == f"Not subscribed: not a feed: {page} answered with text/html and names no RSS, Atom or JSON feed"
    with open_store(locations.database) as store:
        assert store.feeds() == []


async def test_clear_keeps_the_cursor_on_its_article_in_sight(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=(150, 16)) as pilot:
        await settle(pilot, app)
        await pilot.press("1")
        await settle(pilot, app)
        await pilot.press("G")  # the filtered view's oldest article: far down the full timeline
        await settle(pilot, app)
        chosen = app.main.timeline.current_id
        await pilot.press("c")
        await settle(pilot, app)
        assert stack(app) == []
        assert app.main.timeline.current_id == chosen
        assert chosen in [r.id for r in app.main.timeline.visible_rows()]  # highlighted on screen
        assert app.main.reader.article.id == chosen


async def test_a_resize_keeps_the_cursor_in_sight_and_never_scrolls_sideways(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("G")
        await settle(pilot, app)
        chosen = app.main.timeline.current_id
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        timeline = app.main.timeline
        assert not timeline.show_horizontal_scrollbar and timeline.virtual_size.width <= timeline.size.width
        assert chosen in [r.id for r in timeline.visible_rows()]


async def test_tab_reaches_the_reader_and_the_footer_and_help_say_so(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        for words in ("Help", "Quit", "Next pane"):
            assert words in footer  # not cut at 80 columns
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id in ("reader", "reader-entities")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {keys: description for keys, description in app.screen.rows}
        assert keys["tab"] == "Next pane"
        for shown in ("/", "esc", "*", "?"):
            assert shown in keys
        assert not any(name in keys for name in ("slash", "escape", "asterisk", "question_mark"))
        assert "top officials and summits" in keys["1 … 9"]


async def test_the_footer_fits_at_140_columns(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        keys = list(app.screen.query("FooterKey"))
        visible = [k for k in keys if k.region.right <= 140 and k.region.width > 0]
        names = " ".join(str(k.render()) for k in visible)
        assert "Help" in names and "Quit" in names


async def test_b_without_a_browser_says_so_and_copies_the_link(locations, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    text = "Sergei Lavrov met John Kerry."
    with open_store(locations.database) as store:
        feed = store.add_feed("https://example.org/feed", "Feed")
        store.upsert_articles(feed.id, [(StoredArticle("g", "https://example.org/story", "Story",
                                                       "2024-01-01T00:00:00+00:00", text, tag_text(text)), "d")])
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("b")
        await settle(pilot, app)
        messages = [str(n.message) for n in app._notifications]
        assert messages == ["No browser could open it; the link is copied to the clipboard: https://example.org/story"]
        assert app.clipboard == "https://example.org/story"


async def test_enter_adds_the_tag_completion_shown(demo_home):
    with open_store(demo_home.database) as store:
        store.add_tags(5, ["ukraine"])
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
        assert isinstance(app.screen, TagEditor)
        await pilot.press("u", "k", "enter", "escape")  # no right arrow: enter takes the completion shown
        await settle(pilot, app)
        assert app.main.timeline.current_row.tags == ("ukraine",)


async def test_pickers_find_aliases_and_long_names_and_say_when_nothing_matches(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for key, typed, expected in (("o", "sergey", "Sergei Lavrov"), ("s", "shanghai", "SCO"),
                                     ("s", "group of twenty", "G20")):
            await pilot.press(key)
            await settle(pilot, app)
            assert isinstance(app.screen, EntityPicker)
            await pilot.press(*typed)
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            assert options.get_option_at_index(0).prompt.plain.startswith(expected), typed
            await pilot.press("escape")
            await settle(pilot, app)
        await pilot.press("o", *"zzzq")
        await pilot.pause()
        assert plain(app.screen.query_one("#picker-empty")) == "No official in this view matches 'zzzq'."
        await pilot.press("enter")  # nothing to apply: the picker stays
        await pilot.pause()
        assert isinstance(app.screen, EntityPicker)


async def test_palette_has_our_actions_once_with_readable_keys_and_named_quick_filters(demo_home):
    from sidelines_tui.tui.commands import SidelinesCommands

    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        commands = SidelinesCommands(app.screen)._commands()
        titles = [title for title, _, _ in commands]
        assert len(titles) == len(set(titles))
        assert not any("theme" in t.lower() and t != "Next theme" for t in titles)
        keys = {title: key for title, _, key in commands}
        assert keys["Search"] == "/" and keys["Toggle star"] == "*" and keys["Help"] == "?"
        assert any(t.startswith("Quick filter 1: ") and app.main.quick[0].name.split()[-1] in t for t in titles)
        assert "Reindex stored articles (clean + tag again)" in titles
        assert type(app).COMMANDS == {SidelinesCommands}


async def test_r_on_a_demo_article_says_why_and_m_and_star_answer(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        await pilot.press("asterisk")
        await settle(pilot, app)
        messages = [str(n.message) for n in app._notifications]
        assert messages[0].startswith("This article is from the bundled demo set: it has no feed to refresh.")
        assert messages[1:] == ["Marked read", "Starred"]


async def test_each_export_is_a_new_file(demo_home):
    with open_store(demo_home.database) as store:
        store.set_note(1, "first note")
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        await settle(pilot, app)
        [first] = demo_home.export_dir.glob("*.md")
        first.write_text(first.read_text() + "\nmy edits\n")
        await pilot.press("e")
        await settle(pilot, app)
        files = sorted(demo_home.export_dir.glob("*.md"))
        assert len(files) == 2 and "my edits" in first.read_text()
        assert any("Exported 1 article to" in str(n.message) for n in app._notifications)


async def test_reindex_from_the_palette_shows_progress_and_keeps_notes(demo_home):
    with open_store(demo_home.database) as store:
        store.set_note(1, "kept through a reindex")
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"reindex")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, app, lambda: any("Reindexed 12 articles" in str(n.message) for n in app._notifications),
                         seconds=60)
        assert not app.main.progress.display
    with open_store(demo_home.database) as store:
        assert store.note(1) == "kept through a reindex" and store.integrity_ok()


async def test_a_long_picker_lists_the_most_named_first_and_says_how_many_more(demo_home, monkeypatch):
    from sidelines_tui.tui.dialogs import entity_picker

    monkeypatch.setattr(entity_picker, "SHOWN", 2)
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        picker = app.screen
        assert isinstance(picker, EntityPicker)
        options = picker.query_one(OptionList)
        assert options.option_count == 2
        assert [e.name for e in picker.entities[:2]] == [options.get_option_at_index(i).prompt.plain.split("  ")[0]
                                                         for i in range(2)]
        assert plain(picker.query_one("#picker-empty")) == f"{len(picker.entities) - 2:,} more: type to narrow."
        await pilot.press(*"sergey")  # narrowing reaches names beyond the first two
        await pilot.pause()
        assert options.get_option_at_index(0).prompt.plain.startswith("Sergei Lavrov")
