"""Find officials, summits, places, organisations and dates in an article's clean text.

Officials come from the gazetteer or from a title in front of a name ("Foreign Minister X"); later
short mentions ("Lavrov", "Mr. Lavrov", "President Xi") resolve to the full name. Summits are codes and
long names mapped to one code. Every mention carries offsets into the text it was found in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from pathlib import Path

from sidelines_tui.gazetteer import Gazetteer, load_gazetteer, short_form
from sidelines_tui.models import Mention

_LEFT = r"(?<![\w'’.-])"
_RIGHT = r"(?![\w])(?!['’](?![sS]\b)\w)"  # allow "Lavrov's", refuse "Xi'an"
_LEFT_OF_SECOND = r"(?<![\w'’.-].)"  # _LEFT, checked one character into the match

_TITLE_PREFIXES = ("Vice ", "Deputy ", "Acting ", "Interim ", "Former ", "Ex-", "then-", "Then-")
_TITLE_WORDS = (
    "President", "Prime Minister", "Premier", "Chancellor", "Foreign Minister", "Foreign Secretary",
    "Secretary of State", "Secretary-General", "Secretary General", "Special Envoy", "Special Representative",
    "Envoy", "Ambassador", "Defence Minister", "Defense Minister", "Defence Secretary", "Defense Secretary",
    "Finance Minister", "Minister", "National Security Adviser", "State Councillor", "State Councilor",
    "Vice Premier", "Crown Prince", "King", "Emir", "Sheikh", "Sultan", "Chief Executive", "Governor",
    "Senator", "Sen.", "Rep.", "Speaker", "Chairman", "Chairwoman", "High Representative", "Commissioner",
    "Spokesman", "Spokeswoman", "Spokesperson", "Pres.",
)
_TITLE_FORMS = (*_TITLE_WORDS, *(prefix + title for prefix in _TITLE_PREFIXES for title in _TITLE_WORDS))


def _literal_trie(words: Iterable[str]) -> str:
    """A regex matching any of `words` at a position where _LEFT holds, written as a trie.

    It matches what `_LEFT(?:w1|w2|…)` with the words longest first would: all the words that match at
    one position lie on one path of the trie, and the trie tries them longest first, backtracking to
    shorter ones when what follows fails. It is several times faster: the first level is a branch of
    literal characters, which lets the regex engine skip ahead to those characters, and each later
    character is one test instead of one per word. _LEFT is checked after the first character.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    if not trie:
        return "(?!)"  # no words (an empty user list): match nothing, not the empty string
    firsts = [re.escape(char) + _LEFT_OF_SECOND + emit(child) for char, child in sorted(trie.items())]
    return "(?:" + "|".join(firsts) + ")"


_NAME_WORD = r"(?:[A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*|[A-Z]\.|(?:al|el|bin|de|da|van|von|der|le|di)(?:-[A-Z][a-z]+)?)"
_NAME = rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
_TITLE_NAME = re.compile(
    rf"{_literal_trie(_TITLE_FORMS)}(?:\s+(?:for|on|to|of)\s+(?:the\s+)?(?P<scope>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){{0,2}}))?,?\s+(?P<name>{_NAME}){_RIGHT}"
)
_NOT_NAME_WORDS = {
    "The", "A", "An", "Of", "And", "For", "On", "In", "At", "To", "By", "With", "As", "But", "Or",
    "Office", "Ministry", "Council", "Department", "House", "Said", "Says", "Has", "Had", "Was",
    "Is", "Who", "Will", "Would", "Could", "Should", "May", "Might", "This", "That", "These",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "General", "Assembly", "Union", "Commission", "Republic", "Federation", "Kingdom",
    "States", "Nations", "Government", "Administration", "Cabinet", "Parliament", "Congress",
    "Senate", "Summit", "Meeting", "Talks", "Visit", "Press", "Conference", "Forum", "Affairs",
    "Security", "Defense", "Defence", "Foreign", "Minister", "President", "Secretary", "Envoy",
    "Prime", "Special", "Deputy", "Vice", "Chief", "Elect", "Emeritus", "Tells", "Meets", "Urges",
    "Calls", "Warns", "Holds", "Also", "However", "Thank", "Thanks", "Dear", "Sir", "Madam",
    "Jr", "Jr.", "Sr", "Sr.", "Said.", "Himself", "Herself", "Trade", "Economic", "Cooperation",
}
_PLACE_BEFORE_WORDS = ("County", "Mount", "Mt.", "Lake", "Fort", "Port", "Cape", "Saint", "St.", "Camp", "Glen",
                       "Kings", "Queens")
