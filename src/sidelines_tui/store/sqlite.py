"""The SQLite store: feeds, articles, entities, user tags, notes and a full-text index, in one WAL file.

User data (tags, notes, read/star state) is keyed by article id and never touched by a re-fetch or a
reindex; foreign keys tie it to its article (see `schema`). Every hot query has an index that fits it;
`optimize()` keeps planner statistics fresh after bulk writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from sidelines_tui.dates import now_iso
from sidelines_tui.models import (
    Article,
    Feed,
    FeedWrite,
    Filters,
    Mention,
    PreparedArticle,
    Reanalysed,
    ReindexRow,
    RemoveResult,
    StoredArticle,
    UpsertResult,
    UserData,
)
from sidelines_tui.safe_text import one_line, strip_unsafe
from sidelines_tui.store import schema
from sidelines_tui.store.api import StoreError
from sidelines_tui.store.prepare import normalise_tag, prepare_article
from sidelines_tui.store.schema_counts import FEED
from sidelines_tui.store.sqlite_base import SqliteBase
from sidelines_tui.store.sqlite_meetings import MeetingQueries
from sidelines_tui.store.sqlite_retention import KEPT, RetentionQueries
from sidelines_tui.store.sqlite_timeline import TimelineQueries
from sidelines_tui.store.textcodec import pack

_KEPT = KEPT
_FEED_SELECT = ("SELECT f.id, f.url, f.title, f.folder, f.etag, f.last_modified, f.last_fetched, f.last_error,"
                f" COALESCE((SELECT n FROM day_counts WHERE key = {FEED} - f.id AND day = ''), 0),"  # maintained
                f" COALESCE((SELECT n FROM day_counts WHERE key = {FEED} - f.id AND day = 'unread'), 0),"
                " f.subscribed FROM feeds f")


class SqliteStore(SqliteBase, TimelineQueries, MeetingQueries, RetentionQueries):
    def __init__(self, *args, **kwargs) -> None:
        self._entity_ids: dict[tuple[str, str], int] = {}
        super().__init__(*args, **kwargs)

    # -- feeds ------------------------------------------------------------------------------------
    def add_feed(self, url: str, title: str = "", folder: str = "") -> Feed:
        """Subscribe (again: a feed removed with kept articles is resubscribed, its articles rejoin it)."""
        with self.transaction() as db:
            db.execute("INSERT INTO feeds (url, title, folder) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE"
                       " SET title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END,"
                       " folder = CASE WHEN excluded.folder != '' THEN excluded.folder ELSE feeds.folder END,"
                       " subscribed = 1", (url, one_line(title), one_line(folder)))
        feed = self.feed_by_url(url)
        assert feed is not None
        return feed

    def feed_user_data(self, feed_id: int) -> UserData:
        return self._user_data(self.db, feed_id)

    @staticmethod
    def _user_data(db: sqlite3.Connection, feed_id: int) -> UserData:
        notes, tagged, tags, starred = db.execute(
            "SELECT (SELECT COUNT(*) FROM notes n JOIN articles a ON a.id = n.article_id WHERE a.feed_id = :f),"
            " (SELECT COUNT(DISTINCT t.article_id) FROM tags t JOIN articles a ON a.id = t.article_id WHERE a.feed_id = :f),"
            " (SELECT COUNT(*) FROM tags t JOIN articles a ON a.id = t.article_id WHERE a.feed_id = :f),"
            " (SELECT COUNT(*) FROM articles a WHERE a.feed_id = :f AND a.starred = 1)", {"f": feed_id}).fetchone()
        return UserData(notes=notes, tagged=tagged, tags=tags, starred=starred)

    def remove_feed(self, feed_id: int, *, purge: bool = False) -> RemoveResult:
        """Unsubscribe. Articles holding a note, a user tag or a star stay (under the feed, now marked
        unsubscribed) unless `purge`; everything else of the feed goes, its links and index entries with it."""
        with self.transaction() as db:
            feed = self._feed(db, feed_id)
            if feed is None:
                raise StoreError(f"no subscription with id {feed_id}")
            total = feed.article_count
            if purge:
                dropped = self._user_data(db, feed_id)
                db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
                return RemoveResult(feed, total, 0, dropped, True)
            deleted = db.execute(f"DELETE FROM articles AS a WHERE a.feed_id = ? AND NOT {_KEPT}", (feed_id,)).rowcount
            kept = total - deleted
            if kept:
                db.execute("UPDATE feeds SET subscribed = 0, etag = NULL, last_modified = NULL WHERE id = ?", (feed_id,))
            else:
                db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            return RemoveResult(feed, deleted, kept, UserData(), not kept)

    def feed_by_url(self, url: str) -> Feed | None:
        rows = self._feeds("WHERE f.url = ?", (url,))
        return rows[0] if rows else None

    def feed(self, feed_id: int) -> Feed | None:
        return self._feed(self.db, feed_id)

    def _feed(self, db: sqlite3.Connection, feed_id: int) -> Feed | None:
        row = db.execute(_FEED_SELECT + " WHERE f.id = ?", (feed_id,)).fetchone()
        return _feed_record(row) if row else None

    def feeds(self, *, include_unsubscribed: bool = False) -> list[Feed]:
        """Subscriptions; with `include_unsubscribed`, also removed feeds that still hold kept articles."""
        where = "" if include_unsubscribed else "WHERE f.subscribed = 1"
        feeds = self._feeds(where, ())
        return [f for f in feeds if f.subscribed or f.article_count]

    def _feeds(self, where: str, params: tuple) -> list[Feed]:
        rows = self.db.execute(f"{_FEED_SELECT} {where} ORDER BY f.subscribed DESC, f.folder, lower(f.title), f.url",
                               params).fetchall()
        return [_feed_record(row) for row in rows]

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
            db.execute("UPDATE feeds SET last_error = ?, last_fetched = ? WHERE id = ? AND subscribed = 1",
                       (one_line(error), now_iso(), feed_id))
            return
        if keep_validators:
            db.execute("UPDATE feeds SET last_error = NULL, last_fetched = ? WHERE id = ? AND subscribed = 1",
                       (now_iso(), feed_id))
        else:
            db.execute("UPDATE feeds SET etag = ?, last_modified = ?, last_error = NULL, last_fetched = ?"
                       " WHERE id = ? AND subscribed = 1", (etag, last_modified, now_iso(), feed_id))
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
            to_index: list[tuple[int, str, str]] = []
            result = self._upsert(db, feed_id, rows, to_index)
            db.executemany(schema.INDEX_NEW_ARTICLE, to_index)
            return result

    def write_feeds(self, writes: list[FeedWrite]) -> list[UpsertResult]:
        """Several feeds' refresh results in one transaction: articles and fetch records commit together,
        so a crash leaves each feed either stored with its new ETag or untouched (and fetched again)."""
        with self.transaction() as db:
            results = []
            to_index: list[tuple[int, str, str]] = []
            for write in writes:
                results.append(self._upsert(db, write.feed_id, write.rows, to_index))
                if write.fetch is not None:
                    self._record_fetch(db, write.feed_id, **write.fetch)
            db.executemany(schema.INDEX_NEW_ARTICLE, to_index)
            return results

    def _upsert(self, db: sqlite3.Connection, feed_id: int, rows: Iterable[PreparedArticle],
                to_index: list[tuple[int, str, str]]) -> UpsertResult:
        """New articles' search entries go to `to_index`, for the caller to write last: FTS5 writes out
        what it holds at every later statement that opens a savepoint (any with a trigger), and in a big
        index each of those flushes and its merges cost more than the whole article (1 ms at 1M)."""
        result = UpsertResult()
        subscribed = db.execute("SELECT subscribed FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if not subscribed or not subscribed[0]:
            return result  # removed while its refresh was under way: nothing of it is stored
        fetched = now_iso()
        cutoff = self.retention_cutoff()
        for guid, url, title, published, text, packed, digest, spans, keys, meetings in rows:
            if cutoff and published < cutoff and not db.execute(
                    "SELECT 1 FROM articles WHERE feed_id = ? AND guid = ?", (feed_id, guid)).fetchone():
                continue  # pruned, or older than what is kept: not brought back
            # rowcount and lastrowid rather than RETURNING: RETURNING made this insert 5x slower.
            cursor = db.execute(
                "INSERT INTO articles (feed_id, guid, url, title, published, text, content_hash, fetched, spans)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_id, guid) DO NOTHING",
                (feed_id, guid, url, title, published, packed, digest, fetched, spans))
            if cursor.rowcount == 1 and cursor.lastrowid is not None:
                article_id = cursor.lastrowid
                to_index.append((article_id, title, text))  # (a new article has no note)
                result.new += 1
            else:
                article_id, old_digest, published = db.execute(
                    "SELECT id, content_hash, published FROM articles WHERE feed_id = ? AND guid = ?",
                    (feed_id, guid)).fetchone()
                if old_digest == digest and db.execute("SELECT unz(text) = ? FROM articles WHERE id = ?",
                                                       (text, article_id)).fetchone()[0]:
                    continue  # (a page fetched again, `--fulltext always`, may clean to a new text)
                db.execute("UPDATE articles SET url = ?, title = ?, text = ?, content_hash = ?, spans = ?,"
                           " fetched = ? WHERE id = ?", (url, title, packed, digest, spans, fetched, article_id))
                db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
                db.execute("DELETE FROM meeting_sources WHERE article_id = ?", (article_id,))
                result.updated += 1
            self._link_entities(db, article_id, published, keys)
            self._attach_meetings(db, article_id, published, meetings)
        return result

    def _link_entities(self, db: sqlite3.Connection, article_id: int, published: str,
                       keys: Iterable[tuple[str, str]]) -> None:
        links = [(self._entity_id(db, key), article_id, published) for key in keys]
        if links:
            db.executemany("INSERT OR IGNORE INTO article_entities (entity_id, article_id, published) VALUES (?, ?, ?)",
                           links)

    def _entity_id(self, db: sqlite3.Connection, key: tuple[str, str]) -> int:
        cached = self._entity_ids.get(key)
        if cached is None:
            db.execute("INSERT OR IGNORE INTO entities (kind, name) VALUES (?, ?)", key)
            cached = db.execute("SELECT id FROM entities WHERE kind = ? AND name = ?", key).fetchone()[0]
            self._entity_ids[key] = cached  # entity rows are never deleted, so ids stay valid
        return cached

    def article(self, article_id: int) -> Article | None:
        row = self.db.execute(
            "SELECT a.id, a.feed_id, COALESCE(NULLIF(f.title, ''), f.url), a.title, a.url, a.published, unz(a.text),"
            " a.read, a.starred, a.spans, COALESCE(n.body, ''), f.subscribed"
            " FROM articles a JOIN feeds f ON f.id = a.feed_id LEFT JOIN notes n ON n.article_id = a.id"
            " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        mentions = [Mention(*span) for span in json.loads(row[9] or "[]")]
        return Article(id=row[0], feed_id=row[1], feed=row[2], title=row[3], url=row[4], published=row[5],
                       text=row[6], read=bool(row[7]), starred=bool(row[8]), mentions=mentions,
                       tags=self.tags(article_id), note=row[10], feed_subscribed=bool(row[11]))

    # -- reindex ----------------------------------------------------------------------------------
    def reindex_batch(self, after_id: int, limit: int) -> list[ReindexRow]:
        """Stored articles by id, from after `after_id`: what a reindex worker needs."""
        return [ReindexRow(*row) for row in self.db.execute(
            "SELECT id, title, unz(text), published FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after_id, limit))]

    def replace_analysis(self, rows: Iterable[Reanalysed]) -> int:
        """New text, spans, entity links and meetings for stored articles; tags, notes, read and star
        state are not touched. Returns how many articles changed."""
        changed = 0
        with self.transaction() as db:
            for article_id, text, spans, keys, meetings in rows:
                current = db.execute("SELECT unz(text), spans, published FROM articles WHERE id = ?",
                                     (article_id,)).fetchone()
                if current is None:
                    continue  # removed since it was read
                old_text, old_spans, published = current
                met = self._replace_meetings(db, article_id, published, meetings)
                if old_text == text and old_spans == spans:
                    changed += met
                    continue
                changed += 1
                if old_text != text:
                    db.execute("UPDATE articles SET text = ? WHERE id = ?", (pack(strip_unsafe(text)), article_id))
                db.execute("UPDATE articles SET spans = ? WHERE id = ?", (spans, article_id))
                db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
                self._link_entities(db, article_id, published, keys)
        return changed

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
            self._require_article(db, article_id)
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

    def note(self, article_id: int) -> str:
        row = self.db.execute("SELECT body FROM notes WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else ""

    def set_flags(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        with self.transaction() as db:
            self._require_article(db, article_id)
            if read is not None:
                db.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))
            if starred is not None:
                db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def mark_read(self, filters: Filters = Filters(), read: bool = True) -> int:
        """Mark every article of a view read (or unread); returns how many changed."""
        with self.transaction() as db:
            if filters.is_empty():
                cursor = db.execute("UPDATE articles SET read = ? WHERE read != ?", (int(read), int(read)))
            else:
                sql, params = self._matching(filters)
                cursor = db.execute(f"UPDATE articles SET read = ? WHERE read != ? AND id IN (SELECT id FROM ({sql}))",
                                    [int(read), int(read), *params])
            return cursor.rowcount

    @staticmethod
    def _require_article(db: sqlite3.Connection, article_id: int) -> None:
        if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise StoreError(f"no article with id {article_id}")


def _feed_record(row: tuple) -> Feed:
    (feed_id, url, title, folder, etag, last_modified, last_fetched, last_error, articles, unread, subscribed) = row
    return Feed(feed_id, url, title, folder, etag, last_modified, last_fetched, last_error, articles, unread,
                bool(subscribed))
