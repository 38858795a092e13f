"""Notes (and the tagged articles they belong to) as one Markdown file, written atomically."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sidelines_tui.atomic import atomic_write_text
from sidelines_tui.dates import now_iso
from sidelines_tui.models import Filters, StoredMeeting
from sidelines_tui.store import Store

MARKER = "generator: sidelines"


class ExportError(Exception):
    pass


def render_markdown(store: Store, filters: Filters, limit: int = 100_000) -> tuple[str, int]:
    """The export text and how many articles it holds: every article in the view with a note or a tag."""
    lines = ["---", MARKER, f"exported: {now_iso()}", f"filters: {json.dumps(filters.describe(), ensure_ascii=False)}"]
    body: list[str] = []
    count = 0
    offset = 0
    while offset < limit:
        rows = store.timeline(filters, limit=500, offset=offset)
        if not rows:
            break
        offset += len(rows)
        for row in rows:
            note = store.note(row.id)
            if not note.strip() and not row.tags:
                continue
            article = store.article(row.id)
            if article is None:
                continue
            count += 1
            title = _inline(article.title) or "(untitled)"
            heading = f"[{title}](<{_url(article.url)}>)" if article.url else title
            body += ["", f"## {heading}", ""]
            body.append(f"- Date: {article.published[:10]}")
            body.append(f"- Feed: {_inline(article.feed)}")
            if article.officials:
                body.append(f"- Officials: {', '.join(_inline(o) for o in article.officials)}")
            if article.summits:
                body.append(f"- Summits: {', '.join(_inline(s) for s in article.summits)}")
            if article.tags:
                body.append(f"- Tags: {', '.join(_inline(t) for t in article.tags)}")
            meetings = store.article_meetings(row.id)
            if meetings:
                body.append("- Meetings:")
                body += [f"  - {_meeting_line(m)}" for m in meetings]
            if note.strip():
                body += ["", _quote_note(note)]
    lines.append(f"articles: {count}")
    lines.append("---")
    lines.append("")
    lines.append("# Sidelines notes")
    return "\n".join(lines + body) + "\n", count


def _meeting_line(meeting: StoredMeeting) -> str:
    where = ", ".join(_inline(x) for x in (meeting.summit, meeting.place) if x)
    mode = "" if meeting.mode == "in_person" else f", {meeting.mode.replace('_', ' ')}"
    return (f"{' – '.join(_inline(p) for p in meeting.participants)}: {meeting.status}{mode}"
            + (f", {_inline(meeting.date)}" if meeting.date else "") + (f" ({where})" if where else ""))


def render_meetings(store: Store, filters: Filters, limit: int = 100_000) -> tuple[str, int]:
    """The meetings of the filtered view as a Markdown table, newest first, each with its sources."""
    found = store.meetings(filters, limit=limit)
    lines = ["---", MARKER, f"exported: {now_iso()}", f"filters: {json.dumps(filters.describe(), ensure_ascii=False)}",
             f"meetings: {len(found)}", "---", "", "# Sidelines meetings", "",
             "| Date | Participants | Status | Mode | Summit | Place | Sources |", "|---|---|---|---|---|---|---|"]
    for meeting in found:
        sources = "; ".join(f"{s.status}: [{_inline(s.title) or '(untitled)'}](<{_url(s.url)}>) {s.published[:10]}"
                            if s.url else f"{s.status}: {_inline(s.title)} {s.published[:10]}" for s in meeting.sources)
        cells = [meeting.date or "", ", ".join(meeting.participants), meeting.status, meeting.mode.replace("_", " "),
                 meeting.summit or "", meeting.place or ""]
        lines.append("| " + " | ".join(_inline(c) for c in cells) + f" | {sources} |")
    return "\n".join(lines) + "\n", len(found)


def _inline(text: str) -> str:
    """One line of user or feed text made inert inside a heading or list item."""
    text = " ".join((text or "").split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\n", "")


def _quote_note(note: str) -> str:
    """The note as the user wrote it, inside a blockquote: every line starts with '> ', so no heading,
    fence or front-matter line in it can break out of its article's section."""
    return "\n".join(("> " + line) if line.strip() else ">" for line in note.rstrip().split("\n"))


def write_export(text: str, target: Path, *, force: bool = False) -> Path:
    """Atomic write (temp file + rename). An existing file not made by Sidelines needs `force`."""
    target = target.expanduser()
    if target.exists():
        if target.is_dir():
            raise ExportError(f"{target} is a directory")
        if not force and not _made_by_us(target):
            raise ExportError(f"{target} exists and was not written by Sidelines (use --force to overwrite)")
    return atomic_write_text(target, text)


def _made_by_us(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return head.startswith("---\n" + MARKER)


def new_export_path(export_dir: Path) -> Path:
    """A new dated file for each export, so an earlier export (and the user's edits to it) stays."""
    import time

    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    path = export_dir / f"sidelines-notes-{stamp}.md"
    n = 1
    while path.exists():
        n += 1
        path = export_dir / f"sidelines-notes-{stamp}-{n}.md"
    return path
