"""The `sidelines` command: the TUI with no arguments, and one subcommand per core stage."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sidelines_tui import __version__
from sidelines_tui.paths import Locations, locate
from sidelines_tui.safe_text import one_line


class UserError(Exception):
    """Reported as one line on stderr with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", default=argparse.SUPPRESS,
                        help="keep all state (database, config, exports) under DIR (env SIDELINES_HOME)")
    parser = argparse.ArgumentParser(prog="sidelines", parents=[common],
                                     description="Who meets whom, on the sidelines of which summit: a terminal news reader.")
    parser.add_argument("--version", action="version", version=f"sidelines {__version__}")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("add", parents=[common], help="subscribe to a feed")
    p.add_argument("url")
    p.add_argument("--title", default="")
    p.add_argument("--folder", default="")

    p = sub.add_parser("remove", parents=[common], help="unsubscribe (by URL or feed id)")
    p.add_argument("feed")

    p = sub.add_parser("import-opml", parents=[common], help="subscribe to the feeds of an OPML file")
    p.add_argument("file")

    p = sub.add_parser("export-opml", parents=[common], help="write subscriptions as OPML")
    p.add_argument("-o", "--output")

    p = sub.add_parser("feeds", parents=[common], help="list subscriptions with their status")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("refresh", parents=[common], help="fetch, clean, tag and store all feeds")
    p.add_argument("--fulltext", choices=["auto", "never", "always"], default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("--feed", help="refresh only this feed (URL or id)")
    p.add_argument("--concurrency", type=int, default=None)
    p.add_argument("--per-host", type=int, default=None)
    p.add_argument("--timeout", type=float, default=30.0, help="total seconds allowed per request")

    p = sub.add_parser("extract", parents=[common], help="clean and tag pages without storing them")
    p.add_argument("inputs", nargs="+", metavar="PATH|URL")
    p.add_argument("--json", action="store_true", help="JSON Lines (the default output)")

    p = sub.add_parser("list", parents=[common], help="the timeline, newest first")
    _filter_args(p)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tag", parents=[common], help="add user tags to an article (-r to remove)")
    p.add_argument("id", type=int)
    p.add_argument("tags", nargs="+")
    p.add_argument("-r", "--remove", action="store_true")

    p = sub.add_parser("note", parents=[common], help="set an article's note ('-' reads stdin)")
    p.add_argument("id", type=int)
    p.add_argument("text")

    p = sub.add_parser("export", parents=[common], help="notes of the (filtered) timeline as Markdown")
    _filter_args(p)
    p.add_argument("-o", "--output")
    p.add_argument("--force", action="store_true", help="overwrite a file Sidelines did not write")

    p = sub.add_parser("demo", parents=[common], help="load the bundled offline demo articles")
    return parser


def _filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--official", action="append", default=[])
    p.add_argument("--summit", action="append", default=[])
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--search")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        locations = locate(getattr(args, "home", None))
        if args.command is None:
            # No cyclic garbage collection until the first paint (the app freezes what exists then and
            # turns it back on): the collections that imports and start-up trigger cost ~25 ms and free
            # nothing, everything made so far lives as long as the app.
            gc.disable()
            from sidelines_tui.tui.app import run_app

            return run_app(locations)
        return COMMANDS[args.command](args, locations.ensure())
    except UserError as exc:
        return _fail(str(exc), 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the contract: one line, never a traceback
        from sidelines_tui.export import ExportError
        from sidelines_tui.fetch import FetchError
        from sidelines_tui.opml import OpmlError
        from sidelines_tui.store import StoreError

        if isinstance(exc, (StoreError, ExportError, FetchError, OpmlError, OSError, ValueError)):
            return _fail(str(exc), 1)
        if os.environ.get("SIDELINES_DEBUG"):
            raise
        return _fail(f"unexpected {type(exc).__name__}: {exc}", 1)


def _fail(message: str, code: int) -> int:
    print(f"sidelines: {one_line(message, 300)}", file=sys.stderr)
    return code


def _store(locations: Locations):
    from sidelines_tui.store import Store

    return Store(locations.database)


def _feed_arg(store, value: str):
    feeds = store.feeds()
    for feed in feeds:
        if feed.url == value or str(feed.id) == value:
            return feed
    raise UserError(f"no subscription {value!r}")


def cmd_add(args, loc: Locations) -> int:
    from sidelines_tui.fetch import check_url

    url = check_url(args.url)
    with _store(loc) as store:
        feed = store.add_feed(url, args.title, args.folder)
    print(f"subscribed: {feed.id} {one_line(feed.url)}")
    return 0


def cmd_remove(args, loc: Locations) -> int:
    with _store(loc) as store:
        feed = _feed_arg(store, args.feed)
        store.remove_feed(feed.id)
    print(f"unsubscribed: {one_line(feed.url)}")
    return 0


def cmd_import_opml(args, loc: Locations) -> int:
    from sidelines_tui.opml import parse_opml, subscribe_all

    entries = parse_opml(Path(args.file).read_bytes())
    with _store(loc) as store:
        added, skipped = subscribe_all(store, entries)
    for reason in skipped:
        print(f"sidelines: skipped: {one_line(reason)}", file=sys.stderr)
    print(f"imported {added} feeds" + (f", skipped {len(skipped)}" if skipped else ""))
    return 0


def cmd_export_opml(args, loc: Locations) -> int:
    from sidelines_tui.atomic import atomic_write_text
    from sidelines_tui.opml import render_opml

    with _store(loc) as store:
        text = render_opml(store.feeds())
    if args.output:
        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_feeds(args, loc: Locations) -> int:
    with _store(loc) as store:
        feeds = store.feeds()
    if args.json:
        print(json.dumps([{"id": f.id, "url": f.url, "title": f.title, "folder": f.folder,
                           "last_fetched": f.last_fetched, "last_error": f.last_error,
                           "articles": f.article_count} for f in feeds], ensure_ascii=False, indent=1))
        return 0
    for f in feeds:
        status = f"error: {f.last_error}" if f.last_error else (f"ok {f.last_fetched}" if f.last_fetched else "never fetched")
        print(f"{f.id:>4}  {one_line(f.title or '-', 40):40}  {f.article_count:>5}  {one_line(f.url, 60)}  [{one_line(status, 80)}]")
    return 0


GC_EVERY_FEEDS = 100


def cmd_refresh(args, loc: Locations) -> int:
    from sidelines_tui.config import load_config
    from sidelines_tui.fetch import FetchLimits
    from sidelines_tui.refresh import Progress, refresh_feeds

    config = load_config(loc.config_file)
    with _store(loc) as store:
        feeds = [_feed_arg(store, args.feed)] if args.feed else store.feeds()
    limits = FetchLimits(concurrency=args.concurrency or config.concurrency,
                         per_host=args.per_host or config.per_host, total_timeout=args.timeout)
    show = sys.stderr.isatty() and not args.json

    def progress(p: Progress) -> None:
        if p.done % GC_EVERY_FEEDS == 0:
            gc.collect()
        if show:
            sys.stderr.write(f"\rrefreshing {p.done}/{p.total} feeds, {p.errors} errors ")
            sys.stderr.flush()

    # A refresh makes hundreds of thousands of short-lived objects and few cycles. The collector's
    # automatic passes cost the event loop 0.2 s of a 500-feed refresh and held the GIL from the writer
    # thread: off, with what the imports made frozen and one collection per 100 feeds, the cold refresh
    # is 5-7% faster at the same peak memory.
    gc.freeze()
    gc.disable()
    try:
        report = asyncio.run(refresh_feeds(loc.database, feeds, fulltext=args.fulltext or config.fulltext,
                                           limits=limits, gazetteer_dir=_gazetteer_dir(loc), progress=progress))
    finally:
        gc.enable()
        gc.unfreeze()  # back as it was, for callers that go on (the tests run the CLI in-process)
    if show:
        sys.stderr.write("\n")
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(f"{report.feeds} feeds, {report.new} new, {report.updated} updated, "
              f"{report.not_modified} unchanged, {len(report.errors)} errors in {report.seconds:.2f} s")
        for error in report.errors:
            print(f"  {one_line(error.feed, 80)}: {one_line(error.error, 160)}")
    return 0


def _gazetteer_dir(loc: Locations) -> str | None:
    return str(loc.gazetteer_dir) if loc.gazetteer_dir.is_dir() else None


def _extract_one(item: str, gazetteer_dir: str | None) -> dict:
    from sidelines_tui.decode import GZIP_MAGIC, MAX_DOCUMENT_BYTES, gunzip_capped
    from sidelines_tui.pipeline import extract_document

    with open(item, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB: not a page")
    if data.startswith(GZIP_MAGIC):  # a saved page.html.gz: unpacked here, as a server's gzip would be
        data = gunzip_capped(data)
        item_hint = item.removesuffix(".gz").removesuffix(".GZ")
    else:
        item_hint = item
    extracted = extract_document(data, path_hint=item_hint, gazetteer_dir=gazetteer_dir)
    return _extracted_json(item, extracted)


def _extracted_json(item: str, extracted) -> dict:
    return {"path": item, "title": extracted.title, "published": (extracted.published or None) and extracted.published[:10],
            "url": extracted.url, "text": extracted.text, "officials": extracted.officials,
            "summits": extracted.summits,
            "entities": [{"kind": m.kind, "name": m.name, "start": m.start, "end": m.end} for m in extracted.mentions]}


def _safe_extract(item: str, gazetteer_dir: str | None) -> dict:
    try:
        return _extract_one(item, gazetteer_dir)
    except OSError as exc:
        return {"path": item, "error": f"cannot read: {exc.strerror or exc}"}
    except ValueError as exc:  # too large, or a corrupt or oversized .gz
        return {"path": item, "error": str(exc)}


def cmd_extract(args, loc: Locations) -> int:
    gazetteer_dir = _gazetteer_dir(loc)
    urls = [i for i in args.inputs if i.startswith(("http://", "https://"))]
    paths = [i for i in args.inputs if i not in urls]
    results: dict[str, dict] = {}
    if urls:
        results.update(asyncio.run(_extract_urls(urls, gazetteer_dir)))
    if len(paths) > 8 and (os.cpu_count() or 1) > 1:
        from sidelines_tui.work import process_pool

        with process_pool(os.cpu_count() or 2) as pool:
            for item, obj in zip(paths, pool.map(_safe_extract, paths, [gazetteer_dir] * len(paths), chunksize=4)):
                results[item] = obj
    else:
        for item in paths:
            results[item] = _safe_extract(item, gazetteer_dir)
    failed = 0
    for item in args.inputs:
        obj = results[item]
        if "error" in obj:
            failed += 1
            print(f"sidelines: {one_line(item, 120)}: {one_line(obj['error'])}", file=sys.stderr)
        print(json.dumps(obj, ensure_ascii=False))
    return 1 if failed else 0


async def _extract_urls(urls: list[str], gazetteer_dir: str | None) -> dict[str, dict]:
    from sidelines_tui.fetch import PAGE_ACCEPT, Fetcher
    from sidelines_tui.pipeline import extract_document

    out: dict[str, dict] = {}
    async with Fetcher() as fetcher:
        results = await asyncio.gather(*(fetcher.get(u, accept=PAGE_ACCEPT) for u in urls))
    for url, result in zip(urls, results):
        if result.error:
            out[url] = {"path": url, "error": result.error}
            continue
        extracted = await asyncio.to_thread(extract_document, result.body, url=result.final_url or url,
                                            content_type=result.content_type, gazetteer_dir=gazetteer_dir)
        out[url] = _extracted_json(url, extracted)
    return out


def _filters(args, store):
    """Filters from the command line; names resolve as a user types them ("lavrov", "g-20")."""
    from sidelines_tui.models import Filters
    from sidelines_tui.store import normalise_tag

    return Filters(officials=tuple(store.resolve_entity("official", o) for o in args.official),
                   summits=tuple(_summit_code(store, s) for s in args.summit),
                   tags=tuple(normalise_tag(t) for t in args.tag), search=args.search or None)


def _summit_code(store, text: str) -> str:
    """A summit code from a code or a long name ("Group of 20" -> "G20"), via the gazetteer."""
    from sidelines_tui.gazetteer import load_gazetteer

    folded = "".join(ch for ch in text.casefold() if ch.isalnum())
    for body in load_gazetteer().summits:
        if any("".join(ch for ch in n.casefold() if ch.isalnum()) == folded for n in body.names):
            return body.code
    return store.resolve_entity("summit", text)


def cmd_list(args, loc: Locations) -> int:
    with _store(loc) as store:
        filters = _filters(args, store)
        rows = store.timeline(filters, limit=args.limit)
        if args.json:
            out = [{"id": r.id, "title": r.title, "url": r.url,
                    "published": r.published, "feed": r.feed, "officials": list(r.officials),
                    "summits": list(r.summits), "tags": list(r.tags), "note": store.note(r.id)} for r in rows]
            print(json.dumps(out, ensure_ascii=False, indent=1))
            return 0
    for r in rows:
        chips = " ".join([*(f"@{o}" for o in r.officials), *(f"^{s}" for s in r.summits), *(f"#{t}" for t in r.tags)])
        print(f"{r.id:>6}  {r.published[:10]}  {one_line(r.feed, 20):20}  {one_line(r.title, 80)}  {one_line(chips, 120)}")
    return 0


def cmd_tag(args, loc: Locations) -> int:
    with _store(loc) as store:
        tags = store.remove_tags(args.id, args.tags) if args.remove else store.add_tags(args.id, args.tags)
    print(" ".join(tags))
    return 0


def cmd_note(args, loc: Locations) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    with _store(loc) as store:
        store.set_note(args.id, text)
    return 0


def cmd_export(args, loc: Locations) -> int:
    from sidelines_tui.export import default_export_path, render_markdown, write_export

    with _store(loc) as store:
        text, count = render_markdown(store, _filters(args, store))
    target = Path(args.output) if args.output else default_export_path(loc.export_dir)
    written = write_export(text, target, force=args.force)
    print(f"exported {count} article{'' if count == 1 else 's'} to {written}")
    return 0


def cmd_demo(args, loc: Locations) -> int:
    from sidelines_tui.demo import load_demo

    with _store(loc) as store:
        added = load_demo(store)
    print(f"loaded {added} demo articles")
    return 0


COMMANDS = {
    "add": cmd_add, "remove": cmd_remove, "import-opml": cmd_import_opml, "export-opml": cmd_export_opml,
    "feeds": cmd_feeds, "refresh": cmd_refresh, "extract": cmd_extract, "list": cmd_list, "tag": cmd_tag,
    "note": cmd_note, "export": cmd_export, "demo": cmd_demo,
}
