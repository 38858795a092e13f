"""End to end in a real terminal: tmux runs `sidelines --home TMP`, keys go in with send-keys and the
screen is read with capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sidelines_tui.store import open_store
from tests.support import corpus

pytestmark = pytest.mark.e2e


SOCKET = "sidelines-e2e"  # our own tmux server: the user's sessions and settings stay untouched


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True,
                          check=True).stdout


def wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if needle in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} never appeared; screen was:\n{screen}")


def wait_gone(session: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if needle not in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} never went away")


def add_feed(session: str, url: str, title: str) -> None:
    tmux("send-keys", "-t", session, "a")
    wait_for(session, "Add a feed")
    tmux("send-keys", "-t", session, "-l", url)
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, title[:30])


def subscribe_remove_subscribe(session: str, server) -> None:
    """Subscribe to a feed with a, remove it from the feed list (f, x, y), subscribe to another."""
    base = server.url("")
    first, second = corpus.stories(81, 1)[0], corpus.stories(82, 1)[0]
    tmux("send-keys", "-t", session, "c")
    add_feed(session, server.url(server.add("/a.xml", corpus.rss("Feed A", [first], base))), first.title)
    tmux("send-keys", "-t", session, "f")
    wait_for(session, "Feeds: enter filters")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "x")  # on the first row: Feed A (no folder) before the demo
    wait_for(session, "Remove Feed A?")
    tmux("send-keys", "-t", session, "y")
    wait_gone(session, "Feed A")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "Escape")
    wait_gone(session, "Feeds: enter filters")
    wait_gone(session, first.title[:30])
    add_feed(session, server.url(server.add("/b.xml", corpus.rss("Feed B", [second], base))), second.title)


def test_real_terminal_session(tmp_path: Path, server):
    assert shutil.which("tmux"), "tmux is required (.ci/run installs it)"
    home = tmp_path / "home"
    session = f"sidelines-e2e-{tmp_path.name}"
    command = f"{sys.executable} -m sidelines_tui --home {home}"
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "45", "env", "-u", "COLUMNS", "-u", "LINES",
         "TERM=xterm-256color", *command.split())
    tmux("set-option", "-s", "escape-time", "0")
    try:
        wait_for(session, "Welcome to Sidelines")
        tmux("send-keys", "-t", session, "d")
        screen = wait_for(session, "Lavrov and Wang Yi meet")
        assert "12 articles" in screen
        tmux("send-keys", "-t", session, "o")
        wait_for(session, "Filter by official")
        tmux("send-keys", "-t", session, "-l", "lavrov")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "Enter")
        screen = wait_for(session, "3 articles")
        assert "Sergei Lavrov" in screen
        # Arrow keys are escape sequences: read whole, never as a lone esc (which drops the filter) and letters
        tmux("send-keys", "-t", session, "Down", "Down", "Up")
        time.sleep(0.5)
        assert "3 articles" in tmux("capture-pane", "-p", "-t", session)
        tmux("send-keys", "-t", session, "Enter")
        screen = wait_for(session, "No note yet")
        tmux("send-keys", "-t", session, "n")
        wait_for(session, "Saved as you type")
        tmux("send-keys", "-t", session, "-l", "Typed in tmux")
        time.sleep(1.0)
        tmux("send-keys", "-t", session, "Escape")
        wait_gone(session, "Saved as you type")  # the editor closed; the note is checked in the store below
        subscribe_remove_subscribe(session, server)
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "-L", SOCKET, "has-session", "-t", session], capture_output=True)
            if alive.returncode != 0:
                break  # q quit the app, and the session ended with it
            time.sleep(0.1)
        else:
            raise AssertionError("the app did not quit on q")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
    with open_store(home / "sidelines.sqlite3") as store:
        notes = [store.note(r.id) for r in store.timeline()]
        assert "Typed in tmux" in notes
        assert [f.title for f in store.feeds(include_unsubscribed=True)] == ["Feed B", "Sidelines demo (offline)"]
        assert store.integrity_ok()
