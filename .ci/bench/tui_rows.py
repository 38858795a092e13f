"""TUI rows: the first painted timeline in a real terminal (tmux), beside a two-widget Textual app, and
filter keystroke latency inside the app."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from common import SIDELINES, time_to_screen, tmux, vm_hwm_mb
from refresh_rows import newsboat_cmd

from sidelines_tui.store import open_store


def sidelines_tui(home: Path, runs: int = 5) -> dict:
    """First painted timeline (tmux) and peak memory; filter keystroke latency in-process with Pilot."""
    firsts = []
    memory = []
    for _ in range(runs):
        seconds, pid, session = time_to_screen([*SIDELINES, "--home", str(home)], " · ", {"TERM": "xterm-256color"})
        firsts.append(seconds)
        # drive a few filters in the real terminal, then read the peak memory
        for key in ("1", "2", "c", "o"):
            tmux("send-keys", "-t", session, key)
            time.sleep(0.3)
        memory.append(vm_hwm_mb(pid))
        tmux("kill-server")
    keystrokes = asyncio.run(filter_latency(home))
    return {"first_paint_s": statistics.median(firsts), "first_paint_runs": firsts,
            "peak_mb": max(memory), "filter_ms": keystrokes}


HELLO_TEXTUAL = """from textual.app import App
from textual.widgets import Footer, Static


class Hello(App):
    def compose(self):
        yield Static("hello · world")
        yield Footer()


Hello().run()
"""


def textual_floor(folder: Path, runs: int = 5) -> float:
    """The same measurement for a two-widget Textual app: what any Textual app costs on this machine
    right now (it moves with the VM's load, and so does ours)."""
    script = folder / "hello_textual.py"
    script.write_text(HELLO_TEXTUAL)
    times = []
    for _ in range(runs):
        seconds, _, _ = time_to_screen([sys.executable, str(script)], " · ", {"TERM": "xterm-256color"})
        times.append(seconds)
        tmux("kill-server")
    return statistics.median(times)


async def _quiet(app) -> None:
    """Wait until no worker runs (exclusive workers cancel each other; that is fine here)."""
    from textual.worker import WorkerCancelled

    for _ in range(50):
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            return
        try:
            await app.workers.wait_for_complete(busy)
        except WorkerCancelled:
            pass


async def filter_latency(home: Path) -> dict:
    """Key press to updated timeline, measured inside the app: official, summit, tag, search."""
    from sidelines_tui.paths import locate
    from sidelines_tui.tui.app import SidelinesApp

    with open_store(home / "sidelines.sqlite3") as store:
        first = store.timeline(limit=1)[0].id
        store.add_tags(first, ["bench"])
    app = SidelinesApp(locate(home))
    out: dict[str, list[float]] = {"official": [], "summit": [], "tag": [], "search": []}
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await _quiet(app)
        official = next(e for e in await app.db.call(lambda s: s.top_entities("official")))
        summit = next(e for e in await app.db.call(lambda s: s.top_entities("summit")))
        for _ in range(5):
            for kind, value in (("official", official.name), ("summit", summit.name), ("tag", "bench"), ("search", "sanctions")):
                app.main.push_filter(kind, value)
                await _quiet(app)
                await pilot.pause()
                out[kind].append(app.main.last_filter_ms)
                app.main.action_clear_filters()
                await _quiet(app)
                await pilot.pause()
    return {kind: statistics.median(values) for kind, values in out.items()}


def newsboat_first_screen(binary: str, folder: Path, runs: int = 5) -> float:
    env = {"HOME": str(folder), "TERM": "xterm-256color"}
    times = []
    for _ in range(runs):
        seconds, _, _ = time_to_screen(newsboat_cmd(binary, folder), "Wire", env)
        times.append(seconds)
        tmux("kill-server")
    return statistics.median(times)
