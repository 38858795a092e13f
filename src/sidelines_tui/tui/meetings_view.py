"""The meetings view (`w`): who met whom in the current view, newest first — date, participants, summit,
place, a status chip, how many articles report it. With one official filtered, a counterparts panel:
each counterpart with meetings held / planned / cancelled and the last date. enter shows a meeting's
sources; choosing one opens it in the reader with the reporting sentence marked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sidelines_tui.models import Counterpart, MeetingSource, StoredMeeting
from sidelines_tui.tui.row_table import Column, RowTable

MEETING_COLUMNS = (Column("date"), Column("status"), Column("participants", flex=True), Column("summit", max_width=24),
                   Column("place", max_width=24), Column("src", "right"))
COUNTERPART_COLUMNS = (Column("counterpart", max_width=28), Column("held", "right"), Column("plan", "right"),
                       Column("canc", "right"), Column("last"))
HINT = "enter: the meeting's sources · enter on a source: open it · esc: close"
STATUS_LABEL = {"held": "held", "planned": "planned", "possible": "possible", "cancelled": "cancelled"}


@dataclass(frozen=True, slots=True)
class MeetingsData:
    meetings: list[StoredMeeting]
    counterparts: list[Counterpart]
    official: str | None  # the one official filtered, whose counterparts these are
    within: int | None = None  # the counterparts count only the official's newest `within` meetings


@dataclass(frozen=True, slots=True)
class SourceChoice:
    """An article to open, with the reporting sentence to mark."""

    article_id: int
    start: int
    end: int


class MeetingsScreen(ModalScreen[SourceChoice | None]):
    BINDINGS = [
        Binding("escape,w", "close", "Close"),
        Binding("enter", "sources", "Sources", show=False),
    ]
    COMPONENT_CLASSES = {"meetings--held", "meetings--planned", "meetings--possible", "meetings--cancelled",
                         "meetings--meta", "meetings--summit"}

    def __init__(self, load: Callable[[], Awaitable[MeetingsData]], title: str,
                 sources: Callable[[int], Awaitable[list[MeetingSource]]] | None = None,
                 counterparts: bool = False) -> None:
        """`load` reads the meetings (their sources may be left out: `sources` reads one meeting's when
        enter asks for them). `counterparts`: one official is filtered, so the panel is there from the
        first frame (appearing with its rows, it laid the view out again)."""
        super().__init__()
        self._with_counterparts = counterparts
        self._load = load
        self._sources = sources
        self._title = title
        self.data = MeetingsData([], [], None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog meetings-dialog"):
            yield Label(Text(self._title), classes="dialog-title", id="meetings-title")
            with Horizontal(id="meetings-panes"):
                yield RowTable(MEETING_COLUMNS, id="meetings-table")
                yield RowTable(COUNTERPART_COLUMNS, id="counterparts")
            yield OptionList(id="meeting-sources")
            yield Label(Text(HINT), classes="dialog-hint", id="meetings-hint")

    def on_mount(self) -> None:
        self.query_one("#counterparts", RowTable).display = self._with_counterparts
        self.query_one("#meeting-sources", OptionList).display = False
        self.query_one("#meetings-table", RowTable).focus()
        self.reload()

    @work(exclusive=True, group="meetings")
    async def reload(self) -> None:
        self.data = await self._load()
        self.show_meetings()

    def show_meetings(self) -> None:
        meta, summit = self._style("meta"), self._style("summit")
        self.query_one("#meetings-table", RowTable).set_rows([
            (Text(meeting.date or "—", style=meta), self.status_chip(meeting.status, meeting.mode),
             Text(" – ".join(meeting.participants)), Text(meeting.summit or "", style=summit),
             Text(meeting.place or ""), Text(str(meeting.reports or len(meeting.sources))))
            for meeting in self.data.meetings])
        if not self.data.meetings:
            self.query_one("#meetings-hint", Label).update(Text("No meetings in this view yet (esc closes)."))
        counterparts = self.query_one("#counterparts", RowTable)
        counterparts.set_rows([(Text(row.name), *(Text(str(n)) for n in (row.held, row.planned, row.cancelled)),
                                Text(row.last or "", style=meta)) for row in self.data.counterparts])
        counterparts.display = bool(self.data.counterparts)
        if self.data.counterparts and self.data.within:
            self.query_one("#meetings-hint", Label).update(Text(
                f"counterparts: in {self.data.official}'s newest {self.data.within:,} meetings · " + HINT))

    def status_chip(self, status: str, mode: str = "in_person") -> Text:
        chip = Text(f" {STATUS_LABEL.get(status, status)} ", style=self._style(status))
        if mode != "in_person":
            chip.append(f" {mode.replace('_', ' ')}", self._style("meta"))
        return chip

    def _style(self, name: str):
        # a chip keeps its background; other text takes the row's (zebra stripes, the cursor)
        return self.get_component_rich_style(f"meetings--{name}", partial=name not in STATUS_LABEL)

    @property
    def current(self) -> StoredMeeting | None:
        table = self.query_one("#meetings-table", RowTable)
        if not self.data.meetings or not 0 <= table.cursor_row < len(self.data.meetings):
            return None
        return self.data.meetings[table.cursor_row]

    @work(exclusive=True, group="meeting-sources")
    async def action_sources(self) -> None:
        meeting = self.current
        sources = self.query_one("#meeting-sources", OptionList)
        if meeting is None or sources.has_focus:
            return
        if not meeting.sources and meeting.reports and self._sources is not None:
            meeting.sources = await self._sources(meeting.id)
            if meeting is not self.current:
                return  # the cursor moved on while they were read
        sources.clear_options()
        for index, source in enumerate(meeting.sources):
            label = Text()
            label.append_text(self.status_chip(source.status))
            label.append(f" {source.published[:10]}  ", self._style("meta"))
            label.append(source.title)
            label.append("\n   “" + " ".join(source.sentence.split()) + "”", self._style("meta"))
            sources.add_option(Option(label, id=str(index)))
        sources.display = True
        sources.highlighted = 0
        sources.focus()

    @on(RowTable.Selected, "#meetings-table")
    def _row_selected(self) -> None:
        self.action_sources()

    @on(OptionList.OptionSelected, "#meeting-sources")
    def _source_selected(self, event: OptionList.OptionSelected) -> None:
        meeting = self.current
        if meeting is None or event.option.id is None:
            return
        source = meeting.sources[int(event.option.id)]
        self.dismiss(SourceChoice(source.article_id, source.start, source.end))

    def action_close(self) -> None:
        sources = self.query_one("#meeting-sources", OptionList)
        if sources.display:
            sources.display = False  # esc leaves the sources first, then the view
            self.query_one("#meetings-table", RowTable).focus()
            return
        self.dismiss(None)
