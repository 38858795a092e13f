"""Meetings in the SQLite store: each article's reports attached to the meeting they tell of (the same
officials, the same way, nothing that disagrees: `meet.merge`), a new meeting otherwise; and the queries
the CLI, the export and the meetings view read. The schema's triggers keep a meeting's status, date,
place and summit its newest report's, and drop a meeting whose last report goes."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from sidelines_tui.meet.merge import UNDATED_WINDOW_DAYS, Facts, same_meeting
from sidelines_tui.models import Counterpart, Filters, Meeting, MeetingSource, StoredMeeting
from sidelines_tui.store.query import fts_query

STATUSES = ("held", "planned", "possible", "cancelled")


def people_key(participants: Iterable[str]) -> str:
    return "\t".join(sorted(participants))


class MeetingQueries:
    """Mixed into `SqliteStore`: `db` is its connection."""

    db: sqlite3.Connection

    # -- writing (inside the caller's transaction) ------------------------------------------------
    def _attach_meetings(self, db: sqlite3.Connection, article_id: int, reported: str,
                         meetings: Iterable[Meeting]) -> None:
        for record in meetings:
            key = people_key(record.participants)
            meeting_id = _meeting_for(db, record, key, reported)
            if meeting_id is None:
                cursor = db.execute("INSERT INTO meetings (people, status, mode, summit, place, date, reported)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)", (key, record.status, record.mode, record.summit,
                                                                       record.place, record.date, reported))
                meeting_id = cursor.lastrowid
                db.executemany("INSERT INTO meeting_people (official, meeting_id) VALUES (?, ?)",
                               [(name, meeting_id) for name in set(record.participants)])
            db.execute("INSERT INTO meeting_sources (meeting_id, article_id, status, mode, summit, place, date, start,"
                       " end, reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (meeting_id, article_id, record.status, record.mode, record.summit, record.place, record.date,
                        record.start, record.end, reported))

    def _replace_meetings(self, db: sqlite3.Connection, article_id: int, reported: str,
                          meetings: Iterable[Meeting]) -> bool:
        """An article's reports replaced by today's; False when they are the same."""
        meetings = list(meetings)
        new = Counter((people_key(m.participants), m.status, m.mode, m.summit, m.place, m.date, m.start, m.end)
                      for m in meetings)
        old = Counter(tuple(row) for row in db.execute(
            "SELECT m.people, s.status, s.mode, s.summit, s.place, s.date, s.start, s.end FROM meeting_sources s"
            " JOIN meetings m ON m.id = s.meeting_id WHERE s.article_id = ?", (article_id,)))
        if new == old:
            return False
        db.execute("DELETE FROM meeting_sources WHERE article_id = ?", (article_id,))
        self._attach_meetings(db, article_id, reported, meetings)
        return True

    # -- reading ----------------------------------------------------------------------------------
    def meetings(self, filters: Filters = Filters(), *, statuses: Iterable[str] = (), since: str | None = None,
                 until: str | None = None, limit: int = 500, with_sources: bool = True) -> list[StoredMeeting]:
        """Meetings newest first (by their date, else their newest report's), with their sources (or only
        how many: `with_sources=False`, for a list that reads a meeting's sources when they are asked
        for). The timeline's filters apply: officials take part, a summit is the meeting's, a tag, a
        search, a feed, a star or unread holds for one of its source articles."""
        where, params = _meeting_filters(filters, tuple(statuses), since, until)
        source = "meetings m"
        if filters == Filters(officials=filters.officials[:1]) and filters.officials and not (statuses or since or until) \
                and self._frequent(filters.officials[0]):
            # an official in tens of thousands of meetings: the newest found down the newest-first index, each
            # a key look-up (2 ms), not all of theirs read and sorted (160 ms for 95,000)
            source, where = "meetings m INDEXED BY meetings_newest", " WHERE " + _ONE_OFFICIAL
        rows = self.db.execute(
            "SELECT m.id, m.people, m.status, m.mode, m.summit, m.place, m.date, m.reported,"
            f" (SELECT COUNT(*) FROM meeting_sources s WHERE s.meeting_id = m.id) FROM {source}"
            f"{where} ORDER BY COALESCE(m.date, substr(m.reported, 1, 10)) DESC, m.id DESC LIMIT ?",
            (*params, limit)).fetchall()
        meetings = [_meeting(row) for row in rows]
        return self._with_sources(meetings) if with_sources else meetings

    def meeting_sources(self, meeting_id: int) -> list[MeetingSource]:
        """The articles reporting a meeting, oldest first, each with its reporting sentence."""
        found = self._with_sources([StoredMeeting(meeting_id, (), "", "", None, None, None, "")])
        return found[0].sources

    def article_meetings(self, article_id: int) -> list[StoredMeeting]:
        rows = self.db.execute(
            "SELECT DISTINCT m.id, m.people, m.status, m.mode, m.summit, m.place, m.date, m.reported FROM meetings m"
            " JOIN meeting_sources s ON s.meeting_id = m.id WHERE s.article_id = ? ORDER BY m.id", (article_id,))
        return self._with_sources([_meeting(row) for row in rows])

    def counterparts(self, official: str, filters: Filters = Filters(), limit: int | None = None,
                     within: int | None = None) -> list[Counterpart]:
        """Whom an official met, is to meet or did not: one row per counterpart, most meetings first (the
        first `limit`); with `within` (and no other filter), over the official's newest `within` meetings."""
        if within is not None and not (filters.summits or filters.tags or filters.search):
            source = ("(SELECT m.id, m.status, m.date, m.reported FROM meetings m INDEXED BY meetings_newest"
                      f" WHERE {_ONE_OFFICIAL} ORDER BY COALESCE(m.date, substr(m.reported, 1, 10)) DESC, m.id DESC"
                      " LIMIT ?) m")
            where, params = "", [official, within]
        else:
            source = "meetings m"
            where, params = _meeting_filters(Filters(officials=(official,), summits=filters.summits, tags=filters.tags,
                                                     search=filters.search), (), None, None)
        rows = self.db.execute(
            "SELECT p.official, SUM(m.status = 'held'), SUM(m.status = 'planned'), SUM(m.status = 'cancelled'),"
            " SUM(m.status = 'possible'), MAX(COALESCE(m.date, substr(m.reported, 1, 10)))"
            f" FROM {source} JOIN meeting_people p ON p.meeting_id = m.id{where}"
            f"{' AND' if where else ' WHERE'} p.official != ? GROUP BY p.official"
            " ORDER BY COUNT(*) DESC, 6 DESC LIMIT ?", (*params, official, -1 if limit is None else limit)).fetchall()
        return [Counterpart(*row) for row in rows]

    def official_meetings(self, official: str, at_most: int) -> int:
        """How many meetings an official is in, counted up to `at_most`."""
        return self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM meeting_people WHERE official = ? LIMIT ?)",
                               (official, at_most)).fetchone()[0]

    def _frequent(self, official: str) -> bool:
        return self.official_meetings(official, FREQUENT) >= FREQUENT

    def _with_sources(self, meetings: list[StoredMeeting]) -> list[StoredMeeting]:
        if not meetings:
            return meetings
        by_id = {m.id: m for m in meetings}
        marks = ",".join("?" * len(by_id))
        for row in self.db.execute(
                "SELECT s.meeting_id, a.id, a.title, a.url, a.published, s.status, substr(unz(a.text), s.start + 1,"
                f" s.end - s.start), s.start, s.end FROM meeting_sources s JOIN articles a ON a.id = s.article_id"
                f" WHERE s.meeting_id IN ({marks}) ORDER BY s.reported, s.id", tuple(by_id)):
            by_id[row[0]].sources.append(MeetingSource(*row[1:]))
        for meeting in meetings:
            meeting.reports = len(meeting.sources)
        return meetings


