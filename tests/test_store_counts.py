"""The maintained day counts (issue 16): the layout and count of the views they serve (no filter, unread
only, one official or summit) are what counting the articles gives, through inserts, read changes,
re-linked entities and deletions; the quick filters of a filtered view count its newest articles only."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sidelines_tui.models import Filters, Mention, StoredArticle
from sidelines_tui.store import open_store

NAMES = ["Sergei Lavrov", "John Kerry", "Wang Yi"]


def story(n: int, day: int, names: list[str]) -> tuple[StoredArticle, str]:
    text = " and ".join(names) + " met."
    mentions, at = [], 0
    for name in names:
        mentions.append(Mention("official", name, at, at + len(name)))
        at += len(name) + 5
    return StoredArticle(f"g{n}", None, f"Story {n}", f"2024-06-{day:02d}T{n % 24:02d}:00:00+00:00", text,
                         mentions), f"h{n}-{'-'.join(names)}"


def counted(store, filters: Filters) -> list[tuple[str, int]]:
    """The layout by counting the matching articles (the path stacked filters take)."""
    sql, params = store._matching(filters)
    return store.db.execute(f"SELECT substr(published, 1, 10) AS day, COUNT(*) FROM ({sql}) GROUP BY day"
                            " ORDER BY day DESC", params).fetchall()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "read", "unread", "relink", "delete"]), st.integers(0, 11),
                          st.integers(1, 5), st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True)),
                min_size=1, max_size=30))
def test_maintained_layouts_equal_counted_ones(tmp_path_factory, steps):
    with open_store(tmp_path_factory.mktemp("c") / "db.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        for action, n, day, names in steps:
            row = store.db.execute("SELECT id FROM articles WHERE guid = ?", (f"g{n}",)).fetchone()
            if action in ("add", "relink"):  # a changed text re-links the article's officials
                store.upsert_articles(feed.id, [story(n, day, names)])
            elif row and action in ("read", "unread"):
                store.set_flags(row[0], read=action == "read")
            elif row and action == "delete":
                store.db.execute("DELETE FROM articles WHERE id = ?", row)
        views = [Filters(), Filters(unread=True), *(Filters(officials=(name,)) for name in NAMES)]
        for view in views:
            assert store.day_counts(view) == counted(store, view)
            assert store.count(view) == sum(n for _, n in counted(store, view))
        assert store.integrity_ok()


def test_quick_filters_of_a_filtered_view_count_its_newest_articles(tmp_path: Path):
    with open_store(tmp_path / "db.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        old = [story(n, 1, ["Sergei Lavrov", "Wang Yi"]) for n in range(5)]
        new = [story(10 + n, 3, ["Sergei Lavrov", "John Kerry"]) for n in range(2)]
        store.upsert_articles(feed.id, old + new)
        view = Filters(officials=("Sergei Lavrov",))
        everything = {e.name: e.count for e in store.top_entities("official", view)}
        newest = {e.name: e.count for e in store.top_entities("official", view, within=2)}
        assert everything == {"Sergei Lavrov": 7, "Wang Yi": 5, "John Kerry": 2}
        assert newest == {"Sergei Lavrov": 2, "John Kerry": 2}
        assert {e.name: e.count for e in store.top_entities("official")} == everything  # the maintained totals


def test_quick_filters_over_articles_already_found_count_just_those(tmp_path: Path):
    with open_store(tmp_path / "db.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        store.upsert_articles(feed.id, [story(n, 1, ["Sergei Lavrov", "Wang Yi"]) for n in range(5)]
                              + [story(10 + n, 3, ["Sergei Lavrov", "John Kerry"]) for n in range(2)])
        search = Filters(search="met")
        newest_two = [row.id for row in store.timeline(search, limit=2)]
        assert {(e.kind, e.name, e.count) for e in store.top_entities("*", search, ids=newest_two)} == {
            ("official", "Sergei Lavrov", 2), ("official", "John Kerry", 2)}
        assert store.top_entities("*", search, ids=[]) == []
