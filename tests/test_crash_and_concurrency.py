"""Crash safety (SIGKILL during refresh and during note editing) and two instances on one home."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sidelines_tui.demo import load_demo
from sidelines_tui.models import Filters
from sidelines_tui.store import open_store
from sidelines_tui.tui.app import SidelinesApp
from tests.conftest import run_cli
from tests.support import corpus
from tests.support.feed_server import FeedServer
from tests.test_e2e_tmux import SOCKET, tmux, wait_for
from tests.test_tui import settle


def subscribe_many(home: Path, server: FeedServer, feeds: int, items: int, seed: int = 0) -> None:
    base = server.url("")
    with open_store(home / "sidelines.sqlite3") as store:
        for n in range(feeds):
            path = server.add(f"/k{seed}-{n}.xml", corpus.rss(f"K{n}", corpus.stories(seed * 1000 + n, items), base))
            store.add_feed(server.url(path, host=n))


def test_sigkill_during_refresh_loses_nothing(home):
    rng = random.Random(42)
    with FeedServer(hosts=4, latency=0.05) as server:
        subscribe_many(home, server, feeds=40, items=25)
        # one feed answers after 2 s, so every refresh is still running when its kill comes (at most 1 s in)
        slow = server.add("/slow.xml", corpus.rss("Slow", [], server.url("")), delay=2.0)
        with open_store(home / "sidelines.sqlite3") as store:
            store.add_feed(server.url(slow))
            load_demo(store)
            committed = {}
            for article_id in (1, 2, 3):
                store.add_tags(article_id, [f"keep-{article_id}"])
                store.set_note(article_id, f"note {article_id} before any kill")
                committed[article_id] = f"note {article_id} before any kill"
        for round_ in range(14):
            for n in range(40):  # every item changes each round: updates to write, real work to interrupt
                items = corpus.stories(n, 25)
                for story in items:
                    story.title += f" (round {round_})"
                server.routes[f"/k0-{n}.xml"].body = corpus.rss(f"K{n}", items, server.url("")).encode()
            proc = subprocess.Popen([sys.executable, "-m", "sidelines_tui", "--home", str(home), "refresh", "--json",
                                     "--fulltext", "never"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            time.sleep(rng.uniform(0.2, 1.0))
            assert proc.poll() is None, "the refresh ended before its kill"
            os.killpg(proc.pid, signal.SIGKILL)  # the refresh and its worker processes
            proc.wait()
            with open_store(home / "sidelines.sqlite3") as store:
                assert store.integrity_ok()
                for article_id, note in committed.items():
                    assert store.note(article_id) == note
                for article_id in (1, 2, 3):
                    assert store.tags(article_id) == [f"keep-{article_id}"]
                # a note written between kills must survive the next kill too
                store.set_note(4, f"written after round {round_}")
                committed[4] = f"written after round {round_}"
        # the next start works without repair: a full refresh completes and stores everything
        result = run_cli("refresh", "--json", "--fulltext", "never", home=home)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["errors"] == []
        with open_store(home / "sidelines.sqlite3") as store:
            assert store.count() == 40 * 25 + 12
            assert store.note(4) == "written after round 13"


@pytest.mark.e2e
def test_sigkill_while_editing_a_note_keeps_what_was_typed(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with open_store(home / "sidelines.sqlite3") as store:
        load_demo(store)
    kills = 0
    for round_ in range(8):
        session = f"kill-{tmp_path.name}-{round_}"
        tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", "env", "-u", "COLUMNS", "-u", "LINES",
             "TERM=xterm-256color", sys.executable, "-m", "sidelines_tui", "--home", str(home))
        tmux("set-option", "-s", "escape-time", "0")
        try:
            wait_for(session, "Lavrov and Wang Yi meet")
            tmux("send-keys", "-t", session, "n")
            wait_for(session, "Saved as you type")
            tmux("send-keys", "-t", session, "-l", f" round{round_}")
            time.sleep(2.0)  # typed two seconds before the kill
            pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
            os.kill(pid, signal.SIGKILL)
            kills += 1
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
        with open_store(home / "sidelines.sqlite3") as store:
            assert store.integrity_ok()
            first = store.timeline()[0].id
            # every round's text, typed 2 s before its kill, is in the note, in order
            assert store.note(first).split() == [f"round{n}" for n in range(round_ + 1)]
    assert kills == 8


async def test_tui_and_cli_refresh_on_one_home_lose_no_writes(locations):
    """The TUI writes notes while `sidelines refresh` writes articles: no 'locked' error anywhere."""
    with FeedServer(hosts=4, latency=0.02) as server:
        subscribe_many(locations.data_dir, server, feeds=30, items=30, seed=5)
        with open_store(locations.database) as store:
            load_demo(store)
        app = SidelinesApp(locations)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot, app)
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "sidelines_tui", "--home", str(locations.data_dir), "refresh", "--json",
                "--fulltext", "never", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            written = []
            for n in range(25):  # notes and tags from the TUI's database thread while refresh writes
                article_id = 1 + n % 12
                await app.db.call(lambda s, a=article_id, n=n: s.set_note(a, f"tui note {n}"))
                await app.db.call(lambda s, a=article_id, n=n: s.add_tags(a, [f"t{n}"]))
                written.append((article_id, n))
                await asyncio.sleep(0.02)
            stdout, stderr = await proc.communicate()
            assert proc.returncode == 0, stderr
            report = json.loads(stdout)
            assert report["errors"] == [] and report["new"] == 900
            assert "locked" not in stderr.decode()
            # the TUI sees the other instance's articles on its next read
            await pilot.press("1")
            await settle(pilot, app)
            await pilot.press("c")
            await settle(pilot, app)
            assert app.main.timeline.row_count == 900 + 12
            assert not [n for n in app._notifications if "locked" in str(n.message)]
    # and the CLI sees every write the TUI made
    with open_store(locations.database) as store:
        for article_id, n in written:
            assert f"t{n}" in store.tags(article_id)
        for article_id in range(1, 13):
            last = max(n for a, n in written if a == article_id)
            assert store.note(article_id) == f"tui note {last}"


def test_two_refreshes_at_once_store_everything_once(home):
    with FeedServer(hosts=4, latency=0.02) as server:
        subscribe_many(home, server, feeds=20, items=20, seed=7)
        cmd = [sys.executable, "-m", "sidelines_tui", "--home", str(home), "refresh", "--json", "--fulltext", "never"]
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [p.communicate(timeout=120) for p in procs]
        for proc, (stdout, stderr) in zip(procs, results):
            assert proc.returncode == 0, stderr
            assert json.loads(stdout)["errors"] == []
        reports = [json.loads(stdout) for stdout, _ in results]
        assert sum(r["new"] for r in reports) == 400  # each article stored exactly once between the two
        with open_store(home / "sidelines.sqlite3") as store:
            assert store.count() == 400 and store.integrity_ok()
            assert store.count(Filters(search="sidelines")) == 400


POOL_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from sidelines_tui.worker_pool import exit_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=exit_with_parent,
                               initargs=(os.getpid(), 0.1))
    busy = pool.submit(time.sleep, 120)  # a task that outlives its parent
    while not busy.running():
        time.sleep(0.02)
    print(*[p.pid for p in pool._processes.values()], flush=True)
    time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its exit status waits to be read


def test_pool_workers_end_when_the_refreshing_process_is_killed(tmp_path):
    script = tmp_path / "pool.py"
    script.write_text(POOL_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in proc.stdout.readline().split()]
        assert workers and all(_alive(pid) for pid in workers)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), "a pool worker outlived the killed refresh"
    finally:
        proc.kill()
