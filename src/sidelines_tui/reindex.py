"""Re-processing stored articles: today's cleaner rules and tagger over the text already stored, on every
core, after a gazetteer change or an upgrade. Tags, notes, read and star state are never touched."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

from sidelines_tui.store import open_store

BATCH = 200


@dataclass(slots=True)
class ReindexProgress:
    done: int
    total: int


@dataclass(slots=True)
class ReindexReport:
    articles: int = 0
    changed: int = 0
    seconds: float = 0.0


def reindex(location: str | os.PathLike[str], *, gazetteer_dir: str | None = None,
            progress: Callable[[ReindexProgress], None] | None = None, workers: int | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> ReindexReport:
    """Read stored articles in batches, analyse them in worker processes (threads for a small store),
    write the results; the reading runs ahead of the workers by two batches per worker."""
    from sidelines_tui.worker_pool import process_pool, reanalyse

    started = time.perf_counter()
    report = ReindexReport()
    workers = workers or os.cpu_count() or 1
    with open_store(location) as store:
        total = store.count()
        pool: Executor
        if total > BATCH and workers > 1:
            pool = process_pool(workers)
        else:
            pool = ThreadPoolExecutor(max_workers=1)
        pending: deque[Future] = deque()
        after = 0
        try:
            while True:
                while len(pending) < 2 * workers and not cancelled():
                    rows = store.reindex_batch(after, BATCH)
                    if not rows:
                        break
                    after = rows[-1].id
                    pending.append(pool.submit(reanalyse, rows, gazetteer_dir))
                if not pending:
                    break
                results = pending.popleft().result()
                report.changed += store.replace_analysis(results)
                report.articles += len(results)
                if progress:
                    progress(ReindexProgress(report.articles, total))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        store.optimize()
    report.seconds = time.perf_counter() - started
    return report
