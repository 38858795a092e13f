"""What the main screen does to articles: tags, notes, read and star, mark the view read, open the link,
export the notes. A mixin of MainScreen; every store call goes to the database thread."""

from __future__ import annotations

import asyncio

from textual import work

from sidelines_tui.tui import links
from sidelines_tui.wording import plural


class ArticleActions:
    _note_editor = None  # the NoteEditor screen while a note is open

    @work(group="pickers")
    async def action_tags(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        current = await self.db.call(lambda s: s.tags(article_id))
        known = [t for t, _ in await self.db.call(lambda s: s.all_tags())]
        from sidelines_tui.tui.dialogs.tag_editor import TagEditor

        chosen = await self.app.push_screen_wait(TagEditor(current, known))
        if chosen is None:
            return
        removed = [t for t in current if t not in chosen]
        added = [t for t in chosen if t not in current]

        def apply(store) -> None:
            if removed:
                store.remove_tags(article_id, removed)
            if added:
                store.add_tags(article_id, added)

        await self.db.call(apply)
        await self.after_edit(article_id)

    async def after_edit(self, article_id: int) -> None:
        await self.refresh_row(article_id)
        if self.reader.article and self.reader.article.id == article_id:
            await self.show_in_reader(article_id)

    @work(group="pickers")
    async def action_note(self) -> None:
        article_id = self.timeline.current_id
        if article_id is None:
            return
        article = await self.db.call(lambda s: s.article(article_id))
        if article is None:
            return
        from sidelines_tui.tui.dialogs.note_editor import NoteEditor  # TextArea loads on the first note

        self._note_editor = NoteEditor(article_id, article.title, article.note, save=self.save_note)
        await self.app.push_screen_wait(self._note_editor)
        self._note_editor = None
        await self.after_edit(article_id)

    def save_note(self, article_id: int, body: str) -> None:
        self._write_note(article_id, body)

    @work(group="notes", exit_on_error=False)
    async def _write_note(self, article_id: int, body: str) -> None:
        await self.db.call(lambda s: s.set_note(article_id, body))

    def flush_note(self) -> None:
        """The last keystrokes of an open note, saved before the app goes."""
        editor = self._note_editor
        if editor is not None and editor.body != editor._saved:
            editor._saved = editor.body
            self.db.call_blocking(lambda s: s.set_note(editor.article_id, editor.body))

    async def action_toggle_read(self) -> None:
        await self._toggle("read", ("Marked unread", "Marked read"))

    async def action_toggle_star(self) -> None:
        await self._toggle("starred", ("Star removed", "Starred"))

    async def _toggle(self, flag: str, said: tuple[str, str]) -> None:
        row = self.timeline.current_row
        if row:
            value = not getattr(row, flag)
            await self.db.call(lambda s: s.set_flags(row.id, **{flag: value}))
            await self.refresh_row(row.id)
            self.notify(said[value], timeout=1.5)

    async def action_mark_all_read(self) -> None:
        filters = self.stack.filters
        changed = await self.db.call(lambda s: s.mark_read(filters))
        self.notify(f"Marked {plural(changed, 'article')} read" if changed else "Everything here is read already.",
                    timeout=3)
        self.reload(keep_article=self.timeline.current_id)

    @work(group="browser")
    async def action_browser(self) -> None:
        row = self.timeline.current_row
        if row is None or not row.url:
            self.notify("This article has no link.", severity="warning")
            return
        opened = await asyncio.to_thread(links.open_in_browser, row.url)
        if opened:
            self.notify(f"Opened in your browser: {row.url}", markup=False, timeout=4)
            return
        self.app.copy_to_clipboard(row.url)
        self.notify(f"No browser could open it; the link is copied to the clipboard: {row.url}", markup=False,
                    severity="warning", timeout=12)

    @work(group="export")
    async def action_export(self) -> None:
        from sidelines_tui.export import ExportError, new_export_path, render_markdown, write_export

        filters = self.stack.filters
        text, count = await self.db.call(lambda s: render_markdown(s, filters))
        target = new_export_path(self.app.locations.export_dir)
        try:
            written = await asyncio.to_thread(write_export, text, target)
        except (ExportError, OSError) as exc:
            from sidelines_tui.errors import describe

            self.notify(describe(exc), severity="error", markup=False)
            return
        self.notify(f"Exported {plural(count, 'article')} to {written}", markup=False, timeout=8)
