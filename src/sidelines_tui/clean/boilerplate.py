"""Recognise the chrome a body extractor lets through: captions, credits, appeals, headlines, UI strings.

Rules are about kinds of text found on many sites, never about one site.
"""

from __future__ import annotations

import re
import unicodedata

from sidelines_tui.dates import dateline

_TERMINAL = re.compile(r"[.!?…:;\"'”’»)\]]$")
# Photo captions: position markers and agency credits.
_CAPTION_POSITION = re.compile(
    r"\((?:\d(?:st|nd|rd|th)\s)?(?:L|R|C|left|right|centre|center|front|back|top|bottom)\)"
    r"|\((?:from\s)?(?:left|right)\s*(?:to|-)\s*(?:right|left)\)",
    re.I,
)
_CAPTION_OPENER = re.compile(
    r"(?:©|\(c\)|copyright\b|photo\b|photograph\b|image\b|picture\b|file photo\b|pictured\b|"
    r"caption\b|credit\b|illustration\b|video\b|watch\b|listen\b|graphic\b)[\s:|/-]",
    re.I,
)
_AGENCY = (r"(?:Reuters|REUTERS|AP|AFP|EPA|TASS|Getty(?: Images)?|AP Photo|Xinhua|Sputnik|RIA Novosti|"
           r"Anadolu(?: Agency)?|Bloomberg|Shutterstock|Pool|EPA-EFE|ANSA|dpa|Kyodo|Yonhap|Alamy|"
           r"SIPA|Kremlin\.ru|Wikimedia Commons|Handout)")
_CREDIT_END = re.compile(
    rf"(?:[/|]\s*{_AGENCY}(?:\s*/\s*[\w. ]+)?\.?$|\s[-–—]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,3}}$"
    rf"|\b{_AGENCY}\s*/\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}\.?$|\(?(?:Photo|Image)s?:?\s[^.]{{0,60}}\)?$)"
)
_CREDIT_ONLY = re.compile(rf"^(?:[A-Z][\w.'-]*\s){{0,3}}[A-Z][\w.'-]*\s*/\s*{_AGENCY}\.?$|^{_AGENCY}$")
# Appeals, newsletters, sign-ups, paywalls.
_APPEAL_OPENERS = re.compile(
    r"^(?:a message from\b|dear readers?\b|support (?:us|our|the)\b|sign up\b|subscribe\b|"
    r"become a (?:member|subscriber|supporter)\b|donate\b|make a (?:donation|contribution)\b|"
    r"enjoying ad-free content|our journalism is\b|get (?:our|the) (?:free |daily |weekly )?newsletter|"
    r"you have \d+ free articles?|already a subscriber|this article is for subscribers)",
    re.I,
)
_APPEAL_WORDS = re.compile(
    r"\b(?:support(?:ing)? us|donat\w*|subscri\w+|newsletter|contribution|your support|sign up|"
    r"mailbox|inbox|privacy policy|terms of (?:use|service)|cookie\w*|ad-free|paywall|"
    r"independent journalism|advertis\w+|unsubscribe|log ?in|register)\b",
    re.I,
)
_APPEAL_KEYS = ("support", "donat", "subscri", "newsletter", "contribution", "sign up", "mailbox", "inbox",
                "privacy", "terms of", "cookie", "ad-free", "paywall", "journalism", "advertis", "log in", "login",
                "register")
# A paragraph that is only a label ("More:", "DON'T MISS", "See more") is a widget's heading; a label in
# capitals before a headline ("SEE MORE: …", "READ MORE: …") is a link to another story; so is a headline that
# ends in a media tag ("… [VIDEO]", "… [INSIGHT]|", "… (PHOTOS)").
_LABEL_ONLY = re.compile(r"^(?:more|see more|read more|don['’]t miss|must read|related|watch|listen|trending|latest|"
                         r"recommended|popular|top stories|also read|read also|in pictures|in photos)\s*[:!.|]?$", re.I)
_CAPS_LABEL = re.compile(r"^(?:SEE MORE|READ MORE|MORE|DON['’]T MISS|MUST READ|RELATED|WATCH|LISTEN|TRENDING|LATEST|"
                         r"RECOMMENDED|POPULAR|ALSO READ|READ ALSO|READ NEXT|IN PICTURES|EXCLUSIVE|BREAKING|UPDATE)"
                         r"\s*[:|–—-]\s*\S")
_MEDIA_TAG_END = re.compile(r"(?:\[[A-Z][A-Z ]{1,20}\]|\((?:VIDEO|PHOTOS?|PICS|WATCH|LIVE|GALLERY|AUDIO|PODCAST|INSIGHT)\))"
                            r"\s*\|?\s*$")
