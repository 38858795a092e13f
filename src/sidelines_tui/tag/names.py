"""People's names in running text: runs of capitalised name words ("Mitch McConnell", "Alexandria
Ocasio-Cortez", "John R. Bolton", "Cheuk Hau-yip", "Mohammed bin Salman", "James P. Kennedy Jr."), with
what stands before them split off (titles, months, sentence openers) and possessives left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOWER = "a-zß-öø-ÿā-ž"
# A name word: capitalised, with the inner capital of Mc/Mac/O'/De names and hyphenated parts.
NAME_WORD = (rf"(?!(?:Jr|Sr)\b)(?:Mc|Mac|O['’]|D['’]|De|Di|Da|La|Le|Van|Von)?[{_UPPER}][{_LOWER}]+"
             rf"(?:[-'’][{_UPPER}{_LOWER}][{_LOWER}]+)*"
             rf"|[{_UPPER}][{_LOWER}]*[{_UPPER}][{_LOWER}]+")
_INITIAL = rf"[{_UPPER}]\."
_PARTICLE = r"(?:de|da|del|della|der|van|von|bin|ibn|al|el|la|le|di|dos|das|du|y|ul|ud)"
_SUFFIX = r"(?:Jr\.?|Sr\.?|II|III|IV)"
_SPAN = re.compile(
    rf"(?<![\w'’.-])(?:{NAME_WORD}|{_INITIAL})(?:[ \u00a0](?:{_PARTICLE}[ \u00a0-]){{0,2}}(?:{NAME_WORD}|{_INITIAL}))*"
    rf"(?:,?[ \u00a0]{_SUFFIX}(?![\w]))?"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_IS_PARTICLE = re.compile(_PARTICLE).fullmatch
_IS_INITIAL = re.compile(_INITIAL).fullmatch
_IS_SUFFIX = re.compile(_SUFFIX).fullmatch
_TOKENS = re.compile(r"\S+")
# The lookahead lets the engine skip every position but a capital's at C speed.
_SPANS = re.compile(rf"(?=[{_UPPER}])" + _SPAN.pattern).finditer


@dataclass(slots=True)
class NameSpan:
    """A run of name words: its words, and where it starts and ends in the text."""

    words: list[str]
    start: int
    end: int

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def surname(self) -> str:
        words = [w for w in self.words if not _IS_SUFFIX(w.rstrip(","))]
        return words[-1] if words else ""


def name_spans(text: str, stop_words: frozenset[str]) -> list[NameSpan]:
    """Every run of name words, cut at words that are never part of a name (`stop_words`: titles,
    months, weekdays, sentence openers) and without a trailing possessive ("Trump’s" -> "Trump")."""
    spans: list[NameSpan] = []
    for match in _SPANS(text):
        whole = match.group()
        start = match.start()
        if " " not in whole and "\u00a0" not in whole:
            # One word (the common case): neither a particle (they are lower-case) nor, once cut, empty.
            if whole not in stop_words and not _IS_INITIAL(whole):
                if whole[-1] in "'’" or whole[-2:] in ("'s", "’s"):
                    whole = _POSSESSIVE.sub("", whole)
                spans.append(NameSpan([whole], start, start + len(whole)))
            continue
        words = whole.split()
        last = words[-1]
        if ("," not in whole and stop_words.isdisjoint(words) and not _IS_PARTICLE(last) and not _IS_INITIAL(last)
                and last[-1] not in "'’" and last[-2:] not in ("'s", "’s")):
            spans.append(NameSpan(words, start, match.end()))  # a plain run of name words: most of them
            continue
        run: list[tuple[str, int, int]] = []
        for token in _TOKENS.finditer(whole):
            word = token.group()
            bare = word.rstrip(",")
            if bare in stop_words or (not run and bare.islower() and not _IS_INITIAL(bare)):
                _flush(run, spans)
                run = []
                continue
            run.append((word, start + token.start(), start + token.end()))
        _flush(run, spans)
    return spans


def _flush(run: list[tuple[str, int, int]], spans: list[NameSpan]) -> None:
    # A name does not end with a particle or an initial, nor carry its possessive.
    while run and (_IS_PARTICLE(run[-1][0]) or _IS_INITIAL(run[-1][0])):
        run.pop()
    if not run:
        return
    word, start, _ = run[-1]
    bare = word.rstrip(",")
    if bare[-1] in "'’" or bare[-2:] in ("'s", "’s"):
        bare = _POSSESSIVE.sub("", bare)
        if not bare:
            return
    words = [w.rstrip(",") for w, _, _ in run]
    words[-1] = bare
    spans.append(NameSpan(words, run[0][1], start + len(bare)))
