"""The SQLite store: identity, re-fetch safety, migrations, search, stacked filters and query plans."""

from __future__ import annotations

import sqlite3

import pytest

from sidelines_tui.models import Filters, Mention, StoredArticle
from sidelines_tui.store import SCHEMA_VERSION, StoreError, open_store
from sidelines_tui.store.schema import SCHEMA_V1, build_version, statements


def item(guid: str, text: str = "Sergei Lavrov met John Kerry at APEC.", published: str = "2024-01-02T10:00:00+00:00",
         title: str = "Talks") -> tuple[StoredArticle, str]:
    mentions = [Mention("official", "Sergei Lavrov", 0, 13), Mention("official", "John Kerry", 18, 28),
                Mention("summit", "APEC", 32, 36)] if "Lavrov" in text else []
    return StoredArticle(guid=guid, url=f"https://example.org/{guid}", title=title, published=published,
                         text=text, mentions=mentions), f"hash-{guid}-{text}"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "db.sqlite3") as s:
        yield s


def test_wal_mode_and_schema_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == SCHEMA_VERSION


def test_same_guid_is_stored_once_and_refetch_updates_text_but_keeps_user_data(store):
    feed = store.add_feed("https://example.org/feed")
    assert store.upsert_articles(feed.id, [item("a")]).new == 1
    assert store.upsert_articles(feed.id, [item("a")]).new == 0  # identical: nothing happens
    article_id = store.timeline()[0].id
    store.add_tags(article_id, ["Ukraine", "follow up"])
    store.set_note(article_id, "Ask the embassy.")
    store.set_flags(article_id, starred=True)
    result = store.upsert_articles(feed.id, [item("a", text="Updated text without the names.")])
    assert (result.new, result.updated) == (0, 1)
    article = store.article(article_id)
    assert article.text == "Updated text without the names."
    assert article.officials == []  # entities follow the new text
    assert article.tags == ["follow-up", "ukraine"]
    assert article.note == "Ask the embassy."
    assert article.starred
    assert store.count() == 1
    assert store.count(Filters(officials=("Sergei Lavrov",))) == 0


def test_same_guid_in_two_feeds_is_two_articles(store):
    a = store.add_feed("https://a.example/feed")
    b = store.add_feed("https://b.example/feed")
    store.upsert_articles(a.id, [item("x")])
    store.upsert_articles(b.id, [item("x")])
    assert store.count() == 2


def test_stacked_filters_and_search(store):
    feed = store.add_feed("https://example.org/feed")
    store.upsert_articles(feed.id, [item("a"), item("b", text="Nothing to see here about budgets."),
                                    item("c", text="Sergei Lavrov met John Kerry at APEC again.")])
    a_id = store.timeline(Filters(search="budgets"))[0].id
    assert store.count(Filters(officials=("Sergei Lavrov",))) == 2
    assert store.count(Filters(officials=("Sergei Lavrov",), summits=("APEC",))) == 2
    first = store.timeline(Filters(officials=("Sergei Lavrov",)))[0]
    assert first.url.endswith("/c")  # same date: the newer id first
    store.add_tags(first.id, ["keep"])
    assert store.count(Filters(officials=("Sergei Lavrov",), tags=("keep",))) == 1
    assert store.count(Filters(officials=("Sergei Lavrov",), tags=("keep",), search="again")) == 1
    assert store.count(Filters(officials=("Sergei Lavrov",), tags=("keep",), search="budgets")) == 0
    assert store.count(Filters(search="budg")) == 1  # prefix search
    store.set_note(a_id, "remember the budget hearing")
    assert store.count(Filters(search="hearing")) == 1  # notes are searchable
    assert store.count(Filters(search='"); DROP TABLE articles; --')) == 0  # no FTS syntax from users
    assert store.count() == 3


