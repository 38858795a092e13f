"""A table drawn with the line API for the lists the views show (feeds, meetings, counterparts): a header
that stays, a row cursor, zebra stripes, enter to choose. Only the visible lines are drawn, and column
widths come from the cells' lengths, not from measuring each cell as rich renderables: a thousand feeds
open as fast as ten (Textual's DataTable measured every cell of every row before its first paint).

Cells are `Text` or plain `str` (made `Text` only when drawn: a thousand rows of five cells cost 18 ms as
`Text`); user text stays plain text, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2  # columns between cells


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    justify: str = "left"  # left | right
    max_width: int = 60
    flex: bool = False  # takes the width the others leave (or gives it up first when the table is narrow)


class RowTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--zebra"}
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        """enter (or a second click) on a row."""

        def __init__(self, table: RowTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.rows: list[tuple[Text | str, ...]] = []
        self._widths = [len(c.label) for c in self.columns]

    # -- data in ----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Sequence[Text | str]], cursor: int = 0) -> None:
        self.rows = [tuple(row) for row in rows]
        widths = [len(c.label) for c in self.columns]
        for row in self.rows:
            for i, cell in enumerate(row):
                length = cell_len(cell) if isinstance(cell, str) else cell.cell_len
                if length > widths[i]:
                    widths[i] = length
        self._widths = [min(w, c.max_width) for w, c in zip(widths, self.columns, strict=True)]
        self.virtual_size = Size(0, len(self.rows) + 1)  # no width of its own: rows are cut to the table's
        self.cursor_row = max(0, min(cursor, len(self.rows) - 1))
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def get_row_at(self, index: int) -> tuple[Text, ...]:
        return tuple(Text(cell) if isinstance(cell, str) else cell for cell in self.rows[index])

    # -- cursor -----------------------------------------------------------------------------------
    def watch_cursor_row(self, new: int) -> None:
        height = max(1, self.size.height - 1)  # the header takes the first line
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True, force=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True, force=True)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(len(self.rows) - 1, row))

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + round(self.scroll_y)
        if event.y >= 1 and 0 <= row < len(self.rows):
            chosen = row == self.cursor_row or event.chain >= 2
            self.cursor_row = row
            if chosen:
                self.post_message(self.Selected(self, row))

    # -- rendering --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # less the scrollbar
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("row-table--header")
            return self._strip([Text(c.label) for c in self.columns], width, style)
        index = y - 1 + round(self.scroll_y)
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("row-table--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("row-table--zebra")
        return self._strip(self.rows[index], width, style)

    def _layout(self, width: int) -> list[int]:
        """Each column's width at this table width: the flex column (else the last) takes what is left."""
        widths = list(self._widths)
        flex = next((i for i, c in enumerate(self.columns) if c.flex), len(widths) - 1)
        spare = width - 1 - sum(widths) - GAP * (len(widths) - 1)
        widths[flex] = max(min(8, widths[flex]), widths[flex] + spare)
        return widths

    def _strip(self, cells: Sequence[Text | str], width: int, style: Style) -> Strip:
        """One line of cells over the row's style (cursor, stripe): a cell's own style wins, so a status
        chip keeps its colour under the cursor."""
        line = Text(" ", no_wrap=True, end="")
        for i, (cell, column, room) in enumerate(zip(cells, self.columns, self._layout(width), strict=False)):
            part = Text(cell) if isinstance(cell, str) else cell.copy()
            if column.justify == "right" and part.cell_len < room:
                part = Text(" " * (room - part.cell_len)).append_text(part)
            part.truncate(room, overflow="ellipsis", pad=True)
            line.append_text(part)
            if i < len(self.columns) - 1:
                line.append(" " * GAP)
        segments = [s for s in line.render(self.app.console) if s.text != "\n"]
        return Strip(segments).crop_extend(0, width, style).apply_style(style)
