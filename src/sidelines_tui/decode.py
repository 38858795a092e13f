"""Turn fetched bytes into text: BOM, HTTP charset, XML/HTML declarations, then sensible fallbacks."""

from __future__ import annotations

import codecs
import re
import zlib

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


GZIP_MAGIC = b"\x1f\x8b"
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024  # the most a feed or page may be, after decompression


def gunzip_capped(data: bytes, cap: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A gzip file's contents (a saved page, `page.html.gz`), refusing more than `cap` bytes, so a
    gzip bomb stops there. Raises ValueError for a corrupt or oversized file."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, cap + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip file: {exc}") from None
    if len(out) > cap:
        raise ValueError(f"gzip file unpacks to more than {cap // (1024 * 1024)} MB")
    if not inflater.eof:
        raise ValueError("truncated gzip file")
    return out


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    # Browsers read latin-1 declarations as windows-1252; so do we.
    return "cp1252" if found in {"latin-1", "iso8859-1", "ascii"} else found


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return _codec(match.group(1)) if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a page or feed. Never raises; undecodable bytes become U+FFFD."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    head = data[:4096]
    if head.startswith((b"<\x00", b"\x00<")):  # UTF-16 without a BOM
        return data.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    candidates: list[str | None] = [_codec(declared)]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            candidates.append(_codec(match.group(1).decode("ascii", "replace")))
    for candidate in candidates:
        if candidate and not candidate.startswith("utf-16") and not candidate.startswith("utf-32"):
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Undeclared legacy encodings: Cyrillic pages are common in our domain; cp1251 letters are mostly
    # in 0xC0-0xFF, where cp1252 would yield accented Latin soup.
    high = sum(1 for b in data[:65536] if b >= 0xC0)
    sample_len = max(1, sum(1 for b in data[:65536] if b >= 0x80))
    if high / sample_len > 0.7:
        return data.decode("cp1251", errors="replace")
    return data.decode("cp1252", errors="replace")
