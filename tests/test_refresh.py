"""Refresh against a real HTTP server on 127.0.0.1: formats, conditional GET, bounds, full text, errors."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from sidelines_tui.fetch import FetchLimits
from sidelines_tui.models import Filters
from sidelines_tui.refresh import refresh_feeds
from sidelines_tui.store import open_store
from tests.conftest import run_cli
from tests.support import corpus
from tests.support.feed_server import FeedServer


def subscribe(db_path, urls):
    with open_store(db_path) as store:
        for url in urls:
            store.add_feed(url)
        return store.feeds()


async def test_rss_atom_and_json_feed_are_stored_and_tagged(tmp_path, server):
    items = corpus.stories(seed=1, count=9)
    base = server.url("")
    urls = [server.url(server.add("/rss.xml", corpus.rss("Wire", items[:3], base))),
            server.url(server.add("/atom.xml", corpus.atom("Atom", items[3:6], base), content_type="application/atom+xml")),
            server.url(server.add("/feed.json", corpus.json_feed("JSON", items[6:], base), content_type="application/feed+json"))]
    db = tmp_path / "db.sqlite3"
    report = await refresh_feeds(db, subscribe(db, urls), fulltext="never")
    assert report.errors == [] and report.new == 9
    with open_store(db) as store:
        assert store.count() == 9
        for story in items:
            rows = store.timeline(Filters(search=story.title))
            assert rows, story.title
            article = store.article(rows[0].id)
            assert article.text.split("\n\n") == story.paragraphs
            assert set(story.officials) <= set(article.officials)
            assert story.summit in article.summits
        assert {f.title for f in store.feeds()} == {"Wire", "Atom", "JSON"}
    assert any(ua.startswith("Sidelines/") for ua in server.user_agents)


async def test_second_refresh_is_all_304_and_adds_nothing(tmp_path, server, monkeypatch):
    from sidelines_tui import worker_pool as work

    pools = []
    real_pool = work.process_pool
    monkeypatch.setattr(work, "process_pool", lambda workers: pools.append(workers) or real_pool(workers))
    base = server.url("")
    urls = [server.url(server.add(f"/f{n}.xml", corpus.rss(f"F{n}", corpus.stories(n, 5), base))) for n in range(6)]
    db = tmp_path / "db.sqlite3"
    first = await refresh_feeds(db, subscribe(db, urls), fulltext="never", workers=2)
    assert first.new == 30 and pools == [2]
    server.reset_counts()
    with open_store(db) as store:
        feeds = store.feeds()
    second = await refresh_feeds(db, feeds, fulltext="never", workers=2)
    assert (second.new, second.updated, second.errors) == (0, 0, [])
    assert server.not_modified == 6 and server.body_bytes == 0
    assert pools == [2]  # nothing to parse: no worker process was started
    server.add("/f0.xml", corpus.rss("F0", corpus.stories(100, 5), base))  # one feed changes
    with open_store(db) as store:
        feeds = store.feeds()
    third = await refresh_feeds(db, feeds, fulltext="never", workers=2)
    assert third.new == 5 and third.errors == [] and pools == [2, 2]  # started by its first task


async def test_last_modified_alone_also_gives_304(tmp_path, server):
    path = server.add("/lm.xml", corpus.rss("LM", corpus.stories(3, 2), server.url("")))
    db = tmp_path / "db.sqlite3"
    feeds = subscribe(db, [server.url(path)])
    await refresh_feeds(db, feeds, fulltext="never")
    with open_store(db) as store:
        store.db.execute("UPDATE feeds SET etag = NULL")
        feeds = store.feeds()
    server.reset_counts()
    await refresh_feeds(db, feeds, fulltext="never")
    assert server.not_modified == 1


async def test_fulltext_auto_fetches_pages_only_for_summary_feeds(tmp_path, server):
    items = corpus.stories(seed=4, count=4)
    base = server.url("")
    for n, story in enumerate(items):
        server.add(f"/articles/{story.guid}.html", corpus.PAGE_STYLES[n % 2](story), content_type="text/html")
    summary = server.url(server.add("/summary.xml", corpus.rss("Summaries", items[:2], base, full=False)))
    full = server.url(server.add("/full.xml", corpus.rss("Full", items[2:], base, full=True)))
    db = tmp_path / "db.sqlite3"
    report = await refresh_feeds(db, subscribe(db, [summary, full]), fulltext="auto")
    assert report.errors == []
    page_requests = {p for p in server.requests if p.startswith("/articles/")}
    assert page_requests == {f"/articles/{s.guid}.html" for s in items[:2]}
    with open_store(db) as store:
        for story in items:
            article = store.article(store.timeline(Filters(search=story.title))[0].id)
            assert article.text.split("\n\n") == story.paragraphs  # the page body, without its chrome


async def test_per_host_and_overall_bounds_hold(tmp_path):
    with FeedServer(hosts=4, latency=0.15) as server:
        base = server.url("")
        urls = []
        for n in range(24):
            path = server.add(f"/h{n}.xml", corpus.rss(f"H{n}", corpus.stories(n, 1), base))
            urls.append(server.url(path, host=n % 4))
        db = tmp_path / "db.sqlite3"
        report = await refresh_feeds(db, subscribe(db, urls), fulltext="never",
                                     limits=FetchLimits(concurrency=6, per_host=2))
        assert report.new == 24
        assert max(server.max_active.values()) <= 2
        assert server.max_active_total <= 6
        assert max(server.max_active.values()) == 2  # the bound was reached, so it was tested


async def test_bodies_fetched_ahead_of_the_workers_are_bounded(tmp_path, server, monkeypatch):
    """A refresh whose workers are slower than its downloads holds at most concurrency x
    BODIES_PER_CONNECTION fetched bodies: past that, the next feed waits for a worker to finish."""
    import time

    from sidelines_tui import refresh
    from sidelines_tui import worker_pool as work

    base = server.url("")
    real = work.process_feed
    seen = []  # feeds requested so far, as each worker starts
    patience = [0.0]

    def slow_worker(*args, **kwargs):
        deadline = time.monotonic() + patience[0]
        while sum(server.requests.values()) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)  # give the refresh every chance to fetch ahead
        seen.append(sum(server.requests.values()))
        return real(*args, **kwargs)

    monkeypatch.setattr(work, "process_feed", slow_worker)
    db = tmp_path / "db.sqlite3"
    # bound 1: a fetch-ahead would show within 0.3 s; bound 3: all three bodies come while the first waits
    for bodies, patience[0], expected in ((1, 0.3, [1, 2, 3]), (3, 5.0, [3, 3, 3])):
        for n in range(3):  # new items each round, so every feed is downloaded and processed
            server.add(f"/b{n}.xml", corpus.rss(f"B{n}", corpus.stories(10 * bodies + n, 2), base))
        feeds = subscribe(db, [server.url(f"/b{n}.xml") for n in range(3)] if bodies == 1 else [])
        server.reset_counts()
        seen.clear()
        monkeypatch.setattr(refresh, "BODIES_PER_CONNECTION", bodies)
        report = await refresh_feeds(db, feeds, fulltext="never", workers=1,
                                     limits=FetchLimits(concurrency=1, per_host=1))
        assert report.errors == [] and report.new == 6
        assert seen == expected


async def test_a_held_slot_is_kept_only_with_a_body(server):
    import asyncio

    from sidelines_tui.fetch import Fetcher

    path = server.add("/held.xml", corpus.rss("Held", corpus.stories(3, 1), server.url("")))
    hold = asyncio.Semaphore(1)
    async with Fetcher(FetchLimits(total_timeout=2.0)) as fetcher:
        first = await fetcher.get(server.url(path), hold=hold)
        assert first.body and first.held and hold.locked()
        hold.release()
        not_modified = await fetcher.get(server.url(path), etag=first.etag, hold=hold)
        missing = await fetcher.get(server.url("/nothing-here.xml"), hold=hold)
        refused = await fetcher.get("http://127.0.0.1:1/closed.xml", hold=hold)
        for result in (not_modified, missing, refused):
            assert not result.held and not result.body
        assert not_modified.not_modified and missing.error and refused.error
        assert not hold.locked()  # nothing kept a slot it had no body for
        slow = server.add("/held-slow.xml", "<rss/>", delay=5)
        task = asyncio.create_task(fetcher.get(server.url(slow), hold=hold))
        for _ in range(200):
            if hold.locked():
                break
            await asyncio.sleep(0.01)
        assert hold.locked()  # taken while the request runs...
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not hold.locked()  # ...and given back when it is cancelled


async def test_failing_feeds_are_reported_and_others_stored(tmp_path, server):
    good = server.url(server.add("/good.xml", corpus.rss("Good", corpus.stories(5, 3), server.url(""))))
    broken = server.url(server.add("/500.xml", "oops", status=500, validators=False))
    garbage = server.url(server.add("/garbage.xml", b"\x00\x01 this is not a feed \xff", content_type="text/plain"))
    slow = server.url(server.add("/slow.xml", "<rss/>", delay=3))
    missing = server.url("/missing.xml")
    refused = "http://127.0.0.1:1/nobody-listens.xml"
    db = tmp_path / "db.sqlite3"
    report = await refresh_feeds(db, subscribe(db, [good, broken, garbage, slow, missing, refused]),
                                 fulltext="never", limits=FetchLimits(total_timeout=1.0))
    errors = {e.feed: e.error for e in report.errors}
    assert set(errors) == {broken, garbage, slow, missing, refused}
    assert errors[refused] == "cannot connect to 127.0.0.1:1: Connection refused"
    assert errors[broken].startswith("HTTP 500")
    assert errors[missing].startswith("HTTP 404")
    assert "timed out" in errors[slow]
    assert all("\n" not in e for e in errors.values())
    assert report.new == 3
    result = run_cli("feeds", "--json", home=db.parent)
    # feeds --json reads the same store through the CLI
    assert result.returncode == 0


def test_cli_refresh_json_contract_and_feeds_last_error(home, server):
    good = server.url(server.add("/good.xml", corpus.rss("Good", corpus.stories(6, 2), server.url(""))))
    bad = server.url(server.add("/bad.xml", "nope", status=503, validators=False, headers={"Retry-After": "120"}))
    assert run_cli("add", good, home=home).returncode == 0
    refused = run_cli("add", bad, home=home)  # not answering with a feed: not subscribed
    assert refused.returncode == 1 and refused.stderr == f"sidelines: {bad}: HTTP 503 Service Unavailable (retry after 120)\n"
    assert run_cli("add", bad, "--no-check", home=home).returncode == 0
    result = run_cli("refresh", "--json", "--fulltext", "never", home=home)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"feeds", "new", "updated", "errors", "seconds"}
    assert (report["feeds"], report["new"], report["updated"]) == (2, 2, 0)
    assert report["errors"] == [{"feed": bad, "error": "HTTP 503 Service Unavailable (retry after 120)"}]
    feeds = {f["url"]: f for f in json.loads(run_cli("feeds", "--json", home=home).stdout)}
    assert feeds[bad]["last_error"].startswith("HTTP 503")
    assert feeds[good]["last_error"] is None and feeds[good]["articles"] == 2
    text = run_cli("feeds", home=home).stdout
    assert "error: HTTP 503" in text


def test_only_http_urls_are_accepted(home):
    for url in ["file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "not a url"]:
        result = run_cli("add", url, home=home)
        assert result.returncode != 0
        assert "not an http(s) URL" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_refreshing_process_leaves_the_parsing_code_to_its_workers():
    """refresh submits `worker_pool.process_feed`; importing what the parent needs must not load lxml,
    readability or feedparser (about 0.2 s of the parent's CPU, on the event loop)."""
    code = ("import sys, sidelines_tui.refresh, sidelines_tui.worker_pool, sidelines_tui.cli; "
            "print(sorted(m for m in ('lxml', 'readability', 'feedparser', 'sidelines_tui.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_fulltext_always_fetches_stored_articles_pages_again_and_keeps_their_notes(home, server):
    story = corpus.stories(seed=41, count=1)[0]
    page_path = f"/articles/{story.guid}.html"
    server.add(page_path, corpus.page_wire(story), content_type="text/html")
    url = server.url(server.add("/summary.xml", corpus.rss("Summaries", [story], server.url(""), full=False)))
    assert run_cli("add", url, home=home).returncode == 0
    assert run_cli("refresh", home=home).returncode == 0
    with open_store(home / "sidelines.sqlite3") as store:
        article_id = store.timeline()[0].id
        store.set_note(article_id, "my note")
        store.add_tags(article_id, ["mine"])
    story.paragraphs.append("A fourth paragraph the site added after publication, with Wang Yi quoted.")
    server.add(page_path, corpus.page_wire(story), content_type="text/html")
    server.reset_counts()
    assert run_cli("refresh", home=home).returncode == 0  # auto: the feed answers 304, no page is fetched
    assert page_path not in server.requests
    result = run_cli("refresh", "--fulltext", "always", "--json", home=home)
    assert result.returncode == 0 and json.loads(result.stdout)["errors"] == []
    assert server.requests[page_path] == 1
    with open_store(home / "sidelines.sqlite3") as store:
        article = store.article(article_id)
        assert article.text.split("\n\n") == story.paragraphs
        assert "Wang Yi" in article.officials
        assert (article.note, article.tags) == ("my note", ["mine"]) and store.count() == 1


def test_reindex_applies_a_gazetteer_change_to_stored_articles_and_keeps_user_data(home, server):
    story = corpus.stories(seed=42, count=1)[0]
    story.paragraphs.append("Separately, the Nordic Council session opened in Oslo with ministers from five countries.")
    url = server.url(server.add("/f.xml", corpus.rss("F", [story], server.url(""))))
    run_cli("add", url, home=home)
    run_cli("refresh", home=home)
    assert run_cli("note", "1", "keep", home=home).returncode == 0 and run_cli("tag", "1", "t", home=home).returncode == 0
    before = run_cli("list", "--summit", "NORDIC", home=home)
    assert before.returncode == 1 and "no summit called 'NORDIC'" in before.stderr
    (home / "gazetteer").mkdir()
    (home / "gazetteer" / "nordic.json").write_text(json.dumps(
        {"summits": [{"code": "NORDIC", "names": ["Nordic Council", "Nordic Council session"], "always": True}]}))
    result = run_cli("reindex", "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"] == 1 and json.loads(result.stdout)["changed"] == 1
    [row] = json.loads(run_cli("list", "--summit", "Nordic Council", "--json", home=home).stdout)
    assert (row["id"], row["note"], row["tags"]) == (1, "keep", ["t"]) and "NORDIC" in row["summits"]
    with open_store(home / "sidelines.sqlite3") as store:
        assert store.integrity_ok()


def test_a_refresh_stopped_by_a_signal_stores_what_it_fetched_and_says_so(home, server):
    base = server.url("")
    fast = [server.url(server.add(f"/fast{n}.xml", corpus.rss(f"Fast {n}", corpus.stories(300 + n, 3), base)))
            for n in range(4)]
    slow = [server.url(server.add(f"/slow{n}.xml", corpus.rss(f"Slow {n}", corpus.stories(400 + n, 3), base), delay=30))
            for n in range(2)]
    for url in fast + slow:
        assert run_cli("add", url, "--no-check", home=home).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "sidelines_tui", "--home", str(home), "refresh", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the fast feeds are in once they show in the store
        with open_store(home / "sidelines.sqlite3") as store:
            if store.count() == 12:
                break
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    report = json.loads(out)
    assert report["interrupted"] is True and report["new"] == 12 and report["feeds"] == 6
    assert err.strip().startswith("sidelines: refresh interrupted after") and err.count("\n") == 1
    assert "resource_tracker" not in err and "Traceback" not in err and "leaked" not in err
    with open_store(home / "sidelines.sqlite3") as store:
        assert store.count() == 12 and store.integrity_ok()
