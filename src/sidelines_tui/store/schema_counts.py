"""Version 8's maintained counts: how many articles each day holds, overall, unread, and per official or
summit, with a total per entity (day ''), and each feed's articles and unread ones (the feed list). The
timeline's layout, its match count and the quick filters of the views they cover (no filter, unread
only, one official or summit) read them instead of counting the archive: a year of a million articles
is a few thousand rows here. Triggers keep them in step with every insert, delete and change of read
state; a row can reach 0 and stay (readers skip it)."""

from __future__ import annotations

import sqlite3

ALL = 0  # day_counts.key for every article
UNREAD = -1  # and for the unread ones; an official's or summit's row is keyed by its entity id
FEED = -10  # a feed's totals are keyed FEED - its id: day '' all its articles, day 'unread' its unread ones

_DAY = "substr({p}.published, 1, 10)"
_ADD = ("INSERT INTO day_counts (key, day, n) VALUES {rows} ON CONFLICT (key, day) DO UPDATE SET n = n + excluded.n;")
_SUB = "UPDATE day_counts SET n = n - 1 WHERE key = {key} AND day IN ({day}, '');"

DAY_COUNTS = f"""
CREATE TABLE day_counts (key INTEGER NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,
                         PRIMARY KEY (key, day)) WITHOUT ROWID;
CREATE TRIGGER day_counts_article_insert AFTER INSERT ON articles BEGIN
    {_ADD.format(rows=f"({ALL}, {_DAY.format(p='new')}, 1), ({ALL}, '', 1), ({FEED} - new.feed_id, '', 1)")}
END;
CREATE TRIGGER day_counts_unread_insert AFTER INSERT ON articles WHEN new.read = 0 BEGIN
    {_ADD.format(rows=f"({UNREAD}, {_DAY.format(p='new')}, 1), ({UNREAD}, '', 1), ({FEED} - new.feed_id, 'unread', 1)")}
END;
CREATE TRIGGER day_counts_article_delete AFTER DELETE ON articles BEGIN
    {_SUB.format(key=ALL, day=_DAY.format(p='old'))}
    UPDATE day_counts SET n = n - 1 WHERE key = {FEED} - old.feed_id AND day = '';
END;
CREATE TRIGGER day_counts_unread_delete AFTER DELETE ON articles WHEN old.read = 0 BEGIN
    {_SUB.format(key=UNREAD, day=_DAY.format(p='old'))}
    UPDATE day_counts SET n = n - 1 WHERE key = {FEED} - old.feed_id AND day = 'unread';
END;
CREATE TRIGGER day_counts_unread AFTER UPDATE OF read ON articles WHEN old.read <> 0 AND new.read = 0 BEGIN
    {_ADD.format(rows=f"({UNREAD}, {_DAY.format(p='new')}, 1), ({UNREAD}, '', 1), ({FEED} - new.feed_id, 'unread', 1)")}
END;
CREATE TRIGGER day_counts_read AFTER UPDATE OF read ON articles WHEN old.read = 0 AND new.read <> 0 BEGIN
    {_SUB.format(key=UNREAD, day=_DAY.format(p='old'))}
    UPDATE day_counts SET n = n - 1 WHERE key = {FEED} - old.feed_id AND day = 'unread';
END;
CREATE TRIGGER day_counts_link_insert AFTER INSERT ON article_entities BEGIN
    {_ADD.format(rows=f"(new.entity_id, {_DAY.format(p='new')}, 1), (new.entity_id, '', 1)")}
END;
CREATE TRIGGER day_counts_link_delete AFTER DELETE ON article_entities BEGIN
    {_SUB.format(key="old.entity_id", day=_DAY.format(p='old'))}
END;
"""

_FILL = f"""
INSERT INTO day_counts (key, day, n)
    SELECT {ALL}, {_DAY.format(p='a')}, COUNT(*) FROM articles a GROUP BY 2
    UNION ALL SELECT {ALL}, '', COUNT(*) FROM articles
    UNION ALL SELECT {UNREAD}, {_DAY.format(p='a')}, COUNT(*) FROM articles a WHERE read = 0 GROUP BY 2
    UNION ALL SELECT {UNREAD}, '', COUNT(*) FROM articles WHERE read = 0
    UNION ALL SELECT entity_id, {_DAY.format(p='ae')}, COUNT(*) FROM article_entities ae GROUP BY 1, 2
    UNION ALL SELECT entity_id, '', COUNT(*) FROM article_entities GROUP BY 1
    UNION ALL SELECT {FEED} - feed_id, '', COUNT(*) FROM articles GROUP BY feed_id
    UNION ALL SELECT {FEED} - feed_id, 'unread', COUNT(*) FROM articles WHERE read = 0 GROUP BY feed_id
"""


def fill_day_counts(db: sqlite3.Connection) -> None:
    """Counts for the articles a store already holds (the upgrade to version 8)."""
    db.execute(_FILL)


def day_counts_agree(db: sqlite3.Connection) -> bool:
    """The maintained counts are what counting the articles gives (rows at 0 aside)."""
    kept = set(db.execute("SELECT key, day, n FROM day_counts WHERE n <> 0"))
    counted = db.execute(_FILL.replace("INSERT INTO day_counts (key, day, n)", ""))
    return kept == {row for row in counted if row[2]}
