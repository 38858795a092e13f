"""Command palette provider: every app action, titled from its binding (shown as plain Content)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class SidelinesCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        app = self.app
        out = []
        for binding in app.BINDINGS:
            if binding.description and binding.action:
                out.append((binding.description, binding.action, binding.key))
        return out

    async def discover(self) -> Hits:
        for title, action, key in self._commands():
            yield DiscoveryHit(Content(title), partial(self.app.run_action, action), text=title,
                               help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action), text=title,
                          help=f"key: {key}")
