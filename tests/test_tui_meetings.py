"""The meetings view (`w`) through Pilot: its rows and status chips, the filters that apply to it, the
counterparts panel with one official filtered, enter to a meeting's sources and on to the reader with the
reporting sentence marked, esc back out, and the reader's list of an article's meetings."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.dialogs.help import HelpScreen
from sidelines_tui.tui.meetings_view import MeetingsScreen
from sidelines_tui.tui.row_table import RowTable
from tests.support.pilot import SIZE, plain, settle
from tests.test_snapshots import build_fixture_home


def rows(screen, table_id: str) -> list[list[str]]:
    table = screen.query_one(table_id, RowTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_view(pilot, app) -> MeetingsScreen:
    await pilot.press("w")
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, MeetingsScreen)
    return screen


@pytest.fixture
def home(tmp_path):
    return build_fixture_home(tmp_path / "home")


async def test_w_shows_who_met_whom_newest_first_with_status_and_sources(home):
    app = SidelinesApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = await open_view(pilot, app)
        table = rows(screen, "#meetings-table")
        assert table and all(len(row) == 6 for row in table)
        dates = [row[0] for row in table if row[0] != "—"]
        assert dates == sorted(dates, reverse=True)
        kerry = [row for row in table if row[2] == "John Kerry – Sergei Lavrov"]
        assert {row[1].strip() for row in kerry} >= {"planned", "held"}
        assert not screen.query_one("#counterparts", RowTable).display  # no official filtered
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is app.main


async def test_an_official_filter_applies_and_shows_the_counterparts(home):
    app = SidelinesApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.main.push_filter("official", "Barack Obama")
        await settle(pilot, app)
        screen = await open_view(pilot, app)
        assert all("Barack Obama" in row[2] for row in rows(screen, "#meetings-table"))
        assert screen.query_one("#counterparts", RowTable).display
        counterparts = rows(screen, "#counterparts")
        assert counterparts and counterparts[0][0] == "Vladimir Putin"
        assert "Barack Obama" in plain(screen.query_one("#meetings-title"))


async def test_an_official_in_many_meetings_has_counterparts_from_the_newest_and_says_so(home, monkeypatch):
    from sidelines_tui.tui import loads

    monkeypatch.setattr(loads, "COUNTERPARTS_WITHIN", 1)
    app = SidelinesApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.main.push_filter("official", "Sergei Lavrov")
        await settle(pilot, app)
        screen = await open_view(pilot, app)
        assert len(rows(screen, "#meetings-table")) > 1
        counterparts = rows(screen, "#counterparts")
        newest = screen.data.meetings[0]
        assert [c[0] for c in counterparts] == [p for p in newest.participants if p != "Sergei Lavrov"]
        assert "newest 1 meetings" in plain(screen.query_one("#meetings-hint"))


async def test_enter_shows_the_sources_and_opens_one_with_its_sentence_marked(home):
    app = SidelinesApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = await open_view(pilot, app)
        meeting = screen.data.meetings[0]
        await pilot.press("enter")
        await pilot.pause()
        sources = screen.query_one("#meeting-sources", OptionList)
        assert sources.display and sources.has_focus and sources.option_count == len(meeting.sources)
        await pilot.press("escape")  # back to the meetings first
        await pilot.pause()
        assert app.screen is screen and not sources.display
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is app.main
        article = app.main.reader.article
        source = meeting.sources[0]
        assert article is not None and article.id == source.article_id and article.marked == (source.start, source.end)
        assert article.text[source.start:source.end] == source.sentence
        listed = plain(app.main.reader.query_one("#reader-meetings"))
        assert listed.startswith("Meetings") and " – ".join(meeting.participants) in listed


async def test_the_key_is_in_the_footer_and_the_help(home):
    from rich.console import Console
    from textual.widgets import Static

    app = SidelinesApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert any(b.key == "w" and b.description == "Meetings" and b.show for b in app.main.BINDINGS)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(record=True, width=150)
        console.print(app.screen.query(Static).first().content)
        assert "Meetings" in console.export_text()
