"""OPML as people write it: an ill-formed file is read outline by outline, and the import says so."""

from __future__ import annotations

import json

import pytest

from sidelines_tui.opml import OpmlError, parse_opml
from tests.conftest import run_cli

ILL_FORMED = b"""<?xml version="1.0"?><opml version="1.0"><head><title>News & "Views"</title></head><body>
<outline text="World & Politics">
  <outline text="BBC "World"" type="rss" xmlUrl="http://feeds.bbci.co.uk/news/world/rss.xml"/>
  <outline text="Query & Co" type="rss" xmlUrl="http://example.com/feed?a=1&b=2"/>
  <outline text="Fine" type="rss" xmlUrl='http://fine.example/rss' />
  <outline text=broken "x" y/>
</outline>
<outline text="Top" xmlUrl="http://top.example/rss?x=1&amp;y=2"/>
</body></opml>"""


def test_a_raw_ampersand_and_quote_do_not_lose_the_file():
    read = parse_opml(ILL_FORMED)
    assert [(f.title, f.url, f.folder) for f in read.feeds] == [
        ('BBC "World"', "http://feeds.bbci.co.uk/news/world/rss.xml", "World & Politics"),
        ("Query & Co", "http://example.com/feed?a=1&b=2", "World & Politics"),  # the URL intact
        ("Fine", "http://fine.example/rss", "World & Politics"),
        ("Top", "http://top.example/rss?x=1&y=2", ""),
    ]
    assert read.note == "the file is not well-formed XML; read 4 feed outlines, 1 outline was unreadable"


def test_a_well_formed_file_has_no_note_and_what_is_not_opml_is_refused():
    good = b'<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>'
    read = parse_opml(good)
    assert read.note is None and [f.url for f in read.feeds] == ["https://a.example/rss"]
    with pytest.raises(OpmlError, match="not an OPML file"):
        parse_opml(b"<html><body>not & opml</body></html>")


def test_the_cli_imports_an_ill_formed_file_and_says_what_it_could_not_read(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_bytes(ILL_FORMED)
    home = tmp_path / "h"
    result = run_cli("import-opml", str(path), home=home)
    assert result.returncode == 0
    assert result.stdout == "imported 4 feeds\n"
    assert result.stderr == "sidelines: the file is not well-formed XML; read 4 feed outlines, 1 outline was unreadable\n"
    feeds = json.loads(run_cli("feeds", "--json", home=home).stdout)
    assert {f["url"] for f in feeds} == {"http://feeds.bbci.co.uk/news/world/rss.xml", "http://example.com/feed?a=1&b=2",
                                         "http://fine.example/rss", "http://top.example/rss?x=1&y=2"}