_PLACE_WORDS_AFTER = re.compile(r"^\s+(?:County|Island|River|Lake|Street|St\.|Avenue|Road|Park|Bay|Hills?|Valley|Point|Beach|Center|Centre)\b")
_SUMMIT_NEAR = re.compile(
    r"^(?:[-–][A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:(?:leaders'?|heads of state|foreign ministers'?|"
    r"defen[cs]e ministers'?)\s+)?(?:summit|Summit|ministerial|leaders' meeting)"
)
_SUMMIT_BEFORE = re.compile(r"(?:summit|Summit)\s+(?:of\s+)?(?:the\s+)?$")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = re.compile(
    rf"(?=[A-Z0-9]){_LEFT}(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:\s*(?:-|–)\s*\d{{1,2}})?\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\.?\s+\d{{4}}"
    rf"|(?:January|February|March|April|June|July|August|September|October|November|December)"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)){_RIGHT}"
)
# Surnames that are also common words or first names: tagged alone only after the full name.
_AMBIGUOUS_SHORT = {"May", "Bishop", "Abbott", "Johnson", "Wong", "Lee", "Kim", "Li", "Wang", "Moon",
                    "Ban", "Hu", "Yang", "Min", "Khan", "Sharif", "Harris", "Austin", "Sullivan",
                    "Marcos", "Michel", "Francis", "Qin", "Duda", "Tusk", "Kerry", "Pence", "Hague",
                    "Truss", "Albanese", "Ruto", "Abe", "Suga", "Kono", "Fidan", "Sanchez", "Wen"}
_CAPITAL_AFTER = re.compile(r"^\s+[A-Z][a-z]")
_VERB_AFTER = re.compile(r"^\s+(?:and|said|says|told|met|meets|will|would|has|had|was|is|on|in|at)\b")
# Read backwards from a short name: whitespace, then a capitalised word ("Daniel Lavrov").
_CAPITAL_BEFORE_REVERSED = re.compile(r"\s+[a-z]+[A-Z]")
# ...unless that word is a title or a linking word ("President Xi", "said Lavrov").
_TITLE_OR_LINK = (*_TITLE_FORMS, "said", "and", "with", "between", "by", "to", "that", "when", "as", "The", "the")
_HONORIFIC_END = re.compile(rf"{_LEFT}(?:Mr|Mrs|Ms|Dr|Mme|Messrs)\.?\Z")


@lru_cache(maxsize=256)
def _short_pattern(shorts: frozenset[str]) -> re.Pattern:
    return re.compile(rf"{_literal_trie(shorts)}{_RIGHT}")


def _after_honorific(text: str, start: int) -> bool:
    """Whether whitespace and "Mr", "Mrs.", "Dr." … (itself at a word start) come right before `start`."""
    gap = start
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    return gap < start and _HONORIFIC_END.search(text, max(0, gap - 7), gap) is not None


def _capitalised(words: Iterable[str]) -> list[str]:
    return [word for word in words if "A" <= word[:1] <= "Z"]


_PRIORITY = {"official": 0, "summit": 1, "org": 2, "place": 3, "date": 4}


@dataclass(slots=True)
class _Candidate:
    kind: str
    name: str
    start: int
    end: int
    rank: int  # lower wins on overlap

    def mention(self) -> Mention:
        return Mention(self.kind, self.name, self.start, self.end)


@lru_cache(maxsize=4096)
def _short_form(name: str) -> str:
    return short_form(name)


