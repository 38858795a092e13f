"""Modal pickers: officials or summits with counts (fuzzy narrowing), user tags, and a one-line prompt."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from sidelines_tui.models import EntityCount


class EntityPicker(ModalScreen[str | None]):
    """Pick one official or summit; typing narrows the list (fuzzy), enter applies."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "focus_list", show=False)]

    def __init__(self, kind: str, entities: list[EntityCount]) -> None:
        super().__init__()
        self.kind = kind
        self.entities = entities

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Filter by {self.kind}: type to narrow, enter to apply"), classes="dialog-title")
            yield Input(placeholder=f"{self.kind} name", id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(e.name), e) for e in self.entities]
            chosen = [e for score, e in sorted(scored, key=lambda p: (-p[0], -p[1].count)) if score > 0]
        else:
            chosen = self.entities
        options.add_options([Option(Text.assemble(e.name, (f"  {e.count}", "dim")), id=str(i))
                             for i, e in enumerate(chosen[:500])])
        self._chosen = chosen[:500]
        if self._chosen:
            options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#picker-input")
    def _submit_input(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None and self._chosen:
            self.dismiss(self._chosen[options.highlighted].name)
        else:
            self.dismiss(None)

    @on(OptionList.OptionSelected, "#picker-list")
    def _submit_option(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._chosen[event.option_index].name)

    def action_focus_list(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagEditor(ModalScreen[list[str] | None]):
    """Toggle user tags: enter on a tag adds it, or removes it if the article has it. Completion comes
    from the tags already in use."""

    BINDINGS = [Binding("escape", "done", "Done")]

    def __init__(self, current: list[str], known: list[str]) -> None:
        super().__init__()
        self.current = list(current)
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Tags: type a tag and press enter to add it or remove it; esc when done"),
                        classes="dialog-title")
            yield Input(placeholder="tag", id="tag-input",
                        suggester=SuggestFromList(self.known, case_sensitive=False))
            yield Label(id="tag-current")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        text = Text("On this article: ")
        text.append(" ".join(f"#{t}" for t in self.current) or "(none)")
        self.query_one("#tag-current", Label).update(text)

    @on(Input.Submitted, "#tag-input")
    def _toggle(self, event: Input.Submitted) -> None:
        from sidelines_tui.store.prepare import normalise_tag

        tag = normalise_tag(event.value)
        if tag:
            if tag in self.current:
                self.current.remove(tag)
            else:
                self.current.append(tag)
        event.input.value = ""
        self._show()

    def action_done(self) -> None:
        self.dismiss(sorted(self.current))


class Prompt(ModalScreen[str | None]):
    """One line of input: search words, a feed URL, an OPML path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
