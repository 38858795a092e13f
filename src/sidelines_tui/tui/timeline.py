"""The timeline: articles newest first under day headings, drawn with the line API.

Only the visible lines are rendered, and rows come from the store a page at a time, so 100,000 articles
cost no more to show than 100. The layout (how many articles each day has) is known up front, which
gives the exact scroll height without loading the rows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sidelines_tui.gazetteer import short_form
from sidelines_tui.models import ArticleRow

PAGE_SIZE = 200


@dataclass(slots=True)
class TimelineData:
    """What the app hands the timeline: the day layout and whatever pages it already loaded."""

    generation: int
    days: list[tuple[str, int]]
    pages: dict[int, list[ArticleRow]] = field(default_factory=dict)
    more: str | None = None  # the layout goes on from this day (laid out when the cursor gets near)
    total: int = field(init=False)  # read on every paint and key: counted once (2,571 days at 100k)

    def __post_init__(self) -> None:
        self.total = sum(count for _, count in self.days)


class Timeline(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "timeline--heading", "timeline--cursor", "timeline--time", "timeline--source", "timeline--unread",
        "timeline--read", "timeline--official", "timeline--summit", "timeline--tag", "timeline--star",
        "timeline--loading", "timeline--empty",
    }
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "open", "Open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, article_id: int | None) -> None:
            super().__init__()
            self.article_id = article_id

    class Opened(Message):
        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    class LayoutWanted(Message):
        """The cursor nears the end of a layout that goes on: lay out more (all of it, for `last`)."""

        def __init__(self, generation: int, start: str, everything: bool = False) -> None:
            super().__init__()
            self.generation = generation
            self.start = start
            self.everything = everything

    class PageWanted(Message):
        def __init__(self, generation: int, page: int) -> None:
            super().__init__()
            self.generation = generation
            self.page = page

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = TimelineData(generation=0, days=[])
        self.empty_message = "Loading…"
        self._group_lines: list[int] = []  # first line (the heading) of each day group
        self._group_offsets: list[int] = []  # index of the first article of each group
        self._requested: set[int] = set()
        self._layout_asked: tuple[str, bool] | None = None  # the layout asked for and not yet come

    # -- data in ----------------------------------------------------------------------------------
    def show(self, data: TimelineData, index: int | None = None) -> None:
        """Replace the rows. With `index` (the article the cursor was on, found in the new view), the
        cursor stays on it and it keeps its place on screen where it can; without, the view starts at
        the top."""
        old_line = self._line_of(self.cursor) if self.row_count else 0
        old_offset = old_line - round(self.scroll_y)
        self.data = data
        self._requested = set()
        self._layout_asked = None
        self._lay_out()
        self.cursor = min(index or 0, max(0, self.row_count - 1))
        if index is not None and self.row_count:
            height = max(1, self.size.height)
            offset = old_offset if 0 <= old_offset < height else height // 2
            self.scroll_to(y=max(0, self._line_of(self.cursor) - offset), animate=False, immediate=True, force=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def extend(self, generation: int, days: list[tuple[str, int]], more: str | None, last: bool = False) -> None:
        """More of a layout that went on: its days are older than every day shown (whole days)."""
        if generation != self.data.generation:
            return
        self.data.days.extend(days)
        self.data.total += sum(count for _, count in days)
        self.data.more = more
        self._layout_asked = None
        self._lay_out()
        if last:
            self.move(self.row_count)
        self.refresh()

    def _lay_out(self) -> None:
        self._group_lines, self._group_offsets = [], []
        line = article = 0
        for _, count in self.data.days:
            self._group_lines.append(line)
            self._group_offsets.append(article)
            line += count + 1
            article += count
        self.virtual_size = Size(self.size.width, line)

    def _near_the_end(self, index: int, everything: bool = False) -> None:
        more = self.data.more
        if more is None or not (everything or index >= self.row_count - PAGE_SIZE // 2):
            return
        if self._layout_asked in ((more, True), (more, everything)):
            return
        self._layout_asked = (more, everything)
        self.post_message(self.LayoutWanted(self.data.generation, more, everything))

    def on_resize(self) -> None:
        """No horizontal scrolling (rows are cut to the width), and the cursor stays in sight."""
        self.virtual_size = Size(self.size.width, self.virtual_size.height)
        if self.row_count:
            line = self._line_of(self.cursor)
            self.scroll_to_region_lines(line - 1 if self.cursor in self._group_offsets else line, line)

    def set_page(self, generation: int, page: int, rows: list[ArticleRow]) -> None:
        if generation != self.data.generation:
            return
        self.data.pages[page] = rows
        self._requested.discard(page)
        self.refresh()
        if page == self.cursor // PAGE_SIZE:
            self.post_message(self.Highlighted(self.current_id))

    def update_row(self, row: ArticleRow) -> None:
        for rows in self.data.pages.values():
            for i, old in enumerate(rows):
                if old.id == row.id:
                    rows[i] = row
                    self.refresh()
                    return

    # -- queries ----------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return self.data.total

    def row(self, index: int) -> ArticleRow | None:
        rows = self.data.pages.get(index // PAGE_SIZE)
        if rows is None:
            return None
        offset = index % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    @property
    def current_row(self) -> ArticleRow | None:
        return self.row(self.cursor) if self.row_count else None

    @property
    def current_id(self) -> int | None:
        row = self.current_row
        return row.id if row else None

    def index_of(self, article_id: int) -> int | None:
        for page, rows in self.data.pages.items():
            for offset, row in enumerate(rows):
                if row.id == article_id:
                    return page * PAGE_SIZE + offset
        return None

    def visible_rows(self) -> list[ArticleRow]:
        """The loaded rows currently on screen (tests and the e2e check read this)."""
        out = []
        top = round(self.scroll_y)
        for y in range(top, top + self.size.height):
            kind, value = self._locate(y)
            if kind == "row":
                row = self.row(value)
                if row:
                    out.append(row)
        return out

    # -- geometry ---------------------------------------------------------------------------------
    def _line_of(self, index: int) -> int:
        group = bisect_right(self._group_offsets, index) - 1
        return self._group_lines[group] + 1 + index - self._group_offsets[group]

    def _locate(self, y: int) -> tuple[str, int]:
        if not self._group_lines or y < 0:
            return "none", 0
        group = bisect_right(self._group_lines, y) - 1
        if group < 0:
            return "none", 0
        start = self._group_lines[group]
        if y == start:
            return "heading", group
        index = self._group_offsets[group] + (y - start - 1)
        if index >= self.row_count or (group + 1 < len(self._group_offsets) and index >= self._group_offsets[group + 1]):
            return "none", 0
        return "row", index

    # -- cursor -----------------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        if not self.row_count:
            return
        line = self._line_of(new)
        heading_first = line - 1 if new in self._group_offsets else line
        self.scroll_to_region_lines(heading_first, line)
        self.refresh()
        self.post_message(self.Highlighted(self.current_id))

    def scroll_to_region_lines(self, top: int, bottom: int) -> None:
        height = max(1, self.size.height)
        y = round(self.scroll_y)
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom >= y + height:
            self.scroll_to(y=bottom - height + 1, animate=False, immediate=True, force=True)

    def move(self, delta: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_page_down(self) -> None:
        self.move(max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move(-max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move(-self.row_count)

    def action_last(self) -> None:
        self.move(self.row_count)
        self._near_the_end(self.row_count, everything=True)  # a view laid out in part: the rest, then its end

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event: events.Click) -> None:
        kind, value = self._locate(event.y + round(self.scroll_y))
        if kind == "row":
            self.cursor = value
            if event.chain >= 2 and self.current_id is not None:
                self.post_message(self.Opened(self.current_id))

    # -- rendering --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # less the scrollbar
        line = y + round(self.scroll_y)
        base = self.rich_style
        if not self.row_count:
            lines = self.empty_message.split("\n")
            if 1 <= y <= len(lines):
                text = Text(" " + lines[y - 1], style=self.get_component_rich_style("timeline--empty"))
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        kind, value = self._locate(line)
        if kind == "heading":
            day = self.data.days[value][0]
            text = Text(f" {_day_heading(day)}  ·  {self.data.days[value][1]}",
                        style=self.get_component_rich_style("timeline--heading"))
            return self._strip(text, width, base + self.get_component_rich_style("timeline--heading"))
        if kind != "row":
            return Strip.blank(width, base)
        row = self.row(value)
        selected = value == self.cursor
        self._near_the_end(value)
        if row is None:
            self._want_page(value // PAGE_SIZE)
            return self._strip(Text("   …", style=self.get_component_rich_style("timeline--loading")), width, base)
        text = self._row_text(row, width)
        style = base
        if selected:
            style = base + self.get_component_rich_style("timeline--cursor")
            text.stylize(self.get_component_rich_style("timeline--cursor"))
        return self._strip(text, width, style)

    def _want_page(self, page: int) -> None:
        if page not in self._requested:
            self._requested.add(page)
            self.post_message(self.PageWanted(self.data.generation, page))

    def _row_text(self, row: ArticleRow, width: int) -> Text:
        """Star, time, source, title, then chips; narrow panes drop the source, then the chips."""
        style = self.get_component_rich_style
        time = row.published[11:16] or "     "
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" " + ("★" if row.starred else " "), style("timeline--star"))
        text.append(f"{time} ", style("timeline--time"))
        if width >= 70:
            source = row.feed if row.feed_subscribed else "⊘ " + row.feed  # a removed feed's kept article
            text.append(f"{_fit(source, 12)} ", style("timeline--source"))
        chips = Text(no_wrap=True)
        for tag in row.tags[:3]:
            chips.append(" #" + tag, style("timeline--tag"))
        for code in row.summits[:3]:
            chips.append(" " + code, style("timeline--summit"))
        for name in row.officials[:3]:
            chips.append(" " + short_form(name), style("timeline--official"))
        chip_room = min(chips.cell_len, width // 4) if width >= 50 else 0
        room = max(10, width - text.cell_len - chip_room - 1)
        title = _fit(row.title, room)
        text.append(title, style("timeline--read" if row.read else "timeline--unread"))
        if chip_room:
            text.append(" " * max(1, room - len(title) + 1))
            chips.truncate(chip_room, overflow="ellipsis")
            text.append_text(chips)
        return text

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.end = ""
        segments = [s for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(segments).crop_extend(0, width, style).apply_style(style) if segments else Strip.blank(width, style)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text.ljust(width) if width <= 16 else text
    return text[: max(0, width - 1)] + "…"


def _day_heading(day: str) -> str:
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return day
    return value.strftime("%A %-d %B %Y")
