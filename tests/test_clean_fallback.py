"""The body fallback: when readability's choice is a fraction of the article's prose (one widget, a
testimonial, an empty <main>, one section of many), the body is read from the article's prose group."""

from __future__ import annotations

import pytest

from sidelines_tui.clean import clean_html
from sidelines_tui.clean import page as page_module

SENTENCE = "Ministers from both countries met in the capital on Tuesday to discuss the grain corridor and prisoners."


def _sections(count: int, per: int) -> str:
    return "".join(f'<section><h2>Part {i}</h2>' + "".join(f"<p>{SENTENCE} {SENTENCE} Section {i} paragraph {j}.</p>"
                                                            for j in range(per)) + "</section>" for i in range(count))


@pytest.fixture
def readability_picks(monkeypatch):
    """Make readability choose a given block, as it does on the pages where it fails."""
    def pick(text: str) -> None:
        monkeypatch.setattr(page_module, "readable_paragraphs", lambda doc: [text] if text else [])
    return pick


def test_a_widget_chosen_by_readability_gives_way_to_the_article(readability_picks):
    readability_picks('"Best coverage of the summit," says a reader.')
    page = f"""<html><body><div class="quote">"Best coverage of the summit," says a reader.</div>
      <div class="story">{''.join(f'<p>{SENTENCE} {SENTENCE} Paragraph {i}.</p>' for i in range(6))}</div></body></html>"""
    text = clean_html(page).text
    assert [p[-12:] for p in text.split("\n\n")] == [f"Paragraph {i}." for i in range(6)]


def test_an_empty_choice_and_one_section_of_many_give_the_whole_article(readability_picks):
    readability_picks("")
    page = f"<html><body><main></main><article>{_sections(3, 3)}</article></body></html>"
    text = clean_html(page).text
    assert text.count("paragraph") == 9 and "Part 0" in text and "Part 2" in text
    readability_picks(f"{SENTENCE} {SENTENCE} Section 1 paragraph 0.")
    assert clean_html(page).text.count("paragraph") == 9


def test_a_plausible_choice_and_teaser_cards_are_left_alone(readability_picks):
    article = "".join(f"<p>{SENTENCE} {SENTENCE} Paragraph {i}.</p>" for i in range(4))
    teasers = "".join(f'<li><a href="/s{i}">Story {i}</a><p>{SENTENCE} Teaser {i}.</p></li>' for i in range(20))
    readability_picks("\n\n".join(f"{SENTENCE} {SENTENCE} Paragraph {i}." for i in range(4)))
    page = f"<html><body><div class='body'>{article}</div><ul class='more'>{teasers}</ul></body></html>"
    text = clean_html(page).text
    assert "Teaser" not in text and text.count("Paragraph") == 4
