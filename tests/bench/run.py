"""Sidelines benchmark, side by side with newsboat in one run, on a corpus it generates itself.

    python tests/bench/run.py            # the full run (several minutes)
    python tests/bench/run.py --quick    # smaller sizes, for a smoke check

It serves N feeds x M items (and their article pages) from a threaded HTTP server with ETag /
Last-Modified / 304 and configurable latency, spread over 127.0.0.1-127.0.0.20 on one port, and measures:
refresh cold and warm (sidelines vs newsboat defaults and reload-threads 8), full-text refresh, clean + tag
throughput, and the TUI's first painted timeline, filter keystroke latency and memory (with newsboat's
first screen over the same number of articles). Prints one table and writes JSON (--out).
Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sidelines_tui.models import StoredArticle
from sidelines_tui.store import open_store  # noqa: E402
from sidelines_tui.models import Mention  # noqa: E402
from tests.support import corpus  # noqa: E402
from tests.support.feed_server import FeedServer  # noqa: E402

HOSTS = 20
SIDELINES = [sys.executable, "-m", "sidelines_tui"]
# Measure as users run it: with Python's bytecode cache (some sandboxes turn it off).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


# -- corpus ------------------------------------------------------------------------------------------

def serve_corpus(server: FeedServer, feeds: int, items: int, seed: int = 1, pages: bool = False) -> list[str]:
    """Register `feeds` RSS feeds of `items` stories each, spread over the server's hosts."""
    urls = []
    base_time = datetime(2024, 6, 1, tzinfo=timezone.utc)
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

    threads = [threading.Thread(target=drain, args=("out", proc.stdout)), threading.Thread(target=drain, args=("err", proc.stderr))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, peak_rss_mb(usage), chunks["out"].decode(errors="replace"), chunks["err"].decode(errors="replace"), proc.returncode


# -- sidelines refresh ------------------------------------------------------------------------------

def sidelines_refresh(home: Path, urls: list[str], fulltext: str = "never") -> list[dict]:
    """Cold (first) and warm (second) refresh."""
    if home.exists():
        shutil.rmtree(home)
    with open_store(home / "sidelines.sqlite3") as store:
        for url in urls:
            store.add_feed(url)
    results = []
    for label in ("cold", "warm"):
        seconds, rss, out, err, code = run_measured([*SIDELINES, "--home", str(home), "refresh", "--json",
                                                     "--fulltext", fulltext])
        if code != 0:
            raise RuntimeError(f"sidelines refresh failed: {err[-500:]}")
        report = json.loads(out)
        results.append({"run": label, "seconds": seconds, "peak_mb": rss, "new": report["new"],
                        "errors": len(report["errors"])})
    return results


# -- newsboat ---------------------------------------------------------------------------------------

def ensure_newsboat() -> str | None:
    found = shutil.which("newsboat")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("newsboat is missing: installing Debian's package with apt-get ...", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "newsboat"], capture_output=True)
        found = shutil.which("newsboat")
    if not found:
        print("newsboat is not installed and could not be installed: its columns stay empty", file=sys.stderr)
    return found


def newsboat_dir(folder: Path, urls: list[str], threads: int | None) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "urls").write_text("\n".join(urls) + "\n")
    config = ["show-read-feeds yes", "max-items 0"]
    if threads:
        config.append(f"reload-threads {threads}")
    (folder / "config").write_text("\n".join(config) + "\n")
    return folder


def newsboat_cmd(binary: str, folder: Path) -> list[str]:
    return [binary, "-C", str(folder / "config"), "-u", str(folder / "urls"), "-c", str(folder / "cache.db")]


def newsboat_refresh(binary: str, folder: Path, urls: list[str], threads: int | None, runs: int = 3) -> list[dict]:
    """newsboat stores no ETag on its first fetch, so its second reload downloads everything again and
    only the third is all 304s: we report cold, warm (second) and the all-304 (third) reload."""
    newsboat_dir(folder, urls, threads)
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_DATA_HOME": str(folder)}
    results = []
    for label in ("cold", "warm", "all-304")[:runs]:
        seconds, rss, _, err, code = run_measured([*newsboat_cmd(binary, folder), "-x", "reload"], env=env)
        results.append({"run": label, "seconds": seconds, "peak_mb": rss, "exit": code})
    return results


# -- clean + tag throughput -------------------------------------------------------------------------

def clean_tag_throughput(pages: list[bytes], repeat: int = 2) -> float:
    from sidelines_tui.pipeline import extract_document

    for page in pages[:5]:
        extract_document(page)  # warm up (imports, compiled patterns)
    started = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            extract_document(page)
    return len(pages) * repeat / (time.perf_counter() - started)


