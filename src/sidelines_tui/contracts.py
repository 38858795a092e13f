"""The JSON that other tools read (DESIGN.md's contracts), built in one place. Keys are only ever added."""

from __future__ import annotations

from sidelines_tui.models import ArticleRow, Extracted, Feed, Meeting, RefreshReport, StoredMeeting


def article_json(row: ArticleRow, note: str) -> dict[str, object]:
    """`sidelines list --json`: one article of the timeline."""
    return {"id": row.id, "title": row.title, "url": row.url, "published": row.published, "feed": row.feed,
            "officials": list(row.officials), "summits": list(row.summits), "tags": list(row.tags), "note": note}


def feed_json(feed: Feed) -> dict[str, object]:
    """`sidelines feeds --json`: one subscription (or a removed feed that still holds kept articles)."""
    return {"id": feed.id, "url": feed.url, "title": feed.title, "folder": feed.folder,
            "last_fetched": feed.last_fetched, "last_error": feed.last_error, "articles": feed.article_count,
            "unread": feed.unread, "subscribed": feed.subscribed}


def refresh_json(report: RefreshReport) -> dict[str, object]:
    """`sidelines refresh --json` (and `"interrupted": true` when a signal stopped it early)."""
    out: dict[str, object] = {"feeds": report.feeds, "new": report.new, "updated": report.updated,
                              "errors": [{"feed": e.feed, "error": e.error} for e in report.errors],
                              "seconds": round(report.seconds, 3)}
    if report.interrupted:
        out["interrupted"] = True
    return out


def extracted_json(path: str, extracted: Extracted) -> dict[str, object]:
    """`sidelines extract --json`: one input, one line."""
    return {"path": path, "title": extracted.title,
            "published": (extracted.published or None) and extracted.published[:10],
            "url": extracted.url, "text": extracted.text, "officials": extracted.officials,
            "summits": extracted.summits,
            "entities": [{"kind": m.kind, "name": m.name, "start": m.start, "end": m.end} for m in extracted.mentions],
            "meetings": [meeting_json(m) for m in extracted.meetings]}


def meeting_json(meeting: Meeting) -> dict[str, object]:
    """A meeting record as `../shared/MEETINGS.md` defines it (`extract --json`'s `meetings`)."""
    return {"participants": list(meeting.participants), "status": meeting.status, "mode": meeting.mode,
            "summit": meeting.summit, "place": meeting.place, "date": meeting.date,
            "start": meeting.start, "end": meeting.end}


def error_json(path: str, error: str) -> dict[str, object]:
    return {"path": path, "error": error}


def stored_meeting_json(meeting: StoredMeeting) -> dict[str, object]:
    """`sidelines meetings --json`: one meeting, merged from its sources (oldest first); its status is
    the newest source's, and `history` says how it got there ("planned per #12 on 2014-11-07, held per
    #15 on 2014-11-09")."""
    return {"id": meeting.id, "participants": list(meeting.participants), "status": meeting.status,
            "mode": meeting.mode, "summit": meeting.summit, "place": meeting.place, "date": meeting.date,
            "sources": [{"article": s.article_id, "title": s.title, "url": s.url, "published": s.published,
                         "status": s.status, "sentence": s.sentence} for s in meeting.sources],
            "history": ", ".join(f"{s.status} per #{s.article_id} on {s.published[:10]}" for s in meeting.sources)}