def test_day_counts_are_the_timeline_layout(store):
    feed = store.add_feed("https://example.org/feed")
    store.upsert_articles(feed.id, [item("a", published="2024-01-02T10:00:00+00:00"),
                                    item("b", published="2024-01-02T09:00:00+00:00"),
                                    item("c", published="2023-12-30T09:00:00+00:00")])
    assert store.day_counts() == [("2024-01-02", 2), ("2023-12-30", 1)]
    assert [r.published[:10] for r in store.timeline()] == ["2024-01-02", "2024-01-02", "2023-12-30"]


def test_tagging_a_missing_article_is_an_error(store):
    with pytest.raises(StoreError, match="no article"):
        store.add_tags(999, ["x"])


def test_upgrade_from_version_1_keeps_every_tag_and_note(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for statement in statements(SCHEMA_V1):
        db.execute(statement)
    db.execute("INSERT INTO feeds (id, url, title) VALUES (1, 'https://example.org/feed', 'Old feed')")
    for n in range(1, 51):
        db.execute("INSERT INTO articles (id, feed_id, guid, title, published, text) VALUES (?, 1, ?, ?, ?, ?)",
                   (n, f"g{n}", f"Old {n}", f"2014-11-{(n % 28) + 1:02d}T00:00:00+00:00", f"Body {n} budget"))
        db.execute("INSERT INTO tags VALUES (?, ?)", (n, f"tag{n % 5}"))
        db.execute("INSERT INTO notes VALUES (?, ?, '2014-11-08')", (n, f"note {n} [bold]x[/bold]"))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.integrity_ok()
        for n in range(1, 51):
            assert store.tags(n) == [f"tag{n % 5}"]
            assert store.note(n) == f"note {n} [bold]x[/bold]"
        assert store.count(Filters(search="budget")) == 50  # old articles were indexed by the upgrade
        assert store.count(Filters(search="bold")) == 50  # and their notes
        # and a re-fetch of an old article still keeps its user data
        store.upsert_articles(1, [item("g1", text="New body")])
        assert store.note(1) == "note 1 [bold]x[/bold]" and store.tags(1) == ["tag1"]


def test_newer_schema_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer Sidelines"):
        open_store(path)


def test_hot_queries_use_indexes_at_100k_articles(tmp_path):
    """newsboat's first screen is slow because its queries scan every article; ours must not."""
    path = tmp_path / "big.sqlite3"
    with open_store(path) as store:
        feed = store.add_feed("https://example.org/feed")
        db = store.db
        db.execute("BEGIN")
        db.executemany("INSERT INTO articles (id, feed_id, guid, title, published, text, fetched) VALUES (?, ?, ?, ?, ?, '', '')",
                       ((n, feed.id, f"g{n}", f"t{n}", f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}T00:00:00+00:00")
                        for n in range(1, 100_001)))
        db.executemany("INSERT INTO entities (id, kind, name) VALUES (?, 'official', ?)", ((n, f"O{n}") for n in range(1, 301)))
        db.executemany("INSERT INTO article_entities (entity_id, article_id, published) VALUES (?, ?, '')",
                       ((1 + n % 300, n) for n in range(1, 100_001)))
        db.execute("COMMIT")
        store.analyze()
        plans = {
            "timeline": "SELECT id FROM articles a ORDER BY a.published DESC, a.id DESC LIMIT 200",
            "feed": f"SELECT id FROM articles a WHERE a.feed_id = {feed.id} ORDER BY a.published DESC, a.id DESC LIMIT 200",
            "entity": "SELECT ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
                      " WHERE e.kind = 'official' AND e.name = 'O7'",
            "tag": "SELECT article_id FROM tags WHERE tag = 'x'",
        }
        for name, sql in plans.items():
            plan = " | ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
            assert "USING" in plan and "TEMP B-TREE" not in plan, (name, plan)
            assert not ("SCAN a" in plan and "INDEX" not in plan), (name, plan)


def test_view_gives_the_same_layout_and_rows_as_separate_queries(store):
    feed = store.add_feed("https://example.org/feed")
    store.upsert_articles(feed.id, [item(f"g{n}", text=("Sergei Lavrov met John Kerry at APEC." if n % 2 else "Budget."),
                                         published=f"2024-01-{1 + n % 5:02d}T{n % 24:02d}:00:00+00:00") for n in range(40)])
    for filters in (Filters(), Filters(officials=("Sergei Lavrov",)), Filters(search="budget"),
                    Filters(officials=("Sergei Lavrov",), summits=("APEC",)), Filters(officials=("Nobody",))):
        days, rows = store.view(filters, limit=7)
        assert days == store.day_counts(filters)
        assert [r.id for r in rows] == [r.id for r in store.timeline(filters, limit=7)]
        assert sum(c for _, c in days) == store.count(filters)


# -- integrity: foreign keys, ids never reused, removal that keeps the user's work -------------------------


def _v5_home_with_orphans(path) -> None:
    """A database as version 5 left it after `remove`: the feed's articles gone, their note, tags, entity
    links and index rows still there, keyed by ids the next article would have been given."""
    from sidelines_tui.store.schema import build_version

    db = sqlite3.connect(path)
    build_version(db, 5)
    db.execute("INSERT INTO feeds (id, url, title) VALUES (1, 'https://kept.example/feed', 'Kept')")
    db.execute("INSERT INTO articles (id, feed_id, guid, title, published, text, fetched) VALUES"
               " (1, 1, 'k', 'Kept article', '2024-01-01T00:00:00+00:00', 'kept budget text', '')")
    db.execute("INSERT INTO search (rowid, title, body, note) VALUES (1, 'Kept article', 'kept budget text', 'mine')")
    db.execute("INSERT INTO notes VALUES (1, 'mine', '2024-01-02')")
    db.execute("INSERT INTO tags VALUES (1, 'keep')")
    db.execute("INSERT INTO entities (id, kind, name) VALUES (1, 'official', 'Sergei Lavrov')")
    db.execute("INSERT INTO article_entities VALUES (1, 1, '2024-01-01T00:00:00+00:00')")
    for orphan in (2, 3):  # the removed feed's articles
        db.execute("INSERT INTO search (rowid, title, body, note) VALUES (?, 'gone', 'gone text', '')", (orphan,))
        db.execute("INSERT INTO article_entities VALUES (1, ?, '2024-01-01T00:00:00+00:00')", (orphan,))
    db.execute("INSERT INTO notes VALUES (3, 'PRIVATE note on a removed article', '2024-01-03')")
    db.execute("INSERT INTO tags VALUES (3, 'secret')")
    db.execute("INSERT INTO tags VALUES (2, 'other')")
    db.commit()
    db.close()


def test_upgrade_drops_orphans_after_saving_their_notes_and_never_reuses_their_ids(tmp_path):
    path = tmp_path / "home" / "sidelines.sqlite3"
    path.parent.mkdir()
    _v5_home_with_orphans(path)
    with open_store(path) as store:
        notice, meetings = store.take_notices()
        assert "sidelines reindex" in meetings  # stored articles get their meetings from a reindex
        assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
        [saved] = (tmp_path / "home").glob("recovered-notes-*.md")
        assert str(saved) in notice and "1 note and 2 tags" in notice
        text = saved.read_text(encoding="utf-8")
        assert "PRIVATE note on a removed article" in text and "secret" in text and "other" in text
        assert store.note(1) == "mine" and store.tags(1) == ["keep"]  # the living article keeps its work
        assert [e.count for e in store.top_entities("official")] == [1]  # no ghost counts
        assert store.count(Filters(search="gone")) == 0 and store.count(Filters(search="mine")) == 1
        feed = store.add_feed("https://new.example/feed")
        store.upsert_articles(feed.id, [item("n1"), item("n2")])
        new_ids = sorted(r.id for r in store.timeline() if r.id != 1)
        assert new_ids == [4, 5]  # after every id the orphans used
        assert all(store.note(i) == "" and store.tags(i) == [] for i in new_ids)
        assert store.integrity_ok()
    with open_store(path) as store:
        assert store.take_notices() == []  # said once


def test_every_reference_is_a_foreign_key_and_deletes_cascade(store):
    db = store.db
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    references = {(table, ref["table"], ref["on_delete"]) for (table,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' AND name != 'sqlite_sequence'")
        for ref in (dict(zip(("id", "seq", "table", "from", "to", "on_update", "on_delete", "match"), row))
                    for row in db.execute(f"PRAGMA foreign_key_list({table})"))}
    assert references == {("articles", "feeds", "CASCADE"), ("tags", "articles", "CASCADE"),
                          ("notes", "articles", "CASCADE"), ("article_entities", "articles", "CASCADE"),
                          ("article_entities", "entities", "NO ACTION"), ("meeting_people", "meetings", "CASCADE"),
                          ("meeting_sources", "meetings", "CASCADE"), ("meeting_sources", "articles", "CASCADE")}
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO notes VALUES (424242, 'x', 'y')")


def test_ids_are_never_reused_even_after_the_newest_article_goes(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [item("a"), item("b")])
    newest = max(r.id for r in store.timeline())
    store.remove_feed(feed.id, purge=True)
    again = store.add_feed("https://a.example/feed")
    assert again.id != feed.id
    store.upsert_articles(again.id, [item("a")])
    assert store.timeline()[0].id == newest + 1


def test_remove_keeps_noted_tagged_and_starred_articles_and_purge_drops_them(store):
    feed = store.add_feed("https://a.example/feed", "A feed")
    store.upsert_articles(feed.id, [item(g) for g in "abcde"])
    ids = {store.article(r.id).url[-1]: r.id for r in store.timeline()}
    store.set_note(ids["a"], "my note")
    store.add_tags(ids["b"], ["mine"])
    store.set_flags(ids["c"], starred=True)
    store.set_flags(ids["d"], read=True)  # read is not the user's work: it goes
    assert store.feed_user_data(feed.id).notes == 1
    result = store.remove_feed(feed.id)
    assert (result.deleted, result.kept, result.feed_deleted) == (2, 3, False)
    assert sorted(r.id for r in store.timeline()) == sorted([ids["a"], ids["b"], ids["c"]])
    assert store.feeds() == []  # no longer a subscription...
    [kept] = store.feeds(include_unsubscribed=True)  # ...but its kept articles still show its name
    assert not kept.subscribed and kept.article_count == 3
    article = store.article(ids["a"])
    assert article.feed == "A feed" and not article.feed_subscribed and article.note == "my note"
    assert store.integrity_ok()
    again = store.add_feed("https://a.example/feed")  # resubscribing: the kept articles rejoin it
    assert again.id == feed.id and again.subscribed
    store.upsert_articles(feed.id, [item("a", text="Changed text.")])
    assert store.note(ids["a"]) == "my note"
    dropped = store.remove_feed(feed.id, purge=True)
    assert (dropped.deleted, dropped.dropped.notes, dropped.dropped.tags, dropped.dropped.starred) == (3, 1, 1, 1)
    assert store.count() == 0 and store.all_tags() == [] and store.feeds(include_unsubscribed=True) == []
    assert store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0
    assert store.integrity_ok()


def test_a_feed_removed_while_its_refresh_runs_stores_nothing(store):
    feed = store.add_feed("https://a.example/feed")
    store.remove_feed(feed.id)
    from sidelines_tui.models import FeedWrite
    from sidelines_tui.store import prepare_article

    [result] = store.write_feeds([FeedWrite(feed.id, [prepare_article(*item("x"))], {"etag": "e"})])
    assert result.new == 0 and store.count() == 0 and store.integrity_ok()


def test_reindex_rewrites_entities_but_never_tags_notes_or_flags(store):
    from sidelines_tui.models import Mention
    from sidelines_tui.store.prepare import encode_spans, entity_keys

    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [item("a")])
    article_id = store.timeline()[0].id
    store.add_tags(article_id, ["mine"])
    store.set_note(article_id, "my note")
    store.set_flags(article_id, read=True, starred=True)
    [row] = store.reindex_batch(0, 10)
    mentions = [Mention("official", "John Kerry", 18, 28)]
    changed = store.replace_analysis([(row.id, row.text + "\n\nNew paragraph.", encode_spans(mentions),
                                       entity_keys(mentions), ())])
    assert changed == 1
    article = store.article(article_id)
    assert article.officials == ["John Kerry"] and article.text.endswith("New paragraph.")
    assert (article.tags, article.note, article.read, article.starred) == (["mine"], "my note", True, True)
    assert store.count(Filters(officials=("Sergei Lavrov",))) == 0
    assert store.count(Filters(search="paragraph")) == 1 and store.integrity_ok()


def test_mark_read_marks_exactly_the_view(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [item("a"), item("b", text="Budget."), item("c", text="Budget again.")])
    assert store.mark_read(Filters(search="budget")) == 2
    assert store.count(Filters(unread=True)) == 1
    assert store.mark_read(Filters(search="budget")) == 0
    assert store.mark_read() == 1 and store.count(Filters(unread=True)) == 0


def test_locate_finds_an_articles_place_in_any_view(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [item(f"g{n}", text=("Sergei Lavrov met John Kerry at APEC." if n % 3 else "Budget."),
                                         published=f"2024-01-{1 + n % 6:02d}T{n % 24:02d}:00:00+00:00") for n in range(60)])
    for filters in (Filters(), Filters(officials=("Sergei Lavrov",)), Filters(search="budget"), Filters(unread=True)):
        days = store.day_counts(filters)
        order = [r.id for r in store.timeline(filters, limit=1000)]
        for index, article_id in enumerate(order):
            assert store.locate(filters, article_id, days) == index
    budget = store.timeline(Filters(search="budget"))[0].id
    lavrov = Filters(officials=("Sergei Lavrov",))
    assert store.locate(lavrov, budget, store.day_counts(lavrov)) is None
    assert store.locate(Filters(), 99999, store.day_counts()) is None


def test_text_is_stored_packed_and_text_stored_plain_by_version_7_still_reads(tmp_path):
    """Version 8 packs article text; a version 7 store's plain rows read, search and index the same."""
    path = tmp_path / "db.sqlite3"
    db = sqlite3.connect(path)
    build_version(db, 7)
    db.execute("INSERT INTO feeds (id, url) VALUES (1, 'https://a.example/feed')")
    db.execute("INSERT INTO articles (id, feed_id, guid, title, published, text) VALUES (1, 1, 'old', 'Old',"
               " '2024-06-01T00:00:00+00:00', 'Plain budget text from before')")
    db.execute("INSERT INTO search (rowid, title, body, note) VALUES (1, 'Old', 'Plain budget text from before', '')")
    db.commit()
    db.close()
    with open_store(path) as store:
        assert store.integrity_ok()  # the search index, made again at the upgrade, holds the old article
        assert any("search index" in notice for notice in store.take_notices())
        store.upsert_articles(1, [(StoredArticle("new", None, "New", "2024-06-02T00:00:00+00:00",
                                                 "Packed budget text " * 40, []), "h-new")])
        kinds = dict(store.db.execute("SELECT guid, typeof(text) FROM articles"))
        assert kinds == {"old": "text", "new": "blob"}
        assert store.count(Filters(search="budget")) == 2 and store.count(Filters(search="plain")) == 1
        store.set_note(1, "a note on the old one")  # its triggers read the plain text through unz()
        assert store.count(Filters(search="note")) == 1 and store.integrity_ok()
        assert store.article(1).text == "Plain budget text from before"
        new_id = store.db.execute("SELECT id FROM articles WHERE guid = 'new'").fetchone()[0]
        assert store.article(new_id).text.startswith("Packed budget text")
        size = store.db.execute("SELECT length(text) FROM articles WHERE id = ?", (new_id,)).fetchone()[0]
        assert size < len("Packed budget text " * 40) / 4
