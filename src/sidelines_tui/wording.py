"""Counts in words, as the CLI and the app say them: "1 article", "2 articles", "no notes"."""

from __future__ import annotations

_IRREGULAR = {"entry": "entries", "is": "are", "was": "were"}


def plural(count: int, word: str, *, zero: str | None = None) -> str:
    if count == 0 and zero is not None:
        return zero
    if count == 1:
        return f"{count} {word}"
    return f"{count:,} {_IRREGULAR.get(word, word + 's')}"


def listing(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def user_data_words(notes: int, tags: int, starred: int) -> str:
    """What a removal would drop, in words ('2 notes, 3 tags and 1 star'); '' when nothing."""
    return listing([plural(notes, "note") if notes else "", plural(tags, "tag") if tags else "",
                    plural(starred, "star") if starred else ""])
