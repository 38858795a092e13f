"""`sidelines meetings`: the JSON contract, its filters, the merged history, and the iCalendar file parsed
back; stored from articles whose meetings the real extractor found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import StoredArticle
from sidelines_tui.paths import locate
from sidelines_tui.store import open_store
from sidelines_tui.tag import tagger_for
from tests.conftest import run_cli

ARTICLES = [
    ("a", "2014-11-07T09:00:00+00:00", "Lavrov to meet Kerry",
     "Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of State John Kerry in Beijing on Saturday "
     "on the sidelines of the APEC summit, the ministry said."),
    ("b", "2014-11-09T09:00:00+00:00", "Lavrov and Kerry meet",
     "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Beijing on Saturday."),
    ("c", "2014-11-05T09:00:00+00:00", "Obama cancels",
     "U.S. President Barack Obama called off a meeting with Russian President Vladimir Putin that had been "
     "planned for Monday."),
]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    loc = locate(tmp_path / "home").ensure()
    tagger = tagger_for(None)
    with open_store(loc.database) as store:
        feed = store.add_feed("https://wire.example/feed")
        items = []
        for guid, published, title, text in ARTICLES:
            mentions = tagger.tag(text, full=False)
            meetings = find_meetings(text, mentions, published, tagger.places_in)
            items.append((StoredArticle(guid=guid, url=f"https://wire.example/{guid}", title=title, published=published,
                                        text=text, mentions=mentions, meetings=meetings), f"h-{guid}"))
        store.upsert_articles(feed.id, items)
    return tmp_path / "home"


def meetings_json(home: Path, *args: str) -> list[dict]:
    result = run_cli("meetings", "--json", *args, home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_contract_newest_first_with_merged_history(home):
    found = meetings_json(home)
    assert [(m["participants"], m["status"], m["date"]) for m in found] == [
        (["John Kerry", "Sergei Lavrov"], "held", "2014-11-08"),
        (["Barack Obama", "Vladimir Putin"], "cancelled", "2014-11-03")]
    kerry = found[0]
    assert set(kerry) == {"id", "participants", "status", "mode", "summit", "place", "date", "sources", "history"}
    assert (kerry["mode"], kerry["summit"], kerry["place"]) == ("in_person", "APEC", "Beijing")
    assert [(s["title"], s["status"]) for s in kerry["sources"]] == [("Lavrov to meet Kerry", "planned"),
                                                                    ("Lavrov and Kerry meet", "held")]
    assert kerry["sources"][0]["sentence"].startswith("Russian Foreign Minister Sergei Lavrov will meet")
    assert kerry["history"].startswith("planned per #") and ", held per #" in kerry["history"]


def test_filters_by_official_status_and_dates(home):
    assert [m["status"] for m in meetings_json(home, "--official", "putin")] == ["cancelled"]
    assert [m["status"] for m in meetings_json(home, "--status", "held")] == ["held"]
    assert [m["date"] for m in meetings_json(home, "--since", "2014-11-05")] == ["2014-11-08"]
    assert [m["date"] for m in meetings_json(home, "--until", "2014-11-03")] == ["2014-11-03"]
    assert [m["status"] for m in meetings_json(home, "--search", "cancels")] == ["cancelled"]
    bad = run_cli("meetings", "--since", "last week", home=home)
    assert bad.returncode == 1 and "not a date" in bad.stderr


def test_text_output_lists_each_meeting_with_its_sources(home):
    result = run_cli("meetings", home=home)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2014-11-08  held") and "John Kerry – Sergei Lavrov" in lines[0] and "APEC, Beijing" in lines[0]
    assert "planned" in lines[1] and "Lavrov to meet Kerry" in lines[1]


def test_ics_holds_the_planned_and_held_meetings_with_a_day(home, tmp_path):
    target = tmp_path / "meetings.ics"
    result = run_cli("meetings", "--ics", str(target), home=home)
    assert result.returncode == 0 and "wrote 1 meeting" in result.stderr
    calendar = Calendar.from_ical(target.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "John Kerry – Sergei Lavrov"
    assert event.decoded("dtstart").isoformat() == "2014-11-08"
    assert str(event["location"]) == "APEC, Beijing" and str(event["status"]) == "CONFIRMED"
    assert "held per Lavrov and Kerry meet" in str(event["description"])


def test_export_lists_each_articles_meetings_and_exports_a_meetings_table(home, tmp_path):
    assert run_cli("tag", "1", "apec", home=home).returncode == 0
    notes = tmp_path / "notes.md"
    assert run_cli("export", "-o", str(notes), home=home).returncode == 0
    text = notes.read_text(encoding="utf-8")
    assert "- Meetings:\n  - John Kerry – Sergei Lavrov: held, 2014-11-08 (APEC, Beijing)" in text
    table = tmp_path / "meetings.md"
    result = run_cli("export", "--meetings", "--official", "kerry", "-o", str(table), home=home)
    assert result.returncode == 0 and "exported 1 meeting" in result.stdout
    rows = [line for line in table.read_text(encoding="utf-8").splitlines() if line.startswith("| 2014")]
    assert rows == ["| 2014-11-08 | John Kerry, Sergei Lavrov | held | in person | APEC | Beijing | "
                    "planned: [Lavrov to meet Kerry](<https://wire.example/a>) 2014-11-07; "
                    "held: [Lavrov and Kerry meet](<https://wire.example/b>) 2014-11-09 |"]
