"""A found entity before overlaps are settled, and how they are settled (lower rank wins, then longer)."""

from __future__ import annotations

from dataclasses import dataclass

from sidelines_tui.models import Mention


@dataclass(slots=True)
class Candidate:
    kind: str
    name: str
    start: int
    end: int
    rank: int  # lower wins on overlap

    def mention(self) -> Mention:
        return Mention(self.kind, self.name, self.start, self.end)


def resolve_overlaps(candidates: list[Candidate]) -> list[Mention]:
    candidates.sort(key=lambda c: (c.rank, -(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for cand in candidates:
        start, end = cand.start, cand.end
        for s, e in taken:
            if start < e and s < end:
                break
        else:
            taken.append((start, end))
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return [c.mention() for c in kept]
