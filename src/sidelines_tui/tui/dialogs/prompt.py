"""One line of input: search words, a feed URL, an OPML path."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Prompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "",
                 submit: Callable[[str], None] | None = None) -> None:
        """`submit` is called with the text as enter is pressed, before the dialog closes: work it starts
        (a search) runs while the screen below is drawn again, not after."""
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self._submit_now = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        value = event.value.strip() or None
        if value and self._submit_now is not None:
            self._submit_now(value)
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
