"""Who takes part in a meeting a cue reports: the officials of the cue's clause, less those who only speak
of it ("Peskov said…", "according to…"), those it is about ("the son of Joe Biden", "Merkel's criticism"),
plus what the clause says without a name: "he", "the two leaders", "his Russian counterpart"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sidelines_tui.meet.clauses import Clause

_SPEAKER_AFTER = re.compile(
    r"\s*,?\s*(?:also\s+|later\s+|earlier\s+|then\s+|on\s+\w+\s+)?(?:said|says|told|tells|added|announced|stated|"
    r"noted|warned|wrote|tweeted|insisted|stressed|confirmed|denied|dismissed|accused|criticised|criticized|argued|"
    r"urged|called\s+for|compared|described|sent|reported)\b")
_SPEAKER_BEFORE = re.compile(r"\baccording\s+to\s+(?:\S+\s+){0,4}$|\b(?:statement|remarks|comments|message|letter|"
                             r"report|criticism|warning|call)s?\s+(?:by|from)\s+(?:\S+\s+){0,3}$")
_TOPIC_BEFORE = re.compile(r"(?:^|\s)(?P<word>\S+)\s+(?:of|about|against|toward|towards|than|like|to\s+investigate)\s+"
                           r"(?:(?:the|a|former|then|ex|[A-Z][\w.'’-]*|[a-z]+-[A-Z][\w.'’-]*)\s+){0,5}$")
_POSSESSIVE = re.compile(r"['’]s?\b")
_POSSESSED_CUE = re.compile(r"['’]s?\s+(?:\w+\s+){0,2}?(?:meeting|talks|call|summit|visit|conversation)\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "both": 2, "pair": 2}
_PRONOUN = re.compile(
    r"\b(?P<one>[Hh]e|[Ss]he)\b"
    r"|\b(?P<group>[Tt]hey|[Tt]he\s+(?P<n>two|three|four|five|six|seven|eight)\s+(?:leaders|presidents|ministers|men|women|"
    r"premiers|prime\s+ministers|heads\s+of\s+(?:state|government)|foreign\s+ministers|sides)|[Bb]oth\s+(?:leaders|men|sides)"
    r"|[Tt]he\s+(?P<bare>two|pair)(?=\s+(?:have|had|has|were|was|are|is|will|would|also|agreed|met|held|discussed|signed|"
    r"spoke|talked|last|first|later|then|did|to|leaders)\b|\s*[,.;]))"
    r"|\b(?P<plural>the\s+(?:presidents|prime\s+ministers|premiers|chancellors))\b(?!\s+of\b)")
# "…said he hoped Putin and Zelensky could meet": the pronoun speaks of a meeting of others.
_PRONOUN_SPEAKS = re.compile(r"\s+(?:\w+\s+)?(?:said|says|told|added|hoped|hopes|believed|thought|expected|wanted|"
                             r"insisted|stressed|warned|noted|argued)\s+(?!to\b)")
_ROLE = re.compile(r"\b[Tt]he\s+(?:(?P<people>U\.S\.|US|[A-Z][a-z]+)\s+)?(?:president|leader|prime\s+minister|premier|"
                   r"chancellor|President|Prime\s+Minister|Chancellor)\b(?!\s+[A-Z])")
_COUNTERPART = re.compile(r"\b(?:his|her|their|its)\s+(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+counterparts?\b"
                          r"(?!\s*,?\s+[A-Z])")


@dataclass(slots=True)
class Actor:
    names: tuple[str, ...]
    start: int  # offsets in the sentence
    end: int
    speaker: bool = False
    topic: bool = False
    possessive: bool = False
    group: bool = False  # "the two leaders": stands for names the clause may already give
    counted: bool = False  # a group of a stated size beyond two: "the three leaders", "the six leaders"


@dataclass(slots=True)
class Context:
    """What the article has said so far: who was named, as what, who met last."""

    profiles: dict[str, set[str]] = field(default_factory=dict)  # official -> words of the titles before it
    recent: list[str] = field(default_factory=list)  # officials in order of latest mention
    subject: str | None = None  # the previous sentence's first official
    last_meeting: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # mentions so far

    def top(self, n: int, fits: Callable[[tuple[str, ...]], bool] = lambda names: True) -> tuple[str, ...]:
        """The n officials the article has named most so far (the latest first among equals), of those
        that fit (heads of state or government for "the two leaders")."""
        order = {name: i for i, name in enumerate(self.recent)}
        ranked = sorted((name for name in self.counts if fits((name,))),
                        key=lambda name: (-self.counts[name], order.get(name, len(order))))
        return tuple(ranked[:n]) if len(ranked) >= n else ()

    def named_so_far(self, fits: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
        return tuple(name for name in self.counts if fits((name,)))


def named_actors(sentence: str, officials: list[tuple[str, int, int]]) -> list[Actor]:
    """The officials of a sentence (name, offsets in the sentence) with what stands around them."""
    actors = []
    for name, start, end in officials:
        after, before = sentence[end:end + 40], sentence[max(0, start - 60):start]
        possessive = bool(_POSSESSIVE.match(sentence, end)) and not _POSSESSED_CUE.match(sentence, end)
        speaker = bool(_SPEAKER_AFTER.match(after)) or bool(_SPEAKER_BEFORE.search(before))
        topic = _TOPIC_BEFORE.search(before)
        # "the son of Joe Biden" speaks of him; "Secretary of State Rex Tillerson" is his title
        is_topic = topic is not None and not topic.group("word")[:1].isupper()
        actors.append(Actor((name,), start, end, speaker=speaker, topic=is_topic, possessive=possessive))
    return actors


def implied_actors(sentence: str, context: Context, named: list[Actor]) -> list[Actor]:
    """Pronouns, "the two leaders", "the Russian leader" and "his Chinese counterpart", resolved from the
    sentence and the article so far."""
    actors = []
    for match in _PRONOUN.finditer(sentence):
        if match.group("one"):
            if _PRONOUN_SPEAKS.match(sentence, match.end()):
                continue
            earlier = [a for a in named if a.end <= match.start() and not a.topic and not a.possessive]
            name = earlier[0].names[0] if earlier else context.subject
            if name:
                actors.append(Actor((name,), match.start(), match.end()))
            continue
        said_before = [a for a in actors if a.group and a.end <= match.start()]
        if match.group(0).lower() == "they" and said_before:
            group = said_before[-1].names  # "…between the presidents, but they could have a conversation"
        else:
            group = _group(match, named, context)
        if len(group) >= 2:
            counted = _NUMBERS.get((match.group("n") or "").lower(), 0) > 2
            actors.append(Actor(group, match.start(), match.end(), group=True, counted=counted))
    for match in _COUNTERPART.finditer(sentence):
        subject = next((a.names[0] for a in named if a.start < match.start() and not a.speaker), context.subject)
        found = counterpart(match.group("who"), subject, context)
        if found:
            actors.append(Actor((found,), match.start(), match.end()))
    for match in _ROLE.finditer(sentence):
        people = match.group("people")
        found = counterpart(people, None, context, heads_only=True) if people else context.subject
        if found:
            actors.append(Actor((found,), match.start(), match.end()))
    return actors


_HEAD_WORDS = {"President", "Prime", "Premier", "Chancellor", "King", "Emir", "Sultan", "leader", "president", "premier",
               "chancellor", "Crown"}
_MINISTER_WORDS = {"Minister", "Secretary", "minister", "secretary", "Councilor", "Councillor", "diplomat"}


def may_be_head(name: str, context: Context) -> bool:
    """A head of state or government, or one the article never gives a title."""
    words = context.profiles.get(name, set())
    return is_head(name, context) or not (words & (_HEAD_WORDS | _MINISTER_WORDS | {"Foreign", "Defence", "Defense"}))


def is_head(name: str, context: Context) -> bool:
    """A head of state or government, as the article titles him ("President", "Prime Minister")."""
    words = context.profiles.get(name, set())
    return bool(words & _HEAD_WORDS) and not ({"Foreign", "Defence", "Defense", "Vice", "Deputy"} & words)


_OFFICES = {"presidents": {"President", "president"}, "premiers": {"Premier", "premier", "Prime"},
            "prime ministers": {"Prime", "Premier"}, "chancellors": {"Chancellor", "chancellor"}}


def _fitting(words: str, context: Context) -> Callable[[tuple[str, ...]], bool]:
    """Who a group's noun admits: "the two presidents" presidents, "the two leaders" heads of state or
    government (or people the article never titles), "the two" anyone."""
    lowered = " ".join(words.lower().split())
    office = next((titles for noun, titles in _OFFICES.items() if noun in lowered), None)
    if office is not None:
        return lambda names: all(context.profiles.get(n, set()) & office or not context.profiles.get(n) for n in names)
    if re.search(r"leaders|heads", lowered):
        return lambda names: all(may_be_head(n, context) for n in names)
    return lambda names: True


def _group(match: re.Match[str], named: list[Actor], context: Context) -> tuple[str, ...]:
    """Who "they", "the two leaders", "the four leaders" are: the officials named before it in the sentence,
    else the last meeting's of that size, else the officials the article has named most."""
    word = (match.group("n") or match.group("bare") or "").lower()
    size = _NUMBERS.get(word) or _NUMBERS.get(match.group(0).split()[0].lower(), 0)
    earlier = tuple(dict.fromkeys(n for a in named if a.end <= match.start() and not a.speaker and not a.topic
                                  for n in a.names))
    if len(earlier) >= 2 and (not size or len(earlier) == size):
        return earlier
    fits = _fitting(match.group(0), context)
    last = context.last_meeting
    if last and fits(last) and (len(last) == size or (not size and match.group(0).lower() == "they")):
        return last
    found = context.top(size or 2, fits)
    if not found and size > 2:
        # "the six leaders, including Tajik President Rahmon and …": those named before and those it names
        later = (n for a in named if a.start >= match.end() and not a.speaker and not a.topic for n in a.names)
        pool = tuple(dict.fromkeys([*context.named_so_far(fits), *(n for n in later if fits((n,)))]))
        return pool if len(pool) == size else ()
    return found


