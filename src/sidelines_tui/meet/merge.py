"""When two reports are one meeting: the same officials, the same way (in person, phone, video), no date,
summit or place that disagree, and, when either report gives no date, reported within three weeks of
each other ("Lavrov will meet Kerry in Beijing" on Nov 7 and "Lavrov met Kerry" on Nov 9 are one
meeting; a meeting in July and another in November are two)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

UNDATED_WINDOW_DAYS = 21


@dataclass(frozen=True, slots=True)
class Facts:
    """What a report says of a meeting, and when the article that says it was published (ISO)."""

    mode: str
    summit: str | None
    place: str | None
    date: str | None
    reported: str


def same_meeting(a: Facts, b: Facts) -> bool:
    if a.mode != b.mode or _disagree(a.summit, b.summit) or _disagree(a.place, b.place):
        return False
    if a.date and b.date:
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return _days_between(a.reported, b.reported) <= UNDATED_WINDOW_DAYS


def _disagree(x: str | None, y: str | None) -> bool:
    return bool(x and y and x.casefold() != y.casefold())


def _days_between(x: str, y: str) -> int:
    try:
        return abs((date.fromisoformat(x[:10]) - date.fromisoformat(y[:10])).days)
    except ValueError:
        return UNDATED_WINDOW_DAYS + 1  # an unreadable date: never the same undated meeting
