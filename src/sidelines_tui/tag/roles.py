"""What the words around a name say of the person: an office before it ("Energy Secretary Rick Perry",
"Democratic congresswoman Ilhan Omar", "Ambassador to the European Union Gordon Sondland"), or after it
("Kurt Volker, the former special envoy to Ukraine", "Liu He, China's top trade negotiator"), or a role that
is not an office ("Emirates President Tim Clark", "Jane Doe, a lawyer for the family").

A strong title (Minister, Senator, Governor, Ambassador…) makes an official wherever it stands. A weak one
(President, Chairman, Director, spokesman, official…) does so only when what qualifies it is a country, a
people or a public body ("Russian President", "FBI Director", "a State Department official"), or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sidelines_tui.tag.lexicon import Lexicon
from sidelines_tui.tag.patterns import literal_trie

_PREFIX_WORDS = ("Former", "former", "Acting", "acting", "Deputy", "deputy", "Vice", "Interim", "interim", "then-", "Then-",
                 "ex-", "Ex-", "Senior", "senior", "Chief", "First", "Lieutenant", "Assistant", "Outgoing", "outgoing",
                 "Incoming", "incoming", "Top", "top", "Longtime", "longtime", "incumbent", "current", "sitting", "new",
                 "newly elected", "elected", "embattled", "veteran")
_PREFIXES = r"(?:(?:" + "|".join(re.escape(w) for w in _PREFIX_WORDS) + r")\s+)*"
_QUALIFIER = r"(?P<qual>(?:[A-Z][\w.&'’-]*\s+){0,4})"
_SCOPE_WORDS = frozenset({"of", "for", "to", "on", "at", "the", ","})
_SCOPE = r"(?:\s+(?:of|for|to|on|at)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+?){1,4})?"


_CAPITALISED = re.compile(r"[A-Z][\w.&'’-]*").findall


def _unpossessed(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


@dataclass(frozen=True, slots=True)
class Evidence:
    """Official: an office stands by the name. Vetoed: a role that is not an office does; `hard` when the
    role is no office at all (a lawyer, a CEO), soft when an office-like word lacks a public body."""

    official: bool = False
    vetoed: bool = False
    title: str = ""
    hard: bool = False


NONE = Evidence()


class Roles:
    def __init__(self, lexicon: Lexicon, places: set[str]) -> None:
        self.lexicon = lexicon
        self.weak_titles = frozenset(t.lower() for t in lexicon.weak_titles)
        self.weak_roles = frozenset(lexicon.weak_roles)
        self.non_official = frozenset(lexicon.non_official_roles)
        self.public_words = frozenset({*lexicon.demonyms, *lexicon.government_bodies, *places})
        # Multi-word public names ("European Union", "State Department") anywhere in a phrase: one search.
        self._public_phrase = re.compile(literal_trie(w for w in self.public_words if " " in w)).search
        self.bodies = frozenset(b for b in lexicon.government_bodies if " " not in b)
        self.private_words = frozenset(lexicon.private_org_words)
        self.mods_veto = frozenset({"ceo", "founder", "co-founder", "lawyer", "professor", "analyst", "journalist", "reporter",
                                    "businessman", "businesswoman", "candidate", "billionaire", "attorney"})
        titles = literal_trie(lexicon.title_forms)
        # The word a title ends with (or its scope: "Ambassador to the European Union"): without one of them
        # in the last words before a name, no title stands there, and the regexes need not run.
        self._title_ends = frozenset({t.split()[-1].lower() for t in (*lexicon.title_forms, *lexicon.lowercase_titles)})
        self._title_words = frozenset(
            {w for phrase in (*lexicon.title_forms, *lexicon.lowercase_titles, *_PREFIX_WORDS) for w in phrase.split()}
            | {w.lower() for phrase in (*lexicon.title_forms, *lexicon.lowercase_titles) for w in phrase.split()})
        self._titles: dict[str, tuple[str, int, Evidence]] = {}
        self._before = re.compile(rf"{_QUALIFIER}{_PREFIXES}(?P<title>{titles}){_SCOPE}\s*,?\s*\Z")
        lower = "|".join(re.escape(t) for t in sorted(lexicon.lowercase_titles, key=len, reverse=True))
        self._before_lower = re.compile(rf"{_QUALIFIER}{_PREFIXES}(?P<title>{lower}){_SCOPE}\s*,?\s*\Z")
        self._corporate_before = re.compile(
            r"\b(?:CEO|chief executive|founder|chairman|chairwoman|owner|executive)\b[^.;]{0,25}\Z", re.IGNORECASE)
        roles = sorted({*lexicon.official_roles, *lexicon.non_official_roles}, key=len, reverse=True)
        self._after = re.compile(
            r"\s*,\s*(?:who\s+(?:is|was|has\s+been|had\s+been|served\s+as|became)\s+)?(?:(?:the|a|an|his|her|their|its)\s+)?"
            r"(?P<mods>(?:[^\s,.;:()\"“”]+\s+){0,6}?)(?P<role>" + "|".join(re.escape(r) for r in roles) + r")(?:s|es)?\b",
            re.IGNORECASE)

    # -- before the name ----------------------------------------------------------------------------
    def before(self, text: str, start: int) -> Evidence:
        if start == 0 or not (text[start - 1].isspace() or text[start - 1] == ","):
            return NONE
        window = text[max(0, start - 100):start]
        tokens = window.split()[-16:]
        # The word right before the name: most often neither a title's last word nor a capitalised word
        # that could close a title's scope, and then no title stands there (the cheap common case).
        last = tokens[-1].rstrip(",") if tokens else ""
        if not last or (last.lower() not in self._title_ends and not "A" <= last[0] <= "Z"):
            return NONE
        if not self._title_may_end(tokens[-8:]):
            return NONE
        # Anchored tries at word starts, leftmost first (the longest qualifier), and only in the run of
        # words a title can be made of that ends the window: far cheaper than trying every position.
        starts: list[int] = []
        end = len(window)
        for token in reversed(tokens):
            if not self._may_be_in_title(token):
                break
            end = window.rindex(token, 0, end)
            starts.append(end)
        starts.reverse()
        if not starts:
            return NONE
        # What the run of title words says depends on that run alone ("Chinese President ", "Foreign
        # Minister "): news repeats a few hundred of them, so each is worked out once.
        tail = window[starts[0]:]
        found = self._titles.get(tail)
        if found is None:
            found = self._title_in(tail, [pos - starts[0] for pos in starts])
            if len(self._titles) >= 8192:
                self._titles.clear()
            self._titles[tail] = found
        title, title_at, evidence = found
        if not title:
            return NONE
        title_at += starts[0]  # a corporate role stands at most 25 characters before the title
        if self._corporate_before.search(window, max(0, title_at - 45), title_at):
            return Evidence(vetoed=True, title=title)  # "chairman, CEO and president Craig Menear"
        return evidence

    def _title_in(self, tail: str, starts: list[int]) -> tuple[str, int, Evidence]:
        """The title a run of title words ends with: its text, where it starts, what it makes the name."""
        capital = next((m for m in (self._before.match(tail, pos) for pos in starts) if m), None)
        match = capital or next((m for m in (self._before_lower.match(tail, pos) for pos in starts) if m), None)
        if match is None:
            return "", 0, NONE
        title = match.group("title")
        if title.lower() not in self.weak_titles and (capital or title.lower() != "secretary"):
            return title, match.start("title"), Evidence(official=True, title=title)
        return title, match.start("title"), self._weak(title, match.group("qual").split(), lowercase=capital is None)

    def _may_be_in_title(self, token: str) -> bool:
        """Whether a word can stand in a title and what qualifies it: a capitalised word, a prefix ("former",
        "newly elected", "then-"), a word of a title ("congresswoman", "vice-premier") or of its scope."""
        word = token.rstrip(",")
        return (not word or "A" <= word[0] <= "Z" or word in self._title_words or word.lower() in self._title_words
                or word in _SCOPE_WORDS or word.startswith(("then-", "Then-", "ex-", "Ex-")))

    def _title_may_end(self, tail: list[str]) -> bool:
        """Whether a title can end the words before a name: its last word right before it, or before a scope
        of capitalised words ("Ambassador to the European Union")."""
        if not tail:
            return False
        if tail[-1].strip(",").lower() in self._title_ends:
            return True
        for i in range(len(tail) - 2, 0, -1):
            word = tail[i]
            if word in ("of", "for", "to", "on", "at"):
                rest = [w for w in tail[i + 1:] if w != "the"]
                return bool(rest) and all(w[:1].isupper() for w in rest) and tail[i - 1].lower() in self._title_ends
            if not (word[:1].isupper() or word == "the"):
                return False
        return False

    def _weak(self, title: str, qualifier: list[str], lowercase: bool = False) -> Evidence:
        """A weak title: an office when a public word qualifies it (or, capitalised, nothing does: "President
        Trump"), not when an organisation does ("Emirates President", "Teachers Association President")."""
        words = [w.rstrip(",") for w in qualifier if w not in ("The", "A", "An")]
        if not words:
            return Evidence(official=True, title=title) if not lowercase else NONE
        return Evidence(official=True, title=title) if self._public(words) else Evidence(vetoed=True, title=title)

    def _public(self, words: list[str]) -> bool:
        joined = " ".join(words)
        if self._public_phrase(joined):
            return True
        bare = [_unpossessed(w) for w in words]
        if bare and bare[-1] in self.private_words:
            return False
        return any(w in self.public_words for w in (*words, *bare))

    # -- after the name -----------------------------------------------------------------------------
    def after(self, text: str, end: int) -> Evidence:
        match = self._after.match(text, end, min(len(text), end + 140))
        if match is None:
            return NONE
        role = match.group("role").lower()
        mods = match.group("mods")
        if role in self.non_official or any(word.lower().strip("'’,") in self.mods_veto for word in mods.split()):
            return Evidence(vetoed=True, title=role, hard=True)
        if role not in self.weak_roles:
            return Evidence(official=True, title=role)
        # A weak role is an office when what qualifies it is public: a people or a place before it ("Hong
        # Kong's new police commissioner", "the Russian president"), or a public body after it ("the president
        # of the Federal Reserve Bank of New York", "a former National Security Council official"); not when
        # a private body is named ("founding director of the Center for…", "president of the American Farm Bureau").
        rest = text[match.end():min(len(text), match.end() + 100)].split(".")[0].split(",")[0].split(";")[0]
        clause = mods + " " + rest
        clause_words = [_unpossessed(w) for w in _CAPITALISED(clause)]
        if any(w in self.private_words for w in clause_words) and not self._public_phrase(clause):
            return Evidence(vetoed=True, title=role)
        mod_words = _CAPITALISED(mods)
        public = (self._public(mod_words) or self._public_phrase(clause)
                  or any(w in self.bodies for w in clause_words) or re.search(
            r"\b(?:government|administration|state|federal|national|military|foreign|cabinet|ministry|public|police|"
            r"city|county|municipal|provincial|regional|presidential|royal|district)\b", clause, re.I))
        return Evidence(official=True, title=role) if public else Evidence(vetoed=True, title=role)
