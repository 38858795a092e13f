"""The `sidelines` command: the TUI with no arguments, and one subcommand per core stage."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from sidelines_tui import __version__
from sidelines_tui.cli.registry import COMMANDS, UserError
from sidelines_tui.paths import locate
from sidelines_tui.safe_text import one_line

ESCAPE_DELAY_MS = 25


def _parser() -> argparse.ArgumentParser:
    from sidelines_tui.cli import articles, feeds, meetings  # noqa: F401  (each registers its commands)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", default=argparse.SUPPRESS,
                        help="keep all state (database, config, exports) under DIR (env SIDELINES_HOME)")
    parser = argparse.ArgumentParser(prog="sidelines", parents=[common],
                                     description="Who meets whom, on the sidelines of which summit: a terminal news reader.")
    parser.add_argument("--version", action="version", version=f"sidelines {__version__}")
    sub = parser.add_subparsers(dest="command")
    for cmd in COMMANDS.values():
        cmd.arguments(sub.add_parser(cmd.name, parents=[common], help=cmd.help, description=cmd.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        locations = locate(getattr(args, "home", None))
        if args.command is None:
            # No cyclic garbage collection until the first paint (the app freezes what exists then and
            # turns it back on): the collections that imports and start-up trigger cost ~25 ms and free
            # nothing, everything made so far lives as long as the app.
            gc.disable()
            # A lone esc is told from the start of an escape sequence by waiting for the next byte:
            # Textual waits 100 ms, paid by every esc (closing a dialog, dropping a filter). A sequence's
            # bytes arrive in one write, so 25 ms is plenty (ncurses users' usual ESCDELAY); the
            # environment variable still wins.
            os.environ.setdefault("ESCDELAY", str(ESCAPE_DELAY_MS))
            from sidelines_tui.tui.app import run_app

            return run_app(locations)
        return COMMANDS[args.command].run(args, locations.ensure())
    except UserError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the contract: one line, never a traceback
        from sidelines_tui.errors import describe, expected

        if expected(exc):
            return fail(describe(exc))
        if os.environ.get("SIDELINES_DEBUG"):
            raise
        return fail(f"unexpected {type(exc).__name__}: {exc}")


def fail(message: str, code: int = 1) -> int:
    print(f"sidelines: {one_line(message, 300)}", file=sys.stderr)
    return code
