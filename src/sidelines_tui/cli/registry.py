"""Each command is registered once, with its arguments and what it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from sidelines_tui.paths import Locations

Runner = Callable[[argparse.Namespace, Locations], int]
Arguments = Callable[[argparse.ArgumentParser], None]


class UserError(Exception):
    """Reported as one line on stderr with exit code 1."""


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    run: Runner
    arguments: Arguments


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, arguments: Arguments = lambda parser: None) -> Callable[[Runner], Runner]:
    def register(run: Runner) -> Runner:
        if name in COMMANDS:
            raise RuntimeError(f"command {name!r} registered twice")
        COMMANDS[name] = Command(name, help, run, arguments)
        return run
    return register


def filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The timeline's filters, as `list` and `export` take them."""
    parser.add_argument("--official", action="append", default=[], help="an official (full name, alias or surname)")
    parser.add_argument("--summit", action="append", default=[], help="a summit (code or long name)")
    parser.add_argument("--feed", help="a feed (id, URL or title)")
    parser.add_argument("--tag", action="append", default=[])
    parser.add_argument("--search", help="words in the title, text or note")
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--starred", action="store_true", help="only starred articles")
