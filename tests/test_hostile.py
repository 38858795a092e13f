"""Hostile feeds and pages: every case ends in a one-line error or clean stored text, within time and
memory bounds, with the database intact and no secret, markup or escape reaching the screen."""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from sidelines_tui.models import Filters
from sidelines_tui.store import open_store, textcodec
from tests.conftest import run_cli
from tests.support import corpus, hostile
from tests.support.feed_server import FeedServer

TIMEOUT = 4.0


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    home = tmp / "home"
    secret = hostile.write_secret(str(tmp))
    with FeedServer() as server:
        cases = hostile.build(server, secret)
        good = [server.url(server.add(f"/good{n}.xml", corpus.rss(f"Good {n}", corpus.stories(200 + n, 4), server.url(""))))
                for n in range(3)]
        with open_store(home / "sidelines.sqlite3") as store:
            for case in cases:
                store.add_feed(server.url(case.path), case.name)
            for url in good:
                store.add_feed(url)
        cmd = [sys.executable, "-m", "sidelines_tui", "--home", str(home), "refresh", "--json",
               "--fulltext", "always", "--timeout", str(TIMEOUT)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = proc.communicate(timeout=120)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # peak of the refresh and its worker processes
        yield {"home": home, "cases": cases, "good": good, "server": server, "stdout": stdout, "stderr": stderr,
               "returncode": proc.returncode, "seconds": seconds, "maxrss_mb": usage.ru_maxrss / 1024}


def test_refresh_finishes_in_bounds_and_reports_json(hostile_run):
    assert hostile_run["returncode"] == 0, hostile_run["stderr"]
    report = json.loads(hostile_run["stdout"])
    assert report["feeds"] == len(hostile_run["cases"]) + 3
    assert hostile_run["seconds"] < TIMEOUT * 4  # bounded by the per-request timeout, not by the server
    assert hostile_run["maxrss_mb"] < 300


def test_each_bad_feed_gets_one_line_error_and_good_ones_none(hostile_run):
    report = json.loads(hostile_run["stdout"])
    errors = {e["feed"]: e["error"] for e in report["errors"]}
    server = hostile_run["server"]
    for case in hostile_run["cases"]:
        url = server.url(case.path)
        if case.expect_error:
            assert url in errors, case.name
            assert "\n" not in errors[url] and len(errors[url]) < 300
            assert case.error_contains in errors[url], (case.name, errors[url])
        else:
            assert url not in errors, (case.name, errors.get(url))
    for url in hostile_run["good"]:
        assert url not in errors


def test_store_is_intact_and_holds_the_good_articles(hostile_run):
    with open_store(hostile_run["home"] / "sidelines.sqlite3") as store:
        assert store.integrity_ok()
        feeds = {f.title: f for f in store.feeds()}
        for n in range(3):
            assert feeds[f"Good {n}"].article_count == 4
        assert feeds["duplicate-guids"].article_count == 2
        assert feeds["missing-fields"].article_count >= 2
        errors = {f.title: f.last_error for f in store.feeds()}
        assert errors["gzip-bomb"] and errors["xxe"] and not errors["Good 0"]


def test_no_secret_no_escape_no_live_markup_anywhere(hostile_run):
    home = hostile_run["home"]
    for name in os.listdir(home):
        if name.startswith("sidelines.sqlite3"):
            assert hostile.SECRET.encode() not in (home / name).read_bytes()
    assert hostile.SECRET not in hostile_run["stdout"] + hostile_run["stderr"]
    listed = run_cli("list", "--limit", "500", home=home)
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout and "\x9b" not in listed.stdout
    assert "[bold]Bold[/bold]" in listed.stdout  # shown literally
    db = sqlite3.connect(home / "sidelines.sqlite3")
    textcodec.register(db)  # article text is stored packed: read it as the app does
    for title, text in db.execute("SELECT title, unz(text) FROM articles"):
        for field in (title, text):
            assert "\x1b" not in field and "\x07" not in field and "pwned-title" not in field
            assert hostile.SECRET not in field


def test_odd_but_valid_feeds_are_normalised(hostile_run):
    server = hostile_run["server"]
    with open_store(hostile_run["home"] / "sidelines.sqlite3") as store:
        by_feed = {f.title: store.timeline(Filters(feed_id=f.id), limit=50) for f in store.feeds()}
        now = datetime.now(UTC).isoformat()
        assert all(r.published <= now for r in by_feed["future-dates"])
        assert [r.url for r in by_feed["relative-links"]] == [server.url("/news/relative.html")]
        assert [r.title for r in by_feed["windows-1251"]] == ["Лавров встретился с Блинкеном"]
        assert [r.title for r in by_feed["utf-16"]] == ["UTF-16 feed title"]
        assert [r.title for r in by_feed["gzip-ok"]] == ["Compressed feed"]
        markup = by_feed["markup-and-escapes"][0]
        assert markup.title.startswith("[bold]Bold[/bold] [link=http://evil.example]x[/link] red")
        assert "Narendra Modi" in markup.officials and "BRICS" in markup.summits
        titles = {r.title for r in by_feed["missing-fields"]}
        assert "Only a title" in titles and any("Blinken" in t for t in titles)


def test_non_http_feed_urls_are_refused_before_any_io(home):
    result = run_cli("add", "file:///etc/passwd", home=home)
    assert result.returncode == 1 and "not an http(s) URL" in result.stderr
