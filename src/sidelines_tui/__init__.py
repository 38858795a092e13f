"""Sidelines: a terminal reader for diplomacy news — who meets whom, on the sidelines of which summit."""

__version__ = "0.1.0"
