"""The Sidelines app: wiring. It opens the store (on its own threads), registers the themes, reads the
first page before Textual starts, and shows the main screen, where the behaviour lives."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import work
from textual.app import App

from sidelines_tui.config import Config, load_config, save_config
from sidelines_tui.filter_stack import FilterStack
from sidelines_tui.paths import Locations
from sidelines_tui.store.threaded import ThreadedStore
from sidelines_tui.tui.commands import SidelinesCommands
from sidelines_tui.tui.driver import driver_class
from sidelines_tui.tui.loads import load_view
from sidelines_tui.tui.main_screen import MainScreen
from sidelines_tui.tui.off_loop import OffLoop
from sidelines_tui.tui.themes import ENTITY_DEFAULTS, load_themes


class SidelinesApp(App[None]):
    CSS_PATH = "sidelines.tcss"
    TITLE = "Sidelines"
    COMMANDS = {SidelinesCommands}  # ours only: Textual's theme picker would bypass the saved theme

    def __init__(self, locations: Locations, *, fetch_limits=None) -> None:
        self.locations = locations.ensure()
        self.config: Config = load_config(locations.config_file)
        self.db = ThreadedStore(locations.database)
        # The first page is read now, before Textual starts, with this thread waiting. Read alongside
        # Textual's start-up it took 0.1-0.4 s instead of 10 ms: sqlite3 releases the GIL at every row,
        # and each time the busy event loop kept it for a whole switch interval (5 ms).
        first_view = self.db.call_blocking(load_view, FilterStack().filters)
        self.notices = self.db.call_blocking(lambda s: s.take_notices())
        # A second connection for slower background reads (quick-filter counts), so they never queue
        # in front of the timeline's queries. WAL lets both read at once.
        self.db_background = ThreadedStore(locations.database, "sidelines-db-background")
        self.tagging = OffLoop("sidelines-tagger")
        self.fetch_limits = fetch_limits
        super().__init__()
        self.main = MainScreen(first_view)
        self._themes = [t.name for t in load_themes()]
        # Registered and chosen before the app starts: the first stylesheet pass uses the theme, where
        # choosing it on mount re-parsed and re-applied all CSS before the first paint.
        for theme in load_themes():
            self.register_theme(theme)
        self.theme = self.config.theme if self.config.theme in self._themes else self._themes[0]
        self._names = None

    def get_driver_class(self):
        return driver_class(super().get_driver_class())  # a lone esc answered at ESCDELAY, not Textual's 100 ms poll

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ENTITY_DEFAULTS)

    def get_default_screen(self) -> MainScreen:
        # The main screen is the app's first: a blank default screen drawn and then covered cost a frame
        return self.main

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for notice in self.notices:
            self.notify(notice, severity="warning", markup=False, timeout=30)

    def _theme_changed(self, _theme) -> None:
        # Published after Textual has re-applied the CSS: the text we style ourselves (reader, filter bar,
        # timeline rows) is styled again from the new theme. Restyled straight after, it kept the old colours.
        self.main.reader.restyle()
        self.main.timeline.refresh()
        self.main.show_filter_bar()

    @property
    def gazetteer_dir(self) -> str | None:
        folder = self.locations.gazetteer_dir
        return str(folder) if folder.is_dir() else None

    def name_forms(self, store, kind: str, names: list[str]) -> dict[str, str]:
        """Every way to write each name (aliases, long names), for the pickers' narrowing. Runs on the
        database thread; the gazetteer is read once."""
        from sidelines_tui.gazetteer import load_gazetteer
        from sidelines_tui.names import name_index

        if self._names is None:
            folder = self.gazetteer_dir
            self._names = load_gazetteer(Path(folder) if folder else None)
        index = name_index(kind, names, self._names)
        return {name: index.search_text(name) for name in names}

    def next_theme(self) -> None:
        index = self._themes.index(self.theme) if self.theme in self._themes else -1
        self.theme = self._themes[(index + 1) % len(self._themes)]
        self.config.theme = self.theme
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)
        self.persist_config()

    @work(thread=True, group="config")
    def persist_config(self) -> None:
        save_config(self.locations.config_file, self.config)

    async def action_quit(self) -> None:
        self.main.flush_note()
        self.exit()

    def on_unmount(self) -> None:
        self.main.flush_note()
        self.db.close()
        self.db_background.close()
        self.tagging.close()


SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while another waits for it


def run_app(locations: Locations) -> int:
    # The database threads give up the GIL at every row sqlite3 reads and must get it back for the next;
    # while the event loop draws a frame they waited Python's 5 ms switch interval each time (the meetings
    # view's rows arrived after its first frame: 50-70 ms for a 5 ms read). 1 ms keeps them close behind.
    sys.setswitchinterval(SWITCH_INTERVAL)
    SidelinesApp(locations).run()
    return 0
