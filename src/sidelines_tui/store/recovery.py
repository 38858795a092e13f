"""Notes and tags that lost their article: found, and saved to a Markdown file before they are dropped.

Version 5 of the schema had no foreign keys from tags and notes to articles, and `remove` left them
behind. The upgrade to version 6 drops such rows, because an article id must never carry a note that was
written for another article, but the user's words are never thrown away unseen: they go to a file in
the home, and the user is told where.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from sidelines_tui.atomic import atomic_write_text


@dataclass(slots=True)
class Orphans:
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (old article id, body, updated)
    tags: dict[int, list[str]] = field(default_factory=dict)  # old article id -> tags

    def describe(self) -> str:
        parts = []
        if self.notes:
            parts.append(f"{len(self.notes)} note{'' if len(self.notes) == 1 else 's'}")
        pairs = sum(len(t) for t in self.tags.values())
        if pairs:
            parts.append(f"{pairs} tag{'' if pairs == 1 else 's'}")
        return " and ".join(parts) or "nothing"


def orphaned_user_data(db: sqlite3.Connection) -> Orphans:
    """Notes and tags whose article is gone, or whose article's feed is gone."""
    alive = "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id"
    orphans = Orphans()
    orphans.notes = [tuple(row) for row in db.execute(
        f"SELECT article_id, body, updated FROM notes WHERE article_id NOT IN ({alive}) ORDER BY article_id")]
    for article_id, tag in db.execute(
            f"SELECT article_id, tag FROM tags WHERE article_id NOT IN ({alive}) ORDER BY article_id, tag"):
        orphans.tags.setdefault(article_id, []).append(tag)
    return orphans


def save_orphans(orphans: Orphans, folder: Path) -> Path:
    """One Markdown file per upgrade, never overwriting an earlier one."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"recovered-notes-{stamp}.md"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"recovered-notes-{stamp}-{n}.md"
    lines = ["# Notes and tags recovered by the Sidelines upgrade", "",
             "These belonged to articles of feeds removed before Sidelines kept notes safe across removals.",
             "Their articles are gone; what you wrote is below, by the article's old id.", ""]
    ids = sorted({i for i, _, _ in orphans.notes} | set(orphans.tags))
    notes = {i: (body, updated) for i, body, updated in orphans.notes}
    for article_id in ids:
        lines += [f"## Article {article_id} (removed)", ""]
        if article_id in orphans.tags:
            lines += ["- Tags: " + ", ".join(orphans.tags[article_id]), ""]
        if article_id in notes:
            body, updated = notes[article_id]
            lines += [f"- Note written: {updated}", ""]
            lines += [("> " + line) if line.strip() else ">" for line in body.rstrip().split("\n")]
            lines.append("")
    folder.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, "\n".join(lines))