FREQUENT = 5000  # an official in more meetings than this: their newest are found down the newest-first index
_ONE_OFFICIAL = "EXISTS (SELECT 1 FROM meeting_people p1 WHERE p1.official = ? AND p1.meeting_id = m.id)"


def _meeting_for(db: sqlite3.Connection, record: Meeting, key: str, reported: str) -> int | None:
    """The oldest stored meeting this report is one of, or None. Found in the covering indexes of
    (people, date or reported, mode, summit, place): the same officials and mode, no summit or place that
    differs (canonical names, compared as stored, ASCII case aside), and a date that fits: for a dated
    report the meetings dated to fit and the undated ones reported within the window, for an undated one
    any reported within the window. `same_meeting` has the last word."""
    agree = (" AND mode = ? AND (summit IS NULL OR ? IS NULL OR summit = ? COLLATE NOCASE)"
             " AND (place IS NULL OR ? IS NULL OR place = ? COLLATE NOCASE)")
    same = (record.mode, record.summit, record.summit, record.place, record.place)
    try:
        around = date.fromisoformat(reported[:10])
        window = timedelta(days=UNDATED_WINDOW_DAYS)
        bounds: tuple[str, ...] = ((around - window).isoformat(), (around + window + timedelta(days=1)).isoformat())
    except ValueError:
        bounds = ()
    in_window = " AND reported >= ? AND reported < ?"
    queries: list[tuple[str, tuple]] = []
    day = record.date
    if day:
        prefixes = sorted({day[:4], day[:7], day})  # "2014", "2014-11", "2014-11-08": the same, a prefix, or within it
        queries.append((f"meetings_by_people_date WHERE people = ? AND date IN ({','.join('?' * len(prefixes))})",
                        (key, *prefixes)))
        if len(day) < 10:
            queries.append(("meetings_by_people_date WHERE people = ? AND date > ? AND date < ?", (key, day, day + "~")))
        if bounds:
            queries.append(("meetings_undated WHERE people = ? AND date IS NULL" + in_window, (key, *bounds)))
    elif bounds:
        queries.append(("meetings_by_people_reported WHERE people = ?" + in_window, (key, *bounds)))
    ids = [found for index_where, params in queries
           if (found := db.execute(f"SELECT MIN(id) FROM meetings INDEXED BY {index_where}{agree}",
                                   (*params, *same)).fetchone()[0]) is not None]
    if not ids:
        return None
    row = db.execute("SELECT mode, summit, place, date, reported FROM meetings WHERE id = ?", (min(ids),)).fetchone()
    facts = Facts(record.mode, record.summit, record.place, record.date, reported)
    return min(ids) if same_meeting(Facts(*row), facts) else None


