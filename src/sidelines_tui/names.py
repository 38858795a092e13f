"""Names as users type them: "lavrov", "Sergey Lavrov", "g-20", "Shanghai Cooperation Organisation".

One resolver serves the command line's filters and the app's pickers. It knows every name the store
links articles to, and the gazetteer's aliases and long names for them (the packaged gazetteer and the
user's own files), so a summit from the user's file resolves by its long name as a packaged one does.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sidelines_tui.gazetteer import Gazetteer, load_gazetteer, short_form

KINDS = ("official", "summit")


def fold(text: str) -> str:
    """Case, accents, spaces and punctuation away: 'G-20' and 'g20', 'Sánchez' and 'sanchez' meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


@dataclass(slots=True)
class NameIndex:
    """The forms of every name of one kind: canonical name -> the ways a user may write it."""

    kind: str
    forms: dict[str, list[str]] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        """The canonical name meant, or None when nothing (or more than one name) fits."""
        key = text.strip()
        if key in self.forms:
            return key
        folded = fold(key)
        if not folded:
            return None
        exact = [name for name, forms in self.forms.items() if any(fold(f) == folded for f in forms)]
        if len(exact) == 1:
            return exact[0]
        if self.kind == "official":
            by_surname = [name for name in self.forms if fold(short_form(name)) == folded
                          or fold(name.split()[-1]) == folded]
            if len(by_surname) == 1:
                return by_surname[0]
        return None

    def search_text(self, name: str) -> str:
        """Every form of a name on one line, for a picker's fuzzy narrowing."""
        return " / ".join(dict.fromkeys([name, *self.forms.get(name, [])]))


def name_index(kind: str, stored: list[str], gazetteer: Gazetteer | None = None) -> NameIndex:
    """Forms for the names in `stored` (those the store links articles to), from the gazetteer."""
    index = NameIndex(kind, {name: [name] for name in stored})
    gazetteer = gazetteer or load_gazetteer()
    if kind == "official":
        for official in gazetteer.officials:
            if official.name in index.forms:
                index.forms[official.name] += [*official.aliases, official.short or short_form(official.name)]
    elif kind == "summit":
        for body in gazetteer.summits:
            if body.code in index.forms:
                index.forms[body.code] += body.names
    return index


def gazetteer_index(kind: str, gazetteer: Gazetteer) -> NameIndex:
    """Every name the gazetteer knows of one kind (stored or not)."""
    if kind == "official":
        return name_index(kind, [o.name for o in gazetteer.officials], gazetteer)
    return name_index(kind, [b.code for b in gazetteer.summits], gazetteer)


class UnknownName(ValueError):
    """A name that matches no official or summit the store or the gazetteer knows."""


class NameResolver:
    """Resolve names against a store's entities, falling back to the gazetteer for names no stored
    article carries yet (they resolve, and simply match nothing)."""

    def __init__(self, store, gazetteer_dir: Path | None = None) -> None:
        self._store = store
        self._gazetteer_dir = gazetteer_dir
        self._gazetteer: Gazetteer | None = None
        self._indexes: dict[str, NameIndex] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self._gazetteer_dir)
        return self._gazetteer

    def index(self, kind: str) -> NameIndex:
        if kind not in self._indexes:
            self._indexes[kind] = name_index(kind, self._store.entity_names(kind), self.gazetteer)
        return self._indexes[kind]

    def resolve(self, kind: str, text: str) -> str:
        found = self.index(kind).resolve(text) or gazetteer_index(kind, self.gazetteer).resolve(text)
        if found is None:
            raise UnknownName(f"no {kind} called {text.strip()!r} in the articles or the gazetteer")
        return found
