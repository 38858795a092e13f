"""Meetings in an article: sentence by sentence, each meeting cue with its clause's officials, status, mode,
place, summit and date, then the same meeting reported twice in the article merged into one record."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sidelines_tui.meet import cues as cue_words
from sidelines_tui.meet.clauses import Clause, clause_of, clauses
from sidelines_tui.meet.parties import Actor, Context, implied_actors, named_actors, participants
from sidelines_tui.meet.sentences import Sentence, sentences
from sidelines_tui.meet.when import date_for
from sidelines_tui.meet.where import dateline_city, place_for, refers_to_summit, venues
from sidelines_tui.models import Meeting, Mention

# Places of a piece of text: (name, start, end); the tagger's place patterns, run only on cue sentences.
PlaceFinder = Callable[[str], list[tuple[str, int, int]]]
_ANY_CUE = re.compile(r"\b(?:meet|met|talk|hold|held|spoke|speak|phone|call|host|receiv|welcom|join|confer|invit|conven|"
                      r"chair|summit|conversation|discussion|consultation|dialogue|encounter|video|virtual|sat\s+down|"
                      r"sit\s+down)", re.I)
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.I)
_TITLE_WORD = re.compile(r"[A-Z][\w.'’-]*|(?:minister|president|secretary|premier|chancellor|leader|envoy)s?")


def find_meetings(text: str, mentions: list[Mention], published: str | None, places: PlaceFinder) -> list[Meeting]:
    officials = [m for m in mentions if m.kind == "official"]
    if len({m.name for m in officials}) < 2:
        return []  # every party is an official the article names ("his counterpart" too): two at least
    summits = [m for m in mentions if m.kind == "summit"]
    context = Context(profiles=_profiles(text, officials))
    summit_places: dict[str, str] = {}
    current_summit: str | None = None
    home = _known_place(text[:40], places)
    found: list[Meeting] = []
    for sentence in sentences(text):
        inside = [(m.name, m.start - sentence.start, m.end - sentence.start) for m in officials
                  if sentence.start <= m.start < sentence.end]
        sentence_summits = [(m.name, m.start - sentence.start) for m in summits if sentence.start <= m.start < sentence.end]
        sentence_places: list[tuple[str, int, int]] | None = None
        if _ANY_CUE.search(sentence.text) and (inside or context.recent):
            sentence_places = places(sentence.text)
            records = _sentence_meetings(sentence, inside, sentence_summits, sentence_places, context,
                                         published, current_summit, summit_places, home)
            found.extend(_continued(records, found, sentence))
            if records:
                context.last_meeting = records[-1].participants
        if sentence_summits:
            current_summit = sentence_summits[-1][0]
            sentence_places = sentence_places if sentence_places is not None else places(sentence.text)
            at = venues(sentence.text, sentence_places)
            after = [p for p in at if p[1] > sentence_summits[0][1]]
            if after or at:
                summit_places.setdefault(current_summit, (after or at)[0][0])
        _remember(context, sentence, inside)
    return _merged(found)


def _sentence_meetings(sentence: Sentence, inside: list[tuple[str, int, int]], sentence_summits: list[tuple[str, int]],
                       sentence_places: list[tuple[str, int, int]], context: Context, published: str | None,
                       current_summit: str | None, summit_places: dict[str, str], home: str | None) -> list[Meeting]:
    text = sentence.text
    named = named_actors(text, inside)
    actors = named + implied_actors(text, context, named)
    if not actors:
        return []  # nobody in it, by name, pronoun, group or role: no party to a meeting
    parts = clauses(text)
    out: list[Meeting] = []
    told: set[Clause] = set()  # one meeting per clause: its first cue governs ("will speak with Biden by phone")
    for cue in cue_words.cues(text):
        clause = clause_of(parts, cue.start)
        if clause in told:
            continue
        groups = participants(clause, cue.start, actors, text, _coordinated(_anchor(clause, named), named, text))
        separate = False
        owner = _owner(named, cue.start, text)
        if cue.nominal and owner is not None and _PLURAL_NOUN.match(text, cue.start):
            groups.insert(0, owner.names)  # "Putin's meetings with Erdogan, Raisi and Sharif": one with each
            separate = True
        elif cue.nominal and len(groups) == 1:
            groups.insert(0, _subject(named, cue.start, context))
        groups += _joined(text, clause, actors)
        names = tuple(dict.fromkeys(n for group in groups if group for n in group))
        if len(names) < 2:
            continue
        clause_text = clause.text_of(text)
        left_from = max([clause.start, *(a.end for a in actors if clause.covers(a.start) and a.end <= cue.start)])
        status = cue_words.status(_without_holes(text, clause, left_from, cue.start), text[cue.start:cue.end],
                                  _without_holes(text, clause, cue.end, clause.end), cue.nominal, text[clause.end:],
                                  _without_holes(text, clause, clause.start, cue.start))
        told.add(clause)
        if status is None:
            continue
        cue_text = text[cue.start:cue.end]
        comma = text.find(",", cue.end, clause.end)
        own = _without_holes(text, clause, left_from, clause.end if cue.nominal or comma == -1 else comma)
        mode = cue_words.mode(cue_text) if cue_words.mode(cue_text) != "in_person" else cue_words.mode(own)
        # a cancelled meeting was still to come unless the plan is told in the past ("had been due to meet")
        ahead = status in ("planned", "possible") or (status == "cancelled" and bool(
            cue_words._PLANNED.search(clause_text)) and not cue_words._PAST_PLAN.search(clause_text))
        named_summit = _named_summit(clause, sentence_summits)
        place = None if mode != "in_person" else _place(clause, cue.start, cue.end, cue.nominal, text, sentence_places)
        for when in _dates(text, clause, cue.start, published, ahead):
            summit = named_summit or _summit_of_article(current_summit, summit_places, clause_text, mode, place,
                                                        when, published, bool(sentence_summits))
            where = place or (summit_places.get(summit) if summit and mode == "in_person" else None)
            if where is None and mode == "in_person" and home and when and published and _days_apart(when, published) <= 3:
                where = home  # in the article's days and nothing says elsewhere: the city it is written from
            for people in _tables(names, groups, clause_text, separate):
                out.append(Meeting(tuple(sorted(people)), status, mode, summit, where, when,
                                   sentence.start, sentence.end))
    return out


def _dates(text: str, clause: Clause, cue: int, published: str | None, ahead: bool) -> list[str | None]:
    """The dates of the cue's clause; a clause that gives none takes the last date the sentence gives before
    it ("…in Australia in 2023, where the four leaders are scheduled to meet again")."""
    found = date_for(text[clause.start:clause.end], cue - clause.start, published, ahead)
    refers_back = clause.relative == "where" or re.match(r"the\s", text[max(0, cue - 4):cue])
    if found != [None] or clause.start == 0 or not refers_back:
        return found
    earlier = date_for(text[:clause.start], clause.start, published, ahead)
    return earlier


def _known_place(head: str, places: PlaceFinder) -> str | None:
    """The article's dateline city ("VIENTIANE (Meridian) -"), when it is a known place."""
    city = dateline_city(head)
    return city if city and any(name == city for name, _, _ in places(city)) else None


