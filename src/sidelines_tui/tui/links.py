"""Opening a link from a terminal app: only a graphical browser (or the user's $BROWSER) is used, never a
console browser that would take over the terminal the app is drawing on."""

from __future__ import annotations

import os
import sys


def has_graphical_browser() -> bool:
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(url: str) -> bool:
    """True when a browser took the link. Blocking: call it from a thread."""
    if not has_graphical_browser():
        return False
    import webbrowser

    try:
        return bool(webbrowser.open(url, new=2))
    except webbrowser.Error:
        return False
