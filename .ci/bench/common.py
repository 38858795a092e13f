"""What the benchmark's parts share: the served corpus, running a command with its peak memory, a big
store built straight through the store API, and tmux."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sidelines_tui.models import Mention, StoredArticle
from sidelines_tui.store import open_store
from tests.support import corpus
from tests.support.feed_server import FeedServer

HOSTS = 20
SIDELINES = [sys.executable, "-m", "sidelines_tui"]
# Measure as users run it: with Python's bytecode cache (some sandboxes turn it off).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def serve_corpus(server: FeedServer, feeds: int, items: int, seed: int = 1, pages: bool = False) -> list[str]:
    """Register `feeds` RSS feeds of `items` stories each, spread over the server's hosts."""
    urls = []
    base_time = datetime(2024, 6, 1, tzinfo=UTC)
    for n in range(feeds):
        host = n % len(server.hosts)
        base = server.url("", host=host)
        stories = corpus.stories(seed * 100_000 + n, items, start=base_time - timedelta(minutes=n))
        path = f"/feeds/{seed}/{n}.xml"
        server.add(path, corpus.rss(f"Wire {n}", stories, base, full=not pages))
        if pages:
            for i, story in enumerate(stories):
                server.add(f"/articles/{story.guid}.html", corpus.PAGE_STYLES[i % 2](story), content_type="text/html")
        urls.append(server.url(path, host=host))
    return urls


def peak_rss_mb(usage) -> float:
    return usage.ru_maxrss / 1024


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, str, str, int]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # read the pipes in threads so a chatty child can't block; wait4 gives its peak memory
    import threading

    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()

    threads = [threading.Thread(target=drain, args=("out", proc.stdout)),
               threading.Thread(target=drain, args=("err", proc.stderr))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = chunks["out"].decode(errors="replace"), chunks["err"].decode(errors="replace")
    return seconds, peak_rss_mb(usage), out, err, proc.returncode


def bulk_store(home: Path, articles: int) -> None:
    """Fill a store with `articles` synthetic tagged articles straight through Store.upsert_articles."""
    if home.exists():
        shutil.rmtree(home)
    rng = random.Random(5)
    start = datetime(2024, 6, 1, tzinfo=UTC)
    with open_store(home / "sidelines.sqlite3") as store:
        feeds = [store.add_feed(f"http://127.0.0.{1 + n % HOSTS}:1/f{n}.xml", f"Wire {n}") for n in range(50)]
        batch: dict[int, list] = {}
        for i in range(articles):
            (t1, a, n1), (t2, b, n2) = rng.sample(corpus.PAIRS, 2)
            code, long_name = rng.choice(corpus.SUMMITS)
            text = (f"{n1} {t1} {a} met {n2} {t2} {b} on the sidelines of the {code} summit."
                    f" Talks covered {rng.choice(corpus.TOPICS)}.")
            ia = text.index(a)
            ib = text.index(b)
            ic = text.index(code, ib)
            mentions = [Mention("official", a, ia, ia + len(a)), Mention("official", b, ib, ib + len(b)),
                        Mention("summit", code, ic, ic + len(code))]
            published = (start - timedelta(minutes=37 * i)).isoformat()
            title = f"{a.split()[-1]} and {b.split()[-1]} meet at {code} ({i})"
            item = StoredArticle(f"b{i}", f"http://127.0.0.1:1/a/{i}", title, published, text, mentions)
            batch.setdefault(feeds[i % 50].id, []).append((item, f"h{i}"))
            if (i + 1) % 5000 == 0 or i + 1 == articles:
                for feed_id, items in batch.items():
                    store.upsert_articles(feed_id, items)
                batch.clear()
        store.analyze()


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", "sidelines-bench", "-f", "/dev/null", *args], capture_output=True,
                          text=True).stdout


def new_session(session: str, command: list[str], size: tuple[int, int] = (160, 45)) -> None:
    """Start `command` in a detached session (160x45 unless told). Right after kill-server the old server may still be
    exiting and the first attempt fail: retry."""
    for _ in range(20):
        done = subprocess.run(["tmux", "-L", "sidelines-bench", "-f", "/dev/null", "new-session", "-d", "-s", session,
                               "-x", str(size[0]), "-y", str(size[1]), *command], capture_output=True, text=True)
        if done.returncode == 0:
            return
        time.sleep(0.05)
    raise RuntimeError(f"tmux new-session failed: {done.stderr.strip()}")


def time_to_screen(cmd: list[str], needle: str, env: dict, timeout: float = 180.0,
                   size: tuple[int, int] = (160, 45)) -> tuple[float, int | None, str]:
    """Seconds from launch in tmux to `needle` on screen (polling capture-pane), the pane's pid and the
    session's name."""
    session = f"bench{random.randrange(10**6)}"
    tmux("kill-server")
    env_args = [f"{k}={v}" for k, v in env.items()]
    started = time.perf_counter()
    new_session(session, ["env", "-u", "COLUMNS", "-u", "LINES", *env_args, *cmd], size)
    deadline = started + timeout
    elapsed = float("nan")
    while time.perf_counter() < deadline:
        if needle in tmux("capture-pane", "-p", "-t", session):
            elapsed = time.perf_counter() - started
            break
        time.sleep(0.01)
    pid_text = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()
    return elapsed, (int(pid_text) if pid_text.isdigit() else None), session


def vm_hwm_mb(pid: int | None) -> float:
    if not pid:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
