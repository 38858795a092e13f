"""Retention: articles older than a cutoff go, except those with the user's work on them (a star, a note,
a tag); their entity links, search entries and meeting reports go with them (foreign keys and triggers).
The cutoff is remembered, so a refresh does not bring a pruned article back from a feed that still
carries it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol

RETENTION_CUTOFF = "retention_cutoff"
KEPT = ("(a.starred = 1 OR EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id)"
        " OR EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id))")


class _Transactional(Protocol):
    db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...


class RetentionQueries:
    """Mixed into `SqliteStore`."""

    db: sqlite3.Connection

    def prune(self: _Transactional, before: str, batch: int = 2000) -> int:
        """Delete the articles published before `before` (ISO) that hold no user work, a batch per
        transaction (a second instance or the app's reads wait a batch, not the whole prune)."""
        deleted = 0
        for ids in _batches(self, before, batch):
            with self.transaction() as db:
                db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
            deleted += len(ids)
        with self.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET"
                       " value = MAX(value, excluded.value)", (RETENTION_CUTOFF, before))
        return deleted

    def retention_cutoff(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (RETENTION_CUTOFF,)).fetchone()
        return row[0] if row else None

    def vacuum(self) -> None:
        """Give the freed pages back to the file system (rewrites the database: needs its size free)."""
        self.db.execute("PRAGMA optimize")
        self.db.execute("VACUUM")


def _batches(store: _Transactional, before: str, size: int) -> Iterator[list[int]]:
    while True:
        ids = [r[0] for r in store.db.execute(
            f"SELECT a.id FROM articles a WHERE a.published < ? AND NOT {KEPT} LIMIT ?", (before, size))]
        if not ids:
            return
        yield ids
