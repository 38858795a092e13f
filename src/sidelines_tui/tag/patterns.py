"""Regex building blocks the tagger shares: word boundaries that allow "Lavrov's" and refuse "Xi'an",
and word lists compiled to tries the regex engine can skip through."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

LEFT = r"(?<![\w'’.-])"
RIGHT = r"(?![\w])(?!['’](?![sS]\b)\w)"  # allow "Lavrov's", refuse "Xi'an"
LEFT_OF_SECOND = r"(?<![\w'’.-].)"  # LEFT, checked one character into the match


def literal_trie(words: Iterable[str]) -> str:
    """A regex matching any of `words` at a position where LEFT holds, written as a trie.

    It matches what `LEFT(?:w1|w2|…)` with the words longest first would: all the words that match at
    one position lie on one path of the trie, and the trie tries them longest first, backtracking to
    shorter ones when what follows fails. It is several times faster: the first level is a branch of
    literal characters, which lets the regex engine skip ahead to those characters, and each later
    character is one test instead of one per word. LEFT is checked after the first character.
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
    firsts = [re.escape(char) + LEFT_OF_SECOND + emit(child) for char, child in sorted(trie.items())]
    return "(?:" + "|".join(firsts) + ")"


@lru_cache(maxsize=256)
def words_pattern(words: frozenset[str]) -> re.Pattern:
    """Whole-word matches of any of `words`."""
    return re.compile(rf"{literal_trie(words)}{RIGHT}")


def capitalised(words: Iterable[str]) -> list[str]:
    return [word for word in words if "A" <= word[:1] <= "Z"]


def fold(text: str) -> str:
    """Accents away: "Orbán" -> "Orban"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DATE = re.compile(
    rf"(?=[A-Z0-9]){LEFT}(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:\s*(?:-|–)\s*\d{{1,2}})?\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\.?\s+\d{{4}}"
    rf"|(?:January|February|March|April|June|July|August|September|October|November|December)"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)){RIGHT}"
)
