"""The tagger's word lists, as data (`data/lexicon.json`): titles that stand before a name, words that
end a name, place words, surnames too common to stand alone. The user's gazetteer files may add titles
(`"titles": ["Taoiseach"]`), as they add officials and summits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Lexicon:
    title_prefixes: tuple[str, ...]
    titles: tuple[str, ...]
    not_name_words: frozenset[str]
    place_words_before: tuple[str, ...]
    ambiguous_surnames: frozenset[str]
    weak_titles: tuple[str, ...] = ()
    lowercase_titles: tuple[str, ...] = ()
    official_roles: tuple[str, ...] = ()
    weak_roles: tuple[str, ...] = ()
    non_official_roles: tuple[str, ...] = ()
    government_bodies: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    leading_title_words: tuple[str, ...] = ()
    private_org_words: tuple[str, ...] = ()
    opening_words: tuple[str, ...] = ()
    family_names_first: tuple[str, ...] = ()  # Chinese, Korean, Vietnamese family names: "Wen" of "Wen Jiabao"

    @property
    def title_forms(self) -> tuple[str, ...]:
        """Every title with every prefix: "Foreign Minister", "Former Foreign Minister", ..."""
        return (*self.titles, *(prefix + title for prefix in self.title_prefixes for title in self.titles))


def load_lexicon(extra_dir: Path | None = None) -> Lexicon:
    data = json.loads((resources.files("sidelines_tui") / "data" / "lexicon.json").read_text(encoding="utf-8"))
    titles = list(data["titles"])
    if extra_dir and extra_dir.is_dir():
        for path in sorted(extra_dir.glob("*.json")):
            try:
                extra = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # the gazetteer loader reports a broken file
            if isinstance(extra, dict):
                titles += [t for t in extra.get("titles", []) if isinstance(t, str) and t.strip() and t not in titles]
    return Lexicon(title_prefixes=tuple(data["title_prefixes"]), titles=tuple(titles),
                   not_name_words=frozenset(data["not_name_words"]),
                   place_words_before=tuple(data["place_words_before"]),
                   ambiguous_surnames=frozenset(data["ambiguous_surnames"]),
                   **{key: tuple(data.get(key, ())) for key in ("weak_titles", "lowercase_titles", "official_roles",
                                                                 "weak_roles", "non_official_roles", "government_bodies",
                                                                 "demonyms", "leading_title_words",
                                                                 "private_org_words", "opening_words",
                                                                 "family_names_first")})
