"""Parse the many ways pages and feeds write a publication date into an ISO-8601 string with its offset."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timezone

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_WORDY = re.compile(
    r"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})\b",
    re.I,
)
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")  # 15.11.2016: day first, as Europe writes it
# Month names of the other languages news pages come in: Spanish, Portuguese, French, German, Italian, and
# Russian's genitive ("22 октября 2010"). Day first in all of them.
_FOREIGN_MONTHS = {
    **dict.fromkeys(("enero", "janeiro", "janvier", "januar", "jänner", "gennaio", "января"), 1),
    **dict.fromkeys(("febrero", "fevereiro", "février", "fevrier", "februar", "febbraio", "февраля"), 2),
    **dict.fromkeys(("marzo", "março", "marco", "mars", "märz", "marta", "марта"), 3),
    **dict.fromkeys(("abril", "avril", "aprile", "апреля"), 4),
    **dict.fromkeys(("mayo", "maio", "mai", "maggio", "мая"), 5),
    **dict.fromkeys(("junio", "junho", "juin", "juni", "giugno", "июня"), 6),
    **dict.fromkeys(("julio", "julho", "juillet", "juli", "luglio", "июля"), 7),
    **dict.fromkeys(("agosto", "août", "aout", "августа"), 8),
    **dict.fromkeys(("septiembre", "setiembre", "setembro", "septembre", "settembre", "сентября"), 9),
    **dict.fromkeys(("octubre", "outubro", "octobre", "oktober", "ottobre", "октября"), 10),
    **dict.fromkeys(("noviembre", "novembro", "novembre", "ноября"), 11),
    **dict.fromkeys(("diciembre", "dezembro", "décembre", "decembre", "dezember", "dicembre", "декабря"), 12),
}
_FOREIGN_MONTH_NAMES = "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
_FOREIGN_WORDY = re.compile(rf"\b(\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?({_FOREIGN_MONTH_NAMES})\.?\s+(?:de\s+)?(\d{{4}})\b",
                            re.I)
MIN_YEAR, MAX_YEAR = 1990, 2100


def parse_date(value: str | None) -> str | None:
    """ISO string ('2014-11-07T10:00:00+00:00') or None when nothing believable is found."""
    if not value:
        return None
    value = value.strip()[:200]
    match = _ISO.search(value)
    if match:
        y, mo, d, h, mi, s, tz = match.groups()
        try:
            dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0),
                          tzinfo=_tz(tz))
        except ValueError:
            dt = None
        if dt:
            return _finish(dt)
    from email.utils import parsedate_to_datetime  # loads only where feeds are parsed (7 ms of start-up)

    try:
        dt = parsedate_to_datetime(value)
        if dt:
            return _finish(dt)
    except (TypeError, ValueError, IndexError):
        pass
    match = _WORDY.search(value)
    if match:
        day1, month, day2, year = match.groups()
        try:
            dt = datetime(int(year), _MONTHS[month[:3].lower()], int(day1 or day2 or 1),
                          tzinfo=UTC)
            return _finish(dt)
        except ValueError:
            return None
    match = _DOTTED.search(value)
    if match:
        try:
            return _finish(datetime(int(match[3]), int(match[2]), int(match[1]), tzinfo=UTC))
        except ValueError:
            return None
    match = _FOREIGN_WORDY.search(value)
    if match:
        try:
            return _finish(datetime(int(match[3]), _FOREIGN_MONTHS[match[2].lower()], int(match[1]),
                                    tzinfo=UTC))
        except ValueError:
            return None
    return None


# A line that is a date and nothing else: "Nov. 7, 2014", "Published: 7 November 2014 | 12:30 GMT",
# "15.11.2016 (updated 16:20 15.11.2016)", "Friday, November 7, 2014". Anything more (a caption that
# ends in a date, a sentence) is not a dateline.
_DATELINE_NOISE = re.compile(
    r"\((?:updated|edited)[^)]*\)|\b(?:first |last )?(?:published|updated|posted|date[d]?)\b\s*:?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:GMT|UTC|MSK|CET|CEST|EST|EDT|PST|PDT|BST|ET|PT|CT|MT|IST|JST|AEST|AEDT)\b(?:[+-]\d{1,2})?"
    r"|\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?|\bon\b|[|·•,()\[\]]|\s[-–—]+\s"
    # the same in the other languages: weekdays, "às 20:13", "20h13", "Uhr"
    r"|\b(?:(?:segunda|terça|terca|quarta|quinta|sexta)-feira|sábado|sabado|domingo|lunes|martes|miércoles|miercoles"
    r"|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonntag|lunedì|martedì|mercoledì|giovedì|venerdì|domenica|понедельник|вторник|среда"
    r"|четверг|пятница|суббота|воскресенье)\b|\b(?:às|a las|à|um|alle|в)\s*(?=\d)|\b\d{1,2}h\d{2}\b|\buhr\b",
    re.I,
)
_DATE_ONLY = re.compile(
    r"\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s+\d{4}"
    rf"|\d{{1,2}}(?:\.|º|er)?\s+(?:de\s+)?(?:{_FOREIGN_MONTH_NAMES})\.?\s+(?:de\s+)?\d{{4}})\s*",
    re.I,
)


def dateline(line: str) -> str | None:
    """The date of a line that holds only a date (with a time, a weekday, "Published:" and the like)."""
    if len(line) > 80:
        return None
    core = " ".join(_DATELINE_NOISE.sub(" ", line).split()).strip(" -–—:")
    if not _DATE_ONLY.fullmatch(core):
        return None
    return parse_date(core)


def from_struct(value) -> str | None:
    """feedparser's *_parsed time.struct_time (always UTC)."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = value[:6]
        return _finish(datetime(year, month, day, hour, minute, second, tzinfo=UTC))
    except (TypeError, ValueError):
        return None


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _tz(text: str | None):
    if not text or text == "Z":
        return UTC
    from datetime import timedelta

    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    try:
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    except ValueError:
        return UTC


def _finish(dt: datetime) -> str | None:
    """ISO 8601 with the writer's own offset: the article's calendar day is the one it was written on
    ("2020-04-12T18:00:00-07:00" stays on the 12th). A date without a zone is taken as UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return dt.replace(microsecond=0).isoformat()
