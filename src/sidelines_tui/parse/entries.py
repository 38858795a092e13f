"""What both feed parsers share, so a feed reads the same whichever parser took it: plain-text titles,
absolute http(s) links, the identity of an entry without a GUID, and feed dates checked against
feedparser's own date parser."""

from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import urljoin, urlsplit

from sidelines_tui.dates import from_struct, parse_date

_TAG = re.compile(r"<[^>]*>")


def plain_text(value: str, is_html: bool = True) -> str:
    """A title or a summary as the timeline shows it: no markup, entities decoded, one line."""
    if not value:
        return ""
    if is_html:
        if "<" in value:
            value = _TAG.sub("", value)
        if "&" in value:
            value = html.unescape(value)
    return " ".join(value.split())


def absolute(base: str, link: str | None) -> str | None:
    """An http(s) link, resolved against `base`; None for anything else (mailto:, javascript:, …)."""
    if not link:
        return None
    link = link.strip()
    if link.startswith(("http://", "https://")) and "/." not in link and not any(c in link for c in " \t\n\\[]"):
        return link  # already absolute: what urljoin would return, without its cost
    try:
        resolved = urljoin(base, link) if base else link
    except ValueError:  # "http://example.c[o.test/": not a URL
        return None
    return resolved if urlsplit(resolved).scheme in ("http", "https") else None


def identity(guid: str | None, link: str | None, title: str, body_html: str) -> str:
    """An entry's GUID; without one its link; without either a hash of its title and text, computed the
    same way by both parsers, so a feed that flips between them does not duplicate its entries."""
    if guid and guid.strip():
        return guid.strip()[:2000]
    if link:
        return link[:2000]
    basis = plain_text(title) + "\x00" + plain_text(body_html)
    return "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()[:32]


def html_escape_paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, for the cleaner."""
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


_MONTH_NUMBERS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                                "Nov", "Dec"), start=1)}
# The two forms nearly every feed writes, read here directly (a property test holds them to feedparser):
# RFC 822 with a numeric offset or GMT/UT/UTC/Z, and W3C/ISO 8601 with Z or an offset.
_RFC822 = re.compile(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                     r" (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (?:([+-])(\d{2})(\d{2})|GMT|UTC|UT|Z)")
_W3DTF = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|([+-])(\d{2}):(\d{2}))")


def _common_date(raw: str) -> str | None:
    match = _RFC822.fullmatch(raw)
    if match:
        day, month, year, hour, minute, second, sign, oh, om = match.groups()
        fields = (int(year), _MONTH_NUMBERS[month], int(day), int(hour), int(minute), int(second or 0))
    else:
        match = _W3DTF.fullmatch(raw)
        if not match:
            return None
        year, month_n, day, hour, minute, second, sign, oh, om = match.groups()
        fields = (int(year), int(month_n), int(day), int(hour), int(minute), int(second or 0))
    from datetime import UTC, datetime, timedelta, timezone

    zone = UTC if not sign else timezone((-1 if sign == "-" else 1) * timedelta(hours=int(oh), minutes=int(om)))
    try:
        value = datetime(*fields, tzinfo=zone)
    except ValueError:
        return None
    return value.isoformat() if 1990 <= value.year <= 2100 else None


def feed_date(raw: str | None) -> str | None:
    """A feed's date as an ISO string. feedparser's parser decides the instant (it knows every zone name
    and offset feeds use); ours, where it agrees, keeps the writer's own offset, so the article stays on
    its own calendar day. Where ours cannot read a date feedparser can, feedparser's UTC instant is kept."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    common = _common_date(raw)
    if common is not None:
        return common
    from feedparser.datetimes import _parse_date  # the reference parser (a test guards this import)

    reference = from_struct(_parse_date(raw))
    ours = parse_date(raw)
    if reference is None:
        return ours
    if ours is not None and same_instant(ours, reference):
        return ours
    return reference


def same_instant(a: str, b: str) -> bool:
    from datetime import datetime

    try:
        return datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except ValueError:
        return False