def _meeting(row: tuple) -> StoredMeeting:
    meeting_id, people, status, mode, summit, place, date, reported = row[:8]
    return StoredMeeting(meeting_id, tuple(people.split("\t")), status, mode, summit, place, date, reported,
                         reports=row[8] if len(row) > 8 else 0)


def _meeting_filters(filters: Filters, statuses: tuple[str, ...], since: str | None,
                     until: str | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for official in filters.officials:
        clauses.append("m.id IN (SELECT meeting_id FROM meeting_people WHERE official = ?)")
        params.append(official)
    for summit in filters.summits:
        clauses.append("m.summit = ?")
        params.append(summit)
    if statuses:
        clauses.append(f"m.status IN ({','.join('?' * len(statuses))})")
        params += statuses
    day = "COALESCE(m.date, substr(m.reported, 1, 10))"
    if since:
        clauses.append(f"{day} >= ?")
        params.append(since)
    if until:
        clauses.append(f"substr({day}, 1, ?) <= ?")
        params += [len(until), until]
    article_clauses, article_params = _source_article_filters(filters)
    if article_clauses:
        clauses.append("m.id IN (SELECT s.meeting_id FROM meeting_sources s JOIN articles a ON a.id = s.article_id"
                       f" WHERE {' AND '.join(article_clauses)})")
        params += article_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _source_article_filters(filters: Filters) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for tag in filters.tags:
        clauses.append("a.id IN (SELECT article_id FROM tags WHERE tag = ?)")
        params.append(tag)
    if filters.search:
        clauses.append("a.id IN (SELECT rowid FROM search WHERE search MATCH ?)")
        params.append(fts_query(filters.search))
    if filters.feed_id:
        clauses.append("a.feed_id = ?")
        params.append(filters.feed_id)
    if filters.starred:
        clauses.append("a.starred = 1")
    if filters.unread:
        clauses.append("a.read = 0")
    return clauses, params
