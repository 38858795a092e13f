"""The core's records: plain dataclasses passed between stages, the CLI and the TUI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity found in an article's text, with character offsets into that text."""

    kind: str  # official | summit | place | org | date
    name: str  # canonical name (officials), code (summits) or surface form
    start: int
    end: int


@dataclass(slots=True)
class Extracted:
    """What `clean` + `tag` make of one page: the body text and the entities in it."""

    title: str
    text: str
    published: str | None = None
    url: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def officials(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "official")

    @property
    def summits(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "summit")


@dataclass(slots=True)
class FeedEntry:
    """One item of a parsed feed, before cleaning."""

    guid: str
    title: str
    url: str | None
    published: str | None
    summary_html: str
    content_html: str


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    title: str
    folder: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: str | None = None
    last_error: str | None = None
    article_count: int = 0


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A timeline row: enough to draw one line of the list."""

    id: int
    title: str
    feed: str
    published: str
    url: str | None
    read: bool
    starred: bool
    officials: tuple[str, ...]
    summits: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(slots=True)
class Article:
    """An article as the reader shows it."""

    id: int
    feed_id: int
    feed: str
    title: str
    url: str | None
    published: str
    text: str
    read: bool
    starred: bool
    mentions: list[Mention]
    tags: list[str]
    note: str

    @property
    def officials(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "official")

    @property
    def summits(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "summit")


@dataclass(frozen=True, slots=True)
class Filters:
    """Stacked timeline filters: every one given must hold (AND)."""

    officials: tuple[str, ...] = ()
    summits: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    search: str | None = None
    feed_id: int | None = None
    starred: bool = False
    unread: bool = False

    def is_empty(self) -> bool:
        return not (self.officials or self.summits or self.tags or self.search or self.feed_id
                    or self.starred or self.unread)

    def describe(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.officials:
            out["officials"] = list(self.officials)
        if self.summits:
            out["summits"] = list(self.summits)
        if self.tags:
            out["tags"] = list(self.tags)
        if self.search:
            out["search"] = self.search
        if self.feed_id:
            out["feed_id"] = self.feed_id
        if self.starred:
            out["starred"] = True
        if self.unread:
            out["unread"] = True
        return out


@dataclass(frozen=True, slots=True)
class EntityCount:
    kind: str
    name: str
    count: int


@dataclass(slots=True)
class FeedError:
    feed: str
    error: str


@dataclass(slots=True)
class RefreshReport:
    feeds: int = 0
    new: int = 0
    updated: int = 0
    errors: list[FeedError] = field(default_factory=list)
    seconds: float = 0.0
    not_modified: int = 0
    pages: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "feeds": self.feeds,
            "new": self.new,
            "updated": self.updated,
            "errors": [{"feed": e.feed, "error": e.error} for e in self.errors],
            "seconds": round(self.seconds, 3),
        }


def _unique(names) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return list(seen)
