"""Seeded synthetic corpora: feeds (RSS, Atom, JSON Feed) and article pages in the styles of real news
sites, about officials meeting on the sidelines of summits. Used by tests and the benchmark."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

PAIRS = [
    ("Foreign Minister", "Sergei Lavrov", "Russian"), ("Secretary of State", "Antony Blinken", "US"),
    ("Foreign Minister", "Wang Yi", "Chinese"), ("President", "Emmanuel Macron", "French"),
    ("Chancellor", "Olaf Scholz", "German"), ("Prime Minister", "Narendra Modi", "Indian"),
    ("President", "Recep Tayyip Erdogan", "Turkish"), ("President", "Cyril Ramaphosa", "South African"),
    ("Prime Minister", "Fumio Kishida", "Japanese"), ("President", "Volodymyr Zelensky", "Ukrainian"),
    ("Foreign Minister", "Hakan Fidan", "Turkish"), ("President", "Xi Jinping", "Chinese"),
]
SUMMITS = [("G20", "Group of 20"), ("APEC", "Asia-Pacific Economic Cooperation"), ("BRICS", "BRICS"),
           ("SCO", "Shanghai Cooperation Organisation"), ("G7", "Group of Seven"), ("ASEAN", "ASEAN")]
CITIES = ["New Delhi", "Beijing", "Kazan", "Astana", "Hiroshima", "Jakarta", "Lima", "Rio de Janeiro"]
TOPICS = ["trade", "the war in Ukraine", "grain exports", "climate finance", "nuclear talks", "energy prices",
          "the Middle East", "sanctions", "debt relief", "security in the Pacific"]


@dataclass
class Story:
    guid: str
    title: str
    published: datetime
    paragraphs: list[str]
    officials: list[str]
    summit: str


def make_story(rng: random.Random, n: int, when: datetime) -> Story:
    (t1, a, n1), (t2, b, n2) = rng.sample(PAIRS, 2)
    code, long_name = rng.choice(SUMMITS)
    city = rng.choice(CITIES)
    topic, topic2 = rng.sample(TOPICS, 2)
    paragraphs = [
        f"{n1} {t1} {a} met {n2} {t2} {b} on the sidelines of the {long_name} summit in {city} on "
        f"{when.strftime('%A')}, officials said.",
        f"The two discussed {topic} and {topic2}. {a.split()[-1]} told reporters the talks were frank and useful, "
        f"while {b.split()[-1]} said more work was needed before the next {code} meeting.",
        f"It was their first meeting since {rng.choice(['March', 'June', 'September'])}. Diplomats said a joint "
        f"statement on {topic} could follow within weeks.",
    ]
    return Story(guid=f"story-{n}", title=f"{a.split()[-1]} and {b.split()[-1]} meet at {code} summit in {city}",
                 published=when, paragraphs=paragraphs, officials=[a, b], summit=code)


def stories(seed: int, count: int, start: datetime | None = None) -> list[Story]:
    rng = random.Random(seed)
    start = start or datetime(2024, 6, 1, tzinfo=UTC)
    return [make_story(rng, seed * 100_000 + i, start - timedelta(hours=7 * i + rng.randint(0, 5)))
            for i in range(count)]


def rss(title: str, items: list[Story], base: str = "", full: bool = True) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           f"<title>{escape(title)}</title><link>{escape(base or 'http://127.0.0.1/')}</link>"]
    for s in items:
        body = "".join(f"<p>{escape(p)}</p>" for p in s.paragraphs) if full else escape(s.paragraphs[0][:120])
        link = f"{base}/articles/{s.guid}.html"
        out.append(f"<item><title>{escape(s.title)}</title><link>{escape(link)}</link>"
                   f"<guid isPermaLink=\"false\">{s.guid}</guid><pubDate>{format_datetime(s.published)}</pubDate>"
                   f"<description>{escape(body)}</description></item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(title: str, items: list[Story], base: str = "") -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(title)}</title><id>urn:sidelines:{escape(title)}</id>"
           f"<updated>{items[0].published.isoformat() if items else '2024-01-01T00:00:00+00:00'}</updated>"]
    for s in items:
        body = "".join(f"<p>{escape(p)}</p>" for p in s.paragraphs)
        out.append(f"<entry><title>{escape(s.title)}</title><id>urn:{s.guid}</id>"
                   f"<link href=\"{escape(base)}/articles/{s.guid}.html\"/>"
                   f"<updated>{s.published.isoformat()}</updated><published>{s.published.isoformat()}</published>"
                   f"<content type=\"html\">{escape(body)}</content></entry>")
    out.append("</feed>")
    return "\n".join(out)


def json_feed(title: str, items: list[Story], base: str = "") -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": title,
        "items": [{"id": s.guid, "url": f"{base}/articles/{s.guid}.html", "title": s.title,
                   "date_published": s.published.isoformat(),
                   "content_html": "".join(f"<p>{escape(p)}</p>" for p in s.paragraphs)} for s in items]})


# -- article pages in several site styles -------------------------------------------------------------

def page_wire(s: Story) -> str:
    """A wire-service layout: figure with caption and credit, share bar, related links, newsletter box."""
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in s.paragraphs)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{escape(s.title)} | World News</title>
<meta property="og:title" content="{escape(s.title)}">
<meta property="article:published_time" content="{s.published.isoformat()}">
<script>window.dataLayer=[];</script><style>.x{{color:red}}</style></head>
<body><header class="site-header"><nav><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a></nav></header>
<main><article><h1>{escape(s.title)}</h1>
<div class="share-bar"><a>Share on Facebook</a><a>Share on Twitter</a><a>Email</a></div>
<figure><img src="/p.jpg"><figcaption>{escape(s.officials[0])} (L) shakes hands with {escape(s.officials[1])} in {escape(CITIES[0])}. Jane Doe / REUTERS</figcaption></figure>
<div class="article-body">{paras}</div>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">{escape(s.officials[0])} Warns of New Sanctions</a></li><li><a href="/b">Summit Hosts Prepare for Leaders</a></li></ul></aside>
<div class="newsletter-signup"><p>Sign up for our daily newsletter to get the latest news in your inbox.</p></div>
</article></main>
<footer><p>© 2024 World News. All rights reserved.</p><a>Privacy Policy</a></footer></body></html>"""


def page_magazine(s: Story) -> str:
    """A magazine layout: div soup, byline, inline promo, comments section, JSON-LD date."""
    paras = "\n".join(f'<div class="para"><p>{escape(p)}</p></div>' for p in s.paragraphs)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.title,
                     "datePublished": s.published.isoformat()})
    return f"""<html><head><title>{escape(s.title)}</title><script type="application/ld+json">{ld}</script></head>
<body><div id="wrapper"><div class="top-menu"><ul><li>News</li><li>Opinion</li><li>Sport</li></ul></div>
<div class="content"><h1 class="headline">{escape(s.title)}</h1><div class="byline">By Staff Writer</div>
{paras}
<div class="promo-box"><p>Support independent journalism: donate today and become a member.</p></div>
<div class="comments"><h4>Comments</h4><p>Reader1: great article!</p></div>
</div><div class="sidebar"><h3>Most popular</h3><p><a>Five things to know about the summit</a></p></div></div></body></html>"""


PAGE_STYLES = [page_wire, page_magazine]
