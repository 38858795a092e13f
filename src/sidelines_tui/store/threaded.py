"""A store on its own thread, for asyncio callers (the app): every call runs there, never on the event loop."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sidelines_tui.store import Store, open_store

T = TypeVar("T")


class ThreadedStore:
    def __init__(self, location: str | os.PathLike[str], name: str = "sidelines-db") -> None:
        self.location = location
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._store: Store | None = None

    def _ensure(self) -> Store:
        if self._store is None:
            self._store = open_store(self.location)
        return self._store

    async def call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run `fn(store, *args, **kwargs)` on the store's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(self._ensure(), *args, **kwargs))

    def call_blocking(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Before the event loop runs (the first page) or after it may be gone (the last save on exit)."""
        return self._executor.submit(lambda: fn(self._ensure(), *args, **kwargs)).result(timeout=15)

    def close(self) -> None:
        def _close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        try:
            self._executor.submit(_close).result(timeout=15)
        finally:
            self._executor.shutdown(wait=True)
