"""Errors as one line a user can act on: no Python error numbers, the path or URL named once."""

from __future__ import annotations


def expected(exc: BaseException) -> bool:
    """The errors a user can cause or meet (bad files, bad URLs, a locked store), as opposed to bugs."""
    from sidelines_tui.export import ExportError
    from sidelines_tui.fetch import FetchError
    from sidelines_tui.names import UnknownName
    from sidelines_tui.opml import OpmlError
    from sidelines_tui.store import StoreError

    return isinstance(exc, (StoreError, ExportError, FetchError, OpmlError, UnknownName, OSError, ValueError))


def describe(exc: BaseException) -> str:
    """`[Errno 2] No such file or directory: 'x'` becomes `x: no such file or directory`."""
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror[0].lower() + exc.strerror[1:]
        target = exc.filename if exc.filename is not None else ""
        if exc.filename2 is not None:
            target = f"{exc.filename} -> {exc.filename2}"
        return f"{target}: {reason}" if target else reason
    return str(exc)
