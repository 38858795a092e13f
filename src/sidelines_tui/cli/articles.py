"""Commands about articles: extract (no store), the timeline, tags and notes, the Markdown export, the demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sidelines_tui.cli.common import filters_from, gazetteer_dir, home_store
from sidelines_tui.cli.registry import UserError, command, filter_arguments
from sidelines_tui.contracts import article_json
from sidelines_tui.paths import Locations
from sidelines_tui.safe_text import one_line
from sidelines_tui.wording import plural


def _extract_arguments(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="PATH|URL")
    p.add_argument("--json", action="store_true", help="JSON Lines (the default output)")


@command("extract", "clean and tag pages without storing them", _extract_arguments)
def cmd_extract(args, loc: Locations) -> int:
    from sidelines_tui.extraction import extract_inputs

    results = extract_inputs(args.inputs, gazetteer_dir(loc))
    failed = 0
    for item in args.inputs:
        obj = results[item]
        if "error" in obj:
            failed += 1
            print(f"sidelines: {one_line(item, 120)}: {one_line(str(obj['error']))}", file=sys.stderr)
        print(json.dumps(obj, ensure_ascii=False))
    return 1 if failed else 0


def _list_arguments(p) -> None:
    filter_arguments(p)
    p.add_argument("--limit", type=int, default=50, help="at most this many articles (default 50)")
    p.add_argument("--all", action="store_true", help="every matching article")
    p.add_argument("--json", action="store_true")


@command("list", "the timeline, newest first", _list_arguments)
def cmd_list(args, loc: Locations) -> int:
    with home_store(loc) as store:
        filters = filters_from(args, store, loc)
        limit = store.count(filters) if args.all else max(0, args.limit)
        rows = store.timeline(filters, limit=limit)
        total = store.count(filters) if len(rows) == limit and not args.all else len(rows)
        if args.json:
            print(json.dumps([article_json(r, store.note(r.id)) for r in rows], ensure_ascii=False, indent=1))
    if not args.json:
        for r in rows:
            chips = " ".join([*(f"@{o}" for o in r.officials), *(f"^{s}" for s in r.summits), *(f"#{t}" for t in r.tags)])
            print(f"{r.id:>6}  {r.published[:10]}  {one_line(r.feed, 20):20}  {one_line(r.title, 80)}  {one_line(chips, 120)}")
    if not rows:
        print("sidelines: no articles match" + ("" if filters.is_empty() else " these filters"), file=sys.stderr)
    elif total > len(rows):
        print(f"sidelines: showing {len(rows)} of {plural(total, 'article')} (--limit N or --all for more)",
              file=sys.stderr)
    return 0


def _tag_arguments(p) -> None:
    p.add_argument("id", type=int)
    p.add_argument("tags", nargs="+")
    p.add_argument("-r", "--remove", action="store_true")


@command("tag", "add user tags to an article (-r to remove)", _tag_arguments)
def cmd_tag(args, loc: Locations) -> int:
    with home_store(loc) as store:
        tags = store.remove_tags(args.id, args.tags) if args.remove else store.add_tags(args.id, args.tags)
    print(" ".join(tags))
    return 0


def _note_arguments(p) -> None:
    p.add_argument("id", type=int)
    p.add_argument("text", help="the note ('-' reads it from stdin; an empty note deletes it)")


@command("note", "set an article's note ('-' reads stdin)", _note_arguments)
def cmd_note(args, loc: Locations) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    with home_store(loc) as store:
        store.set_note(args.id, text)
    return 0


def _export_arguments(p) -> None:
    filter_arguments(p)
    p.add_argument("-o", "--output", help="the file (default: a new dated file in the home's exports folder)")
    p.add_argument("--force", action="store_true", help="overwrite a file Sidelines did not write")
    p.add_argument("--meetings", action="store_true", help="the meetings of the view as a table, with their sources")


@command("export", "notes of the (filtered) timeline as Markdown", _export_arguments)
def cmd_export(args, loc: Locations) -> int:
    from sidelines_tui.export import new_export_path, render_markdown, render_meetings, write_export

    with home_store(loc) as store:
        render = render_meetings if args.meetings else render_markdown
        text, count = render(store, filters_from(args, store, loc))
    if args.output:
        target = Path(args.output).expanduser()
        if not target.parent.is_dir():
            raise UserError(f"{target.parent}: no such folder (create it first)")
    else:
        target = new_export_path(loc.export_dir)
    written = write_export(text, target, force=args.force)
    print(f"exported {plural(count, 'meeting' if args.meetings else 'article')} to {written}")
    return 0


@command("demo", "load the bundled offline demo articles")
def cmd_demo(args, loc: Locations) -> int:
    from sidelines_tui.demo import load_demo

    with home_store(loc) as store:
        added = load_demo(store, gazetteer_dir(loc))
    print(f"loaded {plural(added, 'demo article')}")
    return 0
