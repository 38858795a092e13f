"""What every command shares: the home's store (and telling the user what its upgrade did), feeds and
filters as the user names them."""

from __future__ import annotations

import sys
from pathlib import Path

from sidelines_tui.cli.registry import UserError
from sidelines_tui.models import Feed, Filters
from sidelines_tui.paths import Locations
from sidelines_tui.safe_text import one_line
from sidelines_tui.store import Store, open_store


def home_store(loc: Locations) -> Store:
    store = open_store(loc.database, recovery_dir=loc.data_dir)
    for notice in store.take_notices():
        print(f"sidelines: {one_line(notice, 400)}", file=sys.stderr)
    return store


def gazetteer_dir(loc: Locations) -> str | None:
    return str(loc.gazetteer_dir) if loc.gazetteer_dir.is_dir() else None


def feed_arg(store: Store, value: str, *, include_unsubscribed: bool = False) -> Feed:
    """A feed by id, URL or (unique) title."""
    feeds = store.feeds(include_unsubscribed=include_unsubscribed)
    for feed in feeds:
        if feed.url == value or str(feed.id) == value:
            return feed
    titled = [f for f in feeds if f.title and f.title.casefold() == value.strip().casefold()]
    if len(titled) == 1:
        return titled[0]
    raise UserError(f"no subscription {value!r} (sidelines feeds lists them)")


def filters_from(args, store: Store, loc: Locations) -> Filters:
    """Filters from the command line; names resolve as a user types them ("lavrov", "g-20",
    "Shanghai Cooperation Organisation"), with the user's gazetteer. An unknown name is an error."""
    from sidelines_tui.names import NameResolver
    from sidelines_tui.store import normalise_tag

    resolver = NameResolver(store, Path(loc.gazetteer_dir))
    feed = feed_arg(store, args.feed, include_unsubscribed=True) if getattr(args, "feed", None) else None
    return Filters(officials=tuple(resolver.resolve("official", o) for o in args.official),
                   summits=tuple(resolver.resolve("summit", s) for s in args.summit),
                   tags=tuple(normalise_tag(t) for t in args.tag), search=args.search or None,
                   feed_id=feed.id if feed else None, unread=getattr(args, "unread", False),
                   starred=getattr(args, "starred", False))
