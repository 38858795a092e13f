"""Summits: codes and long names mapped to one code. A body that is a summit only in summit context
(NATO, EU) is an organisation elsewhere."""

from __future__ import annotations

import re

from sidelines_tui.gazetteer import Gazetteer
from sidelines_tui.tag.candidates import Candidate
from sidelines_tui.tag.patterns import RIGHT, capitalised, literal_trie

_SUMMIT_NEAR = re.compile(
    r"^(?:[-–][A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:(?:leaders'?|heads of state|foreign ministers'?|"
    r"defen[cs]e ministers'?)\s+)?(?:summit|Summit|ministerial|leaders' meeting|meetings?|gathering|conference|"
    r"forum|session|plenary)\b"
)
_SUMMIT_BEFORE = re.compile(r"(?:(?:summit|Summit)\s+(?:of\s+)?|sidelines\s+of\s+)(?:the\s+)?$")


class SummitFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self._summit_by_form: dict[str, tuple[str, bool]] = {}
        for body in gazetteer.summits:
            for name in body.names:
                self._summit_by_form[name] = (body.code, body.always)
        self._summits_re = re.compile(rf"{literal_trie(capitalised(self._summit_by_form))}{RIGHT}")

    def find(self, text: str, out: list[Candidate]) -> None:
        for match in self._summits_re.finditer(text):
            code, always = self._summit_by_form[match.group(0)]
            start, end = match.span()
            if always or _SUMMIT_NEAR.match(text[end:end + 60]) or _SUMMIT_BEFORE.search(text[max(0, start - 20):start]):
                out.append(Candidate("summit", code, start, end, 10))
            else:
                out.append(Candidate("org", code, start, end, 20))
