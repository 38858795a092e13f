"""Textual's Footer, rebuilt only when the keys it shows change. The stock one recomposes every key widget
whenever the screen's bindings are announced again — each time a dialog closes and the screen comes back —
which was about 50 ms of every dialog's close at 180 columns."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple((binding.key, binding.description, enabled)
                      for _, binding, enabled, _ in screen.active_bindings.values() if binding.show)
        if shown == self._shown and self.children:
            return  # the same keys: nothing to rebuild
        self._shown = shown
        super().bindings_changed(screen)
