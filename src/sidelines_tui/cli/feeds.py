"""Commands about subscriptions: add, remove, OPML in and out, the feed list, refresh, reindex."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import signal
import sys
from pathlib import Path

from sidelines_tui.cli.common import feed_arg, gazetteer_dir, home_store
from sidelines_tui.cli.registry import UserError, command
from sidelines_tui.contracts import feed_json, refresh_json
from sidelines_tui.paths import Locations
from sidelines_tui.safe_text import one_line
from sidelines_tui.wording import plural, user_data_words


def _argument(parser, *names: str, **options) -> None:
    parser.add_argument(*names, **options)


def _add_arguments(p) -> None:
    p.add_argument("url")
    p.add_argument("--title", default="")
    p.add_argument("--folder", default="")
    p.add_argument("--no-check", action="store_true", help="subscribe without checking that the URL answers with a feed")


@command("add", "subscribe to a feed (the URL must answer with a feed; a page that links to one subscribes to it)",
         _add_arguments)
def cmd_add(args, loc: Locations) -> int:
    from sidelines_tui.fetch import check_url

    url = check_url(args.url)
    with home_store(loc) as store:
        existing = store.feed_by_url(url)
    if existing and existing.subscribed:
        print(f"already subscribed: {existing.id} {one_line(existing.url)}")
        return 0
    title = args.title
    if not args.no_check:
        from sidelines_tui.subscribe import probe_feed

        probe = asyncio.run(probe_feed(url))
        if probe.url != url:
            print(f"{one_line(url)} is a page; its feed is {one_line(probe.url)}")
            url = probe.url
        title = title or probe.title
    with home_store(loc) as store:
        before = store.feed_by_url(url)
        feed = store.add_feed(url, title, args.folder)
    if before and before.subscribed:
        print(f"already subscribed: {feed.id} {one_line(feed.url)}")
    elif before:
        print(f"subscribed again: {feed.id} {one_line(feed.url)} ({plural(feed.article_count, 'kept article')} rejoin it)")
    else:
        print(f"subscribed: {feed.id} {one_line(feed.url)}" + (f" ({one_line(feed.title, 80)})" if feed.title else ""))
    return 0


def _remove_arguments(p) -> None:
    p.add_argument("feed", help="id, URL or title")
    p.add_argument("--purge", action="store_true",
                   help="also delete the articles that hold your notes, tags or stars")
    p.add_argument("--yes", action="store_true", help="do not ask before --purge drops notes, tags or stars")


@command("remove", "unsubscribe; articles with a note, tag or star stay unless --purge", _remove_arguments)
def cmd_remove(args, loc: Locations) -> int:
    with home_store(loc) as store:
        feed = feed_arg(store, args.feed, include_unsubscribed=args.purge)
        if args.purge:
            data = store.feed_user_data(feed.id)
            words = user_data_words(data.notes, data.tags, data.starred)
            if words and not args.yes and not _confirm(f"--purge deletes {words} of {one_line(feed.name, 80)}."):
                raise UserError(f"not removed: --purge would delete {words} (add --yes to confirm)")
        result = store.remove_feed(feed.id, purge=args.purge)
    said = f"unsubscribed: {one_line(feed.url)}: {plural(result.deleted, 'article')} deleted"
    if result.kept:
        said += (f", {plural(result.kept, 'article')} with your notes, tags or stars kept"
                 " (sidelines remove --purge deletes them too)")
    if args.purge and result.dropped.articles_worth_keeping:
        said += f", with {user_data_words(result.dropped.notes, result.dropped.tags, result.dropped.starred)}"
    print(said)
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(f"{question} Delete them? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


@command("import-opml", "subscribe to the feeds of an OPML file (ill-formed files are read as far as they can be)",
         lambda p: _argument(p, "file"))
def cmd_import_opml(args, loc: Locations) -> int:
    from sidelines_tui.opml import parse_opml, subscribe_all

    read = parse_opml(Path(args.file).read_bytes())
    if read.note:
        print(f"sidelines: {read.note}", file=sys.stderr)
    with home_store(loc) as store:
        added, skipped = subscribe_all(store, read.feeds)
    for reason in skipped:
        print(f"sidelines: skipped {one_line(reason)}", file=sys.stderr)
    print(f"imported {plural(added, 'feed')}" + (f", skipped {len(skipped)} (reasons above)" if skipped else ""))
    return 0


@command("export-opml", "write subscriptions as OPML", lambda p: _argument(p, "-o", "--output"))
def cmd_export_opml(args, loc: Locations) -> int:
    from sidelines_tui.atomic import atomic_write_text
    from sidelines_tui.opml import render_opml

    with home_store(loc) as store:
        text = render_opml([f for f in store.feeds() if not f.is_demo])
    if args.output:
        target = Path(args.output).expanduser()
        if not target.parent.is_dir():
            raise UserError(f"{target.parent}: no such folder")
        atomic_write_text(target, text)
    else:
        sys.stdout.write(text)
    return 0


@command("feeds", "list subscriptions with their status", lambda p: _argument(p, "--json", action="store_true"))
def cmd_feeds(args, loc: Locations) -> int:
    with home_store(loc) as store:
        feeds = store.feeds(include_unsubscribed=True)
    if args.json:
        print(json.dumps([feed_json(f) for f in feeds], ensure_ascii=False, indent=1))
        return 0
    for f in feeds:
        if not f.subscribed:
            status = "unsubscribed, kept for your notes, tags or stars"
        elif f.last_error:
            status = f"error: {f.last_error}"
        else:
            status = f"ok {f.last_fetched}" if f.last_fetched else "never fetched"
        print(f"{f.id:>4}  {one_line(f.title or '-', 40):40}  {f.unread:>5}/{f.article_count:<5}  "
              f"{one_line(f.url, 60)}  [{one_line(status, 80)}]")
    return 0


GC_EVERY_FEEDS = 100


def _refresh_arguments(p) -> None:
    p.add_argument("--fulltext", choices=["auto", "never", "always"], default=None,
                   help="fetch full pages: auto (when the feed carries only a summary), never, always (also for stored articles)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--feed", help="refresh only this feed (id, URL or title)")
    p.add_argument("--concurrency", type=int, default=None)
    p.add_argument("--per-host", type=int, default=None)
    p.add_argument("--timeout", type=float, default=30.0, help="total seconds allowed per request")


@command("refresh", "fetch, clean, tag and store all feeds", _refresh_arguments)
def cmd_refresh(args, loc: Locations) -> int:
    from sidelines_tui.config import load_config
    from sidelines_tui.fetch import FetchLimits
    from sidelines_tui.refresh import Progress, refresh_feeds

    config = load_config(loc.config_file)
    with home_store(loc) as store:
        feeds = [feed_arg(store, args.feed)] if args.feed else store.feeds()
    limits = FetchLimits(concurrency=args.concurrency or config.concurrency,
                         per_host=args.per_host or config.per_host, total_timeout=args.timeout)
    show = sys.stderr.isatty() and not args.json

    def progress(p: Progress) -> None:
        if p.done % GC_EVERY_FEEDS == 0:
            gc.collect()
        if show:
            sys.stderr.write(f"\rrefreshing {p.done}/{p.total} feeds, {plural(p.errors, 'error')} ")
            sys.stderr.flush()

    # A refresh makes hundreds of thousands of short-lived objects and few cycles. The collector's
    # automatic passes cost the event loop 0.2 s of a 500-feed refresh and held the GIL from the writer
    # thread: off, with what the imports made frozen and one collection per 100 feeds, the cold refresh
    # is 5-7% faster at the same peak memory.
    signals: list[int] = []
    gc.freeze()
    gc.disable()
    try:
        report = asyncio.run(_until_signalled(signals, refresh_feeds, loc.database, feeds,
                                              fulltext=args.fulltext or config.fulltext, limits=limits,
                                              gazetteer_dir=gazetteer_dir(loc), progress=progress))
    finally:
        gc.enable()
        gc.unfreeze()  # back as it was, for callers that go on (the tests run the CLI in-process)
    if show:
        sys.stderr.write("\n")
    if config.retention_days > 0 and not report.interrupted:
        from sidelines_tui.retention import prune_store

        with home_store(loc) as store:
            pruned = prune_store(store, config.retention_days)
        if pruned.deleted and not args.json:
            print(f"retention {config.retention_days} days: {plural(pruned.deleted, 'older article')} deleted")
    if args.json:
        print(json.dumps(refresh_json(report), ensure_ascii=False))
    else:
        print(f"{plural(report.feeds, 'feed')}: {report.new} new, {report.updated} updated, "
              f"{report.not_modified} unchanged, {plural(len(report.errors), 'error')} in {report.seconds:.2f} s")
        for error in report.errors:
            print(f"  {one_line(error.feed, 80)}: {one_line(error.error, 160)}")
    if report.interrupted:
        print(f"sidelines: refresh interrupted after {report.seconds:.1f} s; what was fetched is stored", file=sys.stderr)
        return 128 + (signals[0] if signals else signal.SIGINT)
    return 0


async def _until_signalled(signals: list[int], refresh, *args, **kwargs):
    """SIGINT and SIGTERM (Ctrl-C, `timeout`, a service manager) stop the refresh cleanly: what the workers
    finished is stored, the worker processes end, the report is printed. `signals` records which came."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def stop_on(number: int) -> None:
        signals.append(number)
        stop.set()

    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stop_on, number)
    return await refresh(*args, stop=stop, **kwargs)


