"""The `sidelines` command's contracts (DESIGN.md), run as a real subprocess."""

from __future__ import annotations

import json

from sidelines_tui.models import StoredArticle
from sidelines_tui.store import open_store
from sidelines_tui.tag import tagger_for
from tests.conftest import SAMPLES, run_cli
from tests.support import corpus


def test_extract_prints_one_json_object_per_input_with_path(tmp_path):
    story = corpus.stories(seed=11, count=1)[0]
    page = tmp_path / "page.html"
    page.write_text(corpus.page_wire(story), encoding="utf-8")
    sample = SAMPLES / "sputnik-lavrov-kerry-apec-2016.txt"
    result = run_cli("extract", str(page), str(sample), "--json", home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(page), str(sample)]
    first = lines[0]
    assert set(first) >= {"path", "title", "published", "url", "text", "officials", "summits", "entities"}
    assert first["published"] == story.published.date().isoformat()
    assert first["text"].split("\n\n") == story.paragraphs
    for entity in first["entities"]:
        assert entity["kind"] in {"official", "summit", "place", "org", "date"}
        assert 0 <= entity["start"] < entity["end"] <= len(first["text"])


def test_extract_missing_file_is_one_line_error_and_nonzero_exit(tmp_path):
    result = run_cli("extract", str(tmp_path / "nope.html"), home=tmp_path / "h")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot read" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["error"]


def test_bad_arguments_and_unknown_ids_fail_cleanly(tmp_path):
    home = tmp_path / "h"
    result = run_cli("tag", "12345", "x", home=home)
    assert result.returncode != 0 and result.stderr.strip() == "sidelines: no article with id 12345"
    result = run_cli("refresh", "--fulltext", "sometimes", home=home)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_demo_list_tag_note_and_list_json_contract(tmp_path):
    home = tmp_path / "h"
    assert run_cli("demo", home=home).returncode == 0
    listed = json.loads(run_cli("list", "--official", "Sergei Lavrov", "--json", home=home).stdout)
    assert listed and all("Sergei Lavrov" in a["officials"] for a in listed)
    assert set(listed[0]) == {"id", "title", "url", "published", "feed", "officials", "summits", "tags", "note"}
    article = listed[0]["id"]
    assert run_cli("tag", str(article), "Ukraine", "follow-up", home=home).stdout.split() == ["follow-up", "ukraine"]
    assert run_cli("note", str(article), "-", input="Ask about [bold]grain[/bold].\n", home=home).returncode == 0
    tagged = json.loads(run_cli("list", "--tag", "ukraine", "--json", home=home).stdout)
    assert [a["id"] for a in tagged] == [article]
    assert tagged[0]["note"] == "Ask about [bold]grain[/bold].\n"
    assert run_cli("tag", "-r", str(article), "ukraine", home=home).stdout.split() == ["follow-up"]
    summit = json.loads(run_cli("list", "--summit", "g-20", "--json", home=home).stdout)
    assert summit and all("G20" in a["summits"] for a in summit)
    searched = json.loads(run_cli("list", "--search", "grain", "--json", home=home).stdout)
    assert article in [a["id"] for a in searched]


def test_export_markdown_is_atomic_and_refuses_foreign_files(tmp_path):
    home = tmp_path / "h"
    run_cli("demo", home=home)
    listed = json.loads(run_cli("list", "--json", home=home).stdout)
    run_cli("note", str(listed[0]["id"]), "# not a heading\n---\nfront: matter\n```\nfence", home=home)
    target = tmp_path / "out" / "notes.md"
    target.parent.mkdir()
    result = run_cli("export", "-o", str(target), home=home)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\ngenerator: sidelines\n")
    assert f"## {listed[0]['title']}" in text or "## [" in text
    assert "> # not a heading" in text and "> ---" in text and "> ```" in text
    assert text.count("\n---\n") == 1  # the note's --- stayed inside its blockquote
    assert run_cli("export", "-o", str(target), home=home).returncode == 0  # our own file: overwritten
    foreign = tmp_path / "mine.md"
    foreign.write_text("my own file")
    result = run_cli("export", "-o", str(foreign), home=home)
    assert result.returncode == 1 and "--force" in result.stderr
    assert foreign.read_text() == "my own file"
    assert run_cli("export", "-o", str(foreign), "--force", home=home).returncode == 0
    assert list((tmp_path / "out").iterdir()) == [target]  # no temp files left behind


