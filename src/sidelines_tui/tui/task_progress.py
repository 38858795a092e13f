"""A one-line progress bar for long work (refresh, reindex): what runs, how far it is; hidden when idle."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class TaskProgress(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(id="task-label")
        yield ProgressBar(id="task-bar", show_eta=False)

    def on_mount(self) -> None:
        self.display = False

    def start(self, label: str, total: int) -> None:
        self.query_one("#task-label", Label).update(Text(label + " "))
        self.query_one("#task-bar", ProgressBar).update(total=max(1, total), progress=0)
        self.display = True

    def advance(self, done: int, total: int, detail: str = "") -> None:
        bar = self.query_one("#task-bar", ProgressBar)
        bar.update(total=max(1, total), progress=done)
        self.tooltip = detail or None

    def finish(self) -> None:
        self.display = False

    @property
    def running(self) -> bool:
        return bool(self.display)
