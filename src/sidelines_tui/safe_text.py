"""Make untrusted text inert: strip terminal escape sequences and control characters once, at ingestion."""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ ... ST), other 2-byte ESC
# sequences, and their 8-bit C1 forms.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI
  | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)     # OSC, ended by BEL or ST (or the end of text)
  | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]?                               # other escapes (and a lone ESC)
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls; also bidi overrides that can disguise text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")
_SOFT = re.compile("[\u00ad\u200b\u2060]")  # soft hyphen, zero-width space, word joiner
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


_ANY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u2000-\u200b\u202a-\u202f\u205f\u2060"
                         "\u2066-\u2069\u3000\ufeff\ufff9-\ufffb\r]")


def strip_unsafe(text: str) -> str:
    """Remove escape sequences and control characters; keep tabs and newlines; fold odd spaces."""
    if not text:
        return ""
    if not _ANY_UNSAFE.search(text):
        return text  # the common case: one scan, no copies
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SOFT.sub("", text)
    return _SPACES.sub(" ", text)


def one_line(text: str | None, limit: int = 500) -> str:
    """A single safe line: for titles, feed names, tags and error messages."""
    if not text:
        return ""
    line = " ".join(strip_unsafe(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def normalise_paragraphs(paragraphs: list[str]) -> str:
    """Join safe, whitespace-folded paragraphs with one blank line between them."""
    out = []
    for para in paragraphs:
        if not para.isascii():
            para = unicodedata.normalize("NFC", para)
        para = " ".join(strip_unsafe(para).split())
        if para:
            out.append(para)
    return "\n\n".join(out)
