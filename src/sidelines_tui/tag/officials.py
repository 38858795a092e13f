"""Officials: full names and aliases from the gazetteer, names after a title ("Foreign Minister X"), and
later short mentions ("Lavrov", "Mr. Lavrov", "President Xi") resolved to the full name seen before."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from sidelines_tui.gazetteer import Gazetteer, short_form
from sidelines_tui.tag.candidates import Candidate
from sidelines_tui.tag.lexicon import Lexicon
from sidelines_tui.tag.patterns import LEFT, RIGHT, capitalised, fold, literal_trie, words_pattern

_NAME_WORD = (r"(?:[A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*|[A-Z]\."
              r"|(?:al|el|bin|de|da|van|von|der|le|di)(?:-[A-Z][a-z]+)?)")
_NAME = rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
_PARTICLES = {"al", "el", "bin", "de", "da", "van", "von", "der", "le", "di"}
_PLACE_WORDS_AFTER = re.compile(
    r"^\s+(?:County|Island|River|Lake|Street|St\.|Avenue|Road|Park|Bay|Hills?|Valley|Point|Beach|Center|Centre)\b")
_CAPITAL_AFTER = re.compile(r"^\s+[A-Z][a-z]")
_VERB_AFTER = re.compile(r"^\s+(?:and|said|says|told|met|meets|will|would|has|had|was|is|on|in|at)\b")
# Read backwards from a short name: whitespace, then a capitalised word ("Daniel Lavrov").
_CAPITAL_BEFORE_REVERSED = re.compile(r"\s+[a-z]+[A-Z]")
_LINK_WORDS = ("said", "and", "with", "between", "by", "to", "that", "when", "as", "The", "the")
_HONORIFIC_END = re.compile(rf"{LEFT}(?:Mr|Mrs|Ms|Dr|Mme|Messrs)\.?\Z")


@lru_cache(maxsize=4096)
def _short_form(name: str) -> str:
    return short_form(name)


def _spelling_variant(short: str, canonical_short: str) -> bool:
    """An alias's short form that spells the official's own ("Zelenskiy", "Nebenzia", "Sánchez"), not
    another name in the alias ("da Silva" for Lula, "Al Thani" for Tamim)."""
    a, b = fold(short).lower(), fold(canonical_short).lower()
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.75


def _after_honorific(text: str, start: int) -> bool:
    """Whether whitespace and "Mr", "Mrs.", "Dr." … (itself at a word start) come right before `start`."""
    gap = start
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    return gap < start and _HONORIFIC_END.search(text, max(0, gap - 7), gap) is not None


class OfficialFinder:
    """Compiled once per gazetteer and lexicon; `find` is pure."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._place_set = set(gazetteer.places)
        self._official_by_form: dict[str, str] = {}
        self._short_to_names: dict[str, set[str]] = {}
        self._short_of: dict[str, str] = {}
        for official in gazetteer.officials:
            self._short_of[official.name] = official.short
            shorts = {official.short}
            for form in [official.name, *official.aliases]:
                self._official_by_form[form] = official.name
                self._official_by_form[fold(form)] = official.name
                short = _short_form(form)
                if short not in shorts and _spelling_variant(short, official.short):
                    shorts.add(short)  # "Orbán", "Zelenskyy", "Lukashenka": the short form as papers print it
            for short in shorts:
                self._short_to_names.setdefault(short, set()).add(official.name)
        self._officials_re = re.compile(rf"{literal_trie(capitalised(list(self._official_by_form)))}{RIGHT}")
        title_forms = lexicon.title_forms
        self._title_name = re.compile(
            rf"{literal_trie(title_forms)}(?:\s+(?:for|on|to|of)\s+(?:the\s+)?(?P<scope>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){{0,2}}))?,?\s+(?P<name>{_NAME}){RIGHT}"
        )
        self._title_or_link = (*title_forms, *_LINK_WORDS)
        # Short forms searched in every article: all gazetteer short forms that name one official
        # (ambiguous ones only count once their full name was seen; checked per match).
        self._constant_shorts = frozenset(s for s, names in self._short_to_names.items() if len(names) == 1 and len(s) >= 2)
        self._constant_short_re = words_pattern(self._constant_shorts)

    def find(self, text: str, out: list[Candidate]) -> None:
        full_names = self._find_full_names(text, out)
        self._find_short_mentions(text, full_names, out)

    def _find_full_names(self, text: str, out: list[Candidate]) -> dict[str, str]:
        """Full-name mentions. Returns {short form: canonical name} for the short-mention pass."""
        seen: dict[str, str] = {}
        for match in self._officials_re.finditer(text):
            if self._looks_like_place(text, match.start(), match.end()):
                continue
            name = self._official_by_form.get(match.group(0)) or self._official_by_form[fold(match.group(0))]
            out.append(Candidate("official", name, match.start(), match.end(), 0))
            seen[self._short_of.get(name) or _short_form(name)] = name
            seen.setdefault(_short_form(name), name)
        for match in self._title_name.finditer(text):
            start, end = match.span("name")
            words = self._name_words(match.group("name"))
            if not words:
                continue
            surface = " ".join(words)
            end = text.find(words[-1], start) + len(words[-1])
            if len(words) == 1:
                resolved = self._resolve_short(words[0], seen)
                if resolved is None and (words[0] in self._place_set or len(words[0]) < 3):
                    continue
                name = resolved or words[0]
            else:
                name = self._official_by_form.get(surface) or self._official_by_form.get(fold(surface)) or surface
                seen.setdefault(self._short_of.get(name) or _short_form(name), name)
            out.append(Candidate("official", name, start, end, 1))
        return seen

    def _name_words(self, raw: str) -> list[str]:
        not_names = self.lexicon.not_name_words
        kept: list[str] = []
        for word in raw.split():
            bare = word.rstrip(".,")
            if bare in not_names or word in not_names:
                break
            kept.append(word)
        while kept and (kept[-1].lower() in _PARTICLES or re.fullmatch(r"[A-Z]\.", kept[-1])):
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

    def _find_short_mentions(self, text: str, seen: dict[str, str], out: list[Candidate]) -> None:
        extra = frozenset(s for s in seen if s not in self._constant_shorts)
        # Full-name matches always survive `resolve_overlaps`, so a short name inside one ("Lavrov" in
        # "Sergei Lavrov") would be dropped there: skip its checks.
        full_spans = [(c.start, c.end) for c in out if c.rank == 0]
        for pattern in (self._constant_short_re, words_pattern(extra) if extra else None):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                for full_start, full_end in full_spans:
                    if start < full_end and full_start < end:
                        break
                else:
                    self._short_candidate(text, match, seen, out)

    def _short_candidate(self, text: str, match: re.Match, seen: dict[str, str], out: list[Candidate]) -> None:
        start, end = match.span()
        short = match.group()
        honoured = _after_honorific(text, start)
        if not honoured and not "A" <= short[:1] <= "Z":
            return  # "bin Salman" alone is not a mention; "Mr. bin Salman" is
        plain = short if short.isascii() else fold(short)  # "Sánchez" is as ambiguous as "Sanchez"
        if plain not in seen and plain in self.lexicon.ambiguous_surnames:
            return  # "May", "Bishop": only after the full name appeared in this article
        if self._looks_like_place(text, start, end):
            return
        if not honoured:
            # "Kerry Washington", "Daniel Lavrov": part of another person's name.
            after = text[end:end + 30]
            if _CAPITAL_AFTER.match(after) and not _VERB_AFTER.match(after):
                return
            before = text[max(0, start - 40):start]
            if _CAPITAL_BEFORE_REVERSED.match(before[::-1]) and not before.rstrip().endswith(self._title_or_link):
                return
        name = self._resolve_short(short, seen)
        if name:
            out.append(Candidate("official", name, start, end, 2))

    def _looks_like_place(self, text: str, start: int, end: int) -> bool:
        # Same tests as the two regexes, screened in C: a place word needs whitespace between it and
        # the name, and the words after a name all start with a capital.
        before = text[max(0, start - 12):start]
        if before[-1:].isspace() and before.rstrip().endswith(self.lexicon.place_words_before):
            return True
        after = text[end:end + 12]
        return after[:1].isspace() and after.lstrip()[:1].isupper() and bool(_PLACE_WORDS_AFTER.match(after))
