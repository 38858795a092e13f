"""The SQLite connection: opening (WAL, foreign keys), transactions that wait for another instance,
the schema upgrade, maintenance, and the small key-value table."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sidelines_tui.store import schema, textcodec
from sidelines_tui.store.api import StoreError
from sidelines_tui.store.schema_counts import day_counts_agree

PAGE_SIZE = 16384
BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 50
CHECKPOINT_PAGES = 8000


@contextmanager
def unless_busy() -> Iterator[None]:
    """For optional maintenance: give up quietly when another instance holds the database."""
    try:
        yield
    except (sqlite3.OperationalError, StoreError) as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _wait(attempt: int) -> None:
    # Store calls run on the CLI's thread or the app's database threads, never on Textual's event loop,
    # so the short sleeps between retries block nobody.
    time.sleep(min(0.05 * (attempt + 1), 0.5))


class SqliteBase:
    """One connection per store; use one store per thread (SQLite connections are not shared)."""

    def __init__(self, path: Path | str, *, readonly: bool = False, recovery_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.recovery_dir = recovery_dir or self.path.parent
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._notices: list[str] = []
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                      check_same_thread=False)
            textcodec.register(self.db)  # before anything that may read article text
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # A new database gets 16 KB pages (an existing one keeps its own): packed articles of 1-3 KB
            # left a third of every 4 KB page empty, 16 KB pages hold six or seven with little to spare.
            self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            self._retry_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self.db.execute("PRAGMA cache_size = -32000")
            self._migrate()
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    # -- plumbing ---------------------------------------------------------------------------------
    @staticmethod
    def _retry_locked(step, attempts: int = LOCK_RETRIES) -> None:
        for attempt in range(attempts):
            try:
                step()
                return
            except sqlite3.OperationalError as exc:
                if not _locked(exc) or attempt == attempts - 1:
                    raise
                _wait(attempt)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE with retries: a second instance waits instead of failing."""
        with self._lock:
            for attempt in range(LOCK_RETRIES):
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if not _locked(exc):
                        raise
                    _wait(attempt)
            else:
                raise StoreError("the database stayed locked by another Sidelines for too long")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            else:
                self.db.execute("COMMIT")

    def _migrate(self) -> None:
        """Upgrade in place. Foreign keys are still off on this connection (they are turned on after):
        the upgrade to version 6 moves whole tables, which their checks would forbid."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            raise StoreError(f"the database is from a newer Sidelines (schema {version} > {schema.SCHEMA_VERSION})")
        if version == schema.SCHEMA_VERSION:
            return
        with self.transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another instance may have won
            if version < schema.SCHEMA_VERSION:
                schema.upgrade(db, version, recovery_dir=self.recovery_dir, notice=self._notices.append)
                db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")

    def take_notices(self) -> list[str]:
        """What the user must be told once (the upgrade saved orphaned notes to a file, say)."""
        notices, self._notices = self._notices, []
        return notices

    # -- maintenance ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def integrity_ok(self) -> bool:
        """SQLite's own check, the foreign keys, the full-text index against the articles, and the
        maintained day counts against a count of the articles."""
        if self.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        if self.db.execute("PRAGMA foreign_key_check").fetchone() is not None:
            return False
        try:
            self.db.execute("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
        return day_counts_agree(self.db)

    def optimize(self) -> None:
        """Fresh statistics after bulk writes, so the planner keeps using the right indexes. Skipped
        when another instance holds the database: it is an optimisation, and that instance runs it too."""
        with unless_busy():
            with self.transaction() as db:
                db.execute("PRAGMA optimize")

    def checkpoint(self) -> None:
        """Copy the WAL into the database without waiting for readers (they keep their snapshot)."""
        with unless_busy():
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def analyze(self) -> None:
        self.db.execute("ANALYZE")

    def tune_for_bulk_writes(self) -> None:
        """Checkpoints copy the WAL into the database and fsync it: at SQLite's default (every 1,000
        pages) they took a third of the writer's time in a 25,000-article refresh."""
        self.db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    # -- meta -------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (key, value))
