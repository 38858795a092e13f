"""Pages of the timeline found by index (issue 16): from a neighbouring page's edge row, from the nearer
end of the view, or around a kept article, each page is exactly the slice an offset from the top gives,
ties in publication time included, with and without filters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sidelines_tui.models import Filters, Mention, StoredArticle
from sidelines_tui.store import open_store


def article(n: int, hour: int, named: bool) -> tuple[StoredArticle, str]:
    text = ("Sergei Lavrov met envoys." if named else "Envoys met.") + f" Grain story {n}."
    mentions = [Mention("official", "Sergei Lavrov", 0, 13)] if named else []
    return StoredArticle(f"g{n}", None, f"Story {n}", f"2024-06-{1 + hour // 24:02d}T{hour % 24:02d}:00:00+00:00",
                         text, mentions), f"h{n}"


@settings(max_examples=25, deadline=None)
@given(hours=st.lists(st.tuples(st.integers(0, 71), st.booleans()), min_size=1, max_size=60),
       size=st.integers(1, 7), view=st.sampled_from([Filters(), Filters(officials=("Sergei Lavrov",)),
                                                      Filters(search="grain")]))
def test_each_way_to_a_page_gives_the_offset_slice(tmp_path_factory, hours, size, view):
    with open_store(tmp_path_factory.mktemp("p") / "db.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        store.upsert_articles(feed.id, [article(n, hour, named) for n, (hour, named) in enumerate(hours)])
        everything = store.timeline(view, limit=10_000)
        total = len(everything)
        ids = [r.id for r in everything]
        for page in range((total + size - 1) // size):
            want = ids[page * size:(page + 1) * size]
            assert [r.id for r in store.timeline_page(view, page, size, total)] == want
            if page:
                above = everything[page * size - 1]
                assert [r.id for r in store.timeline_page(view, page, size, total,
                                                          after=(above.published, above.id))] == want
            if (page + 1) * size < total:
                below = everything[(page + 1) * size]
                assert [r.id for r in store.timeline_page(view, page, size, total,
                                                          before=(below.published, below.id))] == want
        for index, row in enumerate(everything):
            page = index // size
            around = store.timeline_around(view, (row.published, row.id), index - page * size, size)
            assert [r.id for r in around] == ids[page * size:(page + 1) * size]


@settings(max_examples=25, deadline=None)
@given(hours=st.lists(st.tuples(st.integers(0, 71), st.booleans()), min_size=1, max_size=60),
       want=st.integers(1, 9), view=st.sampled_from([Filters(search="grain"), Filters(search="lavrov"),
                                                      Filters(officials=("Sergei Lavrov",), search="grain"),
                                                      Filters(officials=("Sergei Lavrov",), unread=True)]))
def test_a_layout_laid_out_window_by_window_is_the_whole_layout(tmp_path_factory, hours, want, view):
    import sidelines_tui.store.sqlite_timeline as timeline_module

    layout_chunk, few = timeline_module.LAYOUT_CHUNK, timeline_module.FEW
    timeline_module.LAYOUT_CHUNK = 3  # windows of a few articles, doubling: many windows in a small store
    timeline_module.FEW = 2  # and a search laid out in part from two matches on
    try:
        with open_store(tmp_path_factory.mktemp("w") / "db.sqlite3") as store:
            feed = store.add_feed("https://a.example/feed")
            store.upsert_articles(feed.id, [article(n, hour, named) for n, (hour, named) in enumerate(hours)])
            whole = store.day_counts(view)
            days, rows, more = store.view_partial(view, limit=want)
            assert [r.id for r in rows] == [r.id for r in store.timeline(view, limit=want)]
            assert sum(n for _, n in days) == sum(n for _, n in whole) or more is not None
            assert sum(n for _, n in days) >= min(want, sum(n for _, n in whole))
            while more is not None:
                assert more < days[-1][0] if days else True
                extra, more = store.layout_from(view, more, want)
                days += extra
            assert days == whole
    finally:
        timeline_module.LAYOUT_CHUNK, timeline_module.FEW = layout_chunk, few
