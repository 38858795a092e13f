"""Helpers for driving the app with Pilot: wait for its workers, read its timeline and filter stack."""

from __future__ import annotations

from rich.text import Text

from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.timeline import Timeline

SIZE = (150, 40)
HOSTILE_TITLE = "[bold]Big[/bold] [link=https://evil.example]click[/link] \x1b[31mred\x1b[0m end [/"


def timeline_lines(app: SidelinesApp) -> list[str]:
    timeline = app.main.query_one(Timeline)
    return ["".join(seg.text for seg in timeline.render_line(y)) for y in range(timeline.size.height)]


def stack(app: SidelinesApp) -> list[tuple[str, str]]:
    return [(item.kind, item.value) for item in app.main.stack]


def plain(widget) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


async def settle(pilot, app: SidelinesApp) -> None:
    """Let loading workers finish; workers that wait on a dialog (group "pickers") stay open."""
    await pilot.pause()
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "pickers" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()