def test_opml_round_trip_keeps_titles_urls_and_folders(tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text("""<?xml version="1.0"?><opml version="2.0"><head/><body>
      <outline text="Diplomacy"><outline text="Wire &amp; Co" type="rss" xmlUrl="https://wire.example/rss"/>
        <outline text="Asia"><outline title="Asia Desk" xmlUrl="https://asia.example/atom"/></outline></outline>
      <outline text="Loose" xmlUrl="http://loose.example/feed"/>
      <outline text="Bad" xmlUrl="file:///etc/passwd"/></body></opml>""")
    home = tmp_path / "h"
    result = run_cli("import-opml", str(opml), home=home)
    assert result.returncode == 0 and "imported 3 feeds, skipped 1" in result.stdout
    out = tmp_path / "out.opml"
    assert run_cli("export-opml", "-o", str(out), home=home).returncode == 0
    home2 = tmp_path / "h2"
    assert run_cli("import-opml", str(out), home=home2).returncode == 0
    feeds = {f["url"]: (f["title"], f["folder"]) for f in json.loads(run_cli("feeds", "--json", home=home2).stdout)}
    assert feeds == {"https://wire.example/rss": ("Wire & Co", "Diplomacy"),
                     "https://asia.example/atom": ("Asia Desk", "Diplomacy/Asia"),
                     "http://loose.example/feed": ("Loose", "")}


def test_home_env_variable_is_honoured(tmp_path):
    home = tmp_path / "envhome"
    result = run_cli("demo", env={"SIDELINES_HOME": str(home)})
    # run_cli strips SIDELINES_HOME from the parent env, then adds ours back through env=
    assert result.returncode == 0
    assert (home / "sidelines.sqlite3").exists()


def test_extract_binary_and_empty_files_give_empty_results(tmp_path):
    import random

    binary = tmp_path / "random.bin"
    binary.write_bytes(random.Random(5).randbytes(4000))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = run_cli("extract", str(binary), str(empty), home=tmp_path / "h")
    assert result.returncode == 0
    for line in result.stdout.splitlines():
        obj = json.loads(line)
        assert obj["title"] == "" and obj["text"] == "" and obj["entities"] == []


def test_extract_reads_gzipped_pages_and_refuses_corrupt_bomb_or_huge_ones(tmp_path):
    import gzip

    sample = next(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
    plain = run_cli("extract", str(sample), home=tmp_path / "h")
    packed = tmp_path / (sample.name + ".gz")
    packed.write_bytes(gzip.compress(sample.read_bytes()))
    corrupt = tmp_path / "corrupt.html.gz"
    corrupt.write_bytes(gzip.compress(b"<p>" + b"text " * 2000)[:60])
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (9 * 1024 * 1024)))  # 9 MB unpacked, 9 KB on disk
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: 9 MB of zeros that take no disk
    result = run_cli("extract", str(packed), str(corrupt), str(bomb), str(huge), home=tmp_path / "h")
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    expected = json.loads(plain.stdout)
    assert out[0]["path"] == str(packed)
    assert {k: v for k, v in out[0].items() if k != "path"} == {k: v for k, v in expected.items() if k != "path"}
    assert out[0]["officials"]  # the sample's officials, found in the unpacked text
    assert out[1] == {"path": str(corrupt), "error": "truncated gzip file"}
    assert out[2]["path"] == str(bomb) and "more than 8 MB" in out[2]["error"]
    assert out[3] == {"path": str(huge), "error": "larger than 8 MB: not a page"}
    assert len(result.stderr.splitlines()) == 3


def test_filters_resolve_names_as_users_type_them(tmp_path):
    home = tmp_path / "h"
    run_cli("demo", home=home)
    canonical = json.loads(run_cli("list", "--official", "Sergei Lavrov", "--json", home=home).stdout)
    assert canonical
    for typed in ("lavrov", "SERGEI LAVROV"):
        assert json.loads(run_cli("list", "--official", typed, "--json", home=home).stdout) == canonical
    g20 = json.loads(run_cli("list", "--summit", "G20", "--json", home=home).stdout)
    assert g20
    for typed in ("g-20", "Group of 20", "group of twenty"):
        assert json.loads(run_cli("list", "--summit", typed, "--json", home=home).stdout) == g20
    assert json.loads(run_cli("list", "--official", "Sergey Lavrov", "--json", home=home).stdout) == canonical
    unknown = run_cli("list", "--official", "Nobody Known", "--json", home=home)
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr == "sidelines: no official called 'Nobody Known' in the articles or the gazetteer\n"
    # a known name that no stored article carries: nothing matched, said on stderr, not an error
    known = run_cli("list", "--official", "Rex Tillerson", home=home)
    assert known.returncode == 0 and known.stdout == "" and "no articles match these filters" in known.stderr


def test_a_summit_from_the_users_gazetteer_resolves_by_its_long_name(tmp_path):
    home = tmp_path / "h"
    (home / "gazetteer").mkdir(parents=True)
    (home / "gazetteer" / "nordic.json").write_text(json.dumps(
        {"summits": [{"code": "NORDIC", "names": ["Nordic Council", "Nordic Council session"], "always": True}]}))
    assert run_cli("demo", home=home).returncode == 0
    text = "The Nordic Council session opened in Oslo on Tuesday with ministers from five countries."
    with open_store(home / "sidelines.sqlite3") as store:
        demo = store.feeds()[0]
        mentions = tagger_for(str(home / "gazetteer")).tag(text)
        assert [m.name for m in mentions if m.kind == "summit"] == ["NORDIC"]
        store.upsert_articles(demo.id, [(StoredArticle("nordic", None, "Nordic", "2024-01-01T00:00:00+00:00", text,
                                                       mentions), "h")])
    by_code = json.loads(run_cli("list", "--summit", "NORDIC", "--json", home=home).stdout)
    assert [a["title"] for a in by_code] == ["Nordic"]
    for typed in ("Nordic Council", "nordic council session"):
        assert json.loads(run_cli("list", "--summit", typed, "--json", home=home).stdout) == by_code
