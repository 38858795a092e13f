"""The SQLite store: feeds, articles, entities, user tags, notes and a full-text index, in one WAL file.

User data (tags, notes, read/star state) lives in its own tables keyed by article id and is never
touched by a re-fetch. Every hot query has an index that fits it; `optimize()` keeps planner
statistics fresh after bulk writes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sidelines_tui.dates import now_iso
from sidelines_tui.models import Article, ArticleRow, EntityCount, Feed, Filters, Mention
from sidelines_tui.safe_text import one_line, strip_unsafe

SCHEMA_VERSION = 5
BUSY_TIMEOUT_MS = 10_000

# Migrations from version N-1 to N. Version 1 is the first public schema (kept so that tests can build
# it and upgrade); each step is additive and never drops user data.
_SCHEMA_V1 = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    etag TEXT, last_modified TEXT, last_fetched TEXT, last_error TEXT
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    url TEXT, title TEXT NOT NULL DEFAULT '', published TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '', content_hash TEXT,
    read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, guid)
);
CREATE TABLE tags (article_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (article_id, tag));
CREATE TABLE notes (article_id INTEGER PRIMARY KEY, body TEXT NOT NULL, updated TEXT NOT NULL);
"""
_MIGRATIONS: dict[int, str] = {
    2: """
ALTER TABLE feeds ADD COLUMN folder TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN fetched TEXT;
ALTER TABLE articles ADD COLUMN spans TEXT NOT NULL DEFAULT '[]';
CREATE TABLE entities (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
CREATE TABLE article_entities (
    entity_id INTEGER NOT NULL, article_id INTEGER NOT NULL, published TEXT NOT NULL,
    PRIMARY KEY (entity_id, published, article_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_by_article ON article_entities (article_id);
CREATE INDEX articles_timeline ON articles (published DESC, id DESC);
CREATE INDEX articles_feed_timeline ON articles (feed_id, published DESC, id DESC);
CREATE INDEX tags_by_tag ON tags (tag, article_id);
""",
    3: """
CREATE VIRTUAL TABLE search USING fts5(title, body, note, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search (rowid, title, body, note)
    SELECT a.id, a.title, a.text, COALESCE(n.body, '') FROM articles a LEFT JOIN notes n ON n.article_id = a.id;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""",
    4: """
CREATE INDEX articles_day ON articles (substr(published, 1, 10));
""",
    # Searches look up the date of every match by id: a covering index halves that (10k matches at
    # 100k articles: 24 -> 13 ms), where the table itself would read each row's first page.
    5: """
CREATE INDEX articles_id_published ON articles (id, published);
""",
}


class StoreError(Exception):
    """A store problem worth one line to the user."""


@contextmanager
def _unless_busy() -> Iterator[None]:
    """For optional maintenance: give up quietly when another instance holds the database."""
    try:
        yield
    except (sqlite3.OperationalError, StoreError) as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise


@dataclass(slots=True)
class StoredArticle:
    """What refresh hands the store for one item."""

    guid: str
    url: str | None
    title: str
    published: str
    text: str
    mentions: list[Mention]


class PreparedArticle(NamedTuple):
    """An article as the store writes it: made safe and serialised by `prepare_article`, which runs in
    refresh's worker processes, so the writer only runs SQL (and a tuple of strings pickles fast)."""

    guid: str
    url: str | None
    title: str
    published: str
    text: str
    digest: str
    spans: str  # JSON [[kind, name, start, end], ...]
    entity_keys: tuple[tuple[str, str], ...]  # the officials and summits the timeline filters by


_SPANS_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) builds per call


def prepare_article(item: StoredArticle, digest: str) -> PreparedArticle:
    spans = _SPANS_ENCODER.encode([[m.kind, m.name, m.start, m.end] for m in item.mentions])
    keys = tuple(sorted({(m.kind, m.name) for m in item.mentions if m.kind in ("official", "summit")}))
    return PreparedArticle(item.guid, item.url, one_line(item.title) or "(untitled)", item.published,
                           strip_unsafe(item.text), digest, spans, keys)


