"""Meetings in the store: reports of one meeting by several articles merge (planned then held, planned
then cancelled) and keep their history; a removed article takes its reports and nothing else; filters;
counterparts; an older store upgraded keeps tags and notes and gets its meetings from a reindex; and, as a
stateful property, every meeting always has a report and the newest report's status."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from sidelines_tui.models import Filters, Meeting, StoredArticle
from sidelines_tui.store import open_store
from sidelines_tui.store.schema import SCHEMA_VERSION, build_version

LAVROV_KERRY = ("John Kerry", "Sergei Lavrov")
SENTENCE = "Lavrov will meet Kerry in Beijing on Saturday."


def report(guid: str, status: str, published: str, *, date: str | None = "2014-11-08", place: str | None = "Beijing",
           people: tuple[str, ...] = LAVROV_KERRY, text: str = SENTENCE) -> tuple[StoredArticle, str]:
    meeting = Meeting(people, status, "in_person", "APEC", place, date, 0, len(text))
    article = StoredArticle(guid=guid, url=f"https://example.org/{guid}", title=f"Report {guid}", published=published,
                            text=text, mentions=[], meetings=[meeting])
    return article, f"hash-{guid}-{status}"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "db.sqlite3") as s:
        yield s


def test_planned_then_held_is_one_meeting_with_its_history(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [report("a", "planned", "2014-11-07T09:00:00+00:00")])
    store.upsert_articles(feed.id, [report("b", "held", "2014-11-09T09:00:00+00:00", date=None, place=None,
                                           text="Lavrov and Kerry met on Saturday.")])
    [meeting] = store.meetings()
    assert (meeting.participants, meeting.status, meeting.date, meeting.place) == (LAVROV_KERRY, "held", "2014-11-08",
                                                                                   "Beijing")
    assert [(s.title, s.status) for s in meeting.sources] == [("Report a", "planned"), ("Report b", "held")]
    assert meeting.sources[0].sentence == SENTENCE and meeting.sources[1].sentence == "Lavrov and Kerry met on Saturday."


def test_planned_then_cancelled_and_another_date_is_another_meeting(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [report("a", "planned", "2014-11-07T09:00:00+00:00"),
                                    report("b", "cancelled", "2014-11-08T09:00:00+00:00"),
                                    report("c", "held", "2014-10-14T09:00:00+00:00", date="2014-10-14", place="Paris")])
    meetings = store.meetings()
    assert [(m.status, m.date, len(m.sources)) for m in meetings] == [("cancelled", "2014-11-08", 2),
                                                                     ("held", "2014-10-14", 1)]


def test_a_list_without_sources_counts_them_and_reads_them_on_demand(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [report("a", "planned", "2014-11-07T09:00:00+00:00"),
                                    report("b", "cancelled", "2014-11-08T09:00:00+00:00"),
                                    report("c", "held", "2014-10-14T09:00:00+00:00", date="2014-10-14", place="Paris")])
    full = store.meetings()
    light = store.meetings(with_sources=False)
    assert [(m.id, m.status, m.reports, m.sources) for m in light] == [(m.id, m.status, 2, []) if m.status == "cancelled"
                                                                       else (m.id, m.status, 1, []) for m in full]
    assert [m.reports for m in full] == [len(m.sources) for m in full] == [2, 1]
    for meeting in full:
        assert store.meeting_sources(meeting.id) == meeting.sources


def test_a_removed_article_takes_its_report_and_the_meeting_falls_back(store):
    feed = store.add_feed("https://a.example/feed")
    other = store.add_feed("https://b.example/feed")
    store.upsert_articles(feed.id, [report("a", "planned", "2014-11-07T09:00:00+00:00")])
    store.upsert_articles(other.id, [report("b", "held", "2014-11-09T09:00:00+00:00")])
    store.remove_feed(other.id, purge=True)
    [meeting] = store.meetings()
    assert meeting.status == "planned" and [s.title for s in meeting.sources] == ["Report a"]
    store.remove_feed(feed.id, purge=True)
    assert store.meetings() == [] and store.db.execute("SELECT COUNT(*) FROM meeting_people").fetchone()[0] == 0


def test_filters_apply_to_meetings(store):
    feed = store.add_feed("https://a.example/feed")
    store.upsert_articles(feed.id, [report("a", "planned", "2014-11-07T09:00:00+00:00"),
                                    report("b", "held", "2014-10-14T09:00:00+00:00", date="2014-10-14", place="Paris",
                                           people=("John Kerry", "Wang Yi"))])
    [first_id] = [row[0] for row in store.db.execute("SELECT id FROM articles WHERE guid = 'a'")]
    store.add_tags(first_id, ["apec"])
    assert [m.participants for m in store.meetings(Filters(officials=("Wang Yi",)))] == [("John Kerry", "Wang Yi")]
    assert len(store.meetings(Filters(officials=("John Kerry",)))) == 2
    assert [m.status for m in store.meetings(statuses=["held"])] == ["held"]
    assert [m.date for m in store.meetings(since="2014-11")] == ["2014-11-08"]
    assert [m.date for m in store.meetings(until="2014-10")] == ["2014-10-14"]
    assert [m.status for m in store.meetings(Filters(tags=("apec",)))] == ["planned"]
    assert [m.status for m in store.meetings(Filters(search="Lavrov"))] == ["planned", "held"][:2]
    counterparts = store.counterparts("John Kerry")
    assert sorted((c.name, c.held, c.planned) for c in counterparts) == [("Sergei Lavrov", 0, 1), ("Wang Yi", 1, 0)]


def _v6_home(path: Path, version: int = 6) -> None:
    db = sqlite3.connect(path)
    build_version(db, version)
    db.execute("INSERT INTO feeds (id, url) VALUES (1, 'https://a.example/feed')")
    db.execute("INSERT INTO articles (id, feed_id, guid, title, published, text) VALUES (1, 1, 'g', 'Talks',"
               " '2014-11-07T09:00:00+00:00', 'Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of"
               " State John Kerry in Beijing on Saturday.')")
    db.execute("INSERT INTO search (rowid, title, body, note) SELECT id, title, text, '' FROM articles")
    db.execute("INSERT INTO notes VALUES (1, 'my note', '2014-11-07')")
    db.execute("INSERT INTO tags VALUES (1, 'apec')")
    db.commit()
    db.close()


def test_an_old_store_upgrades_keeps_its_work_and_a_reindex_finds_its_meetings(tmp_path):
    from sidelines_tui.reindex import reindex

    path = tmp_path / "sidelines.sqlite3"
    _v6_home(path)
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
        assert any("sidelines reindex" in n for n in store.take_notices())
        assert store.meetings() == []
        reindex(path, workers=1)
        [meeting] = store.meetings()
        assert (meeting.participants, meeting.status, meeting.date) == (LAVROV_KERRY, "planned", "2014-11-08")
        assert store.note(1) == "my note" and store.tags(1) == ["apec"]


def test_a_version_7_store_upgrades_with_its_meetings_and_merges_by_index(tmp_path):
    path = tmp_path / "sidelines.sqlite3"
    _v6_home(path, version=7)
    db = sqlite3.connect(path)  # a meeting stored by version 7 (its triggers set status and the rest)
    db.execute("INSERT INTO meetings (id, people, status, mode, reported) VALUES (1, ?, 'planned', 'in_person', ?)",
               ("\t".join(LAVROV_KERRY), "2014-11-07T09:00:00+00:00"))
    db.execute("INSERT INTO meeting_people VALUES (?, 1), (?, 1)", LAVROV_KERRY)
    db.execute("INSERT INTO meeting_sources (meeting_id, article_id, status, mode, summit, place, date, start, end,"
               " reported) VALUES (1, 1, 'planned', 'in_person', 'APEC', 'Beijing', '2014-11-08', 0, 10, ?)",
               ("2014-11-07T09:00:00+00:00",))
    db.commit()
    db.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"meetings_by_people_reported", "meeting_sources_dated"} <= indexes
        assert "meetings_by_people" not in indexes
        feed_id = store.db.execute("SELECT id FROM feeds").fetchone()[0]
        store.upsert_articles(feed_id, [report("b", "held", "2014-11-09T09:00:00+00:00")])
        [meeting] = store.meetings()
        assert [s.status for s in meeting.sources] == ["planned", "held"]
        assert (meeting.status, meeting.date, meeting.place) == ("held", "2014-11-08", "Beijing")
        assert store.note(1) == "my note" and store.tags(1) == ["apec"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.sampled_from([None, "2014", "2014-11", "2014-11-08", "2014-12-01",
                                                                 "2015-01"]),
                          st.sampled_from(["planned", "held", "cancelled"]), st.sampled_from(["phone", "in_person"])),
                min_size=1, max_size=25))
def test_a_report_joins_the_meeting_a_scan_of_all_the_pairs_meetings_would_choose(tmp_path_factory, reports):
    """The index finds the candidates; the answer is the one reading every meeting of the pair gave."""
    from datetime import date, timedelta

    from sidelines_tui.meet.merge import Facts, same_meeting

    with open_store(tmp_path_factory.mktemp("m") / "db.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        for n, (offset, day, status, mode) in enumerate(reports):
            published = f"{date(2014, 10, 1) + timedelta(days=offset)}T09:00:00+00:00"
            facts = Facts(mode, "APEC", None, day, published)
            expected = next((row[0] for row in store.db.execute(
                "SELECT id, mode, summit, place, date, reported FROM meetings ORDER BY id")
                if same_meeting(Facts(*row[1:]), facts)), None)
            article, digest = report(f"r{n}", status, published, date=day, place=None)
            article.meetings = [Meeting(LAVROV_KERRY, status, mode, "APEC", None, day, 0, len(SENTENCE))]
            store.upsert_articles(feed.id, [(article, digest)])
            [(meeting_id,)] = store.db.execute("SELECT s.meeting_id FROM meeting_sources s JOIN articles a"
                                               " ON a.id = s.article_id WHERE a.guid = ?", (f"r{n}",)).fetchall()
            newest = store.db.execute("SELECT MAX(id) FROM meetings").fetchone()[0]
            assert meeting_id == (expected if expected is not None else newest)


class MeetingsMachine(RuleBasedStateMachine):
    """Articles come and go with reports of a few meetings; whatever the order, each stored meeting has at
    least one report, its status is its newest report's, and every report belongs to a living article."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.dir = tempfile.TemporaryDirectory()
        self.store = open_store(Path(self.dir.name) / "db.sqlite3")
        self.feeds = [self.store.add_feed(f"https://{n}.example/feed").id for n in range(2)]
        self.count = 0

    @rule(feed=st.integers(0, 1), status=st.sampled_from(["held", "planned", "possible", "cancelled"]),
          day=st.integers(1, 28), dated=st.booleans(), pair=st.sampled_from([LAVROV_KERRY, ("John Kerry", "Wang Yi")]))
    def report(self, feed, status, day, dated, pair):
        self.count += 1
        when = f"2014-11-{day:02d}"
        self.store.upsert_articles(self.feeds[feed], [report(f"r{self.count}", status, when + "T09:00:00+00:00",
                                                             date=when if dated else None, people=pair)])

    @rule(feed=st.integers(0, 1))
    def purge(self, feed):
        self.store.remove_feed(self.feeds[feed], purge=True)
        self.feeds[feed] = self.store.add_feed(f"https://new{self.count}-{feed}.example/feed").id

    @invariant()
    def every_meeting_is_its_newest_report(self):
        db = self.store.db
        for meeting_id, status in db.execute("SELECT id, status FROM meetings"):
            newest = db.execute("SELECT status FROM meeting_sources WHERE meeting_id = ? ORDER BY reported DESC, id DESC"
                                " LIMIT 1", (meeting_id,)).fetchone()
            assert newest is not None and newest[0] == status
        assert db.execute("SELECT COUNT(*) FROM meeting_sources s LEFT JOIN articles a ON a.id = s.article_id"
                          " WHERE a.id IS NULL").fetchone()[0] == 0
        assert self.store.integrity_ok()

    def teardown(self) -> None:
        self.store.close()
        self.dir.cleanup()


