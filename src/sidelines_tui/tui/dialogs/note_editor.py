"""The note editor: a TextArea whose text is saved as the user types (debounced) and on leaving. Saving
is the caller's (`save(article_id, body)`), so the editor knows nothing of the store."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

SAVE_DELAY = 0.4  # seconds of quiet before a save; well inside the 2 s the brief allows


class NoteEditor(ModalScreen[str]):
    BINDINGS = [Binding("escape", "close", "Save and close")]

    def __init__(self, article_id: int, title: str, body: str, save: Callable[[int, str], None]) -> None:
        super().__init__()
        self._save = save
        self.article_id = article_id
        self.article_title = title
        self.body = body
        self._timer = None
        self._saved = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Label(Text(f"Note: {self.article_title}"), classes="dialog-title")
            yield TextArea(self.body, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label(Text("Saved as you type. esc closes."), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.body = event.text_area.text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.save)

    def save(self) -> None:
        if self.body != self._saved:
            self._saved = self.body
            self._save(self.article_id, self.body)

    def action_close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.body = self.query_one("#note-text", TextArea).text  # a Changed event may still be queued
        self.save()
        self.dismiss(self.body)
