"""Officials on real text: each kind of title, office and name the tagger missed or got wrong on real
pages, written here as a sentence in that shape."""

from __future__ import annotations

import pytest

from sidelines_tui.tag import tag_text


def officials(text: str) -> list[str]:
    return list(dict.fromkeys(m.name for m in tag_text(text) if m.kind == "official"))


@pytest.mark.parametrize("sentence, name", [
    ("South Dakota Gov. Jane Harlow signed the bill on Monday.", "Jane Harlow"),
    ("U.S. Attorney Paul Delgado said the case was closed.", "Paul Delgado"),
    ("Energy Secretary Rick Perry formed a channel with the envoys.", "Rick Perry"),
    ("NASA's Administrator Jim Bridenstine said the lander would fly.", "Jim Bridenstine"),
    ("Cmdr. Sean Robertson, a spokesperson for the operation, said the strike was lawful.", "Sean Robertson"),
    ("Her mother, Queen Elizabeth, was said to have disapproved.", "Elizabeth"),
    ("The Hon. Maria Castellanos opened the session.", "Maria Castellanos"),
    ("Taoiseach Leo Varadkar will travel to Brussels.", "Leo Varadkar"),
    ("Vice-President Rafael Ortiz met the delegation.", "Rafael Ortiz"),
    ("Democratic congresswoman Ilhan Omar criticised the plan.", "Ilhan Omar"),
    ("Chinese vice-premier Liu He led the talks.", "Liu He"),
    ("Taliban spokesman Zabihullah Mujahid denied the claim.", "Zabihullah Mujahid"),
    ("Interior Minister, Wolfgang Peschorn, said the house would become a police station.", "Wolfgang Peschorn"),
    ("Senator John McCain called for new sanctions.", "John McCain"),
    ("U.S. Ambassador to the European Union Gordon Sondland testified on Wednesday.", "Gordon Sondland"),
    ("China’s ambassador to Britain Liu Xiaming has said that China has the resolve.", "Liu Xiaming"),
    ("Public Ombudsman Nadia Cruz said the deaths were caused by gunshot wounds.", "Nadia Cruz"),
    ("The envoy called off a meeting with Philippine President Rodrigo Duarte on Tuesday.", "Rodrigo Duarte"),
    ("The talks ended, said Commission President Ulrike von der Brelen.", "Ulrike von der Brelen"),
    ("The envoy held talks with his Chinese counterpart Xie Zhenmin in Shanghai.", "Xie Zhenmin"),
    ("They will meet Japanese Prime Minister Kenji Tanabe, the summit host, on Friday.", "Kenji Tanabe"),
])
def test_titles_before_a_name(sentence, name):
    assert officials(sentence) == [name]


@pytest.mark.parametrize("sentence, name", [
    ("Kurt Volker, the former special envoy to Ukraine, testified on Tuesday.", "Kurt Volker"),
    ("Liu He, China's top trade negotiator, said talks would resume.", "Liu He"),
    ("John Williams, the president of the Federal Reserve Bank of New York, said growth was slowing.", "John Williams"),
    ("Chris Tang, Hong Kong’s new police commissioner, said police alone could not end the unrest.", "Chris Tang"),
    ("He Jianxiong, the former executive director for China at the International Monetary Fund, said so.",
     "He Jianxiong"),
])
def test_an_office_given_after_the_name(sentence, name):
    assert officials(sentence) == [name]


def test_a_surname_resolves_to_the_full_name_in_the_article_not_a_famous_namesake():
    text = ("Tim Morrison, a former National Security Council official, testified. Morrison said he was concerned. "
            "Later, Morrison left the room.")
    assert officials(text) == ["Tim Morrison"]
    assert {m.name for m in tag_text(text) if m.kind == "official"} == {"Tim Morrison"}
    novelist = "Toni Morrison, the novelist, wrote about it. Morrison said the book was done."
    assert officials(novelist) == []


def test_possessives_and_punctuation_never_enter_a_name():
    assert officials("President Trump’s call with Mr. Trump's lawyer, and Mitch McConnell’s reply.") == [
        "Donald Trump", "Mitch McConnell"]


@pytest.mark.parametrize("sentence", [
    "Emirates President Tim Clark said the airline would order more jets.",
    "Indiana State Teachers Association President Keith Gambill told teachers to rally.",
    "“This is a great car,” said David Kershaw, division vice president, Nissan Sales & Regional Operations.",
    "The company’s chairman, CEO and president Craig Menear said in the earnings release that sales grew.",
    "Aseem Prakash, founding director of the Center for Environmental Politics at the University of Washington, said so.",
    "Zippy Duvall, the president of the American Farm Bureau, said farmers faced losses.",
    "Prince Andrew, the younger brother of the heir to the throne, stayed with him.",
    "The Trump Organization’s lawyer, Jane Doe, declined to comment.",
])
def test_organisations_officers_royals_and_private_people_are_not_officials(sentence):
    assert officials(sentence) == []


def test_a_known_office_holder_counts_without_a_title_and_not_when_something_says_otherwise():
    assert officials("Mitch McConnell said the Senate would vote next week.") == ["Mitch McConnell"]
    assert officials("Mitch McConnell, a lawyer for the plaintiffs, said the suit would go on.") == []


def test_a_surname_after_a_title_is_what_the_text_gives():
    assert officials("Rep. Schiff asked the witness to continue.") == ["Schiff"]
    assert officials("Schiff asked the witness to continue.") == []  # a bare surname with nothing by it
