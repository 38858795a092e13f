"""Boundaries: nothing written outside the home, no remote resources fetched by themselves."""

from __future__ import annotations

from pathlib import Path

from sidelines_tui.store import open_store
from tests.conftest import run_cli
from tests.support import corpus


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_nothing_is_written_outside_the_home_but_the_named_export(tmp_path, server):
    fake_user_home = tmp_path / "user"
    fake_user_home.mkdir()
    env = {"HOME": str(fake_user_home), "XDG_DATA_HOME": str(fake_user_home / "data"),
           "XDG_CONFIG_HOME": str(fake_user_home / "config"), "XDG_CACHE_HOME": str(fake_user_home / "cache"),
           "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    home = tmp_path / "home"
    url = server.url(server.add("/f.xml", corpus.rss("F", corpus.stories(31, 3), server.url(""))))
    for args in (["add", url], ["refresh", "--json"], ["demo"], ["list", "--json"], ["tag", "1", "x"],
                 ["note", "1", "n"], ["export"], ["export-opml"], ["feeds"]):
        result = run_cli(*args, home=home, env=env)
        assert result.returncode == 0, (args, result.stderr)
    target = tmp_path / "elsewhere" / "report.md"
    refused = run_cli("export", "-o", str(target), home=home, env=env)  # a missing folder is not made up
    assert refused.returncode == 1 and refused.stderr.strip().endswith("elsewhere: no such folder (create it first)")
    assert not target.parent.exists()
    target.parent.mkdir()
    assert run_cli("export", "-o", str(target), home=home, env=env).returncode == 0
    assert all_files(fake_user_home) == set()
    assert all_files(tmp_path / "tmp") == set()
    outside = {p for p in all_files(tmp_path) if not p.is_relative_to(home)}
    assert outside == {target}


def test_pages_are_cleaned_without_fetching_their_images_scripts_or_styles(tmp_path, server):
    story = corpus.stories(32, 1)[0]
    page = corpus.page_wire(story).replace(
        "<main>", '<main><img src="/img/photo.jpg"><script src="/js/app.js"></script>'
                  '<link rel="stylesheet" href="/css/site.css"><iframe src="/embed/video"></iframe>')
    server.add(f"/articles/{story.guid}.html", page, content_type="text/html")
    url = server.url(server.add("/f.xml", corpus.rss("F", [story], server.url(""), full=False)))
    home = tmp_path / "home"
    run_cli("add", url, home=home)
    result = run_cli("refresh", "--fulltext", "always", "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert set(server.requests) == {"/f.xml", f"/articles/{story.guid}.html"}
    with open_store(home / "sidelines.sqlite3") as store:
        assert store.article(store.timeline()[0].id).text.split("\n\n") == story.paragraphs
