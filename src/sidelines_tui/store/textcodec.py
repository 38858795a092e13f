"""Article text at rest: zlib-compressed (a year of articles in well under half the space: news text packs to
about 0.41 of its size one article at a time). A BLOB is packed text; a TEXT value is text as older versions
stored it, read as it is. SQL reads it through `unz()`, registered on every connection the store opens
(`register`); a tool opening the file by itself registers it the same way to read the search view."""

from __future__ import annotations

import sqlite3
import zlib

LEVEL = 6


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack(value: str | bytes | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value  # stored before version 8
    return zlib.decompress(value).decode("utf-8")


def register(db: sqlite3.Connection) -> None:
    db.create_function("unz", 1, unpack, deterministic=True)
