"""A/B of two checkouts of Sidelines in one run, rounds alternating so the machine's drift cancels out.

    python .ci/bench/ab.py refresh OLD_CHECKOUT [--feeds 500 --items 50 --latency 0.05 --rounds 3 --newsboat]
    python .ci/bench/ab.py engine OLD_CHECKOUT [--pages DIR] [--rounds 3]

OLD_CHECKOUT is another worktree of the repo (`git worktree add /tmp/base <commit>`); the new side is this
checkout. Both run with this interpreter, each with its own `src` first on the path.
`refresh`: the cold and the all-304 refresh (`--fulltext never`) of one served corpus, and newsboat's
`reload-threads 8` cold reload beside them with --newsboat. `engine`: clean + tag pages per second on one
core over a folder of HTML pages (default: the shared extraction-dev pages), a refresh worker's time per feed
of 50 synthetic items, and the tagger's time per synthetic story. Prints medians and new/old ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOSTS, serve_corpus
from refresh_rows import ensure_newsboat, newsboat_refresh

from tests.support.feed_server import FeedServer

# Run inside a child interpreter with a checkout's src first: one line of JSON with its figures.
_ENGINE_PROBE = r"""
import glob, gzip, json, sys, time
sys.path.insert(0, sys.argv[1] + "/src"); sys.path.insert(1, sys.argv[2])
from sidelines_tui import pipeline
from sidelines_tui.tag import tagger_for
from tests.support import corpus
def best(fn, runs):
    return min(_timed(fn) for _ in range(runs))
def _timed(fn):
    start = time.perf_counter(); fn(); return time.perf_counter() - start
pages = [gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
         for p in sorted(glob.glob(sys.argv[3] + "/*.htm*"))]
stories = ["\n\n".join(s.paragraphs) for s in corpus.stories(77, 400)]
feeds = [corpus.rss(f"W{n}", corpus.stories(1000 + n, 50), "http://x").encode() for n in range(40)]
tagger = tagger_for(None)
work = lambda: [pipeline.process_feed(b, "application/rss+xml", "http://x/f.xml", {}, "never", None) for b in feeds]
work(); tagger.tag(stories[0], full=False)
out = {"tag_us_per_story": best(lambda: [tagger.tag(s, full=False) for s in stories], 5) / len(stories) * 1e6,
       "worker_ms_per_feed": best(work, 3) / len(feeds) * 1e3}
if pages:
    out["clean_tag_pages_per_s"] = len(pages) / best(lambda: [pipeline.extract_document(p) for p in pages], 3)
print(json.dumps(out))
"""


def _python_for(checkout: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return [sys.executable, "-m", "sidelines_tui"], env


def _refresh_once(checkout: Path, home: Path, opml: Path) -> tuple[float, float]:
    cmd, env = _python_for(checkout)
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([*cmd, "--home", str(home), "import-opml", str(opml)], check=True, capture_output=True, env=env)
    seconds = []
    for _ in ("cold", "warm"):
        start = time.perf_counter()
        subprocess.run([*cmd, "--home", str(home), "refresh", "--json", "--fulltext", "never"], check=True,
                       capture_output=True, env=env)
        seconds.append(time.perf_counter() - start)
    return seconds[0], seconds[1]


def refresh(args: argparse.Namespace, sides: dict[str, Path], tmp: Path) -> dict[str, list[float]]:
    newsboat = ensure_newsboat() if args.newsboat else None
    runs: dict[str, list[float]] = {f"{side} {phase}": [] for side in sides for phase in ("cold", "warm")}
    with FeedServer(hosts=HOSTS, latency=args.latency) as server:
        urls = serve_corpus(server, args.feeds, args.items)
        opml = tmp / "feeds.opml"
        opml.write_text('<?xml version="1.0"?><opml version="2.0"><head/><body>'
                        + "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls) + "</body></opml>")
        for round_no in range(args.rounds):
            order = list(sides.items()) if round_no % 2 == 0 else list(reversed(sides.items()))
            for side, checkout in order:
                cold, warm = _refresh_once(checkout, tmp / f"home-{side}", opml)
                runs[f"{side} cold"].append(cold)
                runs[f"{side} warm"].append(warm)
            if newsboat:
                result = newsboat_refresh(newsboat, tmp / f"newsboat-{round_no}", urls, 8, runs=1)
                runs.setdefault("newsboat-8 cold", []).append(result[0]["seconds"])
            print(f"round {round_no}:", {k: round(v[-1], 2) for k, v in runs.items()}, flush=True)
    return runs


def engine(args: argparse.Namespace, sides: dict[str, Path], tmp: Path) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {}
    for round_no in range(args.rounds):
        order = list(sides.items()) if round_no % 2 == 0 else list(reversed(sides.items()))
        for side, checkout in order:
            out = subprocess.run([sys.executable, "-c", _ENGINE_PROBE, str(checkout), str(ROOT), args.pages],
                                 check=True, capture_output=True, text=True).stdout
            for key, value in json.loads(out).items():
                runs.setdefault(f"{side} {key}", []).append(value)
        print(f"round {round_no}:", {k: round(v[-1], 2) for k, v in runs.items()}, flush=True)
    return runs


def report(runs: dict[str, list[float]]) -> None:
    medians = {key: statistics.median(values) for key, values in runs.items()}
    for key, value in medians.items():
        print(f"{key:40} median {value:9.3f}   runs {', '.join(f'{v:.3f}' for v in runs[key])}")
    for key, value in medians.items():
        if key.startswith("new "):
            old = medians.get("old " + key[4:])
            if old:
                print(f"ratio new/old {key[4:]:28} {value / old:.3f}")
            nb = medians.get("newsboat-8 cold")
            if nb and key == "new cold":
                print(f"ratio new cold / newsboat-8 cold      {value / nb:.3f} (old {medians['old cold'] / nb:.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("refresh", "engine"))
    parser.add_argument("old", type=Path, help="the other checkout (a git worktree)")
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--newsboat", action="store_true")
    parser.add_argument("--pages", default=str(ROOT.parent / "shared" / "extraction-dev" / "html"))
    args = parser.parse_args()
    sides = {"old": args.old.resolve(), "new": ROOT}
    with tempfile.TemporaryDirectory(prefix="sidelines-ab-") as tmp:
        runs = (refresh if args.what == "refresh" else engine)(args, sides, Path(tmp))
    report(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
