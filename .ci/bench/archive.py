"""A year of news in one store, for the archive rows (issue 16): N articles of realistic length spread over
365 days, each naming officials drawn from the packaged gazetteer (a few very often, most rarely: Zipf) and
a summit, with the meeting its first paragraph reports. Built straight through Store.upsert_articles
(a refresh of a million pages would take the benchmark's whole budget; refresh rows are measured apart).

    python .ci/bench/archive.py HOME --articles 1000000 --kb 4     # build (minutes)

Text: sentences of 8-30 words over a 60,000-word vocabulary with Zipf frequencies (English text's shape:
a few hundred words make half of it, most words are rare), so the full-text index grows as it would on
real articles; 2-6 KB an article (--kb sets the mean).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import string
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import Meeting, Mention, StoredArticle
from sidelines_tui.store import open_store
from sidelines_tui.tag import tagger_for

SUMMITS = ["G20", "APEC", "BRICS", "SCO", "G7", "ASEAN", "NATO", "EU", "UNGA", "COP"]
TOPICS = ["trade", "sanctions", "grain exports", "climate finance", "nuclear talks", "energy prices", "debt relief",
          "security in the Pacific", "the war in Ukraine", "the Middle East", "migration", "tariffs"]
VERBS = ["met", "held talks with", "will meet", "spoke by phone with", "cancelled a meeting with"]


def vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        length = min(14, max(2, int(rng.gauss(6, 2.5))))
        words.add("".join(rng.choices(string.ascii_lowercase, k=length)))
    return sorted(words)


def sentence_pool(rng: random.Random, count: int = 40_000) -> list[str]:
    words = vocabulary(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    pool = []
    for _ in range(count):
        chosen = rng.choices(words, cum_weights=weights, k=rng.randint(8, 30))
        pool.append(" ".join(chosen).capitalize() + ".")
    return pool


def officials(rng: random.Random, limit: int = 3000) -> list[tuple[str, str]]:
    """(role, name) of `limit` leaders and ministers (tier 1) of the packaged knowledge base, in a seeded
    order: the first are the ones named most often."""
    kb = ROOT / "src" / "sidelines_tui" / "data" / "officials-kb.tsv.gz"
    people = []
    with gzip.open(kb, "rt", encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 5 and fields[4] == "1" and fields[1] and len(fields[0].split()) in (2, 3):
                people.append((fields[1], fields[0]))
    rng.shuffle(people)
    return people[:limit]


def meeting_templates() -> dict[tuple[str, str], list[Meeting]]:
    """What the meeting finder makes of each lead sentence's shape (its participants are replaced): the
    finder is run once per shape, not once per article (0.5 ms x a million)."""
    tagger = tagger_for(None)
    out = {}
    for verb in VERBS:
        for summit in SUMMITS:
            lead = f"Minister Anna Alpha {verb} President Boris Beta on the sidelines of the {summit} summit."
            mentions = [Mention("official", "Anna Alpha", 9, 19), Mention("official", "Boris Beta", lead.index("Boris"),
                        lead.index("Boris") + 10), Mention("summit", summit, lead.index(summit, 40),
                                                            lead.index(summit, 40) + len(summit))]
            out[verb, summit] = find_meetings(lead, mentions, "2026-01-01T00:00:00+00:00", tagger.places_in)
    return out


def articles(count: int, mean_kb: float, seed: int = 16):
    rng = random.Random(seed)
    pool = sentence_pool(rng)
    people = officials(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(people))))
    template = meeting_templates()
    start = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    step = timedelta(days=365) / max(count, 1)
    for i in range(count):
        (r1, a), (r2, b) = rng.choices(people, cum_weights=weights, k=2)
        if a == b:
            (r2, b) = people[(people.index((r2, b)) + 1) % len(people)]
        summit = rng.choice(SUMMITS)
        verb = rng.choice(VERBS)
        lead = (f"{r1} {a} {verb} {r2} {b} on the sidelines of the {summit} summit."
                f" Talks covered {rng.choice(TOPICS)}.")
        target = int(max(2.0, min(6.0, rng.gauss(mean_kb, 1.0))) * 1024)
        body = [lead]
        size = len(lead)
        while size < target:
            paragraph = " ".join(rng.choices(pool, k=rng.randint(2, 5)))
            body.append(paragraph)
            size += len(paragraph) + 2
        text = "\n\n".join(body)
        published = (start - step * i).isoformat()
        mentions = [Mention("official", a, lead.index(a), lead.index(a) + len(a)),
                    Mention("official", b, lead.index(b, lead.index(a) + len(a)),
                            lead.index(b, lead.index(a) + len(a)) + len(b)),
                    Mention("summit", summit, lead.index(summit), lead.index(summit) + len(summit))]
        end = lead.index(" summit.") + 8
        meetings = [replace(m, participants=tuple(sorted((a, b))), end=end) for m in template[verb, summit]]
        title = f"{a.split()[-1]} and {b.split()[-1]} at the {summit} summit ({i})"
        yield i, StoredArticle(f"x{i}", f"http://127.0.0.1:1/a/{i}", title, published, text, mentions, meetings)


def build(home: Path, count: int, mean_kb: float = 4.0, feeds: int = 1000) -> dict:
    """Fill `home` with `count` articles; returns the text bytes stored and the seconds it took."""
    home.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    text_bytes = 0
    with open_store(home / "sidelines.sqlite3") as store:
        store.tune_for_bulk_writes()
        feed_ids = [store.add_feed(f"http://127.0.0.{1 + n % 20}:1/f{n}.xml", f"Wire {n}").id for n in range(feeds)]
        batch: dict[int, list] = {}
        for i, item in articles(count, mean_kb):
            text_bytes += len(item.text.encode())
            batch.setdefault(feed_ids[i % feeds], []).append((item, f"h{i}"))
            if (i + 1) % 10_000 == 0 or i + 1 == count:
                for feed_id, items in batch.items():
                    store.upsert_articles(feed_id, items)
                batch.clear()
                print(f"\r{i + 1:,} articles, {time.perf_counter() - started:.0f} s", end="", file=sys.stderr, flush=True)
        store.analyze()
    print(file=sys.stderr)
    return {"articles": count, "text_bytes": text_bytes, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--kb", type=float, default=4.0)
    args = parser.parse_args()
    result = build(args.home, args.articles, args.kb)
    size = (args.home / "sidelines.sqlite3").stat().st_size
    print(f"{result['articles']:,} articles, {result['text_bytes'] / 1e6:.0f} MB text, DB {size / 1e6:.0f} MB"
          f" ({size / result['text_bytes']:.2f}x the text), built in {result['seconds']:.0f} s")


if __name__ == "__main__":
    main()