_UI_LINE = re.compile(
    r"^(?:read more|read next|related(?: articles| stories| coverage| content)?|see also|more from\b|"
    r"most (?:read|popular|viewed)|trending|share(?: this)?(?: article| story)?|comments?|"
    r"advert(?:isement)?|sponsored|continue reading|click here|follow us|tweet|email|print|"
    r"recommended|top stories|latest news|you may also like|newsfeed|loading|loader|"
    r"all rights reserved|copyright|like this:|like loading|tell us what you think|"
    r"this (?:slideshow|video|content) requires javascript)(?:\b|$)",
    re.I,
)
# A link to another story set in the body: "Read more: ...", "Related: ...", "Also on rt.com ...".
_RELATED_LINK = re.compile(
    r"^(?:(?:read more|read also|also read|related|see also|more on this|buyer'?s guide|tags?)\s*:"
    r"|also on [\w.-]+\.(?:com|org|net|co\.uk)\b|like this (?:story|article)\?|read more\b.*\bclick(?:ing)? here\b)",
    re.I,
)
# A wire story's staff credits: "Reporting by ...; Editing by ...", "Our Standards: The Thomson Reuters ..."
_STAFF_CREDITS = re.compile(r"^(?:(?:additional )?reporting by|writing by|editing by|compiled by|our standards\s*:)", re.I)
_BYLINE = re.compile(r"^(?:By|Von|Par|Por)\s+[A-Z][\w.'-]+(?:\s+(?:and\s+)?[A-Z][\w.'-]+){0,5}(?:,\s*[A-Z][\w ]+)?$")
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s*\d{4}|all rights reserved)", re.I)


def split_title(lines: list[str]) -> tuple[str, list[str]]:
    """For scraped plain text: the headline is the first line that reads like one; the rest is body."""
    for i, line in enumerate(lines):
        words = line.split()
        if len(words) < 3 or len(words) > 30 or is_chrome(line) or _is_appeal(line):
            continue
        if _has_caption_marks(line) or _CREDIT_END.search(line) or dateline(line):
            continue  # a caption, a credit, a dateline ("16:45 GMT 15.11.2016") is not the headline
        if re.search(r"[.!?]$", line):
            if len(words) > 25:
                break  # prose before any headline: there is no title line
            continue  # headlines don't end like sentences; appeals and UI blurbs do
        return line, lines[i + 1:]
    return "", lines


def filter_paragraphs(paragraphs: list[str], title: str, plain_text: bool = False) -> list[str]:
    """Keep body paragraphs in order; drop chrome. `plain_text` applies the stricter line rules a
    scrape needs, where every UI string and caption is its own line."""
    paragraphs = [" ".join((p if p.isascii() else _fold(p)).split()) for p in paragraphs]
    paragraphs = [p for p in paragraphs if p]
    scripts = [_script(p) for p in paragraphs]  # once each: for the dominant script and per paragraph
    script = _dominant_script(paragraphs, scripts)
    folded_title = _key(title)
    # Most articles hold none of the appeal words anywhere: one scan of the whole text in C spares the
    # per-paragraph scans (a twentieth of a worker's time per feed).
    appeal_words = _has_appeal_key("\n".join(paragraphs).lower())
    kept: list[str] = []
    # A scrape repeats its teasers, captions and UI strings, so a paragraph seen before is dropped there.
    # In a page's own markup a repeat is the article's: the questions of a series of interviews, the
    # headings of a table or a meal plan, the source tags of a round-up (kept, extraction-dev's body F1
    # went from 0.965 to 0.970, five pages better, one slightly worse).
    seen: set[str] | None = set() if plain_text else None
    for index, para in enumerate(paragraphs):
        key = _key(para)
        if not key or (seen is not None and key in seen):
            continue
        if key == folded_title:
            continue
        if plain_text and kept and _APPEAL_OPENERS.search(para) and len(kept) >= 2:
            break  # an appeal after the body: the rest of a scrape is page furniture
        if _is_chrome_paragraph(para, scripts[index], script, plain_text, has_body=bool(kept),
                                appeal_words=appeal_words):
            continue
        if seen is not None:
            seen.add(key)
        kept.append(para)
    if plain_text:
        kept = _trim_headline_tail(kept)
    return kept


def is_chrome(line: str) -> bool:
    return bool(_UI_LINE.match(line)) and len(line.split()) <= 6


