"""Meetings between officials an article reports (`../shared/MEETINGS.md`): who met whom, whether it
happened, how, where, at which summit and when.

The finder (and its compiled cue patterns) loads on first use: the store needs only `meet.merge`, and the
app's start-up does without the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sidelines_tui.meet.finder import PlaceFinder, find_meetings

__all__ = ["PlaceFinder", "find_meetings"]


def __getattr__(name: str):
    if name in __all__:
        from sidelines_tui.meet import finder

        return getattr(finder, name)
    raise AttributeError(name)
