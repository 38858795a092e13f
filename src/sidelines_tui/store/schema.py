"""The SQLite schema: today's tables, and every older version's way up to them.

Version 6 is built for integrity: every row that refers to an article or a feed does so with a foreign
key (`PRAGMA foreign_keys = ON` on every connection), so removing a feed removes its articles' tags,
notes and entity links with them and nothing is left to attach itself to a later article; article and
feed ids are never reused (AUTOINCREMENT); the full-text index has no copy of the text (external
content) and triggers keep it in step with articles and notes inside the writing transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sidelines_tui.store.schema_counts import DAY_COUNTS, fill_day_counts

SCHEMA_VERSION = 8

# -- today's schema ---------------------------------------------------------------------------------
TABLES = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL DEFAULT '',
    etag TEXT, last_modified TEXT, last_fetched TEXT, last_error TEXT,
    subscribed INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    url TEXT, title TEXT NOT NULL DEFAULT '', published TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '', content_hash TEXT,
    read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0,
    fetched TEXT, spans TEXT NOT NULL DEFAULT '[]',
    UNIQUE (feed_id, guid)
);
CREATE TABLE tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE TABLE notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE TABLE entities (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
CREATE TABLE article_entities (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT NOT NULL,
    PRIMARY KEY (entity_id, published, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX article_entities_by_article ON article_entities (article_id);
CREATE INDEX articles_timeline ON articles (published DESC, id DESC);
CREATE INDEX articles_feed_timeline ON articles (feed_id, published DESC, id DESC);
CREATE INDEX articles_day ON articles (substr(published, 1, 10));
CREATE INDEX articles_id_published ON articles (id, published);
CREATE INDEX articles_unread ON articles (published DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_unread_by_feed ON articles (feed_id) WHERE read = 0;
CREATE INDEX articles_starred ON articles (feed_id) WHERE starred = 1;
CREATE INDEX tags_by_tag ON tags (tag, article_id);
"""

# The index reads its text from this view (for 'rebuild' and integrity checks); it stores only tokens.
# Version 8: which articles hold a word, not where (detail = column; searches are words, never phrases): half
# the size, 0.34 of the text; detail = none, 0.14, read a prefix's whole list (35 ms at 200,000 against 7).
_DETAIL = ", detail = column"
SEARCH = f"""
CREATE VIEW search_source AS
    SELECT a.id AS id, a.title AS title, unz(a.text) AS body, COALESCE(n.body, '') AS note
    FROM articles a LEFT JOIN notes n ON n.article_id = a.id;
CREATE VIRTUAL TABLE search USING fts5(
    title, body, note, content = 'search_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'{_DETAIL}
);
"""

# An external-content index must be told the old values of a row to forget it: each trigger deletes the
# entry with exactly what was indexed and inserts the new one. When an article goes, its BEFORE DELETE
# trigger forgets it with its note still present; the note's own delete (the cascade, after the article
# row is gone) then finds no article and does nothing.
# A new article is indexed by the statement after its INSERT, in the same transaction (`SqliteStore._upsert`,
# the one place articles are inserted), not by a trigger: FTS5 inserts made from a trigger cost 2.5 times
# as much (5,000 articles: 1.9 s against 0.7 s), and the refresh's writer is on its critical path.
INDEX_NEW_ARTICLE = "INSERT INTO search (rowid, title, body, note) VALUES (?, ?, ?, '')"
_NOTE_OF = "COALESCE((SELECT body FROM notes WHERE article_id = {id}), '')"
TRIGGERS = f"""
CREATE TRIGGER articles_index_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO search (search, rowid, title, body, note)
        VALUES ('delete', old.id, old.title, unz(old.text), {_NOTE_OF.format(id="old.id")});
END;
CREATE TRIGGER articles_index_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO search (search, rowid, title, body, note)
        VALUES ('delete', old.id, old.title, unz(old.text), {_NOTE_OF.format(id="old.id")});
    INSERT INTO search (rowid, title, body, note) VALUES (new.id, new.title, unz(new.text), {_NOTE_OF.format(id="new.id")});
END;
CREATE TRIGGER notes_index_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search (search, rowid, title, body, note)
        SELECT 'delete', a.id, a.title, unz(a.text), '' FROM articles a WHERE a.id = new.article_id;
    INSERT INTO search (rowid, title, body, note)
        SELECT a.id, a.title, unz(a.text), new.body FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER notes_index_update AFTER UPDATE OF body ON notes BEGIN
    INSERT INTO search (search, rowid, title, body, note)
        SELECT 'delete', a.id, a.title, unz(a.text), old.body FROM articles a WHERE a.id = old.article_id;
    INSERT INTO search (rowid, title, body, note)
        SELECT a.id, a.title, unz(a.text), new.body FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER notes_index_delete AFTER DELETE ON notes BEGIN
    INSERT INTO search (search, rowid, title, body, note)
        SELECT 'delete', a.id, a.title, unz(a.text), old.body FROM articles a WHERE a.id = old.article_id;
    INSERT INTO search (rowid, title, body, note)
        SELECT a.id, a.title, unz(a.text), '' FROM articles a WHERE a.id = old.article_id;
END;
"""

