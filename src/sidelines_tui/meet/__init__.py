"""Meetings between officials an article reports (`../shared/MEETINGS.md`): who met whom, whether it
happened, how, where, at which summit and when."""

from sidelines_tui.meet.finder import PlaceFinder, find_meetings

__all__ = ["PlaceFinder", "find_meetings"]
