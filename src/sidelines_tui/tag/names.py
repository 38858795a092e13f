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
    rf"(?<![\w'’.-])(?:{NAME_WORD}|{_INITIAL})(?:[ \u00a0](?:{_PARTICLE}[ \u00a0-])?(?:{NAME_WORD}|{_INITIAL}))*"
    rf"(?:,?[ \u00a0]{_SUFFIX}(?![\w]))?"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_IS_PARTICLE = re.compile(_PARTICLE).fullmatch
_IS_INITIAL = re.compile(_INITIAL).fullmatch
_IS_SUFFIX = re.compile(_SUFFIX).fullmatch
_TOKENS = re.compile(r"\S+")
_CAPITAL = re.compile(rf"[{_UPPER}]")


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
    for match in _matches(text):
        if " " not in match.group() and "\u00a0" not in match.group():
            word = match.group()
            if word not in stop_words and not _IS_INITIAL(word):
                _flush([(word, match.start(), match.end())], spans)
            continue
        words = [(token.group(), match.start() + token.start(), match.start() + token.end())
                 for token in _TOKENS.finditer(match.group())]
        run: list[tuple[str, int, int]] = []
        for word, start, end in words:
            bare = word.rstrip(",")
            if bare in stop_words or (run == [] and bare.lower() == bare and not _IS_INITIAL(bare)):
                _flush(run, spans)
                run = []
                continue
            run.append((word, start, end))
        _flush(run, spans)
    return spans


def _matches(text: str):
    """The span pattern tried only where a capital letter stands (a plain scan for those is fast; the
    pattern, tried at every position, was most of the tagger's time)."""
    end = 0
    for capital in _CAPITAL.finditer(text):
        if capital.start() < end:
            continue
        match = _SPAN.match(text, capital.start())
        if match:
            end = match.end()
            yield match


def _flush(run: list[tuple[str, int, int]], spans: list[NameSpan]) -> None:
    # A name does not end with a particle or an initial, nor carry its possessive.
    while run and (_IS_PARTICLE(run[-1][0]) or _IS_INITIAL(run[-1][0])):
        run.pop()
    if not run:
        return
    word, start, end = run[-1]
    bare = _POSSESSIVE.sub("", word.rstrip(","))
    if not bare:
        return
    run[-1] = (bare, start, start + len(bare))
    words = [w.rstrip(",") for w, _, _ in run]
    spans.append(NameSpan(words, run[0][1], run[-1][2]))
