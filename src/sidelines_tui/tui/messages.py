"""Messages that travel up from widgets and screens to the screen that owns the filters."""

from __future__ import annotations

from textual.message import Message


class FilterRequested(Message):
    """Add a filter: kind is official | summit | tag | search | feed (value: the feed id, label: its title)."""

    def __init__(self, kind: str, value: str, label: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.value = value
        self.label = label


class StoreChanged(Message):
    """Something outside the timeline changed what it shows (a feed removed, articles marked read)."""
