"""The feed list (`f`): every subscription with its unread count, last refresh and last error, and the
removed feeds that still hold articles you kept. enter filters the timeline by the feed; x removes it
(with the same rule as `sidelines remove`, after a confirmation); r refreshes it; a adds a feed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from sidelines_tui.models import Feed
from sidelines_tui.tui.row_table import Column, RowTable


@dataclass(frozen=True, slots=True)
class FeedChoice:
    action: str  # filter | refresh | add
    feed: Feed | None = None


def feed_status(feed: Feed) -> str:
    if not feed.subscribed:
        return "unsubscribed (kept articles)"
    if feed.is_demo:
        return "bundled demo"
    if feed.last_error:
        return "error: " + feed.last_error
    return "ok" if feed.last_fetched else "never refreshed"


FEED_COLUMNS = (Column("feed", max_width=40), Column("unread", "right"), Column("articles", "right"), Column("last refresh"),
                Column("status"))


def feed_cells(feed: Feed) -> tuple[Text | str, ...]:
    name: Text | str = Text.assemble((feed.folder + " / ", "dim"), feed.name) if feed.folder else feed.name
    return (name, str(feed.unread), str(feed.article_count), (feed.last_fetched or "never")[:16].replace("T", " "),
            feed_status(feed))


class FeedListScreen(ModalScreen[FeedChoice | None]):
    BINDINGS = [
        Binding("escape,f", "close", "Close"),
        Binding("enter", "choose('filter')", "Filter by feed"),
        Binding("x,delete", "remove", "Remove feed"),
        Binding("r", "choose('refresh')", "Refresh feed"),
        Binding("a", "add", "Add feed"),
    ]

    def __init__(self, load: Callable[[], Awaitable[list[Feed]]], remove: Callable[[Feed], Awaitable[bool]],
                 first: Awaitable[list[Feed]] | None = None) -> None:
        """`first`: the feeds, already being read (the later reloads call `load`)."""
        super().__init__()
        self._load = load
        self._first = first
        self._remove = remove
        self.feeds: list[Feed] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog feed-dialog"):
            yield Label(Text("Feeds: enter filters the timeline, x removes, r refreshes, a adds, esc closes"),
                        classes="dialog-title")
            yield RowTable(FEED_COLUMNS, id="feed-table")
            yield Label(id="feed-summary", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self.reload()

    @work(exclusive=True, group="feed-list")
    async def reload(self) -> None:
        current = self.current
        first, self._first = self._first, None
        self.feeds = await (first if first is not None else self._load())
        table = self.query_one(RowTable)
        row = table.cursor_row
        ids = [f.id for f in self.feeds]
        if current is not None and current.id in ids:
            row = ids.index(current.id)  # the cursor stays on its feed (removed feeds move to the end)
        table.set_rows([feed_cells(feed) for feed in self.feeds], cursor=row)
        unread = sum(f.unread for f in self.feeds)
        errors = sum(1 for f in self.feeds if f.subscribed and f.last_error)
        summary = f"{len(self.feeds)} feed{'' if len(self.feeds) == 1 else 's'}, {unread} unread"
        if errors:
            summary += f", {errors} with errors"
        self.query_one("#feed-summary", Label).update(Text(summary if self.feeds else "No feeds yet: press a to add one."))

    @property
    def current(self) -> Feed | None:
        table = self.query_one(RowTable)
        if not self.feeds or table.cursor_row >= len(self.feeds):
            return None
        return self.feeds[table.cursor_row]

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        self.action_choose("filter")

    def action_choose(self, action: str) -> None:
        if self.current is not None:
            self.dismiss(FeedChoice(action, self.current))

    def action_add(self) -> None:
        self.dismiss(FeedChoice("add"))

    @work(group="pickers")  # it waits on a confirmation dialog
    async def action_remove(self) -> None:
        feed = self.current
        if feed is not None and await self._remove(feed):
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