def _is_chrome_paragraph(para: str, para_script: str, script: str, plain_text: bool, has_body: bool,
                         appeal_words: bool = True) -> bool:
    words = para.split()
    n = len(words)
    if para_script not in (script, "other"):
        return True
    if _is_appeal(para, appeal_words):
        return True
    if n <= 6 and (_UI_LINE.match(para) or _COPYRIGHT.search(para)):
        return True
    if n <= 30 and (_RELATED_LINK.match(para) or _CAPS_LABEL.match(para)):
        return True
    if n <= 4 and _LABEL_ONLY.match(para):
        return True
    if 4 <= n <= 25 and _MEDIA_TAG_END.search(para):
        return True  # a headline with its media tag (a tag alone is a round-up's source: it stays)
    if n <= 50 and _STAFF_CREDITS.match(para):
        return True
    if n <= 12 and dateline(para):
        return True  # "Posted: 18 Nov 2019 8:11 pm": the page's metadata, not its text
    if _CREDIT_ONLY.match(para) or (n <= 8 and _BYLINE.match(para)):
        return True
    if _has_caption_marks(para):
        return True
    if plain_text or n < 40:
        tail = para[-120:]
        if (_may_end_in_credit(tail) and _CREDIT_END.search(tail) and not para.endswith(('"', "”", "?", "!"))
                and _credit_tail_is_name(para)):
            return True
    if plain_text:
        if n < 4 and not re.search(r"[.!?\"”]$", para):
            return True
        if not _TERMINAL.search(para) and _is_headline(para):
            return True  # related-story headlines and UI strings: no sentence ending
        if n <= 3:
            return True
    return False


# "Gov. Kristi Noem (R)", "Sen. Chuck Schumer (D-N.Y.)": a politician's party, not a photo's left or right.
_PARTY_BEFORE = re.compile(r"\b(?:Gov|Sen|Rep|Reps|Sens|Lt\. Gov)\.\s+(?:[A-Z][\w.'’-]*\s+){1,3}\Z|"
                           r"\b(?:Governor|Senator|Representative|Congressman|Congresswoman|Speaker)\s+(?:[A-Z][\w.'’-]*\s+){1,3}\Z")


def _has_caption_marks(para: str) -> bool:
    """`(L)`, `(left to right)`, or a line that opens like a caption or credit. The `in` screen runs in C
    and spares the regex on most prose."""
    if _CAPTION_OPENER.match(para):
        return True
    if "(" not in para:
        return False
    for mark in _CAPTION_POSITION.finditer(para):
        if not _PARTY_BEFORE.search(para, max(0, mark.start() - 60), mark.start()):
            return True
    return False


_CREDIT_SIGNS = ("/", "|", " -", " –", " —", "–", "—", "Photo", "Image")


def _may_end_in_credit(tail: str) -> bool:
    """Every credit form `_CREDIT_END` knows has a slash, a bar, a dash or the word Photo/Image."""
    return any(sign in tail for sign in _CREDIT_SIGNS)


def _credit_tail_is_name(para: str) -> bool:
    """`... in Moscow Sergei Karpukhin / REUTERS`, `... - Sputnik International`: a credit tail."""
    tail = re.split(r"[/|–—]|\s-\s", para)[-1].strip()
    if re.fullmatch(_AGENCY + r"\.?", tail) or re.search(_AGENCY, tail):
        return True
    words = tail.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not tail.endswith(".")


def _is_headline(para: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", para)]
    if not words:
        return True
    small = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as",
             "from", "is", "be", "vs", "into", "over", "after", "amid"}
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return capitalised / len(words) >= 0.8 or len(words) <= 12


def _is_appeal(para: str, appeal_words: bool = True) -> bool:
    """`appeal_words=False`: the caller knows none of `_APPEAL_KEYS` is in the paragraph."""
    words = para.count(" ") + 1
    if words < 30 and _APPEAL_OPENERS.search(para):
        return True
    if words > 120 or not appeal_words:
        return False  # appeals are short; long prose that mentions a newsletter is still prose
    if not _has_appeal_key(para.lower()):
        return False  # substring tests: 3 us a paragraph, where one case-blind regex took 34
    hits = len(_APPEAL_WORDS.findall(para))
    return hits >= 2 and hits * 12 >= words


def _has_appeal_key(lower: str) -> bool:
    return any(key in lower for key in _APPEAL_KEYS)


def _trim_headline_tail(kept: list[str]) -> list[str]:
    while kept and not _TERMINAL.search(kept[-1]):
        kept.pop()
    return kept


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\u00ad", ""))


_NON_WORD = re.compile(r"\W+")
_ASCII_NON_WORD = str.maketrans("", "", "".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")))


def _key(text: str) -> str:
    """Letters and digits only, lower case: what two copies of one paragraph have in common."""
    lower = text.lower()
    if lower.isascii():
        return lower.translate(_ASCII_NON_WORD)  # same result as the regex, in C and 5x faster
    return _NON_WORD.sub("", lower)


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _script(text: str) -> str:
    sample = text[:400]
    if sample.isascii():
        return "latin" if _LATIN.search(sample) else "other"
    latin = len(_LATIN.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    other = len(_LETTER.findall(sample)) - latin - cyrillic
    if not (latin or cyrillic or other > 0):
        return "other"
    best = max((latin, "latin"), (cyrillic, "cyrillic"), (other, "other"))
    return best[1]


def _dominant_script(paragraphs: list[str], scripts: list[str]) -> str:
    counts: dict[str, int] = {}
    for para, script in zip(paragraphs, scripts):
        counts[script] = counts.get(script, 0) + len(para)
    counts.pop("other", None)
    return max(counts, key=counts.__getitem__) if counts else "latin"
