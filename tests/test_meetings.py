"""Meetings (`../shared/MEETINGS.md`): one test per case of the record — each status, each mode, a
multilateral table, a counterpart named by role, relative dates, summit and place from context — and per
kind of non-record, each on sentences written here in that shape."""

from __future__ import annotations

import pytest

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import Meeting
from sidelines_tui.tag import tagger_for

PUBLISHED = "2017-11-09"  # a Thursday


def meetings(text: str, published: str | None = PUBLISHED) -> list[Meeting]:
    tagger = tagger_for(None)
    return find_meetings(text, tagger.tag(text), published, tagger.places_in)


def pairs(text: str, published: str | None = PUBLISHED) -> list[tuple[tuple[str, ...], str]]:
    return [(m.participants, m.status) for m in meetings(text, published)]


LAVROV_KERRY = ("John Kerry", "Sergei Lavrov")


@pytest.mark.parametrize("sentence, status", [
    ("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Paris on Monday.", "held"),
    ("Lavrov held talks with Kerry in Geneva on Tuesday.", "held"),
    ("Lavrov will meet Kerry on the sidelines of the APEC summit in Beijing on Saturday.", "planned"),
    ("Lavrov is expected to hold talks with Kerry next week.", "planned"),
    ("Lavrov and Kerry could meet on the sidelines of the summit, a diplomat said.", "possible"),
    ("Officials did not rule out a meeting between Lavrov and Kerry in Vienna.", "possible"),
    ("Lavrov said he was ready to meet Kerry again if there was a prospect of progress.", "possible"),
    ("Kerry called off a meeting with Lavrov that had been planned for Tuesday.", "cancelled"),
    ("Lavrov had been due to meet Kerry in Rome on Nov. 2, but postponed the trip.", "cancelled"),
    ("Lavrov declined to meet Kerry at the conference.", "cancelled"),
])
def test_each_status(sentence, status):
    assert pairs(f"Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry arrived. {sentence}") \
        == [(LAVROV_KERRY, status)]


@pytest.mark.parametrize("sentence, mode, place", [
    ("Lavrov spoke by telephone with Kerry on Wednesday.", "phone", None),
    ("Lavrov and Kerry held a video call on Wednesday.", "video", None),
    ("Lavrov met Kerry in Geneva on Wednesday.", "in_person", "Geneva"),
])
def test_each_mode_and_a_call_has_no_place(sentence, mode, place):
    [meeting] = meetings(f"Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry. {sentence}")
    assert (meeting.mode, meeting.place, meeting.date) == (mode, place, "2017-11-08")


def test_a_table_of_three_is_one_record_and_separate_meetings_are_several():
    three = meetings("Chinese President Xi Jinping, Russian President Vladimir Putin and Mongolian President "
                     "Ukhnaagiin Khurelsukh held a trilateral meeting in Samarkand on Thursday.")
    assert [m.participants for m in three] == [("Ukhnaagiin Khurelsukh", "Vladimir Putin", "Xi Jinping")]
    separate = meetings("U.S. President Donald Trump will hold separate meetings with Indian Prime Minister "
                        "Narendra Modi and Japanese Prime Minister Shinzo Abe on Friday.")
    assert sorted(m.participants for m in separate) == [("Donald Trump", "Narendra Modi"), ("Donald Trump", "Shinzo Abe")]
    assert {m.status for m in separate} == {"planned"}


def test_a_counterpart_named_by_role_is_the_official_of_that_people():
    text = ("Russian Foreign Minister Sergei Lavrov arrived in Beijing on Wednesday. "
            "On Thursday, Chinese Foreign Minister Wang Yi held talks with his Russian counterpart on energy.")
    assert pairs(text) == [(("Sergei Lavrov", "Wang Yi"), "held")]


def test_the_two_leaders_and_a_pronoun_are_the_officials_the_text_means():
    text = ("Chinese President Xi Jinping hosted Russian President Vladimir Putin in Beijing on Thursday. "
            "Kremlin aide Yuri Ushakov said the two leaders are expected to meet again in early July in Astana.")
    found = meetings(text)
    assert [(m.participants, m.status, m.date) for m in found] == [
        (("Vladimir Putin", "Xi Jinping"), "held", "2017-11-09"), (("Vladimir Putin", "Xi Jinping"), "planned", "2018-07")]


