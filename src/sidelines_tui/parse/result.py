"""What a parsed feed is, whichever parser read it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sidelines_tui.models import FeedEntry

MAX_ENTRIES = 2000


class FeedParseError(Exception):
    pass


@dataclass(slots=True)
class ParsedFeed:
    title: str
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)
