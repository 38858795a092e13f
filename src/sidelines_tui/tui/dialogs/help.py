"""The help screen, generated from the bindings so it cannot drift from them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static


def key_names(binding: Binding) -> list[str]:
    """The keys of a binding as a user reads them: '/', 'esc', '*', '?', not 'slash' or 'asterisk'."""
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        if binding.key_display and "," not in binding.key:
            names.append(binding.key_display)
            continue
        *modifiers, last = key.split("+")
        shown = {"escape": "esc", "enter": "enter", "space": "space"}.get(last) or format_key(last)
        names.append("+".join([*modifiers, shown]))
    return names


def binding_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not binding.description:
            continue
        rows.setdefault(binding.description, []).extend(key_names(binding))
    return [(", ".join(dict.fromkeys(keys)), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding], extra: list[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.rows = binding_rows(bindings) + list(extra)

    def compose(self) -> ComposeResult:
        table = Table(title="Sidelines keys", expand=True, show_edge=False)
        table.add_column("key", no_wrap=True)
        table.add_column("action")
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(classes="dialog help-dialog"):
            yield Static(table)
            yield Static(Text("Every action is also in the command palette (ctrl+p). esc closes."))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
