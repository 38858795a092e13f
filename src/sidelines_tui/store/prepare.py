"""Rows made ready for any store, in refresh's worker processes: text made safe, spans serialised."""

from __future__ import annotations

import json

from sidelines_tui.models import PreparedArticle, StoredArticle
from sidelines_tui.safe_text import one_line, strip_unsafe
from sidelines_tui.store.textcodec import pack

_SPANS_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) builds per call
FILTER_KINDS = ("official", "summit")  # the entity kinds the timeline filters by (stored as links)


def encode_spans(mentions) -> str:
    return _SPANS_ENCODER.encode([[m.kind, m.name, m.start, m.end] for m in mentions])


def entity_keys(mentions) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(m.kind, m.name) for m in mentions if m.kind in FILTER_KINDS}))


def prepare_article(item: StoredArticle, digest: str) -> PreparedArticle:
    text = strip_unsafe(item.text)
    return PreparedArticle(item.guid, item.url, one_line(item.title) or "(untitled)", item.published, text,
                           pack(text), digest, encode_spans(item.mentions), entity_keys(item.mentions),
                           tuple(item.meetings))


def content_hash(*parts: str | None) -> str:
    import hashlib  # used by refresh's workers; the TUI's start-up does without it

    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def normalise_tag(tag: str) -> str:
    return "-".join(one_line(tag, limit=60).lower().split()).strip("-,#")