@pytest.mark.parametrize("when, status, date", [
    ("on Saturday", "planned", "2017-11-11"),
    ("on Monday", "held", "2017-11-06"),
    ("yesterday", "held", "2017-11-08"),
    ("next month", "planned", "2017-12"),
    ("last week", "held", "2017-11"),
    ("in August", "held", "2017-08"),
    ("on Oct. 14", "held", "2017-10-14"),
    ("next year", "planned", "2018"),
])
def test_relative_dates_resolve_against_the_publication_date(when, status, date):
    verb = "will meet" if status == "planned" else "met"
    [meeting] = meetings(f"Russian Foreign Minister Sergei Lavrov {verb} U.S. Secretary of State John Kerry {when}.")
    assert (meeting.status, meeting.date) == (status, date)


def test_no_publication_date_and_no_year_gives_no_date():
    [meeting] = meetings("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry on Monday.",
                         published=None)
    assert meeting.date is None


def test_summit_and_place_come_from_context():
    text = ("Leaders gathered for the G20 summit in Hamburg on Friday. "
            "Russian President Vladimir Putin met U.S. President Donald Trump on the sidelines of the summit on Friday.")
    [meeting] = meetings(text, published="2017-07-07")
    assert (meeting.summit, meeting.place, meeting.date) == ("G20", "Hamburg", "2017-07-07")
    assert text[meeting.start:meeting.end].startswith("Russian President Vladimir Putin met")


@pytest.mark.parametrize("sentence", [
    "Recent meetings between Lavrov and Kerry have been dominated by Ukraine.",  # generic
    "Lavrov and Kerry meet often and speak by phone several times a year.",  # habitual
    "Lavrov met the foreign ministers of Qatar and Iraq in Doha on Monday.",  # unnamed parties only
    "Lavrov and Kerry both attended the summit but held no talks.",  # the same event, no talks
    "Lavrov sent a letter to Kerry setting out Russia's position.",  # a letter
    "Lavrov criticised Kerry's remarks as unfounded.",  # criticism
    "Sergei Lavrov and John Kerry during talks in Bali on Thursday.",  # a caption
    "Moscow denied a report that Lavrov had spoken with Kerry by phone.",  # a denial
    "Lavrov and Kerry did not meet in Vienna.",  # negated
])
def test_what_is_not_a_meeting(sentence):
    text = f"Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry arrived in Vienna. {sentence}"
    assert meetings(text) == []


def test_a_spokesman_who_reports_a_meeting_is_no_party_to_it():
    text = ("Kremlin spokesman Dmitry Peskov said on Thursday that a meeting between Russian President Vladimir Putin "
            "and U.S. President Donald Trump in Da Nang had not been ruled out.")
    assert pairs(text) == [(("Donald Trump", "Vladimir Putin"), "possible")]


def test_one_meeting_told_twice_in_an_article_is_one_record():
    text = ("Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of State John Kerry in Beijing on Saturday. "
            "Lavrov and Kerry are expected to meet in Beijing, the ministry said.")
    assert pairs(text) == [(LAVROV_KERRY, "planned")]


def test_a_counted_group_is_the_leaders_named_before_and_those_it_includes():
    text = ("French President Emmanuel Macron received German Chancellor Olaf Scholz in Paris on Monday. "
            "The four leaders, among them Italian Prime Minister Giorgia Meloni and Spanish Prime Minister "
            "Pedro Sanchez, will hold a summit in Rome on Friday.")
    group = [m for m in meetings(text) if len(m.participants) > 2]
    assert [(m.participants, m.status, m.place) for m in group] == [
        (("Emmanuel Macron", "Giorgia Meloni", "Olaf Scholz", "Pedro Sanchez"), "planned", "Rome")]
    # a group whose size the article cannot fill is nobody's meeting but the names it gives
    short = meetings(text.replace("four leaders", "six leaders"))
    assert all(len(m.participants) == 2 for m in short)
