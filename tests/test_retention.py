"""Retention (issue 16): `sidelines prune` and `retention_days` delete articles older than the cutoff with
everything that hangs on them (entity links, search entries, meeting reports) and never one that holds the
user's work (a star, a note, a tag); a feed that still carries a pruned item does not bring it back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import Filters, StoredArticle
from sidelines_tui.paths import locate
from sidelines_tui.retention import prune_store
from sidelines_tui.store import open_store
from sidelines_tui.tag import tagger_for
from tests.conftest import run_cli

NOW = datetime.now(UTC)  # the command prunes against the clock: the articles' ages are set from it
TEXT = "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on {day}."


def article(guid: str, published: str) -> tuple[StoredArticle, str]:
    tagger = tagger_for(None)
    text = TEXT.format(day="Monday") + f" Talks on grain, story {guid}."
    mentions = tagger.tag(text, full=False)
    meetings = find_meetings(text, mentions, published, tagger.places_in)
    return StoredArticle(guid, f"https://wire.example/{guid}", f"Story {guid}", published, text, mentions,
                         meetings), f"h-{guid}"




def days_ago(days: int) -> str:
    return (NOW - timedelta(days=days)).isoformat(timespec="seconds")


AGES = {"fresh": days_ago(10), "old": days_ago(330), "old-starred": days_ago(329), "old-noted": days_ago(328),
        "old-tagged": days_ago(327)}


@pytest.fixture
def filled(tmp_path: Path):
    loc = locate(tmp_path / "home").ensure()
    with open_store(loc.database) as store:
        feed = store.add_feed("https://wire.example/feed")
        store.upsert_articles(feed.id, [article(guid, published) for guid, published in AGES.items()])
        ids = {guid: store.db.execute("SELECT id FROM articles WHERE guid = ?", (guid,)).fetchone()[0] for guid in AGES}
        store.set_flags(ids["old-starred"], starred=True)
        store.set_note(ids["old-noted"], "PRIVATE: ask Geneva")
        store.add_tags(ids["old-tagged"], ["grain"])
    return loc, feed.id, ids


def test_prune_keeps_the_users_work_and_takes_what_hangs_on_the_rest(filled):
    loc, feed_id, ids = filled
    with open_store(loc.database) as store:
        report = prune_store(store, 90, now=NOW)
        assert report.deleted == 1 and report.cutoff == days_ago(90)
        left = {r[0] for r in store.db.execute("SELECT guid FROM articles")}
        assert left == {"fresh", "old-starred", "old-noted", "old-tagged"}
        assert store.note(ids["old-noted"]) == "PRIVATE: ask Geneva" and store.tags(ids["old-tagged"]) == ["grain"]
        assert store.integrity_ok()  # the search index and every foreign key agree with what is left
        assert store.db.execute("SELECT COUNT(*) FROM article_entities WHERE article_id = ?", (ids["old"],)).fetchone()[0] == 0
        assert store.count(Filters(search="grain")) == 4
        sources = store.db.execute("SELECT COUNT(*) FROM meeting_sources WHERE article_id = ?", (ids["old"],)).fetchone()
        assert sources[0] == 0 and all(len(m.sources) >= 1 for m in store.meetings())


def test_a_feed_that_still_carries_a_pruned_item_does_not_bring_it_back(filled):
    loc, feed_id, ids = filled
    with open_store(loc.database) as store:
        prune_store(store, 90, now=NOW)
        again = store.upsert_articles(feed_id, [article("old", AGES["old"]), article("older", days_ago(400)),
                                                article("new", days_ago(1)),
                                                article("old-noted", AGES["old-noted"])])
        assert again.new == 1  # only the new one; the kept old one is the same article, updated in place if changed
        assert {r[0] for r in store.db.execute("SELECT guid FROM articles")} == {
            "fresh", "new", "old-starred", "old-noted", "old-tagged"}
        assert store.note(ids["old-noted"]) == "PRIVATE: ask Geneva"


def test_the_prune_command_reads_retention_days_and_says_what_it_did(filled):
    loc, _, _ = filled
    home = loc.database.parent
    refused = run_cli("prune", home=home)
    assert refused.returncode == 1 and "retention_days" in refused.stderr
    loc.config_file.write_text("retention_days = 60\n", encoding="utf-8")
    done = run_cli("prune", "--json", "--vacuum", home=home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["deleted"] == 1 and report["vacuumed"] is True
    listed = run_cli("list", "--json", "--all", home=home)
    assert sorted(a["title"] for a in json.loads(listed.stdout)) == [
        "Story fresh", "Story old-noted", "Story old-starred", "Story old-tagged"]
