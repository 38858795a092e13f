"""Worst-case time and memory of one refresh over the hostile corpus (tests/support/hostile.py).

    python .ci/bench/hostile.py [--runs 3] [--timeout 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sidelines_tui.store import open_store  # noqa: E402
from tests.support import corpus, hostile  # noqa: E402
from tests.support.feed_server import FeedServer  # noqa: E402


def one_run(timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        secret = hostile.write_secret(tmp)
        cases = hostile.build(server, secret)
        home = Path(tmp) / "home"
        with open_store(home / "sidelines.sqlite3") as store:
            for case in cases:
                store.add_feed(server.url(case.path), case.name)
            for n in range(3):
                good = corpus.rss(f"Good {n}", corpus.stories(n, 4), server.url(""))
                store.add_feed(server.url(server.add(f"/good{n}.xml", good)))
        cmd = [sys.executable, "-m", "sidelines_tui", "--home", str(home), "refresh", "--json", "--fulltext", "always",
               "--timeout", str(timeout)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        report = json.loads(proc.stdout.read())
        with open_store(home / "sidelines.sqlite3") as store:
            intact = store.integrity_ok()
        return {"cases": len(cases), "seconds": seconds, "maxrss_mb": usage.ru_maxrss / 1024,
                "errors": len(report["errors"]), "new": report["new"], "integrity": intact, "exit": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=4.0)
    args = parser.parse_args()
    runs = [one_run(args.timeout) for _ in range(args.runs)]
    for run in runs:
        print(json.dumps(run))
    print(f"hostile corpus: {runs[0]['cases']} cases + 3 good feeds, {args.runs} runs | refresh wall time median "
          f"{statistics.median(r['seconds'] for r in runs):.2f} s, worst {max(r['seconds'] for r in runs):.2f} s "
          f"(per-request timeout {args.timeout:g} s) | peak RSS (largest of the refresh process and its worker processes) "
          f"worst {max(r['maxrss_mb'] for r in runs):.0f} MB | integrity ok in {sum(r['integrity'] for r in runs)}/{args.runs}")


if __name__ == "__main__":
    main()
