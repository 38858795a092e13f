"""The stack of filters a user builds with single keys: a value, read once before work goes to the store.

Filters stack (every one must hold); `esc` drops the last, `c` all. A feed filter and the unread toggle
are single: pushing another feed replaces the first, and unread is on or off.
"""

from __future__ import annotations

from dataclasses import dataclass

from sidelines_tui.models import Filters

KINDS = ("official", "summit", "tag", "search", "feed", "unread")
_SINGLE = ("feed", "unread")


@dataclass(frozen=True, slots=True)
class FilterItem:
    kind: str
    value: str  # a canonical name, a tag, search words, a feed id, "" for unread
    label: str = ""  # what the filter bar shows when it is not the value (a feed's title)

    @property
    def shown(self) -> str:
        return self.label or self.value


@dataclass(frozen=True, slots=True)
class FilterStack:
    items: tuple[FilterItem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def push(self, kind: str, value: str, label: str = "") -> FilterStack:
        if kind not in KINDS:
            raise ValueError(f"unknown filter kind {kind!r}")
        if any(i.kind == kind and i.value == value for i in self.items):
            return self
        kept = tuple(i for i in self.items if i.kind not in _SINGLE or i.kind != kind)
        return FilterStack(kept + (FilterItem(kind, value, label),))

    def pop(self) -> FilterStack:
        return FilterStack(self.items[:-1])

    def clear(self) -> FilterStack:
        return FilterStack()

    def without(self, kind: str) -> FilterStack:
        return FilterStack(tuple(i for i in self.items if i.kind != kind))

    def has(self, kind: str) -> bool:
        return any(i.kind == kind for i in self.items)

    def values(self, kind: str) -> tuple[str, ...]:
        return tuple(i.value for i in self.items if i.kind == kind)

    @property
    def filters(self) -> Filters:
        feeds = self.values("feed")
        return Filters(officials=self.values("official"), summits=self.values("summit"), tags=self.values("tag"),
                       search=" ".join(self.values("search")) or None,
                       feed_id=int(feeds[-1]) if feeds else None, unread=self.has("unread"))

    @property
    def entity_values(self) -> set[str]:
        """The officials and summits already filtered (quick filters leave them out)."""
        return {i.value for i in self.items if i.kind in ("official", "summit")}
