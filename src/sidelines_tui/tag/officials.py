"""Officials in an article, from evidence in the article itself.

A full name is an official when an office stands by it (a title before, a role after: `roles`), or when it
is a known office-holder (`knowledge`: the curated gazetteer or the public officials base) and nothing by it
says otherwise ("X, a lawyer for…"). A bare surname is the official of that surname named in full in the
same article; failing that, a curated official's short form, or a title's surname ("Gov. Bevin"), and only
when no other person of that surname is named in the article. Prefer missing a mention to naming the
wrong person: the base's 61,000 people never turn a bare surname into anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sidelines_tui.gazetteer import Gazetteer
from sidelines_tui.tag.candidates import Candidate
from sidelines_tui.tag.knowledge import Knowledge, Person, fold
from sidelines_tui.tag.lexicon import Lexicon
from sidelines_tui.tag.names import NameSpan, name_spans
from sidelines_tui.tag.roles import Evidence, Roles

_HONORIFIC = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Mme|Messrs)\.?\s+\Z")
# "Mr. bin Salman": a surname that starts with a lower-case particle, named after an honorific.
# The honorific comes first (a literal the engine scans for); that it starts a word is checked on the rare match.
_HONOURED_PARTICLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Mme)\.?\s+((?:bin|ibn|al|el|de|da|van|von|der|di|le|la)[ -][A-Z][\w'’-]+)")
_PLACE_AFTER = re.compile(r"\s+(?:County|Island|River|Lake|Street|St\.|Avenue|Road|Park|Bay|Hills?|Valley|Point|Beach|"
                          r"Center|Centre|University|College|Airport|Stadium|Square|Bridge|Foundation|Institute)\b")


@dataclass(slots=True)
class _Named:
    """A full name found in the article, official or not."""

    span: NameSpan
    canonical: str
    official: bool


class OfficialFinder:
    """Compiled once per gazetteer and lexicon; `find` is pure."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, knowledge: Knowledge | None = None) -> None:
        self.lexicon = lexicon
        self.knowledge = knowledge or Knowledge(gazetteer)
        self.places = {p for p in gazetteer.places}
        self.roles = Roles(lexicon, self.places)
        self.stop_words = frozenset(lexicon.not_name_words)
        self.family_first = frozenset(lexicon.family_names_first)
        # Words that qualify a name when they lead a run ("Republican Phil Bryant", "King Salman", "Russian
        # Sergei Lavrov", "Yesterday Lavrov"), cut off unless the whole run is a known name ("He Jianxiong").
        title_words = {word for title in lexicon.titles for word in title.split() if word[:1].isupper()}
        self.leading = frozenset({*lexicon.leading_title_words, *title_words, *lexicon.government_bodies, *self.places,
                                  *lexicon.demonyms, *lexicon.opening_words})

    def find(self, text: str, out: list[Candidate]) -> None:
        spans = [self._trimmed(text, span) for span in name_spans(text, self.stop_words)]
        named = [n for n in (self._full_name(text, span) for span in spans if len(span.words) >= 2) if n]
        by_surname: dict[str, set[str]] = {}
        others: set[str] = set()  # surnames of people named in full who are not officials
        for item in named:
            key = fold(item.span.surname)
            if item.official:
                by_surname.setdefault(key, set()).add(item.canonical)
                first = item.span.words[0]
                if len(item.span.words) in (2, 3) and first in self.family_first:
                    by_surname.setdefault(fold(first), set()).add(item.canonical)  # "Wen" of "Wen Jiabao"
                out.append(Candidate("official", item.canonical, item.span.start, item.span.end, 0))
            else:
                others.add(key)
        for key, names in list(by_surname.items()):
            for name in list(names):  # "Wang Yi": the short form a repeat mention uses, for a curated name
                person = next((p for p in self.knowledge.lookup(name) if p.tier == 0), None)
                if person is not None and fold(person.short) != key:
                    by_surname.setdefault(fold(person.short), set()).add(name)
        for match in _HONOURED_PARTICLE.finditer(text):
            if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "._"):
                continue
            curated = self.knowledge.curated_shorts.get(fold(match.group(1)), set())
            if len(curated) == 1:
                out.append(Candidate("official", next(iter(curated)), match.start(1), match.end(1), 2))
        for span in spans:
            if len(span.words) == 1:  # spans never overlap: a single word is no part of a full name
                found = self._surname(text, span, by_surname, others)
                if found:
                    out.append(Candidate("official", found, span.start, span.end, 2))

    # -- full names ---------------------------------------------------------------------------------
    def _trimmed(self, text: str, span: NameSpan) -> NameSpan:
        """Leading qualifiers cut off a run of name words, unless the whole run is a known name or the
        words by it make it an official ("He Jianxiong, the former executive director…")."""
        if len(span.words) < 2 or span.words[0] not in self.leading:
            return span
        words, start = list(span.words), span.start
        while len(words) >= 2 and words[0] in self.leading:
            whole = NameSpan(words, start, span.end)
            if self.knowledge.lookup(whole.text) or (words[0] in self.lexicon.opening_words
                                                     and self.roles.after(text, span.end).official):
                break
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        return NameSpan(words, start, span.end)

    def _full_name(self, text: str, current: NameSpan) -> _Named | None:
        """The run as a person, official or not."""
        if _PLACE_AFTER.match(text, current.end):
            return None
        people = self.knowledge.lookup(current.text)
        evidence = self._evidence(text, current)
        official = not evidence.vetoed and (evidence.official or self._known_official(people))
        canonical = next((p.name for p in people if p.tier == 0), current.text)
        return _Named(current, canonical, official)

    def _evidence(self, text: str, span: NameSpan) -> Evidence:
        """A title before decides, unless what follows says the person holds no office at all."""
        before = self.roles.before(text, span.start)
        after = self.roles.after(text, span.end)
        if before.vetoed or (after.vetoed and (after.hard or not before.official)):
            return Evidence(vetoed=True)
        return before if before.official else after

    @staticmethod
    def _known_official(people: list[Person]) -> bool:
        """Curated and tier-1 office-holders count with no word beside them; a national legislator of the
        base counts when the name is his alone there (a shared full name needs its office in the text)."""
        if any(p.tier <= 1 for p in people):
            return True
        return len(people) == 1

    # -- surnames -----------------------------------------------------------------------------------
    def _surname(self, text: str, span: NameSpan, by_surname: dict[str, set[str]], others: set[str]) -> str | None:
        word = span.words[0]
        key = fold(word)
        names = by_surname.get(key)
        if names:
            return next(iter(names)) if len(names) == 1 else None  # two officials of one surname: which?
        if key in others or len(word) < 2:
            return None  # "Toni Morrison" named here: "Morrison" is not the prime minister
        curated = self.knowledge.curated_shorts.get(key, ())
        before = self.roles.before(text, span.start)
        if before.vetoed or not (curated or before.official) or _PLACE_AFTER.match(text, span.end):
            return None  # neither a curated official's short form nor a title's surname
        honoured = bool(_HONORIFIC.search(text, max(0, span.start - 10), span.start))
        if len(curated) == 1:
            name = next(iter(curated))
            ambiguous = (word if word.isascii() else fold(word).title()) in self.lexicon.ambiguous_surnames
            if not ambiguous or before.official or honoured:
                return name if self._alone(text, span) or before.official or honoured else None
        if before.official:
            return word  # "Gov. Bevin", "Rep. Schiff": the fullest form the text gives
        return None

    @staticmethod
    def _alone(text: str, span: NameSpan) -> bool:
        """A surname standing alone, not part of another name ("Daniel Lavrov", "Kerry Washington") the span
        finder split at a stop word."""
        after = text[span.end:span.end + 2]
        return not (after[:1] == " " and after[1:2].isupper())
