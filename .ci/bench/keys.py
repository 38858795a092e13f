"""What the user waits for, in a real terminal (issue 16): each keystroke timed to the *last* change of the
screen it acts on, beside a two-widget Textual app answering a key the same way in the same run.

    python .ci/bench/keys.py HOME [--runs 3] [--json OUT] [--vs OLD_CHECKOUT]

`sidelines --home HOME` runs in tmux at 180x48; `capture-pane` is polled every 5 ms. For a filter key the
region watched is the timeline pane (filter bar, quick-filter row and rows; the reader is excluded), for a
picker or the meetings view the whole screen. A key has settled when nothing in its region changed for
`QUIET` seconds; its figures are the first and the last change after the key was sent. Also printed: the
first painted timeline, and the app's peak memory (VmHWM) after all the keys. With `--vs`, another checkout
(`git worktree add /tmp/base COMMIT`) runs on the same store, runs alternating, and the ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SIDELINES, time_to_screen, tmux, vm_hwm_mb

WIDTH, HEIGHT = 180, 48
TIMELINE_COLUMNS = 97  # the timeline pane at 180 columns: the reader starts after its border
QUIET = 0.6
LIMIT = 20.0


def grab(session: str, whole: bool) -> str:
    lines = tmux("capture-pane", "-p", "-t", session).split("\n")[:HEIGHT - 1]  # the footer never changes
    return "\n".join(lines) if whole else "\n".join(line[:TIMELINE_COLUMNS] for line in lines)


def settle(session: str, whole: bool, started: float, before: str) -> tuple[float | None, float | None]:
    """Seconds to the first and to the last change of the region after `started`."""
    first = last = None
    previous = before
    while True:
        now = time.perf_counter()
        screen = grab(session, whole)
        if screen != previous:
            first = first if first is not None else now - started
            last, previous = now - started, screen
        quiet_since = last if last is not None else 0.0
        if now - started - quiet_since > (QUIET if last is not None else 3.0) or now - started > LIMIT:
            return first, last
        time.sleep(0.005)


def press(session: str, keys: list[str], whole: bool = False) -> tuple[float | None, float | None]:
    before = grab(session, whole)
    started = time.perf_counter()
    tmux("send-keys", "-t", session, *keys)
    return settle(session, whole, started, before)


def type_quietly(session: str, text: str) -> None:
    tmux("send-keys", "-t", session, "-l", text)
    settle(session, True, time.perf_counter(), grab(session, True))


def search_words(home: Path) -> dict[str, str]:
    """A word every article has, a rare official's surname, a common and a rare phrase."""
    db = sqlite3.connect(home / "sidelines.sqlite3")
    rare = db.execute("SELECT e.name FROM entities e JOIN day_counts d ON d.key = e.id AND d.day = ''"
                      " WHERE e.kind = 'official' AND d.n >= 3 ORDER BY d.n LIMIT 1").fetchone()
    db.close()
    name = rare[0] if rare else "Nobody Known"
    return {"common word": "summit", "rare word": name.split()[-1], "common phrase": '"on the sidelines"',
            "rare phrase": f'"{name}"'}


def scenarios(home: Path) -> list[tuple[str, list[str], list[str], bool]]:
    """(label, keys sent before and not timed, the keys timed, whole screen?)"""
    steps: list[tuple[str, list[str], list[str], bool]] = [
        ("quick filter 1 (an official)", [], ["1"], False),
        ("stacked quick filter 2", [], ["2"], False),
        ("drop the last filter (esc)", [], ["Escape"], False),
        ("scroll to the end of the view (G)", [], ["G"], False),
        ("clear (c)", [], ["c"], False),
        ("quick filter 4", [], ["4"], False),
        ("unread only (u), stacked", [], ["u"], False),
        ("clear (c) again", [], ["c"], False),
        ("unread only (u) alone", [], ["u"], False),
        ("clear (c) after unread", [], ["c"], False),
    ]
    for label, words in search_words(home).items():
        steps.append((f"search, {label}: {words}", ["/", "-l", words], ["Enter"], False))
        steps.append((f"clear the search ({label})", [], ["c"], False))
    steps += [
        ("official picker opens (o)", [], ["o"], True),
        ("picker closes (esc)", [], ["Escape"], True),
        ("summit picker opens (s)", [], ["s"], True),
        ("summit picker closes (esc)", [], ["Escape"], True),
        ("feed list opens (f)", [], ["f"], True),
        ("feed list closes (esc)", [], ["Escape"], True),
        ("meetings view opens (w)", [], ["w"], True),
        ("meetings view closes (esc)", [], ["Escape"], True),
        ("quick filter 1 then meetings (w)", ["1"], ["w"], True),
        ("meetings view closes (esc) again", [], ["Escape"], True),
        ("clear (c) at the end", [], ["c"], False),
    ]
    return steps