# Version 7: meetings. A meeting is merged from the reports of every article that tells of it
# (`meeting_sources`, removed with their article); its status, date, place and summit are its newest
# report's, kept in step by the triggers whatever removes a report (a reindex, a purge, a removed feed).
# Version 8: both found by index. A new report is matched against the meetings of its officials reported
# within the undated window or with a date that fits (version 7 read every meeting of the pair), and the
# newest report giving a date, summit or place comes from a partial index of the reports that give one
# (version 7 read every report of the meeting): both were quadratic, and a refresh of 25,000 articles about
# a dozen officials took 4.8x as long as without meetings.
_NEWEST = ("(SELECT {column} FROM meeting_sources{index} WHERE meeting_id = {id}{extra}"
           " ORDER BY reported DESC, id DESC LIMIT 1)")
_NEWEST_OF = (("status", "", ""), ("mode", "", ""), ("reported", "", ""),
              ("date", " AND date IS NOT NULL", "meeting_sources_dated"),
              ("summit", " AND summit IS NOT NULL", "meeting_sources_at_summit"),
              ("place", " AND place IS NOT NULL", "meeting_sources_placed"))


def _meeting_triggers(indexed: bool) -> str:
    """Version 8 (`indexed`): a report newer than its meeting's newest, as a refresh brings them, sets the
    meeting from itself (the first report of a new meeting: nothing to do, the row was made from it); only
    an older one, or a removal, reads the meeting's reports again."""
    refresh = ("UPDATE meetings SET " + ", ".join(
        f"{column} = " + _NEWEST.format(column=column, id="{id}", extra=extra,
                                        index=f" INDEXED BY {index}" if indexed and index else "")
        for column, extra, index in _NEWEST_OF) + " WHERE id = {id};")
    newest = "new.reported >= (SELECT reported FROM meetings WHERE id = new.meeting_id)"
    insert = f"""
CREATE TRIGGER meeting_sources_insert AFTER INSERT ON meeting_sources BEGIN
    {refresh.format(id="new.meeting_id")}
END;
""" if not indexed else f"""
CREATE TRIGGER meeting_sources_insert AFTER INSERT ON meeting_sources WHEN NOT ({newest}) BEGIN
    {refresh.format(id="new.meeting_id")}
END;
CREATE TRIGGER meeting_sources_insert_newest AFTER INSERT ON meeting_sources WHEN {newest}
        AND EXISTS (SELECT 1 FROM meeting_sources WHERE meeting_id = new.meeting_id AND id <> new.id) BEGIN
    UPDATE meetings SET status = new.status, mode = new.mode, reported = new.reported,
        date = COALESCE(new.date, date), summit = COALESCE(new.summit, summit), place = COALESCE(new.place, place)
        WHERE id = new.meeting_id;
END;
"""
    return insert + f"""
CREATE TRIGGER meeting_sources_delete AFTER DELETE ON meeting_sources BEGIN
    DELETE FROM meetings WHERE id = old.meeting_id
        AND NOT EXISTS (SELECT 1 FROM meeting_sources WHERE meeting_id = old.meeting_id);
    {refresh.format(id="old.meeting_id")}
END;
"""


