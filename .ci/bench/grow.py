"""Refresh into a big store against the same refresh into an empty one (issue 16): what a store's size costs
each new article.

    python .ci/bench/grow.py BIG_HOME [--feeds 100] [--items 50] [--rounds 3]

Each round serves `feeds` new feeds of `items` stories each (seeds no round used before, so every article
is new to both stores) from 127.0.0.1, subscribes them in BIG_HOME and in a fresh empty home, and refreshes
just those feeds into each, the two sides alternating first. Each refresh runs in its own interpreter with
the store API (`refresh_feeds`); the figure is the refresh's seconds, not the interpreter's start. Prints
per-round seconds, medians and the big/empty ratio. BIG_HOME keeps what each round adds (a few thousand
articles next to a million).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOSTS, serve_corpus

from tests.support.feed_server import FeedServer

_REFRESH = r"""
import asyncio, json, sys, time
from pathlib import Path
from sidelines_tui.refresh import refresh_feeds
from sidelines_tui.store import open_store
db, urls = Path(sys.argv[1]), json.loads(sys.argv[2])
with open_store(db) as store:
    feeds = [store.add_feed(url, f"grow {url}") for url in urls]
    before = store.count()
started = time.perf_counter()
report = asyncio.run(refresh_feeds(db, feeds, fulltext="never"))
seconds = time.perf_counter() - started
with open_store(db) as store:
    added = store.count() - before
print(json.dumps({"seconds": seconds, "added": added, "errors": len(report.errors)}))
"""


def refresh(home: Path, urls: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _REFRESH, str(home / "sidelines.sqlite3"), json.dumps(urls)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("big", type=Path)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7000, help="first corpus seed (use new ones on a reused store)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"big": [], "empty": []}
    with FeedServer(hosts=HOSTS) as server:
        for r in range(args.rounds):
            empty = Path(tempfile.mkdtemp(prefix="sidelines-grow-"))
            try:
                sides = [("big", args.big), ("empty", empty)]
                for n, (side, home) in enumerate(sides if r % 2 == 0 else sides[::-1]):
                    urls = serve_corpus(server, args.feeds, args.items, seed=args.seed + 2 * r + n)
                    out = refresh(home, urls)
                    if out["errors"] or out["added"] != args.feeds * args.items:
                        raise SystemExit(f"{side}: {out} (expected {args.feeds * args.items} new articles)")
                    times[side].append(out["seconds"])
                    print(f"round {r + 1} {side:5}: {out['seconds']:.2f} s for {out['added']:,} articles", flush=True)
            finally:
                shutil.rmtree(empty, ignore_errors=True)
    big, small = statistics.median(times["big"]), statistics.median(times["empty"])
    print(f"refresh of {args.feeds} x {args.items} new items: into {args.big} {big:.2f} s,"
          f" into an empty store {small:.2f} s (medians of {args.rounds}); big / empty = {big / small:.2f}")


if __name__ == "__main__":
    main()
