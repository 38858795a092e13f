"""Reading the timeline from SQLite: counts, the day layout, pages of rows with their chips, entity
counts, and names as users type them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from sidelines_tui.models import ArticleRow, EntityCount, Filters
from sidelines_tui.store import query
from sidelines_tui.store.schema_counts import ALL, UNREAD

_FEED_NAME = "COALESCE(NULLIF(f.title, ''), f.url)"
LAYOUT_CHUNK = 2_000  # articles of the archive the first window of a counted view spans (doubling after)
FEW = 2_000  # a search matching fewer articles is laid out whole, from the full-text index
ROW_SELECT = (f"SELECT a.id, a.title, {_FEED_NAME}, a.published, a.url, a.read, a.starred, f.subscribed"
              " FROM articles a JOIN feeds f ON f.id = a.feed_id")


class TimelineQueries:
    db: sqlite3.Connection

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
            sizes = {i: (self.db.execute("SELECT n FROM day_counts WHERE key = ? AND day = ''", (i,)).fetchone() or (0,))[0]
                     for i in ids}  # the maintained totals
            ids.sort(key=sizes.__getitem__)
        return ids

    def _matching(self, filters: Filters, window: query.Window | None = None) -> tuple[str, list[object]]:
        entity_ids = self._entity_ids_for(filters)
        if entity_ids is None:
            sql, params = query.NOTHING
            return sql, list(params)
        return query.matching(filters, entity_ids, self._with_ids(filters, window))

    def _with_ids(self, filters: Filters, window: query.Window | None) -> query.Window | None:
        """A search's window gets the ids its days span (read from the timeline index: the window's rows)."""
        if window is None or not filters.search or window.min_id is not None:
            return window
        low, high = self.db.execute("SELECT MIN(id), MAX(id) FROM articles WHERE published >= ? AND published < ?",
                                    (window.lo, window.hi + "~")).fetchone()
        return replace(window, min_id=low if low is not None else 0, max_id=high if high is not None else -1)

    def entity_names(self, kind: str) -> list[str]:
        """Every stored name of one kind (officials, summits) that some article still links to."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM entities e WHERE kind = ? AND EXISTS (SELECT 1 FROM article_entities ae"
            " WHERE ae.entity_id = e.id) ORDER BY name", (kind,))]

    def _counted(self, filters: Filters) -> int | None:
        """The key of the maintained day counts that answer this view (no filter, unread only, one official
        or summit), or None when the view needs counting (stacked filters, a search, a tag, a feed)."""
        if filters.is_empty():
            return ALL
        if filters == Filters(unread=True):
            return UNREAD
        if len(filters.officials) + len(filters.summits) == 1 and \
                Filters(officials=filters.officials, summits=filters.summits) == filters:
            ids = self._entity_ids_for(filters)
            return ids[0] if ids else None
        return None

    def count(self, filters: Filters = Filters()) -> int:
        key = self._counted(filters)
        if key is not None:
            row = self.db.execute("SELECT n FROM day_counts WHERE key = ? AND day = ''", (key,)).fetchone()
            return row[0] if row else 0
        sql, params = self._matching(filters)
        return self.db.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]

    def day_counts(self, filters: Filters = Filters()) -> list[tuple[str, int]]:
        """(day, articles) newest first: the timeline's layout without loading its rows."""
        key = self._counted(filters)
        if key is not None:  # a few hundred rows of maintained counts, whatever the archive's size
            return self.db.execute("SELECT day, n FROM day_counts WHERE key = ? AND day > '' AND n > 0"
                                   " ORDER BY day DESC", (key,)).fetchall()
        sql, params = self._matching(filters)
        return self.db.execute(f"SELECT substr(published, 1, 10) AS day, COUNT(*) FROM ({sql})"
                               " GROUP BY day ORDER BY day DESC", params).fetchall()

    def timeline(self, filters: Filters = Filters(), limit: int = 100, offset: int = 0,
                 window: query.Window | None = None) -> list[ArticleRow]:
        if filters.is_empty():
            rows = self.db.execute(ROW_SELECT + " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                                   (limit, offset)).fetchall()
        else:
            sql, params = self._matching(filters, window)
            page = f"SELECT id, published FROM ({sql}) ORDER BY published DESC, id DESC LIMIT ? OFFSET ?"
            select = ROW_SELECT.replace("FROM articles a", f"FROM ({page}) m JOIN articles a ON a.id = m.id")
            rows = self.db.execute(select + " ORDER BY m.published DESC, m.id DESC", [*params, limit, offset]).fetchall()
        return self._rows(rows)

    def timeline_page(self, filters: Filters, page: int, size: int, total: int, *,
                      after: tuple[str, int] | None = None, before: tuple[str, int] | None = None,
                      window: query.Window | None = None) -> list[ArticleRow]:
        """Rows page*size.. of the view without counting past the rows before them: from the last row
        (published, id) of the page before (`after`) or the first of the page after (`before`) when one
        is loaded; otherwise from whichever end of the view is nearer (the last page: from the end)."""
        if after is not None:
            return self._keyset(filters, after, size, older=True, window=window)
        if before is not None:
            return self._keyset(filters, before, size, older=False, window=window)
        start = page * size
        if start <= total // 2 or window is not None:  # a window: the page's days, found from the layout
            skip = start - (window.skipped if window is not None else 0)
            return self.timeline(filters, limit=size, offset=skip, window=window)
        count = max(0, min(size, total - start))
        return self._oldest_first(filters, count, total - start - count)[::-1]

    def timeline_around(self, filters: Filters, article: tuple[str, int], newer: int, size: int,
                        window: query.Window | None = None) -> list[ArticleRow]:
        """A page holding `article` (published, id) with `newer` rows before it: what the view shows there."""
        above = self._keyset(filters, article, newer, older=False, window=window) if newer else []
        return above + self._keyset(filters, article, size - len(above), older=True, inclusive=True, window=window)

    def _keyset(self, filters: Filters, anchor: tuple[str, int], limit: int, *, older: bool,
                inclusive: bool = False, window: query.Window | None = None) -> list[ArticleRow]:
        """`limit` rows next to `anchor` in timeline order, found by index: older ones newest first, or
        newer ones (returned newest first too)."""
        compare, order = ("<", "DESC") if older else (">", "ASC")
        tie = f"m.id {compare}{'=' if inclusive else ''} ?"
        source, params = (("SELECT id, published FROM articles", []) if filters.is_empty()
                          else self._matching(filters, window))
        # A range on published first, then the tie: "published < ? OR (published = ? AND id < ?)" alone
        # made SQLite scan the index from the newest row to the anchor (128 ms a million rows deep; 0.3 ms)
        page = (f"SELECT id, published FROM ({source}) m WHERE m.published {compare}= ?"
                f" AND (m.published {compare} ? OR {tie}) ORDER BY m.published {order}, m.id {order} LIMIT ?")
        select = ROW_SELECT.replace("FROM articles a", f"FROM ({page}) m JOIN articles a ON a.id = m.id")
        rows = self.db.execute(select + f" ORDER BY m.published {order}, m.id {order}",
                               [*params, anchor[0], anchor[0], anchor[1], limit]).fetchall()
        return self._rows(rows if older else rows[::-1])

    def _oldest_first(self, filters: Filters, limit: int, offset: int) -> list[ArticleRow]:
        source, params = ("SELECT id, published FROM articles", []) if filters.is_empty() else self._matching(filters)
        page = f"SELECT id, published FROM ({source}) ORDER BY published ASC, id ASC LIMIT ? OFFSET ?"
        select = ROW_SELECT.replace("FROM articles a", f"FROM ({page}) m JOIN articles a ON a.id = m.id")
        return self._rows(self.db.execute(select + " ORDER BY m.published ASC, m.id ASC",
                                          [*params, limit, offset]).fetchall())

    def view_partial(self, filters: Filters, limit: int = 200) -> tuple[list[tuple[str, int]], list[ArticleRow], str | None]:
        """The layout and first page of a view, and where its layout goes on (None: it is whole). A view
        the maintained counts serve is whole at once, and so is a search of few matches; any other is laid
        out over the newest days that hold a page of it, and the rest on demand (`layout_from`), so a
        keystroke costs those days, not the archive. A search reads the index once for both."""
        if self._counted(filters) is not None or self._few_matches(filters):
            days, rows = self.view(filters, limit)
            return days, rows, None
        if not filters.search:
            days, more = self.layout_from(filters, None, limit)
            rows = self.timeline(filters, limit=limit, window=query.Window(days[-1][0], days[0][0])) if days else []
            return days, rows, more
        matches: list[tuple[int, str]] = []

        def collect(sql: str, params: list[object]) -> int:
            found = self.db.execute(f"SELECT id, substr(published, 1, 10) FROM ({sql})"
                                    " ORDER BY published DESC, id DESC", params).fetchall()
            matches.extend(found)
            return len(found)

        more = self._walk(filters, None, limit, collect)
        return _day_layout(matches), self._rows_in_order([i for i, _ in matches[:limit]]), more

    def _few_matches(self, filters: Filters) -> bool:
        """A search the full-text index answers with fewer than FEW articles (it stops reading at FEW)."""
        if not filters.search:
            return False
        count = f"SELECT COUNT(*) FROM (SELECT rowid FROM search WHERE search MATCH ? LIMIT {FEW})"
        # The words as whole words first: a word's longer forms read in full every list they are in (a
        # common word: 36 ms), its own list stops at FEW (1 ms); if the words alone are that many, so are all.
        if self.db.execute(count, (query.fts_query(filters.search, prefixes=False),)).fetchone()[0] >= FEW:
            return False
        return self.db.execute(count, (query.fts_query(filters.search),)).fetchone()[0] < FEW

    def layout_from(self, filters: Filters, start: str | None, want: int | None) -> tuple[list[tuple[str, int]], str | None]:
        """The view's day layout from day `start` (inclusive; None: the newest) back over windows of whole
        days, each twice the articles of the last, until `want` matches are laid out (None: all); and the
        next day to go on from, or None at the archive's first day."""
        days: list[tuple[str, int]] = []

        def count(sql: str, params: list[object]) -> int:
            found = self.db.execute(f"SELECT substr(published, 1, 10) AS day, COUNT(*) FROM ({sql})"
                                    " GROUP BY day ORDER BY day DESC", params).fetchall()
            days.extend(found)
            return sum(n for _, n in found)

        more = self._walk(filters, start, want, count)
        return days, more

    def _walk(self, filters: Filters, start: str | None, want: int | None,
              read: Callable[[str, list[object]], int]) -> str | None:
        """Hand `read` the view's query over windows of whole days from `start` back, each twice the
        articles of the last, until it has read `want` matches (`read` says how many each window held);
        the day to go on from, or None at the archive's first day."""
        archive = self.db.execute(
            "SELECT day, n FROM day_counts WHERE key = ? AND day > '' AND n > 0" + (" AND day <= ?" if start else "")
            + " ORDER BY day DESC", (ALL, start) if start else (ALL,)).fetchall()
        found = i = 0
        size = LAYOUT_CHUNK
        while i < len(archive) and (want is None or found < want):
            j, taken = i, 0
            while j < len(archive) and taken < size:
                taken += archive[j][1]
                j += 1
            sql, params = self._matching(filters, query.Window(archive[j - 1][0], archive[i][0]))
            found += read(sql, params)
            i, size = j, size * 2
        return archive[i][0] if i < len(archive) else None

    def view(self, filters: Filters = Filters(), limit: int = 200) -> tuple[list[tuple[str, int]], list[ArticleRow]]:
        """The day layout and the first page. A search is evaluated once (ids and dates of every match,
        then rows for the first page only) instead of once per query."""
        if not filters.search:  # index-driven: two cheap queries beat fetching every match
            return self.day_counts(filters), self.timeline(filters, limit=limit)
        sql, params = self._matching(filters)
        matches = self.db.execute(f"SELECT id, substr(published, 1, 10) FROM ({sql})"
                                  " ORDER BY published DESC, id DESC", params).fetchall()
        return _day_layout(matches), self._rows_in_order([article_id for article_id, _ in matches[:limit]])

    def _rows_in_order(self, ids: list[int]) -> list[ArticleRow]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        by_id = {r[0]: r for r in self.db.execute(f"{ROW_SELECT} WHERE a.id IN ({marks})", ids)}
        return self._rows([by_id[i] for i in ids if i in by_id])

    def locate(self, filters: Filters, article_id: int, days: list[tuple[str, int]]) -> int | None:
        """Where an article sits in a view (its index in timeline order), or None when the view does not
        hold it. `days` is the view's layout: only the article's own day is counted, so the cost is one
        day's rows, not the archive's."""
        row = self.db.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        published = row[0]
        day = published[:10]
        if not any(d == day for d, _ in days):
            return None  # not in the view, or in a part of its layout not laid out yet
        before = sum(count for d, count in days if d > day)
        newer = "m.published >= ? AND (m.published > ? OR m.id > ?)"
        if filters.is_empty():
            inside = True
            within = self.db.execute(
                "SELECT COUNT(*) FROM articles m WHERE substr(m.published, 1, 10) = ? AND (" + newer + ")",
                (day, published, published, article_id)).fetchone()[0]
        else:
            sql, params = self._matching(filters, query.Window(day, day))
            inside = self.db.execute(f"SELECT 1 FROM ({sql}) m WHERE m.id = ?", [*params, article_id]).fetchone() is not None
            within = self.db.execute(
                f"SELECT COUNT(*) FROM ({sql}) m WHERE m.published >= ? AND m.published < ? AND ({newer})",
                [*params, day, day + "~", published, published, article_id]).fetchone()[0] if inside else 0
        return before + within if inside else None

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
                           tags=tuple(tags.get(r[0], ())), feed_subscribed=bool(r[7]))
                for r in rows]

    def top_entities(self, kind: str, filters: Filters = Filters(), limit: int = 200,
                     within: int | None = None, window: query.Window | None = None,
                     ids: list[int] | None = None) -> list[EntityCount]:
        """The officials or summits (kind "*": both, in one pass) the view's articles name most. With
        `within`, counted over the view's newest `within` articles only (the quick-filter row: its cost
        follows the screen, not the archive); with `ids`, over those articles (the view's, already found)."""
        kinds = ("official", "summit") if kind == "*" else (kind,)
        marks = ",".join("?" * len(kinds))
        if ids is not None:
            rows = self.db.execute(
                "SELECT e.kind, e.name, COUNT(*) c FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
                f" WHERE ae.article_id IN ({','.join('?' * len(ids))}) AND e.kind IN ({marks})"
                " GROUP BY e.id ORDER BY c DESC, e.name LIMIT ?", [*ids, *kinds, limit]).fetchall()
        elif not filters.is_empty():
            matching, params = self._matching(filters, window)
            if within is not None:
                matching = f"SELECT id, published FROM ({matching}) ORDER BY published DESC, id DESC LIMIT {int(within)}"
            sql = (f"SELECT e.kind, e.name, COUNT(*) c FROM ({matching}) m JOIN article_entities ae"
                   " ON ae.article_id = m.id JOIN entities e ON e.id = ae.entity_id"
                   f" WHERE e.kind IN ({marks}) GROUP BY e.id ORDER BY c DESC, e.name LIMIT ?")
            rows = self.db.execute(sql, [*params, *kinds, limit]).fetchall()
        else:  # every entity's total, maintained
            rows = self.db.execute(
                "SELECT e.kind, e.name, d.n FROM entities e JOIN day_counts d ON d.key = e.id AND d.day = ''"
                f" WHERE e.kind IN ({marks}) AND d.n > 0 ORDER BY d.n DESC, e.name LIMIT ?", (*kinds, limit)).fetchall()
        return [EntityCount(found, name, count) for found, name, count in rows if count]

def _day_layout(matches: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """(day, articles) of matches in timeline order."""
    days: list[tuple[str, int]] = []
    for _, day in matches:
        if days and days[-1][0] == day:
            days[-1] = (day, days[-1][1] + 1)
        else:
            days.append((day, 1))
    return days
