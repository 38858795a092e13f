"""The main screen: the filter bar, the timeline beside the reader, the progress bar and the footer. It
owns the filter stack and loads what the timeline shows; the article and feed actions are its mixins."""

from __future__ import annotations

import asyncio
import gc
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from sidelines_tui.filter_stack import FilterStack
from sidelines_tui.models import EntityCount, Filters
from sidelines_tui.tui.article_actions import ArticleActions
from sidelines_tui.tui.feed_actions import FeedActions
from sidelines_tui.tui.filter_bar import FilterBar
from sidelines_tui.tui.footer import KeyFooter
from sidelines_tui.tui.loads import (
    ViewLoad,
    load_meetings,
    load_view,
    other_mentions,
    page_of_view,
    quick_entities,
    with_meetings,
)
from sidelines_tui.tui.messages import FilterRequested, StoreChanged
from sidelines_tui.tui.reader import Reader
from sidelines_tui.tui.task_progress import TaskProgress
from sidelines_tui.tui.timeline import PAGE_SIZE, Timeline, TimelineData

PREVIEW_DELAY = 0.1  # seconds the cursor rests on an article before the reader loads it
WELCOME = ("Welcome to Sidelines. No articles yet.\n\n"
           "  a: add a feed (RSS, Atom or JSON Feed URL)\n"
           "  i: import an OPML file\n"
           "  d: load the offline demo set\n\n"
           "Then R refreshes all feeds. ? shows every key.")