def run_once(home: Path, src: Path | None = None) -> dict:
    env = {"TERM": "xterm-256color", **({"PYTHONPATH": str(src)} if src else {})}
    first_paint, pid, session = time_to_screen([*SIDELINES, "--home", str(home)], " · ", env, size=(WIDTH, HEIGHT))
    settle(session, False, time.perf_counter(), grab(session, False))  # the quick-filter row and reader arrive
    rows = {}
    for label, prep, keys, whole in scenarios(home):
        if prep:
            if prep[0] == "/":
                tmux("send-keys", "-t", session, "/")
                settle(session, True, time.perf_counter(), "")
                type_quietly(session, prep[2])
            else:
                press(session, prep)
        rows[label] = press(session, keys, whole)
    memory = vm_hwm_mb(pid)
    tmux("kill-server")
    return {"first_paint_s": first_paint, "keys": rows, "peak_mb": memory}


HELLO_KEYS = """from textual.app import App
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static


class Dialog(ModalScreen):
    BINDINGS = [("escape", "app.pop_screen", "Close")]
    DEFAULT_CSS = "Dialog { align: center middle; } Dialog > Vertical { width: 60; height: 8; border: round $accent; }"

    def compose(self):
        with Vertical():
            yield Label("a dialog")


class Hello(App):
    BINDINGS = [("1", "bump", "Bump"), ("o", "open", "Open")]
    count = 0

    def compose(self):
        yield Static("hello · world 0", id="s")
        yield Footer()

    def action_bump(self):
        self.count += 1
        self.query_one("#s", Static).update(f"hello · world {self.count}")

    def action_open(self):
        self.push_screen(Dialog())


Hello().run()
"""


def textual_floor(folder: Path, presses: int = 10) -> dict[str, list[float]]:
    """A key, a dialog opening and a dialog closed by esc, in a two-widget app, with the esc wait the
    app uses (`ESCDELAY`, as `sidelines` sets it)."""
    from sidelines_tui.cli import ESCAPE_DELAY_MS

    script = folder / "hello_keys.py"
    script.write_text(HELLO_KEYS)
    paint, _, session = time_to_screen([sys.executable, str(script)], " · ",
                                   {"TERM": "xterm-256color", "ESCDELAY": str(ESCAPE_DELAY_MS)}, size=(WIDTH, HEIGHT))
    times: dict[str, list[float]] = {"first paint": [paint], "key": [], "dialog opens": [], "dialog closes (esc)": []}
    for _ in range(presses):
        for label, key in zip(list(times)[1:], ["1", "o", "Escape"], strict=True):
            _, last = press(session, [key], whole=True)
            if last is not None:
                times[label].append(last)
    tmux("kill-server")
    return times


def report(runs: list[dict], side: str) -> tuple[float, float, float]:
    """Print one side's rows; return its settled median and worst over all keys, and median first paint."""
    if side:
        print(f"-- {side}")
    paints = [r["first_paint_s"] for r in runs]
    print(f"first paint {', '.join(f'{p:.2f}' for p in paints)} s; peak memory {max(r['peak_mb'] for r in runs):.0f} MB")
    settled_all = []
    for label in runs[0]["keys"]:
        firsts = [r["keys"][label][0] for r in runs if r["keys"][label][0] is not None]
        lasts = [r["keys"][label][1] for r in runs if r["keys"][label][1] is not None]
        settled_all += lasts
        if not lasts:
            print(f"  {label:58} no change")
            continue
        print(f"  {label:58} first {statistics.median(firsts) * 1000:6.0f} ms  settled"
              f" {statistics.median(lasts) * 1000:6.0f} ms (worst {max(lasts) * 1000:5.0f})")
    median, worst = (statistics.median(settled_all), max(settled_all)) if settled_all else (float("nan"),) * 2
    print(f"all keys settled: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms")
    return median, worst, statistics.median(paints)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--vs", type=Path, metavar="OLD_CHECKOUT",
                        help="also run another checkout (its src first on the path), runs alternating: A/B")
    args = parser.parse_args()
    floor = textual_floor(Path("/tmp"))
    runs, old_runs = [], []
    for _ in range(args.runs):
        runs.append(run_once(args.home))
        if args.vs:
            old_runs.append(run_once(args.home, args.vs / "src"))
    size = (args.home / "sidelines.sqlite3").stat().st_size
    print(f"store {args.home}: {size / 1e6:,.0f} MB; Textual floor (a two-widget app): " + ", ".join(
        f"{label} median {statistics.median(t) * 1000:.0f} ms, worst {max(t) * 1000:.0f}" for label, t in floor.items() if t))
    new = report(runs, "this checkout" if args.vs else "")
    if args.vs:
        old = report(old_runs, str(args.vs))
        print(f"A/B: settled median {new[0] * 1000:.0f} vs {old[0] * 1000:.0f} ms ({new[0] / old[0]:.2f}x), worst"
              f" {new[1] * 1000:.0f} vs {old[1] * 1000:.0f} ms ({new[1] / old[1]:.2f}x), first paint"
              f" {new[2]:.2f} vs {old[2]:.2f} s ({new[2] / old[2]:.2f}x)")
    if args.json:
        args.json.write_text(json.dumps({"floor_s": floor, "runs": runs, "old_runs": old_runs, "db_bytes": size},
                                        indent=1))


if __name__ == "__main__":
    main()
