"""Managing subscriptions from the command line: add checks for a feed, remove keeps the user's work,
--purge asks first, messages are one plain line each."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.support import corpus


def test_the_issue_scenario_remove_then_add_another_feed_keeps_notes_on_their_article(home, server):
    base = server.url("")
    a = server.url(server.add("/a.xml", corpus.rss("A", corpus.stories(1, 2), base)))
    b = server.url(server.add("/b.xml", corpus.rss("B", corpus.stories(2, 2), base)))
    assert run_cli("add", a, home=home).returncode == 0
    assert json.loads(run_cli("refresh", "--json", home=home).stdout)["new"] == 2
    assert run_cli("note", "2", "PRIVATE note", home=home).returncode == 0
    assert run_cli("tag", "2", "secret", home=home).returncode == 0
    removed = run_cli("remove", a, home=home)
    assert removed.returncode == 0
    assert removed.stdout == (f"unsubscribed: {a}: 1 article deleted, 1 article with your notes, tags or stars kept"
                              " (sidelines remove --purge deletes them too)\n")
    assert run_cli("add", b, home=home).returncode == 0
    report = json.loads(run_cli("refresh", "--json", home=home).stdout)
    assert (report["new"], report["errors"]) == (2, [])
    listed = {row["id"]: row for row in json.loads(run_cli("list", "--json", home=home).stdout)}
    assert sorted(listed) == [2, 3, 4]  # ids 1 and 2 never come back for another article
    assert listed[2]["note"] == "PRIVATE note" and listed[2]["tags"] == ["secret"] and listed[2]["feed"] == "A"
    assert all(listed[i]["note"] == "" and listed[i]["tags"] == [] for i in (3, 4))
    feeds = {f["url"]: f for f in json.loads(run_cli("feeds", "--json", home=home).stdout)}
    assert feeds[a]["subscribed"] is False and feeds[a]["articles"] == 1 and feeds[b]["subscribed"] is True


def test_purge_says_what_it_drops_and_asks_first(home, server):
    a = server.url(server.add("/a.xml", corpus.rss("A", corpus.stories(3, 2), server.url(""))))
    run_cli("add", a, home=home)
    run_cli("refresh", home=home)
    run_cli("note", "1", "n", home=home)
    run_cli("tag", "1", "x", "y", home=home)
    refused = run_cli("remove", a, "--purge", home=home)  # no terminal to ask on: refused
    assert refused.returncode == 1
    assert refused.stderr == "sidelines: not removed: --purge would delete 1 note and 2 tags (add --yes to confirm)\n"
    assert len(json.loads(run_cli("list", "--json", home=home).stdout)) == 2
    done = run_cli("remove", a, "--purge", "--yes", home=home)
    assert done.returncode == 0 and done.stdout == f"unsubscribed: {a}: 2 articles deleted, with 1 note and 2 tags\n"
    assert run_cli("list", "--json", home=home).stdout.strip() == "[]"


def test_add_refuses_what_is_not_a_feed_and_follows_a_pages_feed_link(home, server):
    page = server.url(server.add("/page.html", "<html><head><title>News</title></head><body><p>Hello</p></body></html>",
                                 content_type="text/html"))
    refused = run_cli("add", page, home=home)
    assert refused.returncode == 1
    assert refused.stderr == (f"sidelines: not a feed: {page} answered with text/html and names no RSS, Atom or JSON"
                              " feed\n")
    missing = run_cli("add", server.url("/nothing.xml"), home=home)
    assert missing.returncode == 1 and missing.stderr.startswith("sidelines: http://") and "HTTP 404" in missing.stderr
    feed = server.url(server.add("/feed.xml", corpus.rss("The Feed", corpus.stories(4, 1), server.url(""))))
    linking = server.url(server.add("/home.html", '<html><head><link rel="alternate" type="application/rss+xml"'
                                                  ' href="/feed.xml"></head><body></body></html>', content_type="text/html"))
    added = run_cli("add", linking, home=home)
    assert added.returncode == 0, added.stderr
    assert added.stdout == f"{linking} is a page; its feed is {feed}\nsubscribed: 1 {feed} (The Feed)\n"
    again = run_cli("add", feed, home=home)
    assert again.returncode == 0 and again.stdout == f"already subscribed: 1 {feed}\n"
    assert [f["url"] for f in json.loads(run_cli("feeds", "--json", home=home).stdout)] == [feed]


def test_errors_are_plain_one_liners_with_one_exit_code(home, tmp_path):
    cases = [
        (["remove", "9999"], "sidelines: no subscription '9999' (sidelines feeds lists them)\n"),
        (["import-opml", str(tmp_path / "missing.opml")], f"sidelines: {tmp_path / 'missing.opml'}: no such file or directory\n"),
        (["export", "-o", str(tmp_path / "no" / "where.md")],
         f"sidelines: {tmp_path / 'no'}: no such folder (create it first)\n"),
        (["tag", "5", "x"], "sidelines: no article with id 5\n"),
    ]
    for args, message in cases:
        result = run_cli(*args, home=home)
        assert (result.returncode, result.stderr) == (1, message), args
    assert run_cli("tag", "nonumber", "x", home=home).returncode == 2  # usage errors stay argparse's 2


def test_list_says_when_it_stops_short_and_export_opml_leaves_out_the_demo(home):
    assert run_cli("demo", home=home).stdout == "loaded 12 demo articles\n"
    short = run_cli("list", "--limit", "3", home=home)
    assert len(short.stdout.splitlines()) == 3
    assert short.stderr == "sidelines: showing 3 of 12 articles (--limit N or --all for more)\n"
    assert len(run_cli("list", "--all", home=home).stdout.splitlines()) == 12
    assert "demo:" not in run_cli("export-opml", home=home).stdout
    unread = run_cli("list", "--unread", "--feed", "1", "--json", home=home)
    assert len(json.loads(unread.stdout)) == 12
