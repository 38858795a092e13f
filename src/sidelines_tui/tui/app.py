"""The Sidelines app: wiring of screens, bindings, themes and workers. Behaviour lives in the widgets
and in the core; every store call runs on the database thread."""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer

from sidelines_tui.config import Config, load_config, save_config
from sidelines_tui.models import EntityCount, Filters
from sidelines_tui.paths import Locations
from sidelines_tui.tui.commands import SidelinesCommands
from sidelines_tui.store.threaded import ThreadedStore
from sidelines_tui.tui.filter_bar import FilterBar
from sidelines_tui.tui.messages import FilterRequested, NoteChanged
from sidelines_tui.tui.reader import Reader
from sidelines_tui.tui.themes import ENTITY_DEFAULTS, load_themes
from sidelines_tui.tui.timeline import PAGE_SIZE, Timeline, TimelineData

PREVIEW_DELAY = 0.1  # seconds the cursor rests on an article before the reader loads it
WELCOME = ("Welcome to Sidelines. No articles yet.\n\n"
           "  a: add a feed (RSS, Atom or JSON Feed URL)\n"
           "  i: import an OPML file\n"
           "  d: load the offline demo set\n\n"
           "Then R refreshes all feeds. ? shows every key.")


def _load_view(store, filters: Filters):
    """One trip to the database thread: the day layout and the first page of rows."""
    return store.view(filters, limit=PAGE_SIZE)


def with_all_mentions(article, gazetteer_dir: str | None):
    from sidelines_tui.pipeline import with_all_mentions as tag_fully  # lxml & co. load on first open

    return tag_fully(article, gazetteer_dir)


def _quick_entities(store, filters: Filters, active: set[str]) -> list[EntityCount]:
    officials = store.top_entities("official", filters, limit=12)
    summits = store.top_entities("summit", filters, limit=12)
    merged = sorted(officials + summits, key=lambda e: (-e.count, e.name))
    return [e for e in merged if e.name not in active][:9]