def real_style_pages() -> tuple[list[bytes], str]:
    shared = ROOT.parent / "shared" / "extraction-dev" / "html"
    if shared.is_dir():
        return [gzip.open(p).read() for p in sorted(shared.glob("*.html.gz"))], f"{shared} (real news pages)"
    stories = corpus.stories(9, 100)
    return [corpus.PAGE_STYLES[i % 2](s).encode() for i, s in enumerate(stories)], "synthetic pages (shared/ not found)"


# -- the TUI ----------------------------------------------------------------------------------------

def bulk_store(home: Path, articles: int) -> None:
    """Fill a store with `articles` synthetic tagged articles straight through Store.upsert_articles."""
    if home.exists():
        shutil.rmtree(home)
    rng = random.Random(5)
    start = datetime(2024, 6, 1, tzinfo=timezone.utc)
    with open_store(home / "sidelines.sqlite3") as store:
        feeds = [store.add_feed(f"http://127.0.0.{1 + n % HOSTS}:1/f{n}.xml", f"Wire {n}") for n in range(50)]
        batch: dict[int, list] = {}
        for i in range(articles):
            (t1, a, n1), (t2, b, n2) = rng.sample(corpus.PAIRS, 2)
            code, long_name = rng.choice(corpus.SUMMITS)
            text = f"{n1} {t1} {a} met {n2} {t2} {b} on the sidelines of the {code} summit. Talks covered {rng.choice(corpus.TOPICS)}."
            ia = text.index(a)
            ib = text.index(b)
            ic = text.index(code, ib)
            mentions = [Mention("official", a, ia, ia + len(a)), Mention("official", b, ib, ib + len(b)),
                        Mention("summit", code, ic, ic + len(code))]
            published = (start - timedelta(minutes=37 * i)).isoformat()
            item = StoredArticle(f"b{i}", f"http://127.0.0.1:1/a/{i}", f"{a.split()[-1]} and {b.split()[-1]} meet at {code} ({i})",
                                 published, text, mentions)
            batch.setdefault(feeds[i % 50].id, []).append((item, f"h{i}"))
            if (i + 1) % 5000 == 0 or i + 1 == articles:
                for feed_id, items in batch.items():
                    store.upsert_articles(feed_id, items)
                batch.clear()
        store.analyze()


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", "sidelines-bench", "-f", "/dev/null", *args], capture_output=True,
                          text=True).stdout


def new_session(session: str, command: list[str]) -> None:
    """Start `command` in a detached 160x45 session. Right after kill-server the old server may still be
    exiting and the first attempt fail: retry."""
    for _ in range(20):
        done = subprocess.run(["tmux", "-L", "sidelines-bench", "-f", "/dev/null", "new-session", "-d", "-s", session,
                               "-x", "160", "-y", "45", *command], capture_output=True, text=True)
        if done.returncode == 0:
            return
        time.sleep(0.05)
    raise RuntimeError(f"tmux new-session failed: {done.stderr.strip()}")


def time_to_screen(cmd: list[str], needle: str, env: dict, timeout: float = 180.0) -> tuple[float, int | None, str]:
    """Seconds from launch in tmux to `needle` on screen (polling capture-pane), the pane's pid and the
    session's name."""
    session = f"bench{random.randrange(10**6)}"
    tmux("kill-server")
    env_args = [f"{k}={v}" for k, v in env.items()]
    started = time.perf_counter()
    new_session(session, ["env", "-u", "COLUMNS", "-u", "LINES", *env_args, *cmd])
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