class MainScreen(ArticleActions, FeedActions, Screen):
    # Help and Quit first: the Footer shows bindings in this order, and cuts the end on narrow terminals.
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("o", "pick('official')", "Official"),
        Binding("s", "pick('summit')", "Summit"),
        Binding("slash", "search", "Search"),
        Binding("w", "meetings", "Meetings"),
        Binding("f", "feeds", "Feeds"),
        Binding("u", "toggle_unread", "Unread only"),
        Binding("t", "tags", "Tags"),
        Binding("n", "note", "Note"),
        Binding("tab", "app.focus_next", "Next pane"),
        Binding("escape", "pop_filter", "Drop filter", show=False),
        Binding("c", "clear_filters", "Clear filters", show=False),
        Binding("R", "refresh_all", "Refresh all"),
        Binding("r", "refresh_feed", "Refresh this feed", show=False),
        Binding("m", "toggle_read", "Toggle read", show=False),
        Binding("asterisk", "toggle_star", "Toggle star", show=False),
        Binding("A", "mark_all_read", "Mark view read", show=False),
        Binding("b", "browser", "Open in browser", show=False),
        Binding("e", "export", "Export notes", show=False),
        Binding("a", "add_feed", "Add feed", show=False),
        Binding("i", "import_opml", "Import OPML", show=False),
        Binding("d", "demo", "Load demo", show=False),
        Binding("T", "next_theme", "Next theme", show=False),
        *[Binding(str(n), f"quick({n})", f"Quick filter {n}", show=False) for n in range(1, 10)],
    ]
    # Actions with no key of their own: the command palette lists them with the bindings.
    PALETTE_ONLY = [("Reindex stored articles (clean + tag again)", "reindex")]

    def __init__(self, first_view: ViewLoad | None = None) -> None:
        super().__init__()
        self._first_view = first_view
        self.stack = FilterStack()
        self.quick: list[EntityCount] = []
        self.generation = 0
        self.match_count: int | None = None
        self._reader_target: int | None = None  # the article the reader shows or is loading
        self.first_paint: float | None = None
        self._filter_started: float | None = None
        self.last_filter_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield Timeline(id="timeline")
            yield Reader(id="reader")
        yield TaskProgress(id="task-progress")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.timeline.focus()
        self.reload()

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def progress(self) -> TaskProgress:
        return self.query_one(TaskProgress)

    @property
    def filters(self) -> Filters:
        return self.stack.filters

    @property
    def db(self):
        return self.app.db

    # -- loading ----------------------------------------------------------------------------------
    @work(exclusive=True, group="timeline")
    async def reload(self, keep_article: int | None = None) -> None:
        self.generation += 1
        generation = self.generation
        filters = self.stack.filters  # read here, on the event loop, before the work goes to the database
        first, self._first_view = self._first_view, None
        if first is not None and filters == Filters() and keep_article is None:
            load = first
        else:
            load = await self.db.call(load_view, filters, keep_article)
        if generation != self.generation:
            return
        data = TimelineData(generation=generation, days=load.days, pages=load.pages, more=load.more)
        self.match_count = data.total
        timeline = self.timeline
        timeline.empty_message = WELCOME if not self.stack else "No articles match these filters (esc, c)."
        timeline.show(data, index=load.index)
        if not data.total:  # nothing under the cursor: the reader follows it to nothing
            self._reader_target = None
            self.reader.show(None)
        self.show_filter_bar()
        if self._filter_started is not None:  # keystroke-to-timeline latency, read by the benchmark
            self.last_filter_ms = (time.perf_counter() - self._filter_started) * 1000
            self._filter_started = None
        if self.first_paint is None:
            self.first_paint = time.perf_counter()
            # What exists now (Textual's DOM and stylesheet, every imported module) lives as long as the
            # app. Frozen, it is out of the cyclic collector's way: a full collection walked all of it,
            # and a filter keystroke at 100k that met one took 70-130 ms instead of 30-45. `sidelines`
            # starts the app with the collector off (see cli.main); from here it runs again.
            gc.freeze()
            gc.enable()
        # a view laid out in part: its quick filters come from the days of its newest articles
        found = [row.id for row in load.pages.get(0, [])] if filters.search and load.more else None
        self.load_quick_filters(generation, filters, self.stack.entity_values, list(load.days) if load.more else [],
                                found)

    @work(exclusive=True, group="quick")
    async def load_quick_filters(self, generation: int, filters: Filters, active: set[str],
                                 days: list[tuple[str, int]], found: list[int] | None = None) -> None:
        quick = await self.app.db_background.call(quick_entities, filters, active, days, found)
        if generation == self.generation:
            self.quick = quick
            self.show_filter_bar()

    def show_filter_bar(self) -> None:
        partial = self.timeline.data.more is not None
        self.query_one(FilterBar).show(self.stack, self.match_count, self.quick, partial=partial)

    @on(Timeline.LayoutWanted)
    def _layout_wanted(self, message: Timeline.LayoutWanted) -> None:
        self.lay_out_more(message.generation, message.start, message.everything, self.stack.filters)

    @work(group="layout")
    async def lay_out_more(self, generation: int, start: str, everything: bool, filters: Filters) -> None:
        days, more = await self.db.call(lambda s: s.layout_from(filters, start, None if everything else PAGE_SIZE * 5))
        self.timeline.extend(generation, days, more, last=everything)
        if generation == self.generation:
            self.match_count = self.timeline.data.total
            self.show_filter_bar()

    @on(Timeline.PageWanted)
    def _page_wanted(self, message: Timeline.PageWanted) -> None:
        self.load_page(message.generation, message.page, self.stack.filters)

    @work(group="pages")
    async def load_page(self, generation: int, page: int, filters: Filters) -> None:
        pages = self.timeline.data.pages
        before = pages[page - 1][-1] if pages.get(page - 1) else None  # the row just above the page
        after = pages[page + 1][0] if pages.get(page + 1) and before is None else None
        rows = await self.db.call(page_of_view, filters, page, list(self.timeline.data.days), before, after)
        self.timeline.set_page(generation, page, rows)

    @on(Timeline.Opened)
    def _opened(self, message: Timeline.Opened) -> None:
        self.open_article(message.article_id)

    @on(Timeline.Highlighted)
    def _highlighted(self, message: Timeline.Highlighted) -> None:
        # The reader follows the cursor. Only a different article starts a load: the group is exclusive,
        # and a preview of the article being opened would cancel its opening.
        if message.article_id is not None and message.article_id != self._reader_target:
            self.open_article(message.article_id, mark_read=False, delay=PREVIEW_DELAY)

    @work(exclusive=True, group="reader")
    async def open_article(self, article_id: int, mark_read: bool = True, delay: float = 0.0) -> None:
        """Show an article in the reader; `enter` also marks it read, a preview (the cursor resting on
        it for `delay`) does not. Moving on within the delay cancels the preview unread."""
        self._reader_target = article_id
        if delay:
            await asyncio.sleep(delay)
        if mark_read:
            await self.db.call(lambda s: s.set_flags(article_id, read=True))
        if mark_read or not (self.reader.article and self.reader.article.id == article_id):
            await self.show_in_reader(article_id)
        if mark_read:
            await self.refresh_row(article_id)

    async def show_in_reader(self, article_id: int, marked: tuple[int, int] | None = None) -> None:
        article = await self.db.call(lambda s: with_meetings(s, s.article(article_id)))
        if article is not None:
            article.marked = marked
        self.reader.show(article)  # at once, with the officials and summits stored with it
        if article is not None and article.text:
            others = await self.app.tagging.call(other_mentions, article.text, self.app.gazetteer_dir)
            if self.reader.article is article:
                self.reader.add_mentions(others)

    async def refresh_row(self, article_id: int) -> None:
        row = self.timeline.current_row
        if row and row.id == article_id:
            filters = self.stack.filters
            anchor = (row.published, row.id)  # the row read again, by index (not its page by offset)
            rows = await self.db.call(lambda s: s.timeline_around(filters, anchor, 0, 1))
            for fresh in rows:
                if fresh.id == article_id:
                    self.timeline.update_row(fresh)

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload(keep_article=self.timeline.current_id)

    # -- filters ----------------------------------------------------------------------------------
    def push_filter(self, kind: str, value: str, label: str = "") -> None:
        stack = self.stack.push(kind, value, label)
        if stack != self.stack:
            self._filter_started = time.perf_counter()
            self.stack = stack
            self.reload(keep_article=self.timeline.current_id)

    @on(FilterRequested)
    def _filter_requested(self, message: FilterRequested) -> None:
        self.push_filter(message.kind, message.value, message.label)

    def action_pop_filter(self) -> None:
        if self.stack:
            self.stack = self.stack.pop()
            self.reload(keep_article=self.timeline.current_id)

    def action_clear_filters(self) -> None:
        if self.stack:
            self.stack = self.stack.clear()
            self.reload(keep_article=self.timeline.current_id)

    def action_toggle_unread(self) -> None:
        if self.stack.has("unread"):
            self.stack = self.stack.without("unread")
            self.reload(keep_article=self.timeline.current_id)
        else:
            self.push_filter("unread", "", "unread")

    @work(group="pickers")
    async def action_pick(self, kind: str) -> None:
        filters = self.stack.filters
        entities = await self.db.call(lambda s: s.top_entities(kind, filters, limit=5000))
        if not entities:
            self.notify(f"No {kind}s in this view yet.", severity="warning")
            return
        forms = await self.db.call(self.app.name_forms, kind, [e.name for e in entities])
        from sidelines_tui.tui.dialogs.entity_picker import EntityPicker

        await self.app.push_screen_wait(EntityPicker(kind, entities, forms,
                                                     choose=lambda name: self.push_filter(kind, name)))

    def action_quick(self, number: int) -> None:
        if 0 < number <= len(self.quick):
            entity = self.quick[number - 1]
            self.push_filter(entity.kind, entity.name)

    @work(group="pickers")
    async def action_search(self) -> None:
        from sidelines_tui.tui.dialogs.prompt import Prompt

        await self.app.push_screen_wait(Prompt("Search title, text and notes", "words",
                                                submit=lambda words: self.push_filter("search", words)))

    @work(group="pickers")
    async def action_meetings(self) -> None:
        from sidelines_tui.tui.meetings_view import MeetingsScreen

        filters = self.stack.filters
        title = "Who met whom" + (" · " + ", ".join(item.shown for item in self.stack) if self.stack else "")
        # read while the view is built: asked for once the view is up, the rows waited behind its first frames
        loading = asyncio.ensure_future(self.db.call(load_meetings, filters))
        choice = await self.app.push_screen_wait(MeetingsScreen(
            lambda: loading, title,
            sources=lambda meeting_id: self.db.call(lambda s: s.meeting_sources(meeting_id)),
            counterparts=len(filters.officials) == 1))
        if choice is not None:
            self._reader_target = choice.article_id
            await self.show_in_reader(choice.article_id, marked=(choice.start, choice.end))

    # -- app-wide ---------------------------------------------------------------------------------
    def action_help(self) -> None:
        from sidelines_tui.tui.dialogs.help import HelpScreen

        extra = [("1 … 9", "quick filter: the top officials and summits of the view, as the filter bar numbers them"),
                 ("enter (in the reader's entity list)", "filter the timeline by that official or summit")]
        bindings = [b for b in self.BINDINGS if not b.action.startswith("quick(")]
        self.app.push_screen(HelpScreen(bindings + list(Timeline.BINDINGS), extra))

    def action_next_theme(self) -> None:
        self.app.next_theme()

    async def action_quit(self) -> None:
        await self.app.action_quit()