@command("reindex", "re-run clean + tag over stored articles (after a gazetteer or engine change); tags and notes stay",
         lambda p: _argument(p, "--json", action="store_true"))
def cmd_reindex(args, loc: Locations) -> int:
    from sidelines_tui.reindex import ReindexProgress, reindex

    show = sys.stderr.isatty() and not args.json

    def progress(p: ReindexProgress) -> None:
        if show:
            sys.stderr.write(f"\rreindexing {p.done:,}/{p.total:,} articles ")
            sys.stderr.flush()

    with home_store(loc):
        pass  # upgrade first, and say what the upgrade did
    report = reindex(loc.database, gazetteer_dir=gazetteer_dir(loc), progress=progress)
    if show:
        sys.stderr.write("\n")
    if args.json:
        print(json.dumps({"articles": report.articles, "changed": report.changed, "seconds": round(report.seconds, 3)}))
    else:
        print(f"reindexed {plural(report.articles, 'article')} ({report.changed} changed) in {report.seconds:.2f} s")
    return 0


def _prune_arguments(p) -> None:
    _argument(p, "--days", type=int, help="keep this many days (default: retention_days from config.toml)")
    _argument(p, "--vacuum", action="store_true", help="then give the freed space back to the disk (rewrites the file)")
    _argument(p, "--json", action="store_true")


@command("prune", "delete articles older than the retention; starred, tagged and noted ones always stay",
         _prune_arguments)
def cmd_prune(args, loc: Locations) -> int:
    from sidelines_tui.config import load_config
    from sidelines_tui.retention import prune_store

    days = args.days if args.days is not None else load_config(loc.config_file).retention_days
    if days <= 0:
        raise UserError("no retention set: give --days N or set retention_days in config.toml")
    with home_store(loc) as store:
        report = prune_store(store, days, vacuum=args.vacuum)
    if args.json:
        print(json.dumps({"cutoff": report.cutoff, "deleted": report.deleted, "vacuumed": report.vacuumed}))
    else:
        print(f"{plural(report.deleted, 'article')} published before {report.cutoff[:10]} deleted"
              f"{' and the file compacted' if report.vacuumed else ''}; starred, tagged and noted ones kept")
    return 0
