"""The store: one interface (`Store`), a SQLite implementation, and `open_store` to pick one.

A location is a path (SQLite, the default) or a URL whose scheme names a backend module in this
package: `postgresql://…` opens `sidelines_tui.store.postgresql`, which must define
`open_location(location, **options) -> Store`. A new backend is that one module plus its tests.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

from sidelines_tui.store.api import Store, StoreError
from sidelines_tui.store.prepare import content_hash, normalise_tag, prepare_article
from sidelines_tui.store.query import fts_query
from sidelines_tui.store.schema import SCHEMA_VERSION

__all__ = ["Store", "StoreError", "open_store", "content_hash", "normalise_tag", "prepare_article", "fts_query",
           "SCHEMA_VERSION"]

_URL = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)


def open_store(location: str | os.PathLike[str], **options: object) -> Store:
    """The store at `location`: a SQLite file path, or `scheme://...` for another backend."""
    match = _URL.match(str(location)) if not isinstance(location, Path) else None
    if match and match.group(1).lower() != "file":
        scheme = match.group(1).lower().split("+")[0]
        try:
            backend = importlib.import_module(f"sidelines_tui.store.{scheme}")
        except ModuleNotFoundError as exc:
            raise StoreError(f"no store backend for {scheme}:// locations") from exc
        return backend.open_location(str(location), **options)
    from sidelines_tui.store.sqlite import SqliteStore

    path = str(location)
    return SqliteStore(Path(path[len("file://"):] if path.startswith("file://") else path), **options)
