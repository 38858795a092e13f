"""Refresh: fetch every feed concurrently, parse/clean/tag on all cores, store, report.

The event loop only does I/O; parsing and cleaning run in a process pool (both cores), store writes
in one writer thread, so neither blocks the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sidelines_tui.fetch import PAGE_ACCEPT, Fetcher, FetchLimits
from sidelines_tui.models import Feed, FeedError, FeedWrite, RefreshReport
from sidelines_tui.safe_text import one_line
from sidelines_tui.store import Store, open_store
from sidelines_tui.store.batch import BatchWriter

if TYPE_CHECKING:
    from sidelines_tui.models import FeedOutcome, PageWanted

FULLTEXT_MODES = ("auto", "never", "always")
BODIES_PER_CONNECTION = 4  # fetched bodies held (requested, waiting or in a worker) per allowed connection
POOL_THRESHOLD = 4  # fewer feeds than this are parsed in threads: a process pool costs ~0.3 s to start


def prepare_worker_processes() -> None:
    """Start multiprocessing's resource tracker with a real stderr. Under Textual, sys.stderr is a
    capture object without a usable file descriptor, and spawning the tracker from there fails."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    devnull = None
    try:
        try:
            usable = sys.__stderr__ is not None and sys.__stderr__.fileno() >= 0
        except (OSError, ValueError):
            usable = False
        if usable:
            sys.stderr = sys.__stderr__
        else:
            devnull = open(os.devnull, "w")
            sys.stderr = devnull
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved
        if devnull is not None:
            devnull.close()