def _spelling_variant(short: str, canonical_short: str) -> bool:
    """An alias's short form that spells the official's own ("Zelenskiy", "Nebenzia", "Sánchez"), not
    another name in the alias ("da Silva" for Lula, "Al Thani" for Tamim)."""
    a, b = _fold(short).lower(), _fold(canonical_short).lower()
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.75


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Tagger:
    """Compiled once per gazetteer; `tag` is pure and safe to call from many threads."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._official_by_form: dict[str, str] = {}
        self._short_to_names: dict[str, set[str]] = {}
        self._short_of: dict[str, str] = {}
        for official in gazetteer.officials:
            self._short_of[official.name] = official.short
            shorts = {official.short}
            for form in [official.name, *official.aliases]:
                self._official_by_form[form] = official.name
                self._official_by_form[_fold(form)] = official.name
                short = _short_form(form)
                if short not in shorts and _spelling_variant(short, official.short):
                    shorts.add(short)  # "Orbán", "Zelenskyy", "Lukashenka": the short form as papers print it
            for short in shorts:
                self._short_to_names.setdefault(short, set()).add(official.name)
        forms = list(self._official_by_form)
        self._officials_re = re.compile(rf"{_literal_trie(_capitalised(forms))}{_RIGHT}")
        self._summit_by_form: dict[str, tuple[str, bool]] = {}
        for body in gazetteer.summits:
            for name in body.names:
                self._summit_by_form[name] = (body.code, body.always)
        self._summits_re = re.compile(rf"{_literal_trie(_capitalised(self._summit_by_form))}{_RIGHT}")
        self._place_set = set(gazetteer.places)
        # Short forms searched in every article: all gazetteer short forms that name one official
        # (ambiguous ones only count once their full name was seen; checked per match).
        self._constant_shorts = frozenset(s for s, names in self._short_to_names.items() if len(names) == 1 and len(s) >= 2)
        self._constant_short_re = _short_pattern(self._constant_shorts)

    # Places and organisations are only tagged in full (the reader, `extract`): compiled on first use,
    # they cost a refresh's workers nothing (15 ms each).
    @cached_property
    def _places_re(self) -> re.Pattern:
        return re.compile(rf"{_literal_trie(_capitalised(self.gazetteer.places))}{_RIGHT}")

    @cached_property
    def _orgs_re(self) -> re.Pattern:
        return re.compile(rf"{_literal_trie(_capitalised(self.gazetteer.orgs))}{_RIGHT}")

    # -- public -----------------------------------------------------------------------------------
    def tag(self, text: str, *, full: bool = True) -> list[Mention]:
        """All mentions; with `full=False` only officials and summits (what the store indexes), which
        is what a bulk refresh needs: the reader re-tags one article in full when it opens it."""
        if not text:
            return []
        candidates: list[_Candidate] = []
        full_names = self._find_officials(text, candidates)
        self._find_short_mentions(text, full_names, candidates)
        self._find_summits(text, candidates)
        if not full:
            return _resolve_overlaps(candidates)
        for match in self._orgs_re.finditer(text):
            candidates.append(_Candidate("org", match.group(0), match.start(), match.end(), 20))
        for match in self._places_re.finditer(text):
            candidates.append(_Candidate("place", match.group(0), match.start(), match.end(), 30))
        for match in _DATE.finditer(text):
            candidates.append(_Candidate("date", match.group(0), match.start(), match.end(), 40))
        return _resolve_overlaps(candidates)

    # -- officials --------------------------------------------------------------------------------
    def _find_officials(self, text: str, out: list[_Candidate]) -> dict[str, str]:
        """Full-name mentions. Returns {short form: canonical name} for the short-mention pass."""
        seen: dict[str, str] = {}
        for match in self._officials_re.finditer(text):
            if self._looks_like_place(text, match.start(), match.end()):
                continue
            name = self._official_by_form.get(match.group(0)) or self._official_by_form[_fold(match.group(0))]
            out.append(_Candidate("official", name, match.start(), match.end(), 0))
            seen[self._short_of.get(name) or _short_form(name)] = name
            seen.setdefault(_short_form(name), name)
        for match in _TITLE_NAME.finditer(text):
            start, end = match.span("name")
            words = self._name_words(match.group("name"))
            if not words:
                continue
            surface = " ".join(words)
            end = text.find(words[-1], start) + len(words[-1])
            if len(words) == 1:
                name = self._resolve_short(words[0], seen)
                if name is None:
                    if words[0] in self._place_set or len(words[0]) < 3:
                        continue
                    name = words[0]
            else:
                name = self._official_by_form.get(surface) or self._official_by_form.get(_fold(surface)) or surface
                seen.setdefault(self._short_of.get(name) or _short_form(name), name)
            out.append(_Candidate("official", name, start, end, 1))
        return seen

    def _name_words(self, raw: str) -> list[str]:
        words = raw.split()
        kept: list[str] = []
        for word in words:
            bare = word.rstrip(".,")
            if bare in _NOT_NAME_WORDS or word in _NOT_NAME_WORDS:
                break
            kept.append(word)
        while kept and (kept[-1].lower() in {"al", "el", "bin", "de", "da", "van", "von", "der", "le", "di"}
                        or re.fullmatch(r"[A-Z]\.", kept[-1])):
            kept.pop()
        if kept and kept[0] in self._place_set:
            return []
        return kept

    def _resolve_short(self, short: str, seen: dict[str, str]) -> str | None:
        if short in seen:
            return seen[short]
        names = self._short_to_names.get(short)
        if names and len(names) == 1:
            return next(iter(names))
        return None

    def _find_short_mentions(self, text: str, seen: dict[str, str], out: list[_Candidate]) -> None:
        extra = frozenset(s for s in seen if s not in self._constant_shorts)
        # Full-name matches always survive `_resolve_overlaps`, so a short name inside one ("Lavrov" in
        # "Sergei Lavrov") would be dropped there: skip its checks.
        full_spans = [(c.start, c.end) for c in out if c.rank == 0]
        for pattern in (self._constant_short_re, _short_pattern(extra) if extra else None):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                for full_start, full_end in full_spans:
                    if start < full_end and full_start < end:
                        break
                else:
                    self._short_candidate(text, match, seen, out)

    def _short_candidate(self, text: str, match: re.Match, seen: dict[str, str], out: list[_Candidate]) -> None:
        start, end = match.span()
        short = match.group()
        honoured = _after_honorific(text, start)
        if not honoured and not "A" <= short[:1] <= "Z":
            return  # "bin Salman" alone is not a mention; "Mr. bin Salman" is
        plain = short if short.isascii() else _fold(short)  # "Sánchez" is as ambiguous as "Sanchez"
        if plain not in seen and plain in _AMBIGUOUS_SHORT:
            return  # "May", "Bishop": only after the full name appeared in this article
        if self._looks_like_place(text, start, end):
            return
        if not honoured:
            # "Kerry Washington", "Daniel Lavrov": part of another person's name.
            after = text[end:end + 30]
            if _CAPITAL_AFTER.match(after) and not _VERB_AFTER.match(after):
                return
            before = text[max(0, start - 40):start]
            if _CAPITAL_BEFORE_REVERSED.match(before[::-1]) and not before.rstrip().endswith(_TITLE_OR_LINK):
                return
        name = self._resolve_short(short, seen)
        if name:
            out.append(_Candidate("official", name, start, end, 2))

    def _looks_like_place(self, text: str, start: int, end: int) -> bool:
        # Same tests as the two regexes, screened in C: a place word needs whitespace between it and
        # the name, and the words after a name all start with a capital.
        before = text[max(0, start - 12):start]
        if before[-1:].isspace() and before.rstrip().endswith(_PLACE_BEFORE_WORDS):
            return True
        after = text[end:end + 12]
        return after[:1].isspace() and after.lstrip()[:1].isupper() and bool(_PLACE_WORDS_AFTER.match(after))

    # -- summits ----------------------------------------------------------------------------------
    def _find_summits(self, text: str, out: list[_Candidate]) -> None:
        for match in self._summits_re.finditer(text):
            code, always = self._summit_by_form[match.group(0)]
            start, end = match.span()
            if always or _SUMMIT_NEAR.match(text[end:end + 60]) or _SUMMIT_BEFORE.search(text[max(0, start - 20):start]):
                out.append(_Candidate("summit", code, start, end, 10))
            else:
                out.append(_Candidate("org", code, start, end, 20))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[Mention]:
    candidates.sort(key=lambda c: (c.rank, -(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    kept: list[_Candidate] = []
    for cand in candidates:
        start, end = cand.start, cand.end
        for s, e in taken:
            if start < e and s < end:
                break
        else:
            taken.append((start, end))
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return [c.mention() for c in kept]


@lru_cache(maxsize=4)
def tagger_for(extra_dir: str | None = None) -> Tagger:
    return Tagger(load_gazetteer(Path(extra_dir) if extra_dir else None))


def tag_text(text: str, extra_dir: str | None = None) -> list[Mention]:
    return tagger_for(extra_dir).tag(text)
