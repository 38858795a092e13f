"""What the main screen does to feeds: add (checked to be a feed), import OPML, the demo, refresh, the feed
list, remove (with a confirmation), reindex. A mixin of MainScreen."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual import work

from sidelines_tui.models import Feed
from sidelines_tui.wording import plural, user_data_words

RELOAD_EVERY = 2.0  # seconds between timeline reloads while a refresh stores articles


class FeedActions:
    refreshing = False

    @work(group="pickers")
    async def action_add_feed(self) -> None:
        from sidelines_tui.fetch import FetchError
        from sidelines_tui.subscribe import probe_feed
        from sidelines_tui.tui.dialogs.prompt import Prompt

        url = await self.app.push_screen_wait(Prompt("Add a feed (or a page that links to one)",
                                                     "https://example.org/feed.xml"))
        if not url:
            return
        self.notify(f"Checking {url} …", markup=False, timeout=3)
        try:
            probe = await probe_feed(url, self.app.fetch_limits)
        except FetchError as exc:
            self.notify(f"Not subscribed: {exc}", severity="error", markup=False, timeout=10)
            return
        existing = await self.db.call(lambda s: s.feed_by_url(probe.url))
        if existing and existing.subscribed:
            self.notify(f"Already subscribed to {existing.name}", markup=False)
            return
        feed = await self.db.call(lambda s: s.add_feed(probe.url, probe.title))
        self.notify(f"Subscribed to {feed.name} ({plural(probe.entries, 'item')})", markup=False)
        self.run_refresh([feed])

    @work(group="pickers")
    async def action_import_opml(self) -> None:
        from sidelines_tui.errors import describe
        from sidelines_tui.opml import OpmlError, parse_opml, subscribe_all
        from sidelines_tui.tui.dialogs.prompt import Prompt

        path = await self.app.push_screen_wait(Prompt("Import an OPML file", "~/subscriptions.opml"))
        if not path:
            return
        try:
            data = await asyncio.to_thread(Path(path).expanduser().read_bytes)
            read = parse_opml(data)
        except (OSError, OpmlError) as exc:
            self.notify(f"Cannot import: {describe(exc)}", severity="error", markup=False)
            return
        added, skipped = await self.db.call(subscribe_all, read.feeds)
        message = f"Imported {plural(added, 'feed')}" + (f" ({read.note})" if read.note else "")
        if skipped:
            message += f"; skipped {len(skipped)}: " + "; ".join(skipped[:3]) + (" …" if len(skipped) > 3 else "")
        self.notify(message + ". Press R to refresh them.", markup=False, timeout=10)

    async def action_demo(self) -> None:
        from sidelines_tui.demo import load_demo

        gazetteer = self.app.gazetteer_dir
        added = await self.db.call(lambda s: load_demo(s, gazetteer))
        self.notify(f"Loaded {plural(added, 'demo article')}.")
        self.reload()

    async def action_refresh_all(self) -> None:
        feeds = await self.db.call(lambda s: s.feeds())
        if not [f for f in feeds if not f.is_demo]:
            self.notify("No feeds to refresh: press a to add one.", severity="warning")
            return
        self.run_refresh(feeds)

    async def action_refresh_feed(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        article = await self.db.call(lambda s: s.article(article_id))
        feed = await self.db.call(lambda s: s.feed(article.feed_id)) if article else None
        if feed is None:
            return
        if feed.is_demo:
            self.notify("This article is from the bundled demo set: it has no feed to refresh. R refreshes your feeds.",
                        severity="warning")
        elif not feed.subscribed:
            self.notify(f"{feed.name} was removed: its kept articles are not refreshed (add it again to resubscribe).",
                        severity="warning", markup=False)
        else:
            self.run_refresh([feed])

    @work(exclusive=True, group="refresh")
    async def run_refresh(self, feeds: list[Feed], fulltext: str | None = None) -> None:
        from sidelines_tui.refresh import Progress, refresh_feeds

        feeds = [f for f in feeds if not f.is_demo and f.subscribed]
        if not feeds:
            return
        self.progress.start("Refreshing", len(feeds))
        self.refreshing = True
        last_reload = time.monotonic()

        def progress(p: Progress) -> None:
            nonlocal last_reload
            self.progress.advance(p.done, p.total, f"{p.done}/{p.total} feeds, {plural(p.errors, 'error')}")
            if time.monotonic() - last_reload > RELOAD_EVERY:
                last_reload = time.monotonic()
                self.reload(keep_article=self.timeline.current_id)

        try:
            report = await refresh_feeds(self.app.locations.database, feeds,
                                         fulltext=fulltext or self.app.config.fulltext, limits=self.app.fetch_limits,
                                         gazetteer_dir=self.app.gazetteer_dir, progress=progress)
        finally:
            self.refreshing = False
            self.progress.finish()
        self.reload(keep_article=self.timeline.current_id)
        message = (f"Refreshed {plural(report.feeds, 'feed')}: {report.new} new, {report.updated} updated, "
                   f"{plural(len(report.errors), 'error')}")
        self.notify(message, severity="warning" if report.errors else "information", markup=False)
        for error in report.errors[:5]:
            self.notify(f"{error.feed}: {error.error}", severity="error", markup=False, timeout=10)

    # -- the feed list ----------------------------------------------------------------------------
    @work(group="pickers")
    async def action_feeds(self) -> None:
        from sidelines_tui.tui.feed_list import FeedListScreen

        def load():
            return self.db.call(lambda s: s.feeds(include_unsubscribed=True))

        first = asyncio.ensure_future(load())  # read while the list is built, not after its first frames
        choice = await self.app.push_screen_wait(FeedListScreen(load, self.remove_feed, first=first))
        if choice is None:
            return
        if choice.action == "filter" and choice.feed is not None:
            self.push_filter("feed", str(choice.feed.id), choice.feed.name)
        elif choice.action == "refresh" and choice.feed is not None:
            if choice.feed.subscribed and not choice.feed.is_demo:
                self.run_refresh([choice.feed])
        elif choice.action == "add":
            self.action_add_feed()

    async def remove_feed(self, feed: Feed) -> bool:
        """Remove a feed as `sidelines remove` does, after the user says yes. Articles holding a note, a
        tag or a star stay; a second question offers to delete them too."""
        from sidelines_tui.tui.dialogs.confirm import Confirm

        data = await self.db.call(lambda s: s.feed_user_data(feed.id))
        words = user_data_words(data.notes, data.tags, data.starred)
        detail = (f"Articles holding your work ({words}) stay, under the feed's name." if words
                  else f"Its {plural(feed.article_count, 'article')} will be deleted.")
        if feed.subscribed and not await self.app.push_screen_wait(Confirm(f"Remove {feed.name}?", detail, yes="Remove")):
            return False
        purge = False
        if words and not feed.subscribed:
            purge = await self.app.push_screen_wait(Confirm(
                f"Delete the articles you kept from {feed.name}?", f"This deletes {words} for good.", yes="Delete"))
            if not purge:
                return False
        result = await self.db.call(lambda s: s.remove_feed(feed.id, purge=purge))
        said = f"Removed {feed.name}: {plural(result.deleted, 'article')} deleted"
        if result.kept:
            said += f", {plural(result.kept, 'article')} with your notes, tags or stars kept"
        self.notify(said, markup=False, timeout=8)
        if self.stack.values("feed") == (str(feed.id),) and result.feed_deleted:
            self.stack = self.stack.without("feed")
        self.reload(keep_article=self.timeline.current_id)
        return True

    # -- reindex ----------------------------------------------------------------------------------
    @work(exclusive=True, group="refresh", thread=True)
    def action_reindex(self) -> None:
        from sidelines_tui.reindex import ReindexProgress, reindex

        call = self.app.call_from_thread
        call(self.progress.start, "Reindexing", 1)

        def progress(p: ReindexProgress) -> None:
            call(self.progress.advance, p.done, p.total, f"{p.done:,}/{p.total:,} articles")

        try:
            report = reindex(self.app.locations.database, gazetteer_dir=self.app.gazetteer_dir, progress=progress)
        finally:
            call(self.progress.finish)
        call(self.notify, f"Reindexed {plural(report.articles, 'article')} ({report.changed} changed) "
                          f"in {report.seconds:.1f} s")
        call(lambda: self.reload(keep_article=self.timeline.current_id))