TestMeetingsMachine = MeetingsMachine.TestCase
TestMeetingsMachine.settings = settings(max_examples=25, stateful_step_count=12, deadline=None)


def test_a_frequent_officials_meetings_and_counterparts_found_down_the_newest_first_index(store, monkeypatch):
    """Above FREQUENT meetings an official's newest are found by scanning the newest-first index: the same
    meetings as reading all of theirs; `within` counts counterparts over their newest meetings only."""
    from sidelines_tui.store import sqlite_meetings

    feed = store.add_feed("https://a.example/feed")
    people = [("John Kerry", "Sergei Lavrov"), ("John Kerry", "Wang Yi"), ("Sergei Lavrov", "Wang Yi"),
              ("John Kerry", "Laurent Fabius")]
    items = []
    for i in range(40):
        pair = people[i % len(people)]
        day = f"2014-{1 + i % 12:02d}-{1 + i % 27:02d}"
        items.append(report(f"r{i}", ("held", "planned", "cancelled")[i % 3], f"{day}T09:00:00+00:00", date=day,
                            place=f"City {i}", people=pair, text=f"{pair[0]} met {pair[1]} in City {i}."))
    store.upsert_articles(feed.id, items)
    only_kerry = Filters(officials=("John Kerry",))
    monkeypatch.setattr(sqlite_meetings, "FREQUENT", 10**9)
    read_all = store.meetings(only_kerry, limit=7, with_sources=False)
    everything = store.meetings(only_kerry, limit=1000, with_sources=False)
    monkeypatch.setattr(sqlite_meetings, "FREQUENT", 3)
    assert store.meetings(only_kerry, limit=7, with_sources=False) == read_all
    newest = everything[:8]
    expected: dict[str, list[int]] = {}
    for meeting in newest:
        for other in meeting.participants:
            if other != "John Kerry":
                counts = expected.setdefault(other, [0, 0, 0])
                counts[("held", "planned", "cancelled").index(meeting.status)] += 1
    found = store.counterparts("John Kerry", only_kerry, within=8)
    assert {c.name: [c.held, c.planned, c.cancelled] for c in found} == expected
    assert sum(sum(v) for v in expected.values()) == 8
    assert len(store.counterparts("John Kerry", only_kerry)) == 3  # all of them without `within`
