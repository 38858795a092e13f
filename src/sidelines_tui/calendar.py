"""Meetings as an iCalendar file (RFC 5545, written with the `icalendar` library): each planned or held
meeting with a day is an all-day event — the participants as its summary, the summit and place as its
location, the status and the reporting sentences as its description — so an analyst sees next week's
sideline meetings in a calendar. A meeting known only to the month or year has no day to put it on."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from sidelines_tui.models import StoredMeeting

CALENDAR_STATUSES = ("planned", "held")


def calendar_bytes(meetings: list[StoredMeeting]) -> tuple[bytes, int, int]:
    """The calendar, how many meetings it holds and how many were left out for want of a day."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Sidelines//meetings//EN")
    calendar.add("version", "2.0")
    written = skipped = 0
    for meeting in meetings:
        if meeting.status not in CALENDAR_STATUSES:
            continue
        day = _day(meeting.date)
        if day is None:
            skipped += 1
            continue
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@sidelines")
        event.add("summary", " – ".join(meeting.participants) + ("" if meeting.mode == "in_person"
                                                                 else f" ({meeting.mode.replace('_', ' ')})"))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        location = ", ".join(x for x in (meeting.summit, meeting.place) if x)
        if location:
            event.add("location", location)
        event.add("status", "CONFIRMED" if meeting.status == "held" else "TENTATIVE")
        lines = [f"{meeting.status}: " + ", ".join(f"{s.status} per {s.title} ({s.published[:10]})" for s in meeting.sources)]
        lines += [f"“{s.sentence}” — {s.url or s.title}" for s in meeting.sources]
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
        written += 1
    return calendar.to_ical(), written, skipped


def write_ics(meetings: list[StoredMeeting], path: Path) -> tuple[int, int]:
    """Write the calendar whole or not at all (a temporary file renamed over the target)."""
    data, written, skipped = calendar_bytes(meetings)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return written, skipped


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
