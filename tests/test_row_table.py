"""The line-API table of the feed list and the meetings view: header, cursor, paging, narrowing, choosing."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from sidelines_tui.tui.row_table import Column, RowTable
from tests.support.pilot import HOSTILE_TITLE


class TableApp(App[None]):
    CSS = "RowTable { height: 1fr; }"

    def __init__(self, rows: list[tuple[Text | str, ...]]) -> None:
        super().__init__()
        self.rows = rows
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowTable((Column("name", max_width=20), Column("n", "right"), Column("note", flex=True)), id="t")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.set_rows(self.rows)
        table.focus()

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        self.chosen.append(event.row)


def lines(table: RowTable) -> list[str]:
    return ["".join(seg.text for seg in table.render_line(y)) for y in range(table.size.height)]


def rows(count: int) -> list[tuple[Text, ...]]:
    return [(Text(f"feed {i}"), Text(str(i * 7)), Text(f"note {i}")) for i in range(count)]


async def test_a_thousand_rows_page_to_the_end_and_back_with_the_header_kept():
    app = TableApp(rows(1000))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(RowTable)
        shown = lines(table)
        assert shown[0].split() == ["name", "n", "note"]
        assert shown[1].split() == ["feed", "0", "0", "note", "0"]
        await pilot.press("G")
        assert table.cursor_row == 999
        shown = lines(table)
        assert shown[0].split() == ["name", "n", "note"]  # the header stays while the rows scroll
        assert shown[-1].split() == ["feed", "999", "6993", "note", "999"]
        await pilot.press("pageup", "k", "g")
        assert table.cursor_row == 0 and lines(table)[1].split()[1] == "0"
        await pilot.press("j", "j", "enter")
        assert app.chosen == [2]


async def test_numbers_right_aligned_long_cells_cut_and_markup_shown_literally():
    long = "A very long feed name that goes on and on"
    app = TableApp([(Text(long), Text("5"), Text(HOSTILE_TITLE)), ("b", "12345", HOSTILE_TITLE)])  # Text or str
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        first, second = lines(table)[1:3]
        assert first.startswith(" " + long[:19] + "…")  # its column's widest: 20 cells
        assert first.index("5") == second.index("12345") + 4  # right-aligned
        assert "[bold]Big" in first and "\x1b" not in first
        assert "[bold]Big" in second and "\x1b" not in second


async def test_clicks_move_the_cursor_and_a_second_click_chooses():
    app = TableApp(rows(30))
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.click(RowTable, offset=(5, 4))  # line 4: the header, then rows 0-2
        table = app.query_one(RowTable)
        assert table.cursor_row == 3 and app.chosen == []
        await pilot.click(RowTable, offset=(5, 4))
        assert app.chosen == [3]