def _without_holes(text: str, clause: Clause, start: int, end: int) -> str:
    """The clause's own words between two offsets (its relative clauses left out)."""
    part = Clause(max(start, clause.start), min(end, clause.end), holes=clause.holes)
    return part.text_of(text) if part.start < part.end else ""


_SEQUENCE = re.compile(r"\b(?:later|afterwards|then|subsequently|earlier|also|after\s+that)\b", re.I)


def _continued(records: list[Meeting], found: list[Meeting], sentence: Sentence) -> list[Meeting]:
    """"Putin later held talks with Li Qiang": a meeting told as the next step of the one just reported
    happens on its day and, in person, in its place."""
    previous = found[-1] if found else None
    if previous is None or not _SEQUENCE.search(sentence.text) or sentence.start - previous.end > 400:
        return records
    out = []
    for record in records:
        if record.status == "held" == previous.status and record.date is None:
            place = record.place or (previous.place if record.mode == previous.mode == "in_person" else None)
            record = Meeting(record.participants, record.status, record.mode, record.summit, place, previous.date,
                             record.start, record.end)
        out.append(record)
    return out


def _anchor(clause: Clause, named: list[Actor]) -> Actor | None:
    """The name a who-clause hangs from ("Moon Jae-in, who held talks…")."""
    if clause.relative not in ("who", "whom", "whose"):
        return None
    before = [a for a in named if a.end <= clause.anchor and clause.anchor - a.end <= 3]
    return before[-1] if before else None


_COORDINATED = re.compile(r"^[\s,]*(?:and\s+)?(?:[A-Z][\w.'’-]*\s+)*$")


def _coordinated(anchor: Actor | None, named: list[Actor], text: str) -> Actor | None:
    """"Clinton and Dai, who had met…": the names joined to the one a who-clause hangs from."""
    if anchor is None:
        return None
    names, start = list(anchor.names), anchor.start
    for actor in reversed([a for a in named if a.end <= anchor.start]):
        if not _COORDINATED.match(text[actor.end:start]):
            break
        names[:0] = actor.names
        start = actor.start
    return Actor(tuple(dict.fromkeys(names)), start, anchor.end) if len(names) > 1 else anchor


def _subject(named: list[Actor], cue: int, context: Context) -> tuple[str, ...]:
    """Who has the meeting a noun reports with one party named ("the meeting with Xi was postponed"): the
    official named last before it, else the article's running subject."""
    earlier = [a for a in named if a.start < cue and not a.speaker and not a.topic]
    if earlier:
        return earlier[-1].names
    return (context.subject,) if context.subject else ()


_PLURAL_NOUN = re.compile(r"(?:meetings|calls|bilaterals)\b", re.I)
_JOINED = re.compile(r"\b(?:together|along)\s+with\b|\balongside\b|\bjoined\s+by\b", re.I)


