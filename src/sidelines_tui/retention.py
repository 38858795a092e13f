"""Keeping a year, not forever: the cutoff a retention setting means, and a prune of a home's store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sidelines_tui.store.api import Store


@dataclass(frozen=True, slots=True)
class PruneReport:
    cutoff: str
    deleted: int
    vacuumed: bool


def cutoff_for(days: int, now: datetime | None = None) -> str:
    """The ISO instant `days` days before now: articles published before it are pruned."""
    return ((now or datetime.now(UTC)) - timedelta(days=days)).astimezone(UTC).isoformat(timespec="seconds")


def prune_store(store: Store, days: int, *, vacuum: bool = False, now: datetime | None = None) -> PruneReport:
    if days <= 0:
        raise ValueError("retention must be at least one day")
    cutoff = cutoff_for(days, now)
    deleted = store.prune(cutoff)
    if vacuum:
        store.vacuum()
    return PruneReport(cutoff, deleted, vacuum)
