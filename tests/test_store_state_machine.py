"""A stateful property test of the user's precious data: notes, tags and stars.

Hypothesis drives the real CLI (in-process) and a second, long-lived store connection (as the app holds
one) against a real feed server on loopback: subscribe, refresh while the feeds change, remove, remove
--purge (with and without --yes), tag, untag, note, star, mark read, reindex, export, and an upgrade
from the previous schema with orphaned rows. A model kept here says which articles must exist and what
the user wrote on each. After every step the database must pass SQLite's integrity and foreign-key
checks, its full-text index must hold exactly the tokens of the articles and notes, every note and tag
must be on the article it was written for, and no article id may ever be given to a second article.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

from sidelines_tui.cli import main as cli_main
from sidelines_tui.models import Filters
from sidelines_tui.store import open_store, textcodec
from sidelines_tui.store.schema import build_version

FEEDS = 3
OFFICIALS = ["Sergei Lavrov", "John Kerry", "Wang Yi", "Antony Blinken"]
WORDS = ["summit", "grain", "talks", "ceasefire", "envoy", "sanctions", "[bold]", "naïve", "G20", "APEC"]
_example = itertools.count()


@dataclass
class Item:
    guid: str
    title: str
    text: str


@dataclass
class UserWork:
    note: str = ""
    tags: set[str] = field(default_factory=set)
    starred: bool = False

    def worth_keeping(self) -> bool:
        return bool(self.note.strip() or self.tags or self.starred)


def rss(items: list[Item]) -> str:
    from html import escape

    body = "".join(f"<item><title>{escape(i.title)}</title><guid isPermaLink=\"false\">{escape(i.guid)}</guid>"
                   f"<pubDate>Mon, 03 Jun 2024 10:00:00 +0000</pubDate>"
                   f"<description>{escape('<p>' + i.text + '</p>')}</description></item>" for i in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'


def fts_matches_source(path: Path) -> bool:
    """The live index holds exactly the tokens an index freshly built from articles and notes holds."""
    db = sqlite3.connect(path)
    textcodec.register(db)  # the search view reads the packed article text through unz()
    try:
        db.execute("CREATE VIRTUAL TABLE temp.live USING fts5vocab(main, search, instance)")
        db.execute("CREATE VIRTUAL TABLE temp.fresh USING fts5(title, body, note,"
                   " tokenize = 'unicode61 remove_diacritics 2', detail = column)")
        db.execute("INSERT INTO temp.fresh (rowid, title, body, note) SELECT id, title, body, note FROM search_source")
        db.execute("CREATE VIRTUAL TABLE temp.fresh_vocab USING fts5vocab(temp, fresh, instance)")
        live = Counter(db.execute("SELECT term, doc, col, offset FROM temp.live"))
        fresh = Counter(db.execute("SELECT term, doc, col, offset FROM temp.fresh_vocab"))
        return live == fresh
    finally:
        db.close()


class UserDataMachine(RuleBasedStateMachine):
    server = None  # set by the test
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp(dir=self.root))
        self.db_path = self.home / "sidelines.sqlite3"
        n = next(_example)
        self.urls = [self.server.url(self.server.add(f"/m{n}/f{k}.xml", rss([]))) for k in range(FEEDS)]
        self.paths = [f"/m{n}/f{k}.xml" for k in range(FEEDS)]
        self.items: list[list[Item]] = [[] for _ in range(FEEDS)]
        self.serial = itertools.count()
        self.subscribed: set[str] = set()
        self.articles: dict[tuple[str, str], UserWork] = {}  # (feed url, guid) -> what the user did to it
        self.ids: dict[int, tuple[str, str]] = {}  # every article id ever seen -> its article
        self.app_store = None  # the second instance, opened at the first step
        self.recovered: list[str] = []
        self.pruned = False  # a retention prune ran: items as old as the feeds' are not stored again

    # -- helpers ----------------------------------------------------------------------------------
    def cli(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main([*args, "--home", str(self.home)])
        return code, out.getvalue(), err.getvalue()

    def id_of(self, key: tuple[str, str]) -> int:
        for article_id, known in self.ids.items():
            if known == key:
                with open_store(self.db_path) as store:
                    if store.article(article_id) is not None:
                        return article_id
        raise AssertionError(f"no stored article for {key}")

    def store(self):
        if self.app_store is None:
            self.app_store = open_store(self.db_path)
        return self.app_store

    def teardown(self) -> None:
        if self.app_store is not None:
            self.app_store.close()

    # -- start: a new home, or one made by the previous schema with orphans -------------------------
    @initialize(legacy=st.booleans())
    def start(self, legacy: bool) -> None:
        if not legacy:
            return
        db = sqlite3.connect(self.db_path)
        build_version(db, 5)
        url = self.urls[0]
        db.execute("INSERT INTO feeds (id, url, title) VALUES (1, ?, 'Legacy')", (url,))
        for n, guid in enumerate(["old-1", "old-2", "old-3"], start=1):
            db.execute("INSERT INTO articles (id, feed_id, guid, title, published, text, fetched) VALUES (?, 1, ?, ?,"
                       " '2014-11-07T00:00:00+00:00', ?, '')", (n, guid, f"Old {guid}", f"Old text {guid} grain"))
            db.execute("INSERT INTO search (rowid, title, body, note) VALUES (?, ?, ?, '')",
                       (n, f"Old {guid}", f"Old text {guid} grain"))
            self.articles[(url, guid)] = UserWork()
            self.ids[n] = (url, guid)
        db.execute("INSERT INTO notes VALUES (1, 'kept legacy note', '2014-11-08')")
        db.execute("UPDATE search SET note = 'kept legacy note' WHERE rowid = 1")
        db.execute("INSERT INTO tags VALUES (2, 'legacy')")
        self.articles[(url, "old-1")].note = "kept legacy note"
        self.articles[(url, "old-2")].tags = {"legacy"}
        # What version 5's `remove` left behind: a note, tags and index rows of articles that are gone.
        db.execute("INSERT INTO notes VALUES (7, 'orphaned private note', '2014-11-09')")
        db.execute("INSERT INTO tags VALUES (8, 'secret')")
        db.execute("INSERT INTO search (rowid, title, body, note) VALUES (9, 'gone', 'gone', '')")
        for orphan in (7, 8, 9):
            self.ids[orphan] = ("(orphan)", str(orphan))
        db.commit()
        db.close()
        self.subscribed.add(url)
        self.recovered = ["orphaned private note", "secret"]

    # -- the feeds change on the server ------------------------------------------------------------
    @rule(k=st.integers(0, FEEDS - 1), official=st.sampled_from(OFFICIALS), word=st.sampled_from(WORDS),
          change=st.sampled_from(["add", "edit", "drop"]))
    def feed_changes(self, k: int, official: str, word: str, change: str) -> None:
        items = self.items[k]
        if change == "add" or not items:
            n = next(self.serial)
            items.append(Item(f"g{n}", f"{official} story {n}", f"{official} met envoys to discuss {word} at the summit."))
        elif change == "edit":
            items[0].text += f" Update: {word}."
        else:
            items.pop(0)  # gone from the feed; stored articles stay
        self.server.add(self.paths[k], rss(items))

    # -- subscriptions ----------------------------------------------------------------------------
    @rule(k=st.integers(0, FEEDS - 1))
    def add(self, k: int) -> None:
        code, out, err = self.cli("add", self.urls[k])
        assert code == 0, err
        if self.urls[k] in self.subscribed:
            assert out.startswith("already subscribed"), out
        self.subscribed.add(self.urls[k])

    @rule()
    def refresh(self) -> None:
        code, out, err = self.cli("refresh", "--json", "--fulltext", "never")
        assert code == 0, err
        assert '"errors": []' in out, out
        for k, url in enumerate(self.urls):
            if url in self.subscribed and not self.pruned:  # after a prune, items that old are not stored again
                for item in self.items[k]:
                    self.articles.setdefault((url, item.guid), UserWork())

    @rule(k=st.integers(0, FEEDS - 1))
    def remove(self, k: int) -> None:
        url = self.urls[k]
        code, out, err = self.cli("remove", url)
        if url not in self.subscribed:
            assert code == 1 and "no subscription" in err
            return
        assert code == 0, err
        self.subscribed.discard(url)
        for key in [key for key, work in self.articles.items() if key[0] == url and not work.worth_keeping()]:
            del self.articles[key]

    @rule(k=st.integers(0, FEEDS - 1), confirmed=st.booleans())
    def purge(self, k: int, confirmed: bool) -> None:
        url = self.urls[k]
        known = url in self.subscribed or any(key[0] == url for key in self.articles)
        code, out, err = self.cli("remove", url, "--purge", *(["--yes"] if confirmed else []))
        if not known:
            assert code == 1 and "no subscription" in err
            return
        holds_work = any(key[0] == url and work.worth_keeping() for key, work in self.articles.items())
        if holds_work and not confirmed:  # never silently: refused, and it says what it would drop
            assert code == 1 and "--yes" in err
            return
        assert code == 0, err
        self.subscribed.discard(url)
        for key in [key for key in self.articles if key[0] == url]:
            del self.articles[key]

    # -- the user's work --------------------------------------------------------------------------
    @precondition(lambda self: self.articles)
    @rule(data=st.data(), tag=st.sampled_from(["ukraine", "Follow up", "#g20", "secret"]), remove=st.booleans())
    def tag(self, data, tag: str, remove: bool) -> None:
        key = data.draw(st.sampled_from(sorted(self.articles)))
        code, out, err = self.cli("tag", str(self.id_of(key)), tag, *(["-r"] if remove else []))
        assert code == 0, err
        normal = "-".join(tag.lower().split()).strip("#")
        if remove:
            self.articles[key].tags.discard(normal)
        else:
            self.articles[key].tags.add(normal)

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), text=st.sampled_from(["", "PRIVATE note", "Ask about [bold]grain[/bold]", "naïve\nsecond line"]))
    def note(self, data, text: str) -> None:
        key = data.draw(st.sampled_from(sorted(self.articles)))
        code, out, err = self.cli("note", str(self.id_of(key)), text)
        assert code == 0, err
        self.articles[key].note = text if text.strip() else ""

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), starred=st.booleans())
    def star(self, data, starred: bool) -> None:
        key = data.draw(st.sampled_from(sorted(self.articles)))
        self.store().set_flags(self.id_of(key), starred=starred)  # the app's instance, beside the CLI
        self.articles[key].starred = starred

    @rule(word=st.sampled_from(["grain", "summit", ""]))
    def mark_read(self, word: str) -> None:
        self.store().mark_read(Filters(search=word or None))

    @rule()
    def prune(self) -> None:
        """Retention: the feeds' items (June 2024) are older than 30 days; those without the user's work go."""
        code, out, err = self.cli("prune", "--days", "30", "--json")
        assert code == 0, err
        self.pruned = True
        for key in [key for key, work in self.articles.items() if not work.worth_keeping()]:
            del self.articles[key]

    @rule()
    def reindex(self) -> None:
        code, out, err = self.cli("reindex")
        assert code == 0, err

    @rule()
    def export(self) -> None:
        target = self.home / "out.md"
        code, out, err = self.cli("export", "-o", str(target))
        assert code == 0, err
        text = target.read_text(encoding="utf-8")
        for work in self.articles.values():
            for line in work.note.splitlines():
                assert line in text

    # -- what must hold after every step -----------------------------------------------------------
    @invariant()
    def user_data_is_where_it_was_written(self) -> None:
        if not self.db_path.exists():
            return
        with open_store(self.db_path) as store:
            assert store.integrity_ok()
            rows = store.db.execute(
                "SELECT a.id, f.url, a.guid, a.starred, COALESCE(n.body, '') FROM articles a"
                " JOIN feeds f ON f.id = a.feed_id LEFT JOIN notes n ON n.article_id = a.id").fetchall()
            tags: dict[int, set[str]] = {}
            for article_id, tag in store.db.execute("SELECT article_id, tag FROM tags"):
                tags.setdefault(article_id, set()).add(tag)
            subscribed = {r[0] for r in store.db.execute("SELECT url FROM feeds WHERE subscribed = 1")}
        assert fts_matches_source(self.db_path)
        stored = {}
        for article_id, url, guid, starred, note in rows:
            key = (url, guid)
            if article_id in self.ids:
                assert self.ids[article_id] == key, f"id {article_id} reused: was {self.ids[article_id]}, now {key}"
            else:
                assert article_id > max(self.ids, default=0), f"id {article_id} given out of order"
                self.ids[article_id] = key
            stored[key] = UserWork(note=note, tags=tags.get(article_id, set()), starred=bool(starred))
        assert stored == self.articles
        assert subscribed == self.subscribed
        if self.recovered:
            [saved] = self.home.glob("recovered-notes-*.md")
            assert all(words in saved.read_text(encoding="utf-8") for words in self.recovered)


def test_notes_and_tags_survive_every_sequence_of_operations(tmp_path, server):
    UserDataMachine.server = server
    UserDataMachine.root = tmp_path
    run_state_machine_as_test(UserDataMachine, settings=settings(
        max_examples=100, stateful_step_count=40, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
