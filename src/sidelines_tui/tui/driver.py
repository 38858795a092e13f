"""The terminal driver: Textual's Linux driver with an input thread that wakes when a lone esc is due.

A lone esc is told from the start of an escape sequence by waiting for the next byte (ESCDELAY, 25 ms as
`sidelines` starts). Textual's input thread checks that deadline only when its poll of stdin returns, every
100 ms when no key follows, so every esc (closing a dialog, dropping a filter) waited ~100 ms whatever
ESCDELAY said. Here the poll after input is short until the parser has had its chance to time out.

The input loop is ours; the parser is Textual's. Where Textual's internals are not as expected, the app
uses Textual's own driver (`driver_class`)."""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual import constants
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

IDLE_POLL = 0.1  # seconds: Textual's poll while nothing is pending
SHORT_POLLS = 2  # polls at the escape delay after input (the deadline falls inside the first)


class PromptEscapeDriver(LinuxDriver):
    def run_input_thread(self) -> None:
        from textual._xterm_parser import XTermParser

        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        short = 0
        try:
            while not self.exit_event.is_set():
                ready = selector.select(constants.ESCAPE_DELAY if short else IDLE_POLL)
                short = SHORT_POLLS if ready else max(0, short - 1)
                self._feed(parser, decode, ready)
            selector.unregister(self.fileno)
            self._feed(parser, decode, selector.select(IDLE_POLL), final=True)
        finally:
            selector.close()
            try:
                for _ in parser.feed(""):
                    pass
            except Exception:  # the parser at its end of input: nothing more to hand on
                pass

    def _feed(self, parser, decode, ready, final: bool = False) -> None:
        for index, (_key, mask) in enumerate(ready):
            if mask & selectors.EVENT_READ:
                data = decode(os.read(self.fileno, 4096), final=final and index == len(ready) - 1)
                if not data:
                    break
                for event in parser.feed(data):
                    self.process_message(event)
        for event in parser.tick():
            self.process_message(event)


def driver_class(default: type[Driver]) -> type[Driver]:
    """Ours where Textual would use its Linux driver and has the parts ours builds on; else Textual's."""
    try:
        from textual._xterm_parser import XTermParser  # noqa: F401
    except ImportError:
        return default
    usable = default is LinuxDriver and all(hasattr(XTermParser, name) for name in ("feed", "tick"))
    return PromptEscapeDriver if usable else default
