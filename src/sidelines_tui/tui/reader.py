"""The reader: title, source, date, link, tags, the clean text with entities highlighted, the
article's entities (select one to filter the timeline by it) and its note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sidelines_tui.models import Article, Mention
from sidelines_tui.tui.messages import FilterRequested

KIND_LABEL = {"official": "Officials", "summit": "Summits", "place": "Places", "org": "Organisations",
              "date": "Dates"}


class EntityList(OptionList):
    """The article's officials and summits; enter filters the timeline by the highlighted one."""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, name = (event.option.id or "").partition(":")
        if kind and name:
            self.post_message(FilterRequested(kind, name))


class Reader(VerticalScroll, can_focus=True):
    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--official", "reader--summit", "reader--place",
        "reader--org", "reader--date", "reader--tag", "reader--note-title", "reader--link", "reader--marked",
        "reader--held", "reader--planned", "reader--possible", "reader--cancelled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="reader-header")
        yield EntityList(id="reader-entities")
        yield Static(id="reader-meetings")
        yield Static(id="reader-legend")
        yield Static(id="reader-body")
        yield Static(id="reader-note")

    def on_mount(self) -> None:
        self.show(None)

    def show(self, article: Article | None) -> None:
        self.article = article
        header = self.query_one("#reader-header", Static)
        entities = self.query_one("#reader-entities", EntityList)
        legend = self.query_one("#reader-legend", Static)
        meetings = self.query_one("#reader-meetings", Static)
        body = self.query_one("#reader-body", Static)
        note = self.query_one("#reader-note", Static)
        entities.clear_options()
        if article is None:
            header.update(Text("No article selected.", style=self._style("meta")))
            legend.update(Text(""))
            meetings.update(Text(""))
            body.update(Text(""))
            note.update(Text(""))
            entities.display = False
            return
        header.update(self._header(article))
        options = []
        for kind in ("official", "summit"):
            names = article.officials if kind == "official" else article.summits
            for name in names:
                label = Text()
                label.append("● ", self._style(kind))
                label.append(name)
                label.append(f"  {kind}", self._style("meta"))
                options.append(Option(label, id=f"{kind}:{name}"))
        entities.add_options(options)
        entities.display = bool(options)
        legend.update(self._legend(article))
        meetings.update(self._meetings(article))
        meetings.display = bool(article.meetings)
        body.update(self.highlighted_text(article))
        note.update(self._note(article))
        self.scroll_home(animate=False)
        if article.marked:
            self.call_after_refresh(self._scroll_to_mark, article)

    def add_mentions(self, mentions: list[Mention]) -> None:
        """Mark more entities in the article shown (the places, organisations and dates tagged after it
        was shown), where the reader is: nothing else is drawn again, the scroll stays."""
        if self.article is None:
            return
        self.article.mentions = sorted([*self.article.mentions, *mentions], key=lambda m: (m.start, m.end))
        self.query_one("#reader-legend", Static).update(self._legend(self.article))
        self.query_one("#reader-body", Static).update(self.highlighted_text(self.article))

    def _scroll_to_mark(self, article: Article) -> None:
        """Bring the marked sentence into view: its line in the body, as wrapped at the body's width."""
        body = self.query_one("#reader-body", Static)
        if article.marked is None or body.size.width <= 0:
            return
        before = Text(article.text[:article.marked[0]])
        lines = len(before.wrap(self.app.console, body.size.width))
        self.scroll_to(y=body.virtual_region.y + max(0, lines - 2), animate=False)

    def _meetings(self, article: Article) -> Text:
        """The meetings the article reports: who, what became of it, when and where, how many report it."""
        text = Text()
        if article.meetings:
            text.append("Meetings\n", self._style("note-title"))
        for meeting in article.meetings:
            text.append(" ● ", self._style(meeting.status))
            text.append(" – ".join(meeting.participants))
            details = [meeting.status, *(x for x in (meeting.date, meeting.summit, meeting.place) if x)]
            if meeting.mode != "in_person":
                details.insert(1, meeting.mode.replace("_", " "))
            text.append("  " + ", ".join(details), self._style(meeting.status))
            if len(meeting.sources) > 1:
                text.append(f"  ({len(meeting.sources)} articles)", self._style("meta"))
            text.append("\n")
        return text

    def restyle(self) -> None:
        """Re-render after a theme change so entity colours follow the theme."""
        self.show(self.article)

    def _style(self, name: str):
        return self.get_component_rich_style(f"reader--{name}")

    def _header(self, article: Article) -> Text:
        text = Text()
        text.append(article.title + "\n", self._style("title"))
        feed = article.feed if article.feed_subscribed else f"{article.feed} (unsubscribed: kept for your notes, tags or star)"
        text.append(f"{feed}  ·  {article.published[:16].replace('T', ' ')}", self._style("meta"))
        if article.starred:
            text.append("  ★", self._style("tag"))
        if article.url:
            text.append("\n")
            text.append(article.url, self._style("link"))
        if article.tags:
            text.append("\n")
            for tag in article.tags:
                text.append(f"#{tag} ", self._style("tag"))
        return text

    def _legend(self, article: Article) -> Text:
        text = Text()
        for kind in ("place", "org", "date"):
            names = list(dict.fromkeys(m.name for m in article.mentions if m.kind == kind))
            if names:
                text.append(f"{KIND_LABEL[kind]}: ", self._style("meta"))
                text.append(", ".join(names[:12]) + "\n", self._style(kind))
        return text

    def highlighted_text(self, article: Article) -> Text:
        """The article text as plain Text with each entity span styled from the tagger's offsets."""
        text = Text(article.text)
        length = len(article.text)
        for mention in article.mentions:
            if 0 <= mention.start < mention.end <= length:
                text.stylize(self._style(mention.kind), mention.start, mention.end)
        if article.marked and 0 <= article.marked[0] < article.marked[1] <= length:
            text.stylize(self._style("marked"), *article.marked)  # the sentence a meeting's report came from
        return text

    def _note(self, article: Article) -> Text:
        if not article.note.strip():
            return Text("No note yet: press n to write one.", style=self._style("meta"))
        text = Text()
        text.append("Note\n", self._style("note-title"))
        text.append(article.note)
        return text
