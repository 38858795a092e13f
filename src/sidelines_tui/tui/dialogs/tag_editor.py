"""Toggle user tags on an article: enter on a tag adds it, or removes it if the article has it. Completion
comes from the tags in use; enter takes the completion shown (in grey), as it reads."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from sidelines_tui.store import normalise_tag


def completed(typed: str, known: list[str]) -> str:
    """What enter adds: the first tag in use that starts with what was typed (the suggestion shown),
    else what was typed."""
    folded = typed.strip().casefold()
    if not folded:
        return ""
    for tag in known:
        if tag.casefold() == folded:
            return tag
    for tag in known:
        if tag.casefold().startswith(folded):
            return tag
    return typed


class TagEditor(ModalScreen[list[str] | None]):
    BINDINGS = [Binding("escape", "done", "Done")]

    def __init__(self, current: list[str], known: list[str]) -> None:
        super().__init__()
        self.current = list(current)
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Tags: type a tag and press enter to add it or remove it; esc when done"),
                        classes="dialog-title")
            yield Input(placeholder="tag", id="tag-input", suggester=SuggestFromList(self.known, case_sensitive=False))
            yield Label(id="tag-current")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        text = Text("On this article: ")
        text.append(" ".join(f"#{t}" for t in self.current) or "(none)")
        self.query_one("#tag-current", Label).update(text)

    @on(Input.Submitted, "#tag-input")
    def _toggle(self, event: Input.Submitted) -> None:
        tag = normalise_tag(completed(event.value, self.known))
        if tag:
            if tag in self.current:
                self.current.remove(tag)
            else:
                self.current.append(tag)
        event.input.value = ""
        self._show()

    def action_done(self) -> None:
        self.dismiss(sorted(self.current))