_MEETING_TABLES = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    people TEXT NOT NULL,  -- the participants, sorted, joined by a tab: the key reports are matched on
    status TEXT NOT NULL, mode TEXT NOT NULL, summit TEXT, place TEXT, date TEXT, reported TEXT NOT NULL
);
CREATE TABLE meeting_people (
    official TEXT NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (official, meeting_id)
) WITHOUT ROWID;
CREATE TABLE meeting_sources (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    status TEXT NOT NULL, mode TEXT NOT NULL, summit TEXT, place TEXT, date TEXT,
    start INTEGER NOT NULL, end INTEGER NOT NULL, reported TEXT NOT NULL
);
CREATE INDEX meetings_newest ON meetings (COALESCE(date, substr(reported, 1, 10)) DESC, id DESC);
CREATE INDEX meeting_people_by_meeting ON meeting_people (meeting_id);
CREATE INDEX meeting_sources_by_article ON meeting_sources (article_id);
CREATE INDEX meeting_sources_by_meeting ON meeting_sources (meeting_id, reported);
"""
_MEETING_INDEXES = """
CREATE INDEX meetings_by_people_reported ON meetings (people, reported, mode, summit, place);
CREATE INDEX meetings_by_people_date ON meetings (people, date, mode, summit, place);
CREATE INDEX meetings_undated ON meetings (people, reported, mode, summit, place) WHERE date IS NULL;
CREATE INDEX meeting_sources_dated ON meeting_sources (meeting_id, reported) WHERE date IS NOT NULL;
CREATE INDEX meeting_sources_at_summit ON meeting_sources (meeting_id, reported) WHERE summit IS NOT NULL;
CREATE INDEX meeting_sources_placed ON meeting_sources (meeting_id, reported) WHERE place IS NOT NULL;
"""
MEETINGS = _MEETING_TABLES + _MEETING_INDEXES + _meeting_triggers(indexed=True)
MEETINGS_V7 = (_MEETING_TABLES + "CREATE INDEX meetings_by_people ON meetings (people);\n"
               + _meeting_triggers(indexed=False))
MEETINGS_V7_TO_V8 = ("DROP INDEX meetings_by_people;\nDROP TRIGGER meeting_sources_insert;\n"
                     "DROP TRIGGER meeting_sources_delete;\n" + _MEETING_INDEXES + _meeting_triggers(indexed=True))

# -- the way up from older versions -----------------------------------------------------------------
# Version 1 is the first public schema; 2-5 are additive. Kept so that old databases upgrade and tests
# can build them.
SCHEMA_V1 = """
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
OLD_MIGRATIONS: dict[int, str] = {
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
UPDATE articles SET fetched = published WHERE fetched IS NULL;
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
    5: """
CREATE INDEX articles_id_published ON articles (id, published);
""",
}

_REBUILT_TABLES = ("feeds", "articles", "tags", "notes", "entities", "article_entities")


def statements(script: str) -> list[str]:
    """A script's statements (trigger bodies stay whole: they end with 'END;')."""
    out: list[str] = []
    current: list[str] = []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        inside_trigger = text.upper().startswith("CREATE TRIGGER") and not text.upper().endswith("END;")
        if line.rstrip().endswith(";") and not inside_trigger:
            out.append(text.rstrip(";"))
            current = []
    if "\n".join(current).strip():
        out.append("\n".join(current).strip().rstrip(";"))
    return out


def run(db: sqlite3.Connection, script: str) -> None:
    for statement in statements(script):
        db.execute(statement)




def create_current(db: sqlite3.Connection) -> None:
    for script in (TABLES, INDEXES, SEARCH, TRIGGERS, MEETINGS, DAY_COUNTS):
        run(db, script)


def _plain_text(script: str) -> str:
    """A script as versions 6 and 7 had it: the article text read as stored, not through `unz()`, and
    an index of where each word is."""
    return script.replace("unz(", "(").replace(_DETAIL, "")


def _unpacked_search(db: sqlite3.Connection, notice: Notice) -> None:
    """Version 8 stores article text packed, which the search view and triggers read through `unz()`, and
    indexes which articles hold a word, not where: the index is made again from the articles (once)."""
    for name in ("articles_index_delete", "articles_index_update", "notes_index_insert", "notes_index_update",
                 "notes_index_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS search")
    db.execute("DROP VIEW IF EXISTS search_source")
    run(db, SEARCH)
    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        notice("upgrade: making the search index again, half its old size (once; a minute per 250,000 articles)")
        db.execute("INSERT INTO search (search) VALUES ('rebuild')")
    run(db, TRIGGERS)


