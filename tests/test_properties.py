"""Hypothesis: the cleaner, the tagger and the Markdown export on arbitrary text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sidelines_tui.clean import clean_fragment, clean_html, clean_text
from sidelines_tui.export import render_markdown
from sidelines_tui.models import Filters, StoredArticle
from sidelines_tui.safe_text import strip_unsafe
from sidelines_tui.store import open_store
from sidelines_tui.tag import patterns, tag_text

WORDS = ["Sergei", "Lavrov", "Xi", "Jinping", "President", "Foreign", "Minister", "G20", "APEC", "summit",
         "Mr.", "Kerry", "County", "Xi'an", "[bold]", "[/", "\x1b[31m", "\x1b]8;;x\x07", "Group", "of", "20",
         "\u00a0", "\u00ad", "\n", "\n\n", "—", "Secretary", "State", "Special", "Envoy", "on", "Syria", "de"]
texty = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(texty)
def test_cleaners_never_raise_and_output_is_inert(raw):
    for out in (clean_text(raw).text, clean_fragment(raw), clean_html(raw).text,
                clean_html(raw.encode("utf-8", "surrogatepass")).text):
        assert "\x1b" not in out and "\x9b" not in out
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
        assert "\n\n\n" not in out


@SETTINGS
@given(texty)
def test_tagger_offsets_lie_inside_and_slice_to_words(raw):
    text = strip_unsafe(raw)
    for mention in tag_text(text):
        assert 0 <= mention.start < mention.end <= len(text)
        surface = text[mention.start:mention.end]
        assert surface.strip() == surface and surface
        assert mention.kind in {"official", "summit", "place", "org", "date"}
    spans = sorted((m.start, m.end) for m in tag_text(text))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no overlaps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(min_size=1, max_size=300), title=st.text(max_size=80), tag=st.text(min_size=1, max_size=20))
def test_export_structure_cannot_be_broken_by_notes_titles_or_tags(tmp_path, note, title, tag):
    with open_store(tmp_path / f"db-{abs(hash((note, title, tag)))}.sqlite3") as store:
        feed = store.add_feed("https://example.org/feed", "Feed")
        store.upsert_articles(feed.id, [(StoredArticle("g", "https://example.org/a", title, "2024-01-01T00:00:00+00:00",
                                                        "Body.", []), "h")])
        article_id = store.timeline()[0].id
        store.set_note(article_id, note)
        store.add_tags(article_id, [tag])
        text, count = render_markdown(store, Filters())
    lines = text.split("\n")
    # front matter: exactly one block at the top
    assert lines[0] == "---" and lines[1] == "generator: sidelines"
    end = lines.index("---", 1)
    assert all(":" in line for line in lines[1:end])
    body = lines[end + 1:]
    # one article heading, and every line of the note is inside the blockquote
    assert sum(1 for line in body if line.startswith("## ")) == (1 if count else 0)
    assert [line for line in body if line.startswith("# ")] == ["# Sidelines notes"]
    for line in body:
        assert not line.startswith("```") and line != "---"


FRAGMENT_PIECES = [
    "Lavrov", "met", "Wang Yi", "[bold]", "Ça", "—", "\u2019", " ", "\n", "\t", "\xa0", "\r\n", ">", "&amp;", "&lt;",
    "&gt;", "&quot;", "&nbsp;", "&#8217;", "&#x2014;", "&#150;", "&#0;", "&copy;", "&amp", "<p>", "</p>", "<br>",
    "<br/>", "</br>", "<b>", "</b>", "<i>", "</i>", "<em>", "</em>", '<a href="http://x/y">', '<a href="?a=1&amp;b=2">',
    "</a>", '<span class="c">', "</span>", "<P>", "</P>", "<sup>", "</sup>", "<b/>", "<div>", "</div>", "<!-- c -->",
    "<script>x()</script>", "<a title='q'>",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENT_PIECES), max_size=30))
def test_fragment_fast_path_reads_as_lxml_does(pieces):
    """Feed items take a regex fast path when they are simple; it must give lxml's paragraphs."""
    from sidelines_tui.clean import fragment_blocks_lxml, simple_fragment_blocks

    html = "".join(pieces)
    fast = simple_fragment_blocks(html)
    if fast is not None:
        def words(blocks: list[str]) -> list[str]:
            return [" ".join(b.split()) for b in blocks if b.split()]
        assert words(fast) == words(fragment_blocks_lxml(html))


def test_fragment_fast_path_takes_simple_items_and_leaves_the_rest():
    from sidelines_tui.clean import simple_fragment_blocks

    assert simple_fragment_blocks("<p>Lavrov met <b>Wang Yi</b>.</p><p>Talks&nbsp;went on.</p>") == [
        "Lavrov met Wang Yi.", "Talks\xa0went on."]
    for tricky in ("<div>x</div>", "<p>a<!-- c -->b</p>", "<b><p>x</p></b>", "a &copy; b", "<p>\x1b[31m</p>"):
        assert simple_fragment_blocks(tricky) is None


def test_fragment_fast_path_refuses_long_text_without_backtracking():
    """A long item that turns out not to be simple at its very end (a regression: this hung the refresh)."""
    from sidelines_tui.clean import clean_fragment, simple_fragment_blocks

    html = "Lavrov met Wang Yi. " * 50_000 + "<div>end</div>"
    assert simple_fragment_blocks(html) is None
    assert clean_fragment(html).endswith("end")


TRIE_WORDS = st.lists(st.text(alphabet="aAbB .'’-", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@example(words=["A", "A."], text="A. b")  # "Sen." and "Sen": the longer one wins
@example(words=["Ab", "Ab a"], text="Ab aA")  # the longer one fails at the boundary, the shorter matches
@given(words=TRIE_WORDS,
       text=st.lists(st.sampled_from(["a", "A", "b", "B", " ", ".", "'", "’", "-", "x", "aA", "Ab"]), max_size=30).map("".join))
def test_trie_pattern_matches_what_the_longest_first_alternation_matches(words, text):
    """The tagger's word lists compile to tries; they must find exactly the spans the plain
    `_LEFT(?:longest|…|shortest)_RIGHT` alternation finds, including where the right boundary
    makes the longest word fail and a shorter one match."""
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    reference = re.compile(rf"{patterns.LEFT}(?:{alternation}){patterns.RIGHT}")
    trie = re.compile(rf"{patterns.literal_trie(words)}{patterns.RIGHT}")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_trie_pattern_of_no_words_matches_nothing():
    assert re.compile(patterns.literal_trie([]) + patterns.RIGHT).search("Any text, at all") is None
    assert re.compile(patterns.literal_trie(["", "Ab"]) + patterns.RIGHT).findall("x Ab y") == ["Ab"]
