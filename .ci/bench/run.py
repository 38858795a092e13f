"""Sidelines benchmark, side by side with newsboat in one run, on a corpus it generates itself.

    python .ci/bench/run.py            # the full run (several minutes)
    python .ci/bench/run.py --quick    # smaller sizes, for a smoke check

It serves N feeds x M items (and their article pages) from a threaded HTTP server with ETag /
Last-Modified / 304 and configurable latency, spread over 127.0.0.1-127.0.0.20 on one port, and measures:
refresh cold and warm (sidelines vs newsboat defaults and reload-threads 8), full-text refresh, clean + tag
throughput, and the TUI's first painted timeline, filter keystroke latency and memory (with newsboat's
first screen over the same number of articles). Prints one table and writes JSON (--out).
Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOSTS, bulk_store, serve_corpus
from refresh_rows import clean_tag_throughput, ensure_newsboat, newsboat_refresh, real_style_pages, sidelines_refresh
from tui_rows import newsboat_first_screen, sidelines_tui, textual_floor

from tests.support.feed_server import FeedServer

Row = tuple[str, str, str]


def say(rows: list[Row], label: str, line: str, ratio: str = "") -> None:
    rows.append((label, line, ratio))
    print(label, "|", line, "|", ratio, flush=True)


def versions_of(newsboat: str | None) -> dict:
    versions: dict = {"python": platform.python_version(), "cores": os.cpu_count(), "machine": platform.machine()}
    try:
        from importlib.metadata import version

        versions |= {p: version(p) for p in ("sidelines-tui", "textual", "feedparser", "aiohttp", "readability-lxml")}
    except Exception:
        pass
    if newsboat:
        versions["newsboat"] = subprocess.run([newsboat, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return versions


def refresh_rows(args, tmp: Path, newsboat: str | None, results: dict, rows: list[Row]) -> None:
    sizes = [(20, 10)] if args.quick else [(100, 50), (500, 50)]
    for feeds, items in sizes:
        for latency in (0.0, 0.05):
            with FeedServer(hosts=HOSTS, latency=latency) as server:
                urls = serve_corpus(server, feeds, items)
                entry = {"feeds": feeds, "items": items, "latency_ms": latency * 1000,
                         "sidelines": sidelines_refresh(tmp / "s", urls)}
                if newsboat:
                    entry["newsboat_default"] = newsboat_refresh(newsboat, tmp / "nb1", urls, None)
                    entry["newsboat_threads8"] = newsboat_refresh(newsboat, tmp / "nb8", urls, 8)
            results["refresh"].append(entry)
            s = entry["sidelines"]
            line = f"sidelines cold {s[0]['seconds']:.2f}s ({s[0]['peak_mb']:.0f} MB), warm {s[1]['seconds']:.2f}s"
            ratio = ""
            if newsboat:
                d, t8 = entry["newsboat_default"], entry["newsboat_threads8"]
                line += (f" | newsboat default cold {d[0]['seconds']:.2f}s, threads8 cold {t8[0]['seconds']:.2f}s,"
                         f" all-304 {t8[2]['seconds']:.2f}s")
                ratio = (f"cold/nb8 {s[0]['seconds'] / t8[0]['seconds']:.2f},"
                         f" cold/nbdef {s[0]['seconds'] / d[0]['seconds']:.2f},"
                         f" warm/nb304 {s[1]['seconds'] / t8[2]['seconds']:.2f}")
            say(rows, f"refresh {feeds}x{items} @{latency * 1000:.0f}ms", line, ratio)


def fulltext_row(args, tmp: Path, results: dict, rows: list[Row]) -> None:
    feeds, items = (10, 10) if args.quick else (100, 50)
    with FeedServer(hosts=HOSTS) as server:
        urls = serve_corpus(server, feeds, items, seed=2, pages=True)
        runs = sidelines_refresh(tmp / "ft", urls, fulltext="always")
    pages = feeds * items
    seconds, peak = runs[0]["seconds"], runs[0]["peak_mb"]
    results["fulltext"] = {"feeds": feeds, "items": items, "seconds": seconds, "pages_per_s": pages / seconds,
                           "peak_mb": peak}
    line = f"{pages} pages in {seconds:.2f}s = {pages / seconds:.0f} pages/s ({peak:.0f} MB)"
    say(rows, f"full-text refresh {feeds}x{items}", line)


def clean_tag_row(args, results: dict, rows: list[Row]) -> None:
    pages, source = real_style_pages()
    rate = max(clean_tag_throughput(pages, repeat=1) for _ in range(1 if args.quick else 5))  # best of 5
    results["clean_tag"] = {"pages_per_s_one_core": rate, "pages": len(pages), "source": source}
    say(rows, "clean + tag, one core", f"{rate:.1f} pages/s over {len(pages)} pages ({source})")


def tui_rows(args, tmp: Path, newsboat: str | None, results: dict, rows: list[Row]) -> None:
    for count in [2_000] if args.quick else [10_000, 25_000, 100_000]:
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
        say(rows, f"TUI {count} articles", line, ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    parser.add_argument("--skip-newsboat", action="store_true")
    parser.add_argument("--skip-tui", action="store_true")
    args = parser.parse_args()
    newsboat = None if args.skip_newsboat else ensure_newsboat()
    versions = versions_of(newsboat)
    results: dict = {"versions": versions, "refresh": [], "fulltext": None, "clean_tag": None, "tui": []}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        refresh_rows(args, tmp, newsboat, results, rows)
        fulltext_row(args, tmp, results, rows)
        clean_tag_row(args, results, rows)
        if not args.skip_tui and shutil.which("tmux"):
            tui_rows(args, tmp, newsboat, results, rows)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print()
    print(f"{'measure':34} | figures | ratio")
    for label, line, ratio in rows:
        print(f"{label:34} | {line} | {ratio}")
    print(f"\ncores {versions['cores']}; versions {json.dumps(versions)}; JSON in {out}")


if __name__ == "__main__":
    main()