def build_version(db: sqlite3.Connection, version: int) -> None:
    """An empty database as an older Sidelines made it (for upgrade tests)."""
    if version in (6, 7):
        for script in (TABLES, INDEXES, SEARCH, TRIGGERS):  # today's, less the meetings, text as stored
            run(db, _plain_text(script))
        if version == 7:
            run(db, MEETINGS_V7)
    else:
        run(db, SCHEMA_V1)
        for step in range(2, version + 1):
            run(db, OLD_MIGRATIONS[step])
    db.execute(f"PRAGMA user_version = {version}")


Notice = Callable[[str], None]


def upgrade(db: sqlite3.Connection, version: int, *, recovery_dir: Path, notice: Notice) -> None:
    """Bring a database at `version` (0 = empty) to SCHEMA_VERSION inside the caller's transaction.
    Foreign keys must be off on this connection while it runs (the rebuild moves tables)."""
    first = version
    if version == 0:
        create_current(db)
        return
    while version < 5:
        version += 1
        run(db, OLD_MIGRATIONS[version])
    if version == 5:
        _rebuild_v6(db, recovery_dir, notice)
        version = 6
    if version == 6:
        run(db, MEETINGS)  # stored articles get their meetings from `sidelines reindex`
        if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            notice("upgrade: the store now keeps meetings; `sidelines reindex` finds them in stored articles")
    elif version == 7:
        run(db, MEETINGS_V7_TO_V8)
    run(db, DAY_COUNTS)  # version 8
    fill_day_counts(db)
    if first in (6, 7):  # a store rebuilt from version 5 above has today's search index already
        _unpacked_search(db, notice)


def _rebuild_v6(db: sqlite3.Connection, recovery_dir: Path, notice: Notice) -> None:
    """Version 5 -> 6: the same data in tables with foreign keys. Rows that belonged to articles that no
    longer exist (left behind by version 5's `remove`) are dropped, their notes and tags first saved to
    a Markdown file, and no id any such row used is ever given to a new article."""
    from sidelines_tui.store.recovery import orphaned_user_data, save_orphans

    orphans = orphaned_user_data(db)
    highest_id = db.execute(
        "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM articles UNION ALL SELECT MAX(article_id) FROM tags"
        " UNION ALL SELECT MAX(article_id) FROM notes UNION ALL SELECT MAX(article_id) FROM article_entities"
        " UNION ALL SELECT MAX(rowid) FROM search)").fetchone()[0] or 0
    highest_feed = db.execute("SELECT MAX(id) FROM feeds").fetchone()[0] or 0
    for table in _REBUILT_TABLES:
        db.execute(f"ALTER TABLE {table} RENAME TO v5_{table}")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall():
        db.execute(f"DROP INDEX {name}")
    db.execute("DROP TABLE search")
    run(db, TABLES)
    run(db, INDEXES)
    db.execute("INSERT INTO feeds (id, url, title, folder, etag, last_modified, last_fetched, last_error)"
               " SELECT id, url, title, folder, etag, last_modified, last_fetched, last_error FROM v5_feeds")
    db.execute("INSERT INTO articles (id, feed_id, guid, url, title, published, text, content_hash, read, starred,"
               " fetched, spans) SELECT id, feed_id, guid, url, title, published, text, content_hash, read, starred,"
               " fetched, spans FROM v5_articles WHERE feed_id IN (SELECT id FROM feeds)")
    db.execute("INSERT INTO notes SELECT * FROM v5_notes WHERE article_id IN (SELECT id FROM articles)")
    db.execute("INSERT INTO tags SELECT * FROM v5_tags WHERE article_id IN (SELECT id FROM articles)")
    db.execute("INSERT INTO entities SELECT * FROM v5_entities")
    db.execute("INSERT INTO article_entities SELECT * FROM v5_article_entities"
               " WHERE article_id IN (SELECT id FROM articles) AND entity_id IN (SELECT id FROM entities)")
    for table in _REBUILT_TABLES:
        db.execute(f"DROP TABLE v5_{table}")
    for name, highest in (("articles", highest_id), ("feeds", highest_feed)):
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, highest))
    run(db, SEARCH)
    db.execute("INSERT INTO search (search) VALUES ('rebuild')")
    run(db, TRIGGERS)
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # cannot happen: every copy above keeps only rows whose parents were copied
        raise sqlite3.IntegrityError(f"upgrade left {len(problems)} rows without their parent")
    if orphans.notes or orphans.tags:
        path = save_orphans(orphans, recovery_dir)
        notice(f"upgrade: {orphans.describe()} belonged to articles that no longer exist "
               f"(a removed feed's); saved to {path}")
