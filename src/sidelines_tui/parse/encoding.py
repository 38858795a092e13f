"""When the bytes themselves need feedparser: its encoding rules (RFC 3023, HTTP charset over the XML
declaration, cp1252 repairs) are what real feeds need, and lxml knows only the declaration."""

from __future__ import annotations

import re

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return match.group(1).lower() if match else None


def needs_feedparser(data: bytes, content_type: str | None) -> bool:
    """True when the strict path could decode the feed differently from feedparser: an HTTP charset
    (feedparser lets it win over the declaration), a text/* type without one (RFC 3023 says us-ascii),
    a declaration other than UTF-8, or a byte-order mark."""
    http_charset = _charset(content_type)
    declared = _XML_DECLARATION.match(data[:512])
    declared_name = declared.group(1).decode("ascii").lower() if declared else None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf":
        return True
    if http_charset and http_charset not in ("utf-8", "utf8"):
        return True
    if http_charset and declared_name and declared_name not in ("utf-8", "utf8"):
        return True  # the two disagree: feedparser decides
    media = (content_type or "").split(";")[0].strip().lower()
    if media.startswith("text/") and not http_charset and not data.isascii():
        return True  # RFC 3023: text/xml without a charset is us-ascii
    if declared_name and declared_name not in ("utf-8", "utf8"):
        return True  # other encodings (and cp1252 bytes under a latin-1 declaration) are feedparser's
    return False
