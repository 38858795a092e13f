"""The TUI driven through Textual's Pilot: every key, stacked filters, pickers, tags, notes with autosave,
refresh in progress, and markup safety."""

from __future__ import annotations

import asyncio
import tomllib

from textual.widgets import Input, OptionList, TextArea

from sidelines_tui.models import StoredArticle
from sidelines_tui.store import open_store
from sidelines_tui.tag import tag_text
from sidelines_tui.tui.app import SidelinesApp
from sidelines_tui.tui.dialogs.entity_picker import EntityPicker
from sidelines_tui.tui.dialogs.note_editor import NoteEditor
from sidelines_tui.tui.dialogs.prompt import Prompt
from sidelines_tui.tui.dialogs.tag_editor import TagEditor
from sidelines_tui.tui.filter_bar import FilterBar
from tests.support.pilot import HOSTILE_TITLE, SIZE, plain, settle, stack, timeline_lines


async def test_first_start_shows_how_to_begin_and_d_loads_the_demo(locations):
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert any("a: add a feed" in line for line in timeline_lines(app))
        assert any("load the offline demo" in line for line in timeline_lines(app))
        await pilot.press("d")
        await settle(pilot, app)
        assert app.main.timeline.row_count == 12
        assert app.main.match_count == 12


async def test_timeline_rows_headings_and_chips(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        lines = timeline_lines(app)
        assert lines[0].strip().startswith("Wednesday 3 July 2024")
        assert "Lavrov and Wang Yi meet" in lines[1]
        assert "Lavrov" in lines[1] and "SCO" in lines[1]  # chips: officials and summits
        assert "12 articles" in plain(app.main.query_one(FilterBar))


async def test_j_k_enter_open_the_article_with_entity_highlighting(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j", "k")
        assert app.main.timeline.cursor == 1
        await pilot.press("down", "up", "enter")
        await settle(pilot, app)
        article = app.main.reader.article
        assert article.title.startswith("[bold]Markup")
        await pilot.press("k", "enter")
        await settle(pilot, app)
        article = app.main.reader.article
        assert article.title.startswith("Lavrov and Wang Yi")
        body = app.main.reader.highlighted_text(article)
        official_style = app.main.reader.get_component_rich_style("reader--official")
        spans = {(body.plain[s.start:s.end], s.style) for s in body.spans}
        assert ("Sergei Lavrov", official_style) in spans
        summit_style = app.main.reader.get_component_rich_style("reader--summit")
        assert ("Shanghai Cooperation Organisation", summit_style) in spans
        assert official_style != summit_style
        # opening marks it read
        with open_store(demo_home.database) as store:
            assert store.article(article.id).read


async def test_pickers_filters_stack_escape_pops_and_c_clears(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        picker = app.screen
        assert isinstance(picker, EntityPicker)
        options = picker.query_one(OptionList)
        first = options.get_option_at_index(0).prompt
        assert "Vladimir Putin" in first.plain and "4" in first.plain  # sorted by count
        await pilot.press("l", "a", "v", "r")
        await pilot.pause()
        assert options.get_option_at_index(0).prompt.plain.startswith("Sergei Lavrov")
        await pilot.press("enter")
        await settle(pilot, app)
        assert stack(app) == [("official", "Sergei Lavrov")]
        assert app.main.timeline.row_count == 3
        await pilot.press("s")
        await settle(pilot, app)
        await pilot.press("a", "p", "e", "c", "enter")
        await settle(pilot, app)
        assert stack(app) == [("official", "Sergei Lavrov"), ("summit", "APEC")]
        assert app.main.timeline.row_count == 1
        bar = plain(app.main.query_one(FilterBar))
        assert "Sergei Lavrov" in bar and "APEC" in bar and "1 article" in bar
        await pilot.press("slash")
        await settle(pilot, app)
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"paris", "enter")
        await settle(pilot, app)
        assert stack(app)[-1] == ("search", "paris") and app.main.timeline.row_count == 1
        await pilot.press("escape")
        await settle(pilot, app)
        assert stack(app) == [("official", "Sergei Lavrov"), ("summit", "APEC")]
        await pilot.press("c")
        await settle(pilot, app)
        assert stack(app) == [] and app.main.timeline.row_count == 12


async def test_number_keys_apply_top_entities_of_the_view(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        top = app.main.quick[0]
        assert top.count == max(e.count for e in app.main.quick)
        await pilot.press("1")
        await settle(pilot, app)
        assert stack(app) == [(top.kind, top.name)]
        assert app.main.timeline.row_count == top.count
        assert (top.kind, top.name) not in [(e.kind, e.name) for e in app.main.quick]  # active ones drop out
        second = app.main.quick[1]
        await pilot.press("2")
        await settle(pilot, app)
        assert stack(app)[-1] == (second.kind, second.name)


async def test_entity_list_in_reader_filters_the_timeline(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        entities = app.main.query_one("#reader-entities", OptionList)
        entities.focus()
        entities.highlighted = 1  # Wang Yi
        await pilot.press("enter")
        await settle(pilot, app)
        assert stack(app) == [("official", "Wang Yi")]


async def test_tags_with_completion_and_removal(demo_home):
    with open_store(demo_home.database) as store:
        store.add_tags(5, ["ukraine"])
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
        editor = app.screen
        assert isinstance(editor, TagEditor)
        await pilot.press("u", "k")
        await pilot.pause()
        assert editor.query_one(Input)._suggestion == "ukraine"  # completion from existing tags
        await pilot.press("right", "enter", *"follow up", "enter", "escape")
        await settle(pilot, app)
        first = app.main.timeline.current_id
        with open_store(demo_home.database) as store:
            assert store.tags(first) == ["follow-up", "ukraine"]
        assert app.main.timeline.current_row.tags == ("follow-up", "ukraine")
        assert "#follow-up #ukr" in timeline_lines(app)[1]  # chips drawn in the row
        await pilot.press("t", *"ukraine", "enter", "escape")
        await settle(pilot, app)
        with open_store(demo_home.database) as store:
            assert store.tags(first) == ["follow-up"]


async def test_note_autosaves_while_typing_and_on_close(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        article_id = app.main.timeline.current_id
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Ask Lavrov about grain")
        await asyncio.sleep(0.8)  # the debounce is 0.4 s: saved without closing the editor
        await pilot.pause()
        with open_store(demo_home.database) as store:
            assert store.note(article_id) == "Ask Lavrov about grain"
        app.screen.query_one(TextArea).insert(" [bold]now[/bold]")
        await pilot.press("escape")
        await settle(pilot, app)
        with open_store(demo_home.database) as store:
            assert store.note(article_id) == "Ask Lavrov about grain [bold]now[/bold]"
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Ask Lavrov about grain [bold]now[/bold]" in plain(app.main.query_one("#reader-note"))


async def test_read_star_browser_export_theme_help_keys(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        first = app.main.timeline.current_id
        await pilot.press("m", "asterisk")
        await settle(pilot, app)
        with open_store(demo_home.database) as store:
            article = store.article(first)
            assert article.read and article.starred
            store.set_note(first, "for the report")
        assert "★" in timeline_lines(app)[1]
        await pilot.press("b")  # demo articles have no link
        await pilot.pause()
        assert any("no link" in str(n.message) for n in app._notifications)
        await pilot.press("e")
        await settle(pilot, app)
        [exported] = demo_home.export_dir.glob("sidelines-notes-*.md")
        assert "for the report" in exported.read_text(encoding="utf-8")
        assert any(str(exported) in str(n.message) for n in app._notifications)
        theme = app.theme
        await pilot.press("T")
        await settle(pilot, app)
        assert app.theme != theme
        saved = tomllib.loads(demo_home.config_file.read_text())
        assert saved["theme"] == app.theme
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("Static").content
        assert "Official" in str(help_text.renderable if hasattr(help_text, "renderable") else "") or \
            any("Official" in str(c) for c in help_text.columns[1]._cells)
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None


async def test_theme_choice_survives_a_restart(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("T", "T")
        await settle(pilot, app)
        chosen = app.theme
    again = SidelinesApp(demo_home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        assert again.theme == chosen


async def test_command_palette_lists_app_actions(demo_home):
    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"export")
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Export" in p for p in prompts)
        await pilot.press("enter")
        await settle(pilot, app)
        assert len(list(demo_home.export_dir.glob("sidelines-notes-*.md"))) == 1


async def test_hostile_titles_text_tags_and_notes_render_literally(locations):
    text = f"{HOSTILE_TITLE} body with [red]markup[/red] and \x1b]0;title\x07 escapes. Sergei Lavrov spoke."
    with open_store(locations.database) as store:
        feed = store.add_feed("https://example.org/feed", "[blink]Feed[/blink]")
        store.upsert_articles(feed.id, [(StoredArticle("h", "https://example.org/[x]", HOSTILE_TITLE,
                                                       "2024-02-02T10:00:00+00:00", text, tag_text(text)), "d")])
        store.add_tags(1, ["[bold]tag"])
        store.set_note(1, "[/] note [bold]x")
    app = SidelinesApp(locations)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        row = timeline_lines(app)[1]
        assert "[bold]Big[/bold]" in row and "\x1b" not in row
        await pilot.press("enter")
        await settle(pilot, app)
        header = plain(app.main.query_one("#reader-header"))
        assert "[bold]Big[/bold] [link=https://evil.example]click[/link]" in header
        assert "[blink]Feed[/blink]" in header and "#[bold]tag" in header
        assert "\x1b" not in header
        assert "[red]markup[/red]" in plain(app.main.query_one("#reader-body"))
        assert "[/] note [bold]x" in plain(app.main.query_one("#reader-note"))
        await pilot.press("o")
        await settle(pilot, app)
        await pilot.press("escape")


async def test_the_footer_follows_the_focus_and_is_the_same_after_a_dialog(demo_home):
    from textual.widgets._footer import FooterKey

    app = SidelinesApp(demo_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)

        def keys() -> list[str]:
            return [key.description for key in app.main.query(FooterKey)]

        in_timeline = keys()
        assert "Open" in in_timeline and "Meetings" in in_timeline
        await pilot.press("tab")
        await settle(pilot, app)
        assert "Open" not in keys() and "Meetings" in keys()  # the reader's keys
        await pilot.press("shift+tab", "o")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert keys() == in_timeline


def test_the_app_answers_a_lone_esc_with_its_own_driver_only_where_textual_would_use_its_linux_one():
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.linux_driver import LinuxDriver

    from sidelines_tui.tui.driver import PromptEscapeDriver, driver_class

    assert driver_class(LinuxDriver) is PromptEscapeDriver
    assert driver_class(HeadlessDriver) is HeadlessDriver