class ProcessPoolOnDemand(Executor):
    """The worker processes, started by the first task unless `start()` comes first. A refresh whose
    feeds all answer 304 needs none: it skips their start and multiprocessing's resource tracker."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool: Executor | None = None

    def start(self) -> Executor:
        if self._pool is None:
            prepare_worker_processes()
            from sidelines_tui.worker_pool import process_pool

            self._pool = process_pool(self._workers)
        return self._pool

    def submit(self, fn, /, *args, **kwargs):
        return self.start().submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@dataclass(slots=True)
class Progress:
    done: int
    total: int
    errors: int
    feed: str


ProgressCallback = Callable[[Progress], None]


async def refresh_feeds(db_path: Path, feeds: list[Feed], *, fulltext: str = "auto",
                        limits: FetchLimits | None = None, gazetteer_dir: str | None = None,
                        progress: ProgressCallback | None = None, workers: int | None = None,
                        stop: asyncio.Event | None = None) -> RefreshReport:
    """Refresh `feeds` into the store at `db_path`. Setting `stop` (a signal, a timeout) ends the refresh
    early and cleanly: what the workers finished is stored, the report says so (`interrupted`)."""
    if fulltext not in FULLTEXT_MODES:
        raise ValueError(f"--fulltext must be one of {', '.join(FULLTEXT_MODES)}")
    started = time.perf_counter()
    feeds = [f for f in feeds if not f.url.startswith("demo:")]  # the bundled demo has nothing to fetch
    report = RefreshReport(feeds=len(feeds))
    if not feeds:
        return report
    pool = _worker_pool(feeds, workers or os.cpu_count() or 1)
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sidelines-reader")
    loop = asyncio.get_running_loop()
    writer = BatchWriter(db_path, gather=len(feeds) >= POOL_THRESHOLD)
    done = 0
    store: Store | None = None  # read-only work (which GUIDs a feed already has) off the writer's queue
    try:
        await writer.opened()
        store = await loop.run_in_executor(reader, open_store, db_path)
        limits = limits or FetchLimits()
        # A fetched body waits in this process until a worker takes it. Bounding the bodies between
        # request and worker result bounds that memory: without it a CPU-bound refresh held every body
        # fetched ahead of the workers. Four per connection cost nothing (500 feeds cold: 2.59 s either
        # way); one per connection, tried with the slot taken before the request, left the workers idle (4.3 s).
        slots = asyncio.Semaphore(limits.concurrency * BODIES_PER_CONNECTION)
        async with Fetcher(limits) as fetcher:

            async def one(feed: Feed) -> None:
                nonlocal done
                try:
                    await _refresh_one(feed, fetcher, slots, store, reader, pool, writer, fulltext, gazetteer_dir,
                                       report)
                except Exception as exc:  # one feed's surprise never stops the others
                    error = one_line(f"internal error: {type(exc).__name__}: {exc}", 200)
                    report.errors.append(FeedError(feed.url, error))
                    with contextlib.suppress(Exception):  # the store itself may be what failed
                        await writer.write(FeedWrite(feed.id, [], {"error": error}))
                done += 1
                if progress:
                    progress(Progress(done, len(feeds), len(report.errors), feed.title or feed.url))

            await _until_done_or_stopped(asyncio.gather(*(one(feed) for feed in feeds)), stop, report)
    finally:
        if store is not None:
            await loop.run_in_executor(reader, store.close)
        await writer.close()  # the writes already queued are committed
        reader.shutdown(wait=True)
        pool.shutdown(wait=True, cancel_futures=True)
        report.new, report.updated = writer.totals.new, writer.totals.updated
    report.seconds = time.perf_counter() - started
    return report


def _worker_pool(feeds: list[Feed], workers: int) -> Executor:
    if len(feeds) >= POOL_THRESHOLD and workers > 1:
        pool = ProcessPoolOnDemand(workers)
        if any(not (f.etag or f.last_modified) for f in feeds):
            pool.start()  # a feed never fetched: work for the pool is certain, so start it now
        return pool
    return ThreadPoolExecutor(max_workers=workers)


async def _until_done_or_stopped(work: asyncio.Future, stop: asyncio.Event | None, report: RefreshReport) -> None:
    if stop is None:
        await work
        return
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if not work.done():
        report.interrupted = True
        work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await work
    else:
        work.result()


async def _refresh_one(feed: Feed, fetcher: Fetcher, slots: asyncio.Semaphore, store: Store, reader: Executor,
                       pool: Executor, writer: BatchWriter, fulltext: str, gazetteer_dir: str | None,
                       report: RefreshReport) -> None:
    from sidelines_tui.worker_pool import process_feed  # the parsing code itself loads in the workers

    loop = asyncio.get_running_loop()
    # `always` means every stored article's page too: the feed is fetched whole, not answered with a 304.
    conditional = fulltext != "always"
    result = await fetcher.get(feed.url, etag=feed.etag if conditional else None,
                               last_modified=feed.last_modified if conditional else None, hold=slots)
    try:  # the body's slot is held until the worker's result (not during the write)
        if not result.error and not result.not_modified:
            known = await loop.run_in_executor(reader, store.known_guids, feed.id)
            outcome: FeedOutcome = await loop.run_in_executor(
                pool, process_feed, result.body, result.content_type, result.final_url or feed.url, known,
                fulltext, gazetteer_dir)
    finally:
        if result.held:
            slots.release()
    if result.error:
        report.errors.append(FeedError(feed.url, result.error))
        await writer.write(FeedWrite(feed.id, [], {"error": result.error}))
        return
    if result.not_modified:
        report.not_modified += 1
        await writer.write(FeedWrite(feed.id, [], {"keep_validators": True}))
        return
    if outcome.error:
        report.errors.append(FeedError(feed.url, outcome.error))
        await writer.write(FeedWrite(feed.id, [], {"error": outcome.error}))
        return
    await writer.write(FeedWrite(feed.id, outcome.articles, {
        "etag": result.etag, "last_modified": result.last_modified, "title": outcome.title}))
    if outcome.pages:
        await asyncio.gather(*(_fetch_page(w, feed, fetcher, slots, pool, writer, gazetteer_dir, report)
                               for w in outcome.pages))


async def _fetch_page(wanted: PageWanted, feed: Feed, fetcher: Fetcher, slots: asyncio.Semaphore,
                      pool: Executor, writer: BatchWriter, gazetteer_dir: str | None, report: RefreshReport) -> None:
    from sidelines_tui.worker_pool import process_page

    loop = asyncio.get_running_loop()
    result = await fetcher.get(wanted.url, accept=PAGE_ACCEPT, hold=slots)
    if result.error or not result.body:
        return  # the feed's own text is already stored; a missing page is not the feed's error
    try:
        row = await loop.run_in_executor(pool, process_page, result.body, result.content_type, wanted, gazetteer_dir)
    finally:
        if result.held:
            slots.release()
    if row is not None:
        await writer.write(FeedWrite(feed.id, [row]))
        report.pages += 1
