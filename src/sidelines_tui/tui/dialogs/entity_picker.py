"""Pick an official or a summit to filter by: the view's names with counts; typing narrows the list
(fuzzy) over every form of a name (aliases, long names), enter applies."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from sidelines_tui.models import EntityCount

SHOWN = 100  # names listed at once (each costs the list's drawing); typing narrows over all of them


class EntityPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "focus_list", show=False)]

    def __init__(self, kind: str, entities: list[EntityCount], forms: dict[str, str] | None = None,
                 choose: Callable[[str], None] | None = None) -> None:
        """`forms`: name -> every way to write it on one line ("SCO / Shanghai Cooperation Organisation").
        `choose` is called with the name chosen before the picker closes (the filter's query then runs
        while the screen below is drawn again)."""
        super().__init__()
        self._choose = choose
        self.kind = kind
        self.entities = entities
        self.forms = forms or {}
        self._chosen: list[EntityCount] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Filter by {self.kind}: type to narrow, enter to apply"), classes="dialog-title")
            yield Input(placeholder=f"{self.kind} name, alias or surname", id="picker-input")
            yield OptionList(id="picker-list")
            yield Label(id="picker-empty", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        if query:
            matcher = Matcher(query)
            scored = [(max(matcher.match(self.forms.get(e.name, e.name)), matcher.match(e.name)), e)
                      for e in self.entities]
            chosen = [e for score, e in sorted(scored, key=lambda p: (-p[0], -p[1].count)) if score > 0]
        else:
            chosen = self.entities
        self._chosen = chosen[:SHOWN]
        options.add_options([Option(Text.assemble(e.name, (f"  {e.count}", "dim")), id=str(i))
                             for i, e in enumerate(self._chosen)])
        options.display = bool(self._chosen)
        empty = self.query_one("#picker-empty", Label)
        more = len(chosen) - len(self._chosen)
        if query and not self._chosen:
            empty.update(Text(f"No {self.kind} in this view matches {query!r}."))
        else:
            empty.update(Text(f"{more:,} more: type to narrow." if more > 0 else ""))
        empty.display = not self._chosen or more > 0
        if self._chosen:
            options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#picker-input")
    def _submit_input(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None and self._chosen:
            self._pick(self._chosen[options.highlighted].name)

    @on(OptionList.OptionSelected, "#picker-list")
    def _submit_option(self, event: OptionList.OptionSelected) -> None:
        self._pick(self._chosen[event.option_index].name)

    def _pick(self, name: str) -> None:
        if self._choose is not None:
            self._choose(name)
        self.dismiss(name)

    def action_focus_list(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
