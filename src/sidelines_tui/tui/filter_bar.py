"""The filter bar: the stacked filters, how many articles match, and the 1-9 quick filters."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sidelines_tui.filter_stack import FilterStack
from sidelines_tui.gazetteer import short_form
from sidelines_tui.models import EntityCount

_PREFIX = {"official": "", "summit": "", "tag": "#", "search": "/", "feed": "feed: ", "unread": ""}
_STYLE = {"feed": "search", "unread": "search"}


class FilterBar(Static):
    COMPONENT_CLASSES = {"filter-bar--official", "filter-bar--summit", "filter-bar--tag", "filter-bar--search",
                         "filter-bar--count", "filter-bar--hint", "filter-bar--key"}

    def show(self, stack: FilterStack, count: int | None, quick: list[EntityCount], partial: bool = False) -> None:
        """`partial`: the view goes on past `count` (laid out as the cursor gets there): "1,234+ articles"."""
        style = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="ellipsis")
        if stack:
            for item in stack:
                text.append(f" {_PREFIX[item.kind]}{item.shown} ", style(f"filter-bar--{_STYLE.get(item.kind, item.kind)}"))
                text.append(" ")
        else:
            text.append("All articles ", style("filter-bar--hint"))
        shown = "…" if count is None else f"{count:,}{'+' if partial else ''}"
        text.append(f"  {shown} article{'' if count == 1 and not partial else 's'}", style("filter-bar--count"))
        if stack:
            text.append("   esc removes the last filter, c clears all", style("filter-bar--hint"))
        text.append("\n")
        if quick:
            for number, entity in enumerate(quick[:9], start=1):
                text.append(f" {number}", style("filter-bar--key"))
                name = short_form(entity.name) if entity.kind == "official" else entity.name
                text.append(f" {name} ({entity.count})", style(f"filter-bar--{entity.kind}"))
        else:
            text.append(" o official  s summit  t tag  / search  f feeds  u unread", style("filter-bar--hint"))
        self.update(text)
