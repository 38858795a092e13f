"""Command palette provider: every action of the main screen, titled from its binding and shown with
the key as a user reads it (shown as plain Content: titles may hold names from articles)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from sidelines_tui.gazetteer import short_form


class SidelinesCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        from sidelines_tui.tui.dialogs.help import key_names
        from sidelines_tui.tui.main_screen import MainScreen

        main = self.app.main
        out = []
        for binding in MainScreen.BINDINGS:
            if not binding.description or binding.action.startswith("quick("):
                continue
            out.append((binding.description, binding.action, ", ".join(key_names(binding))))
        for number, entity in enumerate(main.quick, start=1):
            name = short_form(entity.name) if entity.kind == "official" else entity.name
            out.append((f"Quick filter {number}: {entity.kind} {name} ({entity.count})", f"quick({number})", str(number)))
        out += [(title, action, "palette") for title, action in MainScreen.PALETTE_ONLY]
        return out

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action, self.app.main)

    async def discover(self) -> Hits:
        for title, action, key in self._commands():
            yield DiscoveryHit(Content(title), partial(self._run, action), text=title, help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), text=title, help=f"key: {key}")