class SidelinesApp(App[None]):
    CSS_PATH = "sidelines.tcss"
    TITLE = "Sidelines"
    COMMANDS = App.COMMANDS | {SidelinesCommands}
    BINDINGS = [
        Binding("o", "pick('official')", "Official"),
        Binding("s", "pick('summit')", "Summit"),
        Binding("slash", "search", "Search"),
        Binding("t", "tags", "Tags"),
        Binding("n", "note", "Note"),
        Binding("escape", "pop_filter", "Drop filter"),
        Binding("c", "clear_filters", "Clear"),
        Binding("r", "refresh_feed", "Refresh feed", show=False),
        Binding("R", "refresh_all", "Refresh all"),
        Binding("m", "toggle_read", "Read", show=False),
        Binding("asterisk", "toggle_star", "Star", show=False),
        Binding("b", "browser", "Open in browser", show=False),
        Binding("e", "export", "Export"),
        Binding("a", "add_feed", "Add feed", show=False),
        Binding("i", "import_opml", "Import OPML", show=False),
        Binding("d", "demo", "Load demo", show=False),
        Binding("T", "next_theme", "Theme"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        *[Binding(str(n), f"quick({n})", f"Quick filter {n}", show=False) for n in range(1, 10)],
    ]

    def __init__(self, locations: Locations, *, fetch_limits=None) -> None:
        self.locations = locations.ensure()
        self.config: Config = load_config(locations.config_file)
        self.db = ThreadedStore(locations.database)
        # The first page is read now, before Textual starts, with this thread waiting. Read alongside
        # Textual's start-up it took 0.1-0.4 s instead of 10 ms: sqlite3 releases the GIL at every row,
        # and each time the busy event loop kept it for a whole switch interval (5 ms).
        self._first_view = self.db.call_blocking(_load_view, Filters())
        # A second connection for slower background reads (quick-filter counts), so they never queue
        # in front of the timeline's queries. WAL lets both read at once.
        self.db_background = ThreadedStore(locations.database, "sidelines-db-background")
        self.fetch_limits = fetch_limits
        self.stack: list[tuple[str, str]] = []
        self.quick: list[EntityCount] = []
        self.generation = 0
        self.match_count: int | None = None
        self.refreshing = False
        self._reader_target: int | None = None  # the article the reader shows or is loading
        self.first_paint: float | None = None
        self._note_editor = None  # the NoteEditor screen while a note is open
        self._filter_started: float | None = None
        self.last_filter_ms: float | None = None
        super().__init__()
        self._themes = load_themes()
        self._our_themes = [t.name for t in self._themes]
        # Registered and chosen before the app starts: the first stylesheet pass uses the theme, where
        # choosing it on mount re-parsed and re-applied all CSS before the first paint.
        for theme in self._themes:
            self.register_theme(theme)
        self.theme = self.config.theme if self.config.theme in self._our_themes else self._our_themes[0]

    # -- set-up -----------------------------------------------------------------------------------
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ENTITY_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield Timeline(id="timeline")
            yield Reader(id="reader")
        yield Footer()  # the refresh progress bar is mounted above it on the first refresh

    def on_mount(self) -> None:
        self.query_one(Timeline).focus()
        self.reload()
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme) -> None:
        # Published after Textual has re-applied the CSS: the text we styled ourselves (reader, filter
        # bar, timeline rows) is styled again from the new theme. Restyled straight after setting the
        # theme, it kept the old colours.
        self.reader.restyle()
        self.timeline.refresh()
        self._show_filter_bar()

    @property
    def _gazetteer(self) -> str | None:
        folder = self.locations.gazetteer_dir
        return str(folder) if folder.is_dir() else None

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def filters(self) -> Filters:
        def values(kind: str) -> tuple[str, ...]:
            return tuple(v for k, v in self.stack if k == kind)

        searches = values("search")
        return Filters(officials=values("official"), summits=values("summit"), tags=values("tag"),
                       search=" ".join(searches) or None)

    # -- loading ----------------------------------------------------------------------------------
    @work(exclusive=True, group="timeline")
    async def reload(self, keep_article: int | None = None) -> None:
        self.generation += 1
        generation = self.generation
        filters = self.filters
        first, self._first_view = self._first_view, None
        if first is not None and filters == Filters():
            days, rows = first
        else:
            days, rows = await self.db.call(_load_view, filters)
        if generation != self.generation:
            return
        data = TimelineData(generation=generation, days=days, pages={0: rows} if rows else {})
        self.match_count = data.total
        timeline = self.timeline
        timeline.empty_message = WELCOME if not self.stack else "No articles match these filters (esc, c)."
        timeline.show(data, keep_article=keep_article)
        if not data.total:  # nothing under the cursor: the reader follows it to nothing
            self._reader_target = None
            self.reader.show(None)
        self._show_filter_bar()
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
        self.load_quick_filters(generation, filters)

    @work(exclusive=True, group="quick")
    async def load_quick_filters(self, generation: int, filters: Filters) -> None:
        active = {v for _, v in self.stack}
        quick = await self.db_background.call(_quick_entities, filters, active)
        if generation == self.generation:
            self.quick = quick
            self._show_filter_bar()

    def _show_filter_bar(self) -> None:
        self.query_one(FilterBar).show(self.stack, self.match_count, self.quick)

    @on(Timeline.PageWanted)
    def _page_wanted(self, message: Timeline.PageWanted) -> None:
        self.load_page(message.generation, message.page)

    @work(group="pages")
    async def load_page(self, generation: int, page: int) -> None:
        rows = await self.db.call(lambda s: s.timeline(self.filters, limit=PAGE_SIZE, offset=page * PAGE_SIZE))
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
            article = await self.db.call(lambda s: with_all_mentions(s.article(article_id), self._gazetteer))
            self.reader.show(article)
        if mark_read:
            await self._refresh_row(article_id)

    async def _refresh_row(self, article_id: int) -> None:
        row = self.timeline.current_row
        if row and row.id == article_id:
            index = self.timeline.cursor
            page = index // PAGE_SIZE
            rows = await self.db.call(lambda s: s.timeline(self.filters, limit=PAGE_SIZE, offset=page * PAGE_SIZE))
            for fresh in rows:
                if fresh.id == article_id:
                    self.timeline.update_row(fresh)

    # -- filters ----------------------------------------------------------------------------------
    def push_filter(self, kind: str, value: str) -> None:
        if (kind, value) not in self.stack:
            self._filter_started = time.perf_counter()
            self.stack.append((kind, value))
            self.reload()

    @on(FilterRequested)
    def _filter_requested(self, message: FilterRequested) -> None:
        self.push_filter(message.kind, message.value)

    def action_pop_filter(self) -> None:
        if self.stack:
            self.stack.pop()
            self.reload(keep_article=self.timeline.current_id)

    def action_clear_filters(self) -> None:
        if self.stack:
            self.stack.clear()
            self.reload(keep_article=self.timeline.current_id)

    @work(group="pickers")
    async def action_pick(self, kind: str) -> None:
        entities = await self.db.call(lambda s: s.top_entities(kind, self.filters, limit=5000))
        if not entities:
            self.notify(f"No {kind}s in this view yet.", severity="warning")
            return
        from sidelines_tui.tui.pickers import EntityPicker

        choice = await self.push_screen_wait(EntityPicker(kind, entities))
        if choice:
            self.push_filter(kind, choice)

    def action_quick(self, number: int) -> None:
        if 0 < number <= len(self.quick):
            entity = self.quick[number - 1]
            self.push_filter(entity.kind, entity.name)

    @work(group="pickers")
    async def action_search(self) -> None:
        from sidelines_tui.tui.pickers import Prompt

        words = await self.push_screen_wait(Prompt("Search title, text and notes", "words"))
        if words:
            self.push_filter("search", words)

    # -- user data --------------------------------------------------------------------------------
    @work(group="pickers")
    async def action_tags(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        current = await self.db.call(lambda s: s.tags(article_id))
        known = [t for t, _ in await self.db.call(lambda s: s.all_tags())]
        from sidelines_tui.tui.pickers import TagEditor

        chosen = await self.push_screen_wait(TagEditor(current, known))
        if chosen is None:
            return
        removed = [t for t in current if t not in chosen]
        added = [t for t in chosen if t not in current]

        def apply(store) -> None:
            if removed:
                store.remove_tags(article_id, removed)
            if added:
                store.add_tags(article_id, added)

        await self.db.call(apply)
        await self._after_edit(article_id)

    async def _after_edit(self, article_id: int) -> None:
        await self._refresh_row(article_id)
        if self.reader.article and self.reader.article.id == article_id:
            self.reader.show(await self.db.call(lambda s: with_all_mentions(s.article(article_id), self._gazetteer)))

    @work(group="pickers")
    async def action_note(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        article = await self.db.call(lambda s: s.article(article_id))
        if article is None:
            return
        from sidelines_tui.tui.note_editor import NoteEditor  # TextArea loads on the first note

        self._note_editor = NoteEditor(article_id, article.title, article.note)
        await self.push_screen_wait(self._note_editor)
        self._note_editor = None
        await self._after_edit(article_id)

    @on(NoteChanged)
    async def _save_note(self, message: NoteChanged) -> None:
        await self.db.call(lambda s: s.set_note(message.article_id, message.body))

    async def action_toggle_read(self) -> None:
        await self._toggle("read")

    async def action_toggle_star(self) -> None:
        await self._toggle("starred")

    async def _toggle(self, flag: str) -> None:
        row = self.timeline.current_row
        if row:
            await self.db.call(lambda s: s.set_flags(row.id, **{flag: not getattr(row, flag)}))
            await self._refresh_row(row.id)

    def action_browser(self) -> None:
        row = self.timeline.current_row
        if row is None or not row.url:
            self.notify("This article has no link.", severity="warning")
            return
        self.open_url(row.url)
        self.notify(f"Opening {row.url}", markup=False)

    @work(group="export")
    async def action_export(self) -> None:
        from sidelines_tui.export import ExportError, new_export_path, render_markdown, write_export

        filters = self.filters
        text, count = await self.db.call(lambda s: render_markdown(s, filters))
        target = new_export_path(self.locations.export_dir)
        try:
            written = await asyncio.to_thread(write_export, text, target)
        except (ExportError, OSError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Exported {count} article{'' if count == 1 else 's'} to {written}", markup=False, timeout=8)

    # -- feeds ------------------------------------------------------------------------------------
    @work(group="pickers")
    async def action_add_feed(self) -> None:
        from sidelines_tui.fetch import FetchError, check_url

        from sidelines_tui.tui.pickers import Prompt

        url = await self.push_screen_wait(Prompt("Add a feed", "https://example.org/feed.xml"))
        if not url:
            return
        try:
            url = check_url(url)
        except FetchError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        feed = await self.db.call(lambda s: s.add_feed(url))
        self.notify(f"Subscribed to {url}", markup=False)
        self.run_refresh([feed])

    @work(group="pickers")
    async def action_import_opml(self) -> None:
        from sidelines_tui.opml import OpmlError, parse_opml, subscribe_all

        from sidelines_tui.tui.pickers import Prompt

        path = await self.push_screen_wait(Prompt("Import an OPML file", "~/subscriptions.opml"))
        if not path:
            return
        try:
            data = await asyncio.to_thread(Path(path).expanduser().read_bytes)
            entries = parse_opml(data)
        except (OSError, OpmlError) as exc:
            self.notify(f"Cannot import: {exc}", severity="error", markup=False)
            return

        added, skipped = await self.db.call(subscribe_all, entries)
        self.notify(f"Imported {added} feeds" + (f", skipped {len(skipped)}" if skipped else "")
                    + "; press R to refresh them.", markup=False)

    async def action_demo(self) -> None:
        from sidelines_tui.demo import load_demo

        added = await self.db.call(load_demo)
        self.notify(f"Loaded {added} demo articles.")
        self.reload()

    async def action_refresh_all(self) -> None:
        feeds = await self.db.call(lambda s: s.feeds())
        self.run_refresh(feeds)

    async def action_refresh_feed(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        article = await self.db.call(lambda s: s.article(article_id))
        feeds = await self.db.call(lambda s: [f for f in s.feeds() if article and f.id == article.feed_id])
        self.run_refresh(feeds)

    async def _progress_bar(self):
        from textual.widgets import ProgressBar

        found = self.query("#refresh-progress")
        if found:
            return found.first(ProgressBar)
        bar = ProgressBar(id="refresh-progress", show_eta=False)
        await self.mount(bar, before=self.query_one(Footer))
        return bar

    @work(exclusive=True, group="refresh")
    async def run_refresh(self, feeds) -> None:
        from sidelines_tui.refresh import Progress, refresh_feeds

        feeds = [f for f in feeds if not f.url.startswith("demo:")]
        if not feeds:
            self.notify("No feeds to refresh: press a to add one.", severity="warning")
            return
        bar = await self._progress_bar()
        bar.display = True
        bar.update(total=len(feeds), progress=0)
        self.refreshing = True
        last_reload = time.monotonic()

        def progress(p: Progress) -> None:
            nonlocal last_reload
            bar.update(total=p.total, progress=p.done)
            bar.tooltip = f"{p.done}/{p.total} feeds, {p.errors} errors"
            if time.monotonic() - last_reload > 2.0:
                last_reload = time.monotonic()
                self.reload(keep_article=self.timeline.current_id)

        gazetteer = self._gazetteer
        try:
            report = await refresh_feeds(self.locations.database, feeds, fulltext=self.config.fulltext,
                                         limits=self.fetch_limits, gazetteer_dir=gazetteer, progress=progress)
        finally:
            self.refreshing = False
            bar.display = False
        self.reload(keep_article=self.timeline.current_id)
        message = f"Refreshed {report.feeds} feeds: {report.new} new, {report.updated} updated, {len(report.errors)} errors"
        self.notify(message, severity="warning" if report.errors else "information", markup=False)
        for error in report.errors[:5]:
            self.notify(f"{error.feed}: {error.error}", severity="error", markup=False, timeout=10)

    # -- look -------------------------------------------------------------------------------------
    def action_next_theme(self) -> None:
        names = self._our_themes
        index = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(index + 1) % len(names)]
        self.config.theme = self.theme
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)
        self.persist_config()

    @work(thread=True, group="config")
    def persist_config(self) -> None:
        save_config(self.locations.config_file, self.config)

    def action_help(self) -> None:
        from sidelines_tui.tui.help import HelpScreen

        self.push_screen(HelpScreen(list(self.BINDINGS) + list(Timeline.BINDINGS)))

    # -- leaving ----------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._flush_note()
        self.exit()

    def _flush_note(self) -> None:
        editor = self._note_editor
        if editor is not None and editor.body != editor._saved:
            editor._saved = editor.body
            self.db.call_blocking(lambda s: s.set_note(editor.article_id, editor.body))

    def on_unmount(self) -> None:
        self._flush_note()
        self.db.close()
        self.db_background.close()


def run_app(locations: Locations) -> int:
    SidelinesApp(locations).run()
    return 0
