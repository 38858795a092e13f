"""Sentences of an article's clean text, with their offsets: split at a full stop, question or exclamation
mark followed by a capital (or a quote, or a paragraph break), not after an abbreviation ("U.S.", "Oct.",
"Gov.", "Mr.") or an initial ("S. Jaishankar")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gov sen rep gen lt col maj capt cmdr adm sgt st jr sr no vs etc inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "u.s u.k u.n e.u a.m p.m d.c".split())
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "a.m": the last dot is the match's
_LAST_WORD = re.compile(r"(\S+)[.!?][\"'”’)]*\s+\Z")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # which paragraph of the article it stands in


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _BOUNDARY.finditer(text):
        blank_line = match.group().startswith("\n")
        if not blank_line and _after_abbreviation(text, start, match.end()):
            continue
        _add(text, start, match.start() if blank_line else match.start() + 1, paragraph, out)
        if "\n" in match.group():
            paragraph += 1
        start = match.end()
    _add(text, start, len(text), paragraph, out)
    return out


def _after_abbreviation(text: str, start: int, end: int) -> bool:
    last = _LAST_WORD.search(text, start, end)
    if last is None:
        return False
    word = last.group(1).lstrip("(\"'“‘").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or bool(_DOTTED.fullmatch(word))


def _add(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
