"""The CPU-bound middle of the flow — parse, clean, tag — as plain functions that run in worker
processes (picklable inputs and outputs, no I/O)."""

from __future__ import annotations

from sidelines_tui.clean import clean_fragment, clean_html, clean_text, looks_binary, looks_like_html
from sidelines_tui.dates import now_iso
from sidelines_tui.meet import find_meetings
from sidelines_tui.models import (
    Extracted,
    FeedOutcome,
    PageWanted,
    PreparedArticle,
    Reanalysed,
    ReindexRow,
    StoredArticle,
)
from sidelines_tui.parse import FeedParseError, parse_feed
from sidelines_tui.safe_text import one_line
from sidelines_tui.store.prepare import content_hash, encode_spans, entity_keys, prepare_article
from sidelines_tui.tag import tagger_for

SUMMARY_ONLY_CHARS = 600  # feed text shorter than this (and no full content) counts as a summary


def extract_document(data: bytes, *, path_hint: str = "", url: str | None = None,
                     content_type: str | None = None, gazetteer_dir: str | None = None) -> Extracted:
    """`sidelines extract` for one input: HTML or plain text, cleaned and tagged."""
    from sidelines_tui.decode import charset_from_content_type, decode_bytes

    text = decode_bytes(data, charset_from_content_type(content_type))
    if looks_binary(text):
        return Extracted(title="", text="", published=None, url=url, mentions=[])
    if path_hint.lower().endswith((".txt", ".text")) or not looks_like_html(text):
        page = clean_text(text)
    else:
        page = clean_html(text, url=url)
    tagger = tagger_for(gazetteer_dir)
    mentions = tagger.tag(page.text)
    meetings = find_meetings(page.text, mentions, page.published, tagger.places_in)
    return Extracted(title=page.title, text=page.text, published=page.published, url=url, mentions=mentions,
                     meetings=meetings)


def process_feed(body: bytes, content_type: str | None, url: str, known: dict[str, str],
                 fulltext: str, gazetteer_dir: str | None) -> FeedOutcome:
    outcome = FeedOutcome()
    try:
        parsed = parse_feed(body, url, content_type)
    except FeedParseError as exc:
        outcome.error = str(exc)
        return outcome
    except Exception as exc:  # feedparser's loose parser can fail in odd ways on hostile input
        outcome.error = f"unparseable feed: {type(exc).__name__}"
        return outcome
    outcome.title = parsed.title
    outcome.entries = len(parsed.entries)
    tagger = tagger_for(gazetteer_dir)
    fetched = now_iso()
    latest = _latest_believable(fetched)
    seen: set[str] = set()
    for entry in parsed.entries:
        if entry.guid in seen:
            continue  # duplicate GUIDs inside one feed: the first wins
        seen.add(entry.guid)
        digest = content_hash(entry.title, entry.url, entry.summary_html, entry.content_html)
        published = _sane_date(entry.published, fetched, latest)
        if known.get(entry.guid) in (digest, "page:" + digest):
            if fulltext == "always" and entry.url:  # stored already: its page is fetched and cleaned again
                outcome.pages.append(PageWanted(entry.guid, entry.url, entry.title, published, "", digest))
            continue  # unchanged since last time: nothing to clean
        body_html = entry.content_html or entry.summary_html
        text = clean_fragment(body_html, title=entry.title)
        summary_only = not entry.content_html and (
            len(text) < SUMMARY_ONLY_CHARS // 2 or ("\n\n" not in text and len(text) < SUMMARY_ONLY_CHARS)
            or text.rstrip().endswith(("…", "...", "[…]", "[...]")))
        if entry.url and (fulltext == "always" or (fulltext == "auto" and summary_only)):
            outcome.pages.append(PageWanted(entry.guid, entry.url, entry.title, published, text, digest))
            # Stored now with the feed text; the page's text replaces it when it arrives.
        mentions = tagger.tag(text, full=False)
        article = StoredArticle(guid=entry.guid, url=entry.url, title=entry.title or _title_from(text),
                                published=published, text=text, mentions=mentions,
                                meetings=find_meetings(text, mentions, published, tagger.places_in))
        outcome.articles.append(prepare_article(article, digest))
    return outcome


def process_page(body: bytes, content_type: str | None, wanted: PageWanted,
                 gazetteer_dir: str | None) -> PreparedArticle | None:
    page = clean_html(body, url=wanted.url, fallback_title=wanted.title)
    text = page.text if len(page.text) >= len(wanted.feed_text) else wanted.feed_text
    if not text:
        return None
    published = wanted.published or _sane_date(page.published, now_iso())
    tagger = tagger_for(gazetteer_dir)
    mentions = tagger.tag(text, full=False)
    article = StoredArticle(guid=wanted.guid, url=wanted.url, title=wanted.title or page.title, published=published,
                            text=text, mentions=mentions, meetings=find_meetings(text, mentions, published, tagger.places_in))
    return prepare_article(article, "page:" + wanted.digest)


# A stored article is cleaned again only within reason: if today's rules would take more than this share
# of its text away, the stored text stays (the page it came from is not kept, so nothing could bring the
# text back).
RECLEAN_MAX_LOSS = 0.5


def reanalyse(rows: list[ReindexRow], gazetteer_dir: str | None) -> list[Reanalysed]:
    """`sidelines reindex` for a batch of stored articles: today's paragraph rules over the stored text,
    then today's tagger and meetings. Returns (id, text, spans, entity keys, meetings) for the store."""
    from sidelines_tui.clean.boilerplate import filter_paragraphs
    from sidelines_tui.safe_text import normalise_paragraphs

    tagger = tagger_for(gazetteer_dir)
    out = []
    for row in rows:
        text = normalise_paragraphs(filter_paragraphs(row.text.split("\n\n"), title=row.title))
        if len(text) < len(row.text) * (1 - RECLEAN_MAX_LOSS):
            text = row.text
        mentions = tagger.tag(text, full=False)
        meetings = tuple(find_meetings(text, mentions, row.published, tagger.places_in))
        out.append((row.id, text, encode_spans(mentions), entity_keys(mentions), meetings))
    return out


FUTURE_TOLERANCE_HOURS = 24  # clocks and zones a little ahead are normal; a day ahead is not a date


def _latest_believable(fetched: str):
    from datetime import datetime, timedelta

    return datetime.fromisoformat(fetched) + timedelta(hours=FUTURE_TOLERANCE_HOURS)


def _sane_date(published: str | None, fetched: str, latest=None) -> str:
    """Missing dates get the fetch time; a date more than a day in the future (a bad clock, a hostile feed,
    an event's date given as the item's) is treated as the fetch time too."""
    from datetime import datetime

    if not published:
        return fetched
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return fetched
    return fetched if when > (latest or _latest_believable(fetched)) else published


def _title_from(text: str) -> str:
    return one_line(text, limit=80)
