"""What the main screen reads, run on the database threads: a view's layout and first pages, a page, the
quick filters, the meetings view's rows, an article's meetings, and the reader's extra entities (on the
tagger's thread). Plain functions of a store, called through the app's threads."""

from __future__ import annotations

from dataclasses import dataclass, field

from sidelines_tui.models import ArticleRow, EntityCount, Filters, Mention
from sidelines_tui.store.query import page_window
from sidelines_tui.tui.timeline import PAGE_SIZE


@dataclass(slots=True)
class ViewLoad:
    """One trip to the database thread: the day layout, the pages loaded, where the cursor goes."""

    days: list[tuple[str, int]]
    pages: dict[int, list[ArticleRow]] = field(default_factory=dict)
    index: int | None = None
    more: str | None = None  # the layout goes on from this day


def load_view(store, filters: Filters, keep_article: int | None = None) -> ViewLoad:
    days, rows, more = store.view_partial(filters, limit=PAGE_SIZE)
    load = ViewLoad(days, {0: rows} if rows else {}, more=more)
    on_first = next((i for i, row in enumerate(rows) if row.id == keep_article), None)
    if on_first is not None:
        load.index = on_first  # on the first page: nothing to look up
    elif keep_article is not None and days:
        load.index = store.locate(filters, keep_article, days)
        if load.index is not None and load.index >= PAGE_SIZE:
            page = load.index // PAGE_SIZE
            kept = store.article(keep_article)  # its page is found from it by index, not counted down to
            if kept is not None:
                load.pages[page] = store.timeline_around(filters, (kept.published, keep_article),
                                                         load.index - page * PAGE_SIZE, PAGE_SIZE,
                                                         window=page_window(days, page, PAGE_SIZE))
    return load


def page_of_view(store, filters: Filters, page: int, days: list[tuple[str, int]], before: ArticleRow | None,
                 after: ArticleRow | None) -> list[ArticleRow]:
    """A page of the view, from a loaded neighbour's edge row when there is one, within the days the
    layout says it spans (index seeks, not an offset counted from the top: the end of a million-article
    view costs what its start does)."""
    window = page_window(days, page, PAGE_SIZE) if not filters.is_empty() else None
    return store.timeline_page(filters, page, PAGE_SIZE, sum(n for _, n in days),
                               after=(before.published, before.id) if before else None,
                               before=(after.published, after.id) if after else None, window=window)


QUICK_WITHIN = 1000  # the quick filters of a filtered view: the names its newest 1,000 articles give most


def quick_entities(store, filters: Filters, active: set[str], days: list[tuple[str, int]],
                   ids: list[int] | None = None) -> list[EntityCount]:
    """`ids`: the articles to count over, found already (a big search's first page: asking the index for
    its newest 1,000 again read a common word's every longer form in full, ~35 ms at a million)."""
    window = page_window(days, 0, QUICK_WITHIN) if days and not filters.is_empty() else None  # their days
    ranked = store.top_entities("*", filters, limit=9 + len(active), within=QUICK_WITHIN, window=window, ids=ids)
    return [e for e in ranked if e.name not in active][:9]


STORED_KINDS = frozenset({"official", "summit"})  # the kinds an article's stored spans hold
MEETINGS_SHOWN = 300  # the view's newest meetings (its filters narrow it)
COUNTERPARTS_SHOWN = 100  # an official's counterparts with the most meetings
COUNTERPARTS_WITHIN = 2000  # counted over at most an official's newest 2,000 meetings (of 95,000: 290 -> 25 ms)


def load_meetings(store, filters: Filters):
    from sidelines_tui.tui.meetings_view import MeetingsData

    official = filters.officials[0] if len(filters.officials) == 1 else None
    within = None
    if official and filters == Filters(officials=(official,)) \
            and store.official_meetings(official, COUNTERPARTS_WITHIN + 1) > COUNTERPARTS_WITHIN:
        within = COUNTERPARTS_WITHIN  # an official in tens of thousands: their counterparts in the newest
    counterparts = store.counterparts(official, filters, limit=COUNTERPARTS_SHOWN, within=within) if official else []
    return MeetingsData(store.meetings(filters, limit=MEETINGS_SHOWN, with_sources=False), counterparts, official,
                        within)


def with_meetings(store, article):
    if article is not None:
        article.meetings = store.article_meetings(article.id)
    return article


def other_mentions(text: str, gazetteer_dir: str | None) -> list[Mention]:
    """The places, organisations and dates the reader marks besides the stored officials and summits:
    tagged on the tagger's own thread (its tables load there on first use, ~0.4 s, in no one's way)."""
    from sidelines_tui.tag import tagger_for

    return [m for m in tagger_for(gazetteer_dir).tag(text) if m.kind not in STORED_KINDS]
