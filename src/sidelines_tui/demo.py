"""A small offline demo set (articles written for Sidelines), so a first start shows a real timeline."""

from __future__ import annotations

import json
from importlib import resources

from sidelines_tui.meet import find_meetings
from sidelines_tui.models import StoredArticle
from sidelines_tui.store import Store, content_hash
from sidelines_tui.tag import tagger_for

DEMO_URL = "demo:sidelines"


def load_demo(store: Store, gazetteer_dir: str | None = None) -> int:
    data = json.loads((resources.files("sidelines_tui") / "data" / "demo.json").read_text(encoding="utf-8"))
    feed = store.add_feed(DEMO_URL, data["feed"]["title"], "demo")
    tagger = tagger_for(gazetteer_dir)
    items = []
    for item in data["articles"]:
        text = "\n\n".join(item["paragraphs"])
        mentions = tagger.tag(text)
        article = StoredArticle(guid=item["guid"], url=item.get("url"), title=item["title"], published=item["published"],
                                text=text, mentions=mentions,
                                meetings=find_meetings(text, mentions, item["published"], tagger.places_in))
        items.append((article, content_hash(item["title"], text)))
    return store.upsert_articles(feed.id, items).new
