"""Refresh rows: Sidelines and newsboat over the same served corpus; clean + tag throughput."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from common import SIDELINES, run_measured

from sidelines_tui.store import open_store
from tests.support import corpus


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
