"""Messages that travel up from widgets and screens to the app."""

from __future__ import annotations

from textual.message import Message


class FilterRequested(Message):
    """Add a filter: kind is official | summit | tag | search."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__()
        self.kind = kind
        self.value = value


class NoteChanged(Message):
    def __init__(self, article_id: int, body: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.body = body