def counterpart(people: str, subject: str | None, context: Context, heads_only: bool = False) -> str | None:
    """The official the article names with this people's title ("Russian"), in the subject's office if
    several ("Foreign Minister"); `heads_only` for "the Russian leader"."""
    key = _people_key(people)
    candidates = [name for name, words in context.profiles.items()
                  if name != subject and key in {_people_key(w) for w in words}
                  and (not heads_only or is_head(name, context))]
    if len(candidates) > 1 and subject:
        office = context.profiles.get(subject, set())
        shared = [c for c in candidates if len(office & context.profiles[c] - _PEOPLE_WORDS) > 0]
        candidates = shared or candidates
    if not candidates:
        return None
    order = {name: i for i, name in enumerate(context.recent)}
    return min(candidates, key=lambda c: order.get(c, len(order)))


_PEOPLE_WORDS = {"US", "U.S.", "American", "United States"}


def _people_key(word: str) -> str:
    word = word.strip(".,")
    return "US" if word in _PEOPLE_WORDS else word


def participants(clause: Clause, cue_start: int, actors: list[Actor], sentence: str,
                 anchor: Actor | None) -> list[tuple[str, ...]]:
    """The parties of a cue: each a tuple of names (one for a person, several for "the two leaders")."""
    chosen = [a for a in actors if clause.covers(a.start) and not a.speaker and not a.topic and not a.possessive]
    if sum(1 for a in chosen if not a.group) >= 2:
        # the names are given: "they" adds nobody; "the three leaders, together with Michel…" still does
        chosen = [a for a in chosen if not a.group or a.counted]
    if anchor is not None and all(anchor.names != a.names for a in chosen):
        chosen.insert(0, anchor)
    return [a.names for a in sorted(chosen, key=lambda a: a.start)]
