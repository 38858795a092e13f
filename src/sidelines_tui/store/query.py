"""Filters to SQL: the query that yields (id, published) of every article matching a filter stack.

With an entity filter the query is driven by that entity's index range (entity_id, published), already
in timeline order; with a search, by the full-text index; otherwise by the articles' own indexes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sidelines_tui.models import Filters


@dataclass(frozen=True, slots=True)
class Window:
    """Days lo..hi (inclusive) of the archive; with a search, the article ids those days span, so the
    full-text index reads only that stretch of its lists."""

    lo: str
    hi: str
    min_id: int | None = None
    max_id: int | None = None
    skipped: int = 0  # the view's rows on days newer than hi (a page's offset within the window is its own less these)

NOTHING: tuple[str, list[object]] = ("SELECT 0 AS id, '' AS published WHERE 0", [])


def page_window(days: list[tuple[str, int]], page: int, size: int) -> Window | None:
    """The days a page of a view spans (from its layout, newest first), with the view's rows before them."""
    first, last = page * size, page * size + size - 1
    start, hi, lo, skipped = 0, None, None, 0
    for day, count in days:
        end = start + count - 1
        if hi is None and end >= first:
            hi, skipped = day, start
        if hi is not None:
            lo = day
            if end >= last:
                break
        start += count
    if hi is None or lo is None:
        return None
    return Window(lo, hi, skipped=skipped)


PREFIX_FROM = 4


def fts_query(text: str, prefixes: bool = True) -> str:
    """User words as FTS5 terms: no query syntax from the user reaches FTS5. `prefixes=False`: each word
    only as itself (what the words match at the least)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    # A word of four letters or more also matches its longer forms ("budg" budget, "sanction" sanctions);
    # a shorter one only itself: "on"* would read the lists of every word that starts with "on".
    return " ".join(f'"{w}"*' if prefixes and len(w) >= PREFIX_FROM else f'"{w}"' for w in words[:12]) or '""'


def matching(filters: Filters, entity_ids: list[int], window: Window | None = None) -> tuple[str, list[object]]:
    """`entity_ids` are the ids of the filtered officials and summits, rarest first; with `window`, only
    the articles published on those days."""
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
        if window is not None and window.min_id is not None:
            clauses.append(f"{id_column} IN (SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?)")
            params += [fts_query(filters.search), window.min_id, window.max_id]
        else:
            clauses.append(f"{id_column} IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params.append(fts_query(filters.search))
    if window is not None:
        column = "ae.published" if entity_ids else "a.published"
        clauses.append(f"{column} >= ? AND {column} < ?")
        params += [window.lo, window.hi + "~"]
        if filters.search and not entity_ids and window.min_id is not None:
            clauses.append("search.rowid BETWEEN ? AND ?")
            params += [window.min_id, window.max_id]
    article_clauses = []
    if filters.feed_id:
        article_clauses.append("feed_id = ?")
        params.append(filters.feed_id)
    if filters.starred:
        article_clauses.append("starred = 1")
    if filters.unread:
        article_clauses.append("read = 0")
    if article_clauses:
        if entity_ids:  # one look-up by key per candidate (an IN list would read every unread article)
            clauses.append(f"EXISTS (SELECT 1 FROM articles x WHERE x.id = {id_column} AND "
                           + " AND ".join(f"x.{c}" for c in article_clauses) + ")")
        else:
            clauses += [f"a.{c}" for c in article_clauses]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return source + where, params
