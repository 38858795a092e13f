"""What refresh hands its worker processes and what it gets back.

The refreshing process imports only this module: the parsing code behind these entry points (lxml,
readability, feedparser, the tagger's compiled patterns, about 0.2 s of imports) loads in the workers,
on their first task.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

from sidelines_tui.models import FeedOutcome, PageWanted, PreparedArticle, Reanalysed, ReindexRow

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


def process_feed(body: bytes, content_type: str | None, url: str, known: dict[str, str],
                 fulltext: str, gazetteer_dir: str | None) -> FeedOutcome:
    """`pipeline.process_feed`, imported where it runs."""
    from sidelines_tui import pipeline

    return pipeline.process_feed(body, content_type, url, known, fulltext, gazetteer_dir)


def process_page(body: bytes, content_type: str | None, wanted: PageWanted,
                 gazetteer_dir: str | None) -> PreparedArticle | None:
    """`pipeline.process_page`, imported where it runs."""
    from sidelines_tui import pipeline

    return pipeline.process_page(body, content_type, wanted, gazetteer_dir)


def reanalyse(rows: list[ReindexRow], gazetteer_dir: str | None) -> list[Reanalysed]:
    """`pipeline.reanalyse`, imported where it runs."""
    from sidelines_tui import pipeline

    return pipeline.reanalyse(rows, gazetteer_dir)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """The worker processes refresh and `extract` use: spawned (a fork of a process with threads is not
    safe) and ending with their parent."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=exit_with_parent,
                               initargs=(os.getpid(),))


def exit_with_parent(parent: int, poll_seconds: float = 1.0) -> None:
    """Pool initializer (`initargs=(os.getpid(),)`): the worker ends when the process that started it
    dies (kill -9 in the middle of a refresh), even inside a task. Otherwise it would finish that task
    with nobody waiting for it. The parent's pid is passed in rather than read here: a worker still
    starting up when its parent dies would read the pid of its new parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="sidelines-exit-with-parent", daemon=True).start()