# -- main -------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    parser.add_argument("--skip-newsboat", action="store_true")
    parser.add_argument("--skip-tui", action="store_true")
    args = parser.parse_args()
    sizes = [(20, 10)] if args.quick else [(100, 50), (500, 50)]
    latencies = [0.0, 0.05]
    tui_sizes = [2_000] if args.quick else [10_000, 25_000, 100_000]
    newsboat = None if args.skip_newsboat else ensure_newsboat()
    versions = {"python": platform.python_version(), "cores": os.cpu_count(), "machine": platform.machine()}
    try:
        from importlib.metadata import version

        versions |= {p: version(p) for p in ("sidelines-tui", "textual", "feedparser", "aiohttp", "readability-lxml")}
    except Exception:
        pass
    if newsboat:
        versions["newsboat"] = subprocess.run([newsboat, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    results: dict = {"versions": versions, "refresh": [], "fulltext": None, "clean_tag": None, "tui": []}
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for feeds, items in sizes:
            for latency in latencies:
                with FeedServer(hosts=HOSTS, latency=latency) as server:
                    urls = serve_corpus(server, feeds, items)
                    entry = {"feeds": feeds, "items": items, "latency_ms": latency * 1000,
                             "sidelines": sidelines_refresh(tmp / "s", urls)}
                    if newsboat:
                        entry["newsboat_default"] = newsboat_refresh(newsboat, tmp / "nb1", urls, None)
                        entry["newsboat_threads8"] = newsboat_refresh(newsboat, tmp / "nb8", urls, 8)
                    results["refresh"].append(entry)
                    label = f"refresh {feeds}x{items} @{latency * 1000:.0f}ms"
                    s = entry["sidelines"]
                    line = f"sidelines cold {s[0]['seconds']:.2f}s ({s[0]['peak_mb']:.0f} MB), warm {s[1]['seconds']:.2f}s"
                    ratio = ""
                    if newsboat:
                        d, t8 = entry["newsboat_default"], entry["newsboat_threads8"]
                        line += (f" | newsboat default cold {d[0]['seconds']:.2f}s, threads8 cold {t8[0]['seconds']:.2f}s,"
                                 f" all-304 {t8[2]['seconds']:.2f}s")
                        ratio = (f"cold/nb8 {s[0]['seconds'] / t8[0]['seconds']:.2f}, cold/nbdef {s[0]['seconds'] / d[0]['seconds']:.2f},"
                                 f" warm/nb304 {s[1]['seconds'] / t8[2]['seconds']:.2f}")
                    rows.append((label, line, ratio, ""))
                    print(label, "|", line, "|", ratio, flush=True)
        # full text
        feeds, items = (10, 10) if args.quick else (100, 50)
        with FeedServer(hosts=HOSTS) as server:
            urls = serve_corpus(server, feeds, items, seed=2, pages=True)
            runs = sidelines_refresh(tmp / "ft", urls, fulltext="always")
            pages = feeds * items
            results["fulltext"] = {"feeds": feeds, "items": items, "seconds": runs[0]["seconds"],
                                   "pages_per_s": pages / runs[0]["seconds"], "peak_mb": runs[0]["peak_mb"]}
            line = f"{pages} pages in {runs[0]['seconds']:.2f}s = {pages / runs[0]['seconds']:.0f} pages/s ({runs[0]['peak_mb']:.0f} MB)"
            rows.append((f"full-text refresh {feeds}x{items}", line, "", ""))
            print(rows[-1][0], "|", line, flush=True)
        # clean + tag
        pages, source = real_style_pages()
        rate = max(clean_tag_throughput(pages, repeat=1) for _ in range(1 if args.quick else 5))  # best of 5
        results["clean_tag"] = {"pages_per_s_one_core": rate, "pages": len(pages), "source": source}
        rows.append(("clean + tag, one core", f"{rate:.1f} pages/s over {len(pages)} pages ({source})", "", ""))
        print(rows[-1][0], "|", rows[-1][1], flush=True)
        # the TUI
        if not args.skip_tui and shutil.which("tmux"):
            for count in tui_sizes:
                home = tmp / f"tui{count}"
                bulk_store(home, count)
                tui = sidelines_tui(home)
                floor = textual_floor(tmp)
                entry = {"articles": count, "sidelines": tui, "textual_hello_first_paint_s": floor}
                line = (f"first paint {tui['first_paint_s']:.2f}s (a two-widget Textual app: {floor:.2f}s), filter ms " +
                        ", ".join(f"{k} {v:.0f}" for k, v in tui["filter_ms"].items()) + f", peak {tui['peak_mb']:.0f} MB")
                ratio = ""
                if newsboat and count <= 25_000:
                    folder = tmp / f"nbtui{count}"
                    feeds_n = 500  # as in the issue: many feeds is what makes newsboat's first screen slow
                    with FeedServer(hosts=HOSTS) as server:
                        urls = serve_corpus(server, feeds_n, count // feeds_n, seed=3)
                        newsboat_refresh(newsboat, folder, urls, 8, runs=1)
                    nb = newsboat_first_screen(newsboat, folder)
                    entry["newsboat_first_screen_s"] = nb
                    line += f" | newsboat first screen {nb:.2f}s"
                    ratio = f"first paint/newsboat {tui['first_paint_s'] / nb:.2f}"
                results["tui"].append(entry)
                rows.append((f"TUI {count} articles", line, ratio, ""))
                print(rows[-1][0], "|", line, "|", ratio, flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print()
    print(f"{'measure':34} | figures | ratio")
    for label, line, ratio, _ in rows:
        print(f"{label:34} | {line} | {ratio}")
    print(f"\ncores {versions['cores']}; versions {json.dumps(versions)}; JSON in {out}")


if __name__ == "__main__":
    main()
