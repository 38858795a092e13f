"""The core's records: plain dataclasses passed between stages, the CLI and the TUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity found in an article's text, with character offsets into that text."""

    kind: str  # official | summit | place | org | date
    name: str  # canonical name (officials), code (summits) or surface form
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting an article reports (`../shared/MEETINGS.md`): its officials (canonical names, sorted, two or
    more), status (held, planned, possible, cancelled), mode (in_person, phone, video), summit code, place,
    date (YYYY-MM-DD, YYYY-MM or YYYY) and the offsets of the sentence that reports it."""

    participants: tuple[str, ...]
    status: str
    mode: str = "in_person"
    summit: str | None = None
    place: str | None = None
    date: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class MeetingSource:
    """One article's report of a stored meeting: what it says, and the sentence it says it in."""

    article_id: int
    title: str
    url: str | None
    published: str
    status: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class StoredMeeting:
    """A meeting as the store knows it: merged from every article that reports it, its status the newest
    report's; `sources` oldest first (its history: "planned per A on Nov 7, held per B on Nov 9")."""

    id: int
    participants: tuple[str, ...]
    status: str
    mode: str
    summit: str | None
    place: str | None
    date: str | None
    reported: str
    sources: list[MeetingSource] = field(default_factory=list)
    reports: int = 0  # how many articles report it (also when `sources` were not read)


@dataclass(frozen=True, slots=True)
class Counterpart:
    """One official's meetings with another: how many held, planned, cancelled, and the last date."""

    name: str
    held: int
    planned: int
    cancelled: int
    possible: int
    last: str


@dataclass(slots=True)
class CleanPage:
    """What the cleaner makes of one page: its title, its body text, its publication date."""

    title: str
    text: str
    published: str | None


@dataclass(slots=True)
class Extracted:
    """What `clean` + `tag` make of one page: the body text and the entities in it."""

    title: str
    text: str
    published: str | None = None
    url: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

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
    unread: int = 0
    subscribed: bool = True  # False: removed by the user, kept only for articles holding their notes/tags/stars

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def is_demo(self) -> bool:
        return self.url.startswith("demo:")


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
    feed_subscribed: bool = True


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
    feed_subscribed: bool = True
    meetings: list[StoredMeeting] = field(default_factory=list)
    marked: tuple[int, int] | None = None  # the sentence to mark (a meeting's report), offsets in `text`

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


@dataclass(slots=True)
class StoredArticle:
    """What refresh hands the store for one item."""

    guid: str
    url: str | None
    title: str
    published: str
    text: str
    mentions: list[Mention]
    meetings: list[Meeting] = field(default_factory=list)


# What a reindex worker hands back for one stored article: id, text, spans, entity keys, meetings.
Reanalysed = tuple[int, str, str, tuple[tuple[str, str], ...], tuple[Meeting, ...]]


class PreparedArticle(NamedTuple):
    """An article as the store writes it: made safe and serialised by `store.prepare.prepare_article`,
    which runs in refresh's worker processes, so the writer only runs SQL (a tuple of strings pickles fast)."""

    guid: str
    url: str | None
    title: str
    published: str
    text: str  # for the search index
    packed: bytes  # the text as stored (`store.textcodec`), packed in the worker
    digest: str
    spans: str  # JSON [[kind, name, start, end], ...]
    entity_keys: tuple[tuple[str, str], ...]  # the officials and summits the timeline filters by
    meetings: tuple[Meeting, ...] = ()


@dataclass(slots=True)
class FeedWrite:
    """One feed's share of a batched write: its articles and, when the fetch succeeded, its new
    validators (keyword arguments of `record_fetch`)."""

    feed_id: int
    rows: list[PreparedArticle]
    fetch: dict | None = None


@dataclass(slots=True)
class UpsertResult:
    new: int = 0
    updated: int = 0


@dataclass(frozen=True, slots=True)
class UserData:
    """How much of the user's own work hangs on a set of articles."""

    notes: int = 0
    tagged: int = 0  # articles with at least one user tag
    tags: int = 0  # (article, tag) pairs
    starred: int = 0

    @property
    def articles_worth_keeping(self) -> bool:
        return bool(self.notes or self.tagged or self.starred)


@dataclass(frozen=True, slots=True)
class RemoveResult:
    """What removing a feed did: articles deleted, articles kept for the user's work, and whether the
    feed row itself went (it stays, unsubscribed, while kept articles point to it)."""

    feed: Feed
    deleted: int
    kept: int
    dropped: UserData
    feed_deleted: bool


@dataclass(slots=True)
class ReindexRow:
    """One stored article's text, handed to a reindex worker, and what it sends back."""

    id: int
    title: str
    text: str
    published: str | None = None  # what its meetings' dates are resolved against


@dataclass(slots=True)
class PageWanted:
    """A full page refresh will fetch for an entry whose feed carries only a summary."""

    guid: str
    url: str
    title: str
    published: str | None
    feed_text: str
    digest: str  # the feed entry's content hash: the page's row is stored as "page:" + digest


@dataclass(slots=True)
class FeedOutcome:
    """What a worker makes of one fetched feed."""

    title: str = ""
    articles: list[PreparedArticle] = field(default_factory=list)
    pages: list[PageWanted] = field(default_factory=list)
    error: str | None = None
    entries: int = 0


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
    interrupted: bool = False  # stopped early (a signal, a timeout): what was done is stored


def _unique(names) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return list(seen)