@dataclass(slots=True)
class FeedWrite:
    """One feed's share of a batched write: its articles and, when the fetch succeeded, its new
    validators (keyword arguments of `record_fetch`)."""

    feed_id: int
    rows: list[PreparedArticle]
    fetch: dict | None = None


@dataclass(slots=True)
class UpsertResult:
    new: int = 0
    updated: int = 0


def content_hash(*parts: str | None) -> str:
    import hashlib  # used by refresh's workers; the TUI's start-up does without it

    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


class Store:
    """One connection per Store; use one Store per thread (SQLite connections are not shared)."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._entity_ids: dict[tuple[str, str], int] = {}
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                      check_same_thread=False)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._retry_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self.db.execute("PRAGMA cache_size = -32000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    # -- plumbing ---------------------------------------------------------------------------------
    @staticmethod
    def _retry_locked(step, attempts: int = 50) -> None:
        for attempt in range(attempts):
            try:
                step()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(min(0.05 * (attempt + 1), 0.5))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE with retries: a second instance waits instead of failing. (Store calls run on
        the CLI's thread or the app's database threads, never on Textual's event loop, so the short
        sleeps between retries block nobody.)"""
        with self._lock:
            for attempt in range(50):
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    time.sleep(min(0.05 * (attempt + 1), 0.5))
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
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"the database is from a newer Sidelines (schema {version} > {SCHEMA_VERSION})")
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another instance may have won
            if version == 0:
                for statement in _statements(_SCHEMA_V1):
                    db.execute(statement)
                version = 1
            while version < SCHEMA_VERSION:
                version += 1
                for statement in _statements(_MIGRATIONS[version]):
                    db.execute(statement)
                if version == 2:
                    self._backfill_v2(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @staticmethod
    def _backfill_v2(db: sqlite3.Connection) -> None:
        db.execute("UPDATE articles SET fetched = published WHERE fetched IS NULL")

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def optimize(self) -> None:
        """Fresh statistics after bulk writes, so the planner keeps using the right indexes. Skipped
        when another instance holds the database: it is an optimisation, and that instance runs it too."""
        with _unless_busy():
            with self.transaction() as db:
                db.execute("PRAGMA optimize")

    def checkpoint(self) -> None:
        """Copy the WAL into the database without waiting for readers (they keep their snapshot)."""
        with _unless_busy():
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def analyze(self) -> None:
        self.db.execute("ANALYZE")

    # -- feeds ------------------------------------------------------------------------------------
    def add_feed(self, url: str, title: str = "", folder: str = "") -> Feed:
        with self.transaction() as db:
            db.execute("INSERT INTO feeds (url, title, folder) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE"
                       " SET title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END,"
                       " folder = CASE WHEN excluded.folder != '' THEN excluded.folder ELSE feeds.folder END",
                       (url, one_line(title), one_line(folder)))
        feed = self.feed_by_url(url)
        assert feed is not None
        return feed

    def remove_feed(self, feed_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def feed_by_url(self, url: str) -> Feed | None:
        rows = self._feeds("WHERE f.url = ?", (url,))
        return rows[0] if rows else None

    def feeds(self) -> list[Feed]:
        return self._feeds("", ())

    def _feeds(self, where: str, params: tuple) -> list[Feed]:
        rows = self.db.execute(
            "SELECT f.id, f.url, f.title, f.folder, f.etag, f.last_modified, f.last_fetched, f.last_error,"
            " (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id)"
            f" FROM feeds f {where} ORDER BY f.folder, lower(f.title), f.url", params).fetchall()
        return [Feed(*row) for row in rows]

    def record_fetch(self, feed_id: int, *, etag: str | None = None, last_modified: str | None = None,
                     title: str | None = None, error: str | None = None, keep_validators: bool = False) -> None:
        with self.transaction() as db:
            self._record_fetch(db, feed_id, etag=etag, last_modified=last_modified, title=title, error=error,
                               keep_validators=keep_validators)

    @staticmethod
    def _record_fetch(db: sqlite3.Connection, feed_id: int, *, etag: str | None = None,
                      last_modified: str | None = None, title: str | None = None, error: str | None = None,
                      keep_validators: bool = False) -> None:
        if error is not None:
            db.execute("UPDATE feeds SET last_error = ?, last_fetched = ? WHERE id = ?",
                       (one_line(error), now_iso(), feed_id))
            return
        if keep_validators:
            db.execute("UPDATE feeds SET last_error = NULL, last_fetched = ? WHERE id = ?", (now_iso(), feed_id))
        else:
            db.execute("UPDATE feeds SET etag = ?, last_modified = ?, last_error = NULL, last_fetched = ? WHERE id = ?",
                       (etag, last_modified, now_iso(), feed_id))
        if title:
            db.execute("UPDATE feeds SET title = ? WHERE id = ? AND title = ''", (one_line(title), feed_id))

    # -- articles ---------------------------------------------------------------------------------
    def known_guids(self, feed_id: int) -> dict[str, str]:
        """guid -> content hash, so refresh can skip cleaning what has not changed."""
        return dict(self.db.execute("SELECT guid, content_hash FROM articles WHERE feed_id = ?", (feed_id,)))

    def upsert_articles(self, feed_id: int, items: Iterable[tuple[StoredArticle, str]]) -> UpsertResult:
        """Insert new articles, update changed ones (text, title, entities); leave user data alone."""
        rows = [prepare_article(item, digest) for item, digest in items]
        with self.transaction() as db:
            return self._upsert(db, feed_id, rows)

    def write_feeds(self, writes: list["FeedWrite"]) -> list[UpsertResult]:
        """Several feeds' refresh results in one transaction: articles and fetch records commit together,
        so a crash leaves each feed either stored with its new ETag or untouched (and fetched again)."""
        with self.transaction() as db:
            results = []
            for write in writes:
                results.append(self._upsert(db, write.feed_id, write.rows))
                if write.fetch is not None:
                    self._record_fetch(db, write.feed_id, **write.fetch)
            return results

    def _upsert(self, db: sqlite3.Connection, feed_id: int, rows: Iterable[PreparedArticle]) -> UpsertResult:
        result = UpsertResult()
        fetched = now_iso()
        for guid, url, title, published, text, digest, spans, keys in rows:
            # rowcount and lastrowid rather than RETURNING: RETURNING made this insert 5x slower.
            cursor = db.execute(
                "INSERT INTO articles (feed_id, guid, url, title, published, text, content_hash, fetched, spans)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_id, guid) DO NOTHING",
                (feed_id, guid, url, title, published, text, digest, fetched, spans))
            if cursor.rowcount == 1:
                article_id = cursor.lastrowid
                db.execute("INSERT INTO search (rowid, title, body, note) VALUES (?, ?, ?, '')",
                           (article_id, title, text))
                result.new += 1
            else:
                article_id, old_digest, published = db.execute(
                    "SELECT id, content_hash, published FROM articles WHERE feed_id = ? AND guid = ?",
                    (feed_id, guid)).fetchone()
                if old_digest == digest:
                    continue
                db.execute("UPDATE articles SET url = ?, title = ?, text = ?, content_hash = ?, spans = ?,"
                           " fetched = ? WHERE id = ?", (url, title, text, digest, spans, fetched, article_id))
                db.execute("UPDATE search SET title = ?, body = ? WHERE rowid = ?", (title, text, article_id))
                db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
                result.updated += 1
            if keys:
                db.executemany("INSERT OR IGNORE INTO article_entities (entity_id, article_id, published)"
                               " VALUES (?, ?, ?)", [(self._entity_id(db, key), article_id, published) for key in keys])
        return result

    def _entity_id(self, db: sqlite3.Connection, key: tuple[str, str]) -> int:
        cached = self._entity_ids.get(key)
        if cached is None:
            db.execute("INSERT OR IGNORE INTO entities (kind, name) VALUES (?, ?)", key)
            cached = db.execute("SELECT id FROM entities WHERE kind = ? AND name = ?", key).fetchone()[0]
            self._entity_ids[key] = cached  # entity rows are never deleted, so ids stay valid
        return cached

    def article(self, article_id: int) -> Article | None:
        row = self.db.execute(
            "SELECT a.id, a.feed_id, COALESCE(NULLIF(f.title, ''), f.url), a.title, a.url, a.published, a.text,"
            " a.read, a.starred, a.spans, COALESCE(n.body, '')"
            " FROM articles a JOIN feeds f ON f.id = a.feed_id LEFT JOIN notes n ON n.article_id = a.id"
            " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        mentions = [Mention(*span) for span in json.loads(row[9] or "[]")]
        return Article(id=row[0], feed_id=row[1], feed=row[2], title=row[3], url=row[4], published=row[5],
                       text=row[6], read=bool(row[7]), starred=bool(row[8]), mentions=mentions,
                       tags=self.tags(article_id), note=row[10])

    # -- timeline ---------------------------------------------------------------------------------
    def _entity_ids_for(self, filters: Filters) -> list[int] | None:
        """Ids of the filtered officials and summits, rarest first (it drives the query); None when
        one of them is not in the store."""
        ids = []
        for kind, names in (("official", filters.officials), ("summit", filters.summits)):
            for name in names:
                row = self.db.execute("SELECT id FROM entities WHERE kind = ? AND name = ?", (kind, name)).fetchone()
                if row is None:
                    return None
                ids.append(row[0])
        if len(ids) > 1:
            sizes = {i: self.db.execute("SELECT COUNT(*) FROM article_entities WHERE entity_id = ?", (i,)).fetchone()[0]
                     for i in ids}
            ids.sort(key=sizes.__getitem__)
        return ids

    def _matching(self, filters: Filters) -> tuple[str, list[object]]:
        """A query yielding (id, published) of the matching articles. With an entity filter it is driven
        by that entity's index range (entity_id, published), which is already in timeline order."""
        entity_ids = self._entity_ids_for(filters)
        if entity_ids is None:
            return "SELECT 0 AS id, '' AS published WHERE 0", []
        clauses: list[str] = []
        params: list[object] = []
        if entity_ids:
            source = "SELECT ae.article_id AS id, ae.published AS published FROM article_entities ae"
            clauses.append("ae.entity_id = ?")
            params.append(entity_ids[0])
            id_column = "ae.article_id"
            for other in entity_ids[1:]:
                clauses.append("EXISTS (SELECT 1 FROM article_entities x WHERE x.article_id = ae.article_id"
                               " AND x.entity_id = ?)")
                params.append(other)
        elif filters.search:  # driven by the full-text index
            source = "SELECT a.id AS id, a.published AS published FROM search JOIN articles a ON a.id = search.rowid"
            clauses.append("search MATCH ?")
            params.append(fts_query(filters.search))
            id_column = "a.id"
        else:
            source = "SELECT a.id AS id, a.published AS published FROM articles a"
            id_column = "a.id"
        for tag in filters.tags:
            clauses.append(f"{id_column} IN (SELECT article_id FROM tags WHERE tag = ?)")
            params.append(tag)
        if filters.search and entity_ids:
            clauses.append(f"{id_column} IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params.append(fts_query(filters.search))
        article_clauses = []
        if filters.feed_id:
            article_clauses.append("feed_id = ?")
            params.append(filters.feed_id)
        if filters.starred:
            article_clauses.append("starred = 1")
        if filters.unread:
            article_clauses.append("read = 0")
        if article_clauses:
            if entity_ids:
                clauses.append(f"{id_column} IN (SELECT id FROM articles WHERE {' AND '.join(article_clauses)})")
            else:
                clauses += [f"a.{c}" for c in article_clauses]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return source + where, params

    def resolve_entity(self, kind: str, text: str) -> str:
        """The stored name a user meant: exact, case-insensitive, or a unique surname / code match
        ("lavrov" -> "Sergei Lavrov", "g-20" -> "G20"). Unknown text is returned as given."""
        key = text.strip()
        rows = [r[0] for r in self.db.execute("SELECT name FROM entities WHERE kind = ?", (kind,))]
        if key in rows:
            return key

        def fold(value: str) -> str:
            return "".join(ch for ch in value.casefold() if ch.isalnum())

        folded = fold(key)
        exact = [name for name in rows if fold(name) == folded]
        if len(exact) == 1:
            return exact[0]
        tail = [name for name in rows if fold(name.split()[-1]) == folded]
        return tail[0] if len(tail) == 1 else key

    def count(self, filters: Filters = Filters()) -> int:
        if filters.is_empty():
            return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        sql, params = self._matching(filters)
        return self.db.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]

    def day_counts(self, filters: Filters = Filters()) -> list[tuple[str, int]]:
        """(day, articles) newest first: the timeline's layout without loading its rows."""
        if filters.is_empty():  # served by the articles_day expression index
            return self.db.execute("SELECT substr(published, 1, 10) AS day, COUNT(*) FROM articles"
                                   " GROUP BY day ORDER BY day DESC").fetchall()
        sql, params = self._matching(filters)
        return self.db.execute(f"SELECT substr(published, 1, 10) AS day, COUNT(*) FROM ({sql})"
                               " GROUP BY day ORDER BY day DESC", params).fetchall()

    def timeline(self, filters: Filters = Filters(), limit: int = 100, offset: int = 0) -> list[ArticleRow]:
        select = ("SELECT a.id, a.title, COALESCE(NULLIF(f.title, ''), f.url), a.published, a.url, a.read, a.starred"
                  " FROM {source} JOIN feeds f ON f.id = a.feed_id")
        if filters.is_empty():
            rows = self.db.execute(select.format(source="articles a") +
                                   " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        else:
            sql, params = self._matching(filters)
            page = f"SELECT id, published FROM ({sql}) ORDER BY published DESC, id DESC LIMIT ? OFFSET ?"
            rows = self.db.execute(select.format(source=f"({page}) m JOIN articles a ON a.id = m.id") +
                                   " ORDER BY m.published DESC, m.id DESC", [*params, limit, offset]).fetchall()
        return self._rows(rows)

    _ROW_SELECT = ("SELECT a.id, a.title, COALESCE(NULLIF(f.title, ''), f.url), a.published, a.url, a.read, a.starred"
                   " FROM articles a JOIN feeds f ON f.id = a.feed_id")

    def view(self, filters: Filters = Filters(), limit: int = 200) -> tuple[list[tuple[str, int]], list[ArticleRow]]:
        """The day layout and the first page. A search is evaluated once (ids and dates of every match,
        then rows for the first page only) instead of once per query."""
        if not filters.search:  # index-driven: two cheap queries beat fetching every match
            return self.day_counts(filters), self.timeline(filters, limit=limit)
        sql, params = self._matching(filters)
        matches = self.db.execute(f"SELECT id, substr(published, 1, 10) FROM ({sql})"
                                  " ORDER BY published DESC, id DESC", params).fetchall()
        days: list[tuple[str, int]] = []
        for _, day in matches:
            if days and days[-1][0] == day:
                days[-1] = (day, days[-1][1] + 1)
            else:
                days.append((day, 1))
        first = [article_id for article_id, _ in matches[:limit]]
        if not first:
            return days, []
        marks = ",".join("?" * len(first))
        by_id = {r[0]: r for r in self.db.execute(f"{self._ROW_SELECT} WHERE a.id IN ({marks})", first)}
        return days, self._rows([by_id[i] for i in first if i in by_id])

    def _rows(self, rows: list[tuple]) -> list[ArticleRow]:
        """Timeline rows with their entity and tag chips, in the order given."""
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        ents: dict[int, dict[str, list[str]]] = {}
        for article_id, kind, name in self.db.execute(
                f"SELECT ae.article_id, e.kind, e.name FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
                f" WHERE ae.article_id IN ({marks}) ORDER BY e.kind, e.name", ids):
            ents.setdefault(article_id, {}).setdefault(kind, []).append(name)
        tags: dict[int, list[str]] = {}
        for article_id, tag in self.db.execute(
                f"SELECT article_id, tag FROM tags WHERE article_id IN ({marks}) ORDER BY tag", ids):
            tags.setdefault(article_id, []).append(tag)
        return [ArticleRow(id=r[0], title=r[1], feed=r[2], published=r[3], url=r[4], read=bool(r[5]), starred=bool(r[6]),
                           officials=tuple(ents.get(r[0], {}).get("official", ())),
                           summits=tuple(ents.get(r[0], {}).get("summit", ())),
                           tags=tuple(tags.get(r[0], ())))
                for r in rows]

    def top_entities(self, kind: str, filters: Filters = Filters(), limit: int = 200) -> list[EntityCount]:
        if not filters.is_empty():
            matching, params = self._matching(filters)
            sql = (f"SELECT e.name, COUNT(*) c FROM ({matching}) m JOIN article_entities ae ON ae.article_id = m.id"
                   " JOIN entities e ON e.id = ae.entity_id"
                   " WHERE e.kind = ? GROUP BY e.id ORDER BY c DESC, e.name LIMIT ?")
            rows = self.db.execute(sql, [*params, kind, limit]).fetchall()
        else:
            rows = self.db.execute(
                "SELECT e.name, (SELECT COUNT(*) FROM article_entities ae WHERE ae.entity_id = e.id) c"
                " FROM entities e WHERE e.kind = ? ORDER BY c DESC, e.name LIMIT ?", (kind, limit)).fetchall()
        return [EntityCount(kind, name, count) for name, count in rows if count]

    # -- user data --------------------------------------------------------------------------------
    def tags(self, article_id: int) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT tag FROM tags WHERE article_id = ? ORDER BY tag", (article_id,))]

    def all_tags(self) -> list[tuple[str, int]]:
        return self.db.execute("SELECT tag, COUNT(*) c FROM tags GROUP BY tag ORDER BY c DESC, tag").fetchall()

    def add_tags(self, article_id: int, tags: Iterable[str]) -> list[str]:
        clean = [t for t in (normalise_tag(t) for t in tags) if t]
        with self.transaction() as db:
            self._require_article(db, article_id)
            db.executemany("INSERT OR IGNORE INTO tags (article_id, tag) VALUES (?, ?)",
                           [(article_id, t) for t in clean])
        return self.tags(article_id)

    def remove_tags(self, article_id: int, tags: Iterable[str]) -> list[str]:
        with self.transaction() as db:
            db.executemany("DELETE FROM tags WHERE article_id = ? AND tag = ?",
                           [(article_id, normalise_tag(t)) for t in tags])
        return self.tags(article_id)

    def set_note(self, article_id: int, body: str) -> None:
        body = strip_unsafe(body)
        with self.transaction() as db:
            self._require_article(db, article_id)
            if body.strip():
                db.execute("INSERT INTO notes (article_id, body, updated) VALUES (?, ?, ?) ON CONFLICT (article_id)"
                           " DO UPDATE SET body = excluded.body, updated = excluded.updated",
                           (article_id, body, now_iso()))
            else:
                db.execute("DELETE FROM notes WHERE article_id = ?", (article_id,))
            db.execute("UPDATE search SET note = ? WHERE rowid = ?", (body, article_id))

    def note(self, article_id: int) -> str:
        row = self.db.execute("SELECT body FROM notes WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else ""

    def set_flags(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        with self.transaction() as db:
            if read is not None:
                db.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))
            if starred is not None:
                db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    @staticmethod
    def _require_article(db: sqlite3.Connection, article_id: int) -> None:
        if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise StoreError(f"no article with id {article_id}")

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (key, value))


def normalise_tag(tag: str) -> str:
    return "-".join(one_line(tag, limit=60).lower().split()).strip("-,#")


def fts_query(text: str) -> str:
    """User words as FTS5 prefix terms: no query syntax from the user reaches FTS5."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join(f'"{w}"*' for w in words[:12]) or '""'


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]