def _owner(named: list[Actor], cue: int, text: str) -> Actor | None:
    """The official whose meetings a noun names: "Putin's meetings with…"."""
    return next((a for a in named if a.possessive and 0 <= cue - a.end <= 4), None)


def _joined(text: str, clause: Clause, actors: list[Actor]) -> list[tuple[str, ...]]:
    """Officials a meeting's sentence adds to it after its clause: "…in Lausanne, when they discussed Syria
    together with UN envoy Staffan de Mistura"."""
    joined = _JOINED.search(text, clause.start)
    if joined is None:
        return []
    stop = text.find(";", joined.end())
    stop = len(text) if stop == -1 else stop
    return [a.names for a in actors if joined.end() <= a.start < stop and not (a.speaker or a.topic or a.group)
            and not clause.covers(a.start)]


def _tables(names: tuple[str, ...], groups: list[tuple[str, ...]], clause_text: str,
            separate: bool = False) -> list[tuple[str, ...]]:
    """"Separate meetings with Modi and Abe": one meeting with each; otherwise one table for all."""
    if len(names) > 2 and (separate or _SEPARATE.search(clause_text)) and len(groups) >= 3:
        host = groups[0]
        return [tuple(dict.fromkeys((*host, *other))) for other in groups[1:]]
    return [names]


def _named_summit(clause: Clause, sentence_summits: list[tuple[str, int]]) -> str | None:
    return next((code for code, position in sentence_summits if clause.covers(position)), None)


def _summit_of_article(current: str | None, summit_places: dict[str, str], clause_text: str, mode: str,
                       place: str | None, when: str | None, published: str | None, other_named: bool) -> str | None:
    """The summit the article is about, for a meeting in person at its place and time: one that says so
    ("on the sidelines of the summit") or one at the summit's city in the days around the article; not
    one elsewhere ("in Pretoria before the summit in Johannesburg")."""
    if current is None or mode != "in_person" or other_named:
        return None
    summit_place = summit_places.get(current)
    if place and summit_place and place != summit_place:
        return None
    if refers_to_summit(clause_text):
        return current
    near = when is None or not published or _days_apart(when, published) <= 3
    return current if near and (place is None or place == summit_place) else None


def _days_apart(when: str, published: str) -> int:
    """Days between a meeting's date and the article's (a month or a year: far)."""
    if len(when) != 10:
        return 99
    try:
        return abs((date.fromisoformat(when) - date.fromisoformat(published[:10])).days)
    except ValueError:
        return 99


def _place(clause: Clause, cue_start: int, cue_end: int, nominal: bool, text: str,
           sentence_places: list[tuple[str, int, int]]) -> str | None:
    before = None
    if clause.relative == "where":
        earlier = [name for name, start, _ in sentence_places if start < clause.start]
        before = earlier[-1] if earlier else None
    usable = [p for p in venues(text, sentence_places) if clause.covers(p[1])]
    return place_for(usable, cue_start, cue_end, text, nominal, before)


def _profiles(text: str, officials: list[Mention]) -> dict[str, set[str]]:
    """The words of the titles before each official's mentions ("Russian Foreign Minister")."""
    profiles: dict[str, set[str]] = {}
    for mention in officials:
        window = text[max(0, mention.start - 50):mention.start].split()[-5:]
        words = profiles.setdefault(mention.name, set())
        for word in window:
            bare = word.strip(",;:()\"'“”").removesuffix("'s").removesuffix("’s")
            if _TITLE_WORD.fullmatch(bare):
                words.add(bare.removesuffix("s") if bare.islower() else bare)  # "the U.S. presidents, … Obama"
    return profiles


def _remember(context: Context, sentence: Sentence, inside: list[tuple[str, int, int]]) -> None:
    for name, _, _ in inside:
        context.counts[name] = context.counts.get(name, 0) + 1
    for name, _, _ in reversed(inside):
        if name in context.recent:
            context.recent.remove(name)
        context.recent.insert(0, name)
    if inside:
        context.subject = inside[0][0]


def _merged(found: list[Meeting]) -> list[Meeting]:
    """The same meeting reported twice in one article (same people and status, no date or place that
    disagrees) is one record: the first report's sentence, the fuller details."""
    out: list[Meeting] = []
    for record in found:
        twin = next((i for i, kept in enumerate(out) if _same(kept, record)), None)
        if twin is None:
            out.append(record)
            continue
        kept = out[twin]
        out[twin] = Meeting(kept.participants, kept.status, kept.mode if kept.mode != "in_person" else record.mode,
                            kept.summit or record.summit, kept.place or record.place,
                            _finer(kept.date, record.date), kept.start, kept.end)
    return out


def _same(a: Meeting, b: Meeting) -> bool:
    if a.participants != b.participants or a.status != b.status:
        return False
    dates_agree = not a.date or not b.date or a.date.startswith(b.date) or b.date.startswith(a.date)
    places_agree = not a.place or not b.place or a.place == b.place
    return dates_agree and places_agree


def _finer(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return a if len(a) >= len(b) else b
