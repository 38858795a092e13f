"""Clauses of a sentence, as far as a meeting needs them: where a cue's clause starts and ends, and what
it hangs from. A relative clause ("Moon, who held talks with Trump on Tuesday, said…") belongs to the
name before it; "…from Beijing, where he held talks with Xi" to the sentence's subject and its place; a
clause after "but", "while", "saying" or a semicolon stands alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

_RELATIVE = re.compile(r",\s+(?P<word>who|whom|whose|where|when)\b")
_SPLIT = re.compile(r"(?=[;,\s])(?:;|\s[—–]\s|\s--\s|,\s+(?:but|while|whereas|although|though|saying|adding|as|because|amid|"
                    r"days?\s+after|weeks?\s+after|a\s+day\s+after|hours?\s+after)\b|\s+but\s+|\s+while\s+"
                    # a new subject after "and", "before", "after": "…, and the two agreed", "before they appeared"
                    r"|,?\s+(?:and|before|after|until|once)\s+(?=(?:the\s+two|they|he|she|both)\b))")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int  # offsets in the sentence
    end: int
    relative: str = ""  # "who", "where", "when"… for a relative clause
    anchor: int = -1  # for a relative clause: where the words it hangs from end (", who" starts there)
    holes: tuple[tuple[int, int], ...] = ()  # relative clauses inside this one, not part of it

    def covers(self, position: int) -> bool:
        return self.start <= position < self.end and not any(s <= position < e for s, e in self.holes)

    def text_of(self, sentence: str) -> str:
        parts, at = [], self.start
        for start, end in self.holes:
            if end <= at or start >= self.end:
                continue
            parts.append(sentence[at:max(at, start)])
            at = end
        parts.append(sentence[at:self.end])
        return " ".join(p.strip() for p in parts if p.strip())


def clauses(sentence: str) -> list[Clause]:
    """Main clauses (split at but/while/semicolons…) with their relative clauses cut out as holes, and the
    relative clauses themselves."""
    relatives: list[Clause] = []
    for match in _RELATIVE.finditer(sentence):
        start = match.start() + 1
        end = _relative_end(sentence, match.end(), match.group("word"))
        relatives.append(Clause(start, end, match.group("word").lower(), match.start()))
    mains: list[Clause] = []
    cuts = [0, *(m.start() for m in _SPLIT.finditer(sentence)), len(sentence)]
    for start, end in zip(cuts, cuts[1:]):
        holes = tuple((r.start, r.end) for r in relatives if start <= r.start < end)
        mains.append(Clause(start, end, holes=holes))
    return mains + relatives


def _relative_end(sentence: str, after: int, word: str) -> int:
    """A who-clause ends at the next comma (", said…"); a where/when clause runs to the next split."""
    split = _SPLIT.search(sentence, after)
    limit = split.start() if split else len(sentence)
    if word in ("who", "whom", "whose"):
        comma = sentence.find(",", after, limit)
        return comma if comma != -1 else limit
    return limit


def clause_of(all_clauses: list[Clause], position: int) -> Clause:
    """The innermost clause holding `position` (a relative clause before the main clause around it)."""
    for clause in sorted(all_clauses, key=lambda c: (not c.relative, c.end - c.start)):
        if clause.covers(position) or (clause.relative and clause.start <= position < clause.end):
            return clause
    return all_clauses[0]
