"""`sidelines meetings`: who met whom, newest first, with the articles that report it; as text, JSON or an
iCalendar file of the planned and held meetings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sidelines_tui.cli.common import filters_from, home_store
from sidelines_tui.cli.registry import UserError, command, filter_arguments
from sidelines_tui.contracts import stored_meeting_json
from sidelines_tui.models import StoredMeeting
from sidelines_tui.paths import Locations
from sidelines_tui.safe_text import one_line
from sidelines_tui.wording import plural

STATUSES = ("held", "planned", "possible", "cancelled")


def _arguments(p) -> None:
    filter_arguments(p)
    p.add_argument("--status", action="append", default=[], choices=STATUSES, help="held, planned, possible, cancelled")
    p.add_argument("--since", help="meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", help="meetings on or before this date")
    p.add_argument("--limit", type=int, default=200, help="at most this many meetings (default 200)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ics", metavar="FILE", help="write the planned and held meetings as an iCalendar file")


@command("meetings", "who met whom: meetings newest first, with their sources", _arguments)
def cmd_meetings(args, loc: Locations) -> int:
    for value in (args.since, args.until):
        if value and not _is_date_prefix(value):
            raise UserError(f"not a date: {value!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    with home_store(loc) as store:
        filters = filters_from(args, store, loc)
        found = store.meetings(filters, statuses=args.status, since=args.since, until=args.until,
                               limit=max(0, args.limit))
    if args.ics:
        from sidelines_tui.calendar import write_ics

        written, skipped = write_ics(found, Path(args.ics))
        print(f"sidelines: wrote {plural(written, 'meeting')} to {args.ics}"
              + (f" ({plural(skipped, 'meeting')} without a day left out)" if skipped else ""), file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps([stored_meeting_json(m) for m in found], ensure_ascii=False, indent=1))
        return 0
    for meeting in found:
        _print(meeting)
    if not found:
        print("sidelines: no meetings match" + ("" if filters.is_empty() else " these filters"), file=sys.stderr)
    return 0


def _print(meeting: StoredMeeting) -> None:
    where = ", ".join(x for x in (meeting.summit, meeting.place) if x)
    mode = "" if meeting.mode == "in_person" else f" ({meeting.mode.replace('_', ' ')})"
    when = meeting.date or "~" + meeting.reported[:10]  # no date in the text: when it was reported
    print(f"{when:11} {meeting.status:9}  {one_line(' – '.join(meeting.participants), 90)}{mode}"
          + (f"  [{one_line(where, 60)}]" if where else ""))
    for source in meeting.sources:
        print(f"{'':12}{source.status:9}  #{source.article_id} {source.published[:10]}  {one_line(source.title, 80)}")


def _is_date_prefix(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))
