"""The words that report a meeting, and the words around them that say whether it happened.

A cue is a verb of meeting ("met", "will meet", "held talks with", "spoke by phone with", "hosted",
"received", "called on", "joined") or a noun of one tied to its parties ("a meeting between", "talks with",
"in a telephone call"). The status comes from the cue's own clause, strongest first: cancelled (called off,
postponed, declined to meet, will not meet), possible (could, may, not ruled out, hopes to, invited),
planned (will, is to, expected to, scheduled, due to), held (the past). A negated or habitual meeting, a
denial, a caption, is no meeting at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TALK_NOUNS = (r"(?:talks?|meetings?|summit|discussions|consultations|(?:phone |telephone |video |virtual )?"
               r"(?:call|conversation)|dialogue|bilateral|tête-à-tête|encounter|session)")
_VERB = re.compile(
    r"\b(?=[MHTSPCRWJI])(?P<verb>"
    r"meet(?:s|ing)?|met"
    rf"|(?:hold(?:s|ing)?|held|ha(?:ve|s|d|ving)|conven(?:e|es|ed|ing)|chair(?:s|ed|ing)?)\s+(?:(?!(?:with|between|and|but|on|in|at|of|ahead|before|after|"
    rf"during|for|to|by|since|no)\b)[\w'’-]+\s+){{0,4}}?(?:rounds?\s+of\s+)?{_TALK_NOUNS}"
    r"|invit(?:e|es|ed|ing)"
    r"|talk(?:s|ed|ing)?\s+(?:by\s+(?:tele)?phone\s+)?(?:with|to)"
    r"|sp(?:eak|eaks|oke|oken|eaking)\s+(?:(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\s+|via\s+video(?:\s+link)?\s+)?"
    r"(?:with|to)"
    r"|sp(?:eak|eaks|oke|oken|eaking)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone"
    r"|(?:tele)?phon(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|call(?:s|ed|ing)?"
    r"|host(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)"
    r"|confer(?:s|red|ring)?\s+with|s(?:at|it|its|itting)\s+down\s+with|join(?:s|ed|ing)?"
    r")\b", re.I)
_NOUN = re.compile(
    r"(?=[TMSDCPVBEIOA])"
    rf"\b(?P<noun>{_TALK_NOUNS})\s+(?:(?:in|at|on|for)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+|\w+\s+){{1,3}}?)?"
    rf"(?P<link>with|between)\b"
    r"|\b(?:in|during|by|over|via)\s+(?:a\s+|an\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?"
    r"(?P<manner>(?:tele)?phone(?:\s+call|\s+conversation)?|video(?:\s*(?:call|conference|link))?|videoconference)\b"
    r"|\b(?:at|during|in)\s+(?:the\s+|their\s+|a\s+)?(?P<setting>talks|meetings?)\b(?!\s+(?:with|between))",
    re.I)

_DETERMINED = re.compile(r"\b(?:the|a|an|its|summit|their)\s+$", re.I)
_FINITE = re.compile(r"\b(?:\w{3,}ed|is|are|was|were|has|have|had|will|would|can|could|said|says|met|held|made|took|"
                     r"spoke|sat|left|went|came|began|told|gave|saw|meets|holds|agreed)\b")
_CANCELLED = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+off|cancel(?:s|led|ed|ling|ing)?|cancellation|postpon(?:e|es|ed|ing|ement)|scrap(?:s|ped)|"
    r"shelved|put\s+off|pulled\s+out|declin(?:e|es|ed|ing)\s+(?:to\s+meet|an?\s+(?:invitation|meeting|request))|"
    r"refus(?:e|es|ed|ing)\s+to\s+(?:meet|hold|talk)|(?<!not\s)(?<!n't\s)rul(?:e|es|ed)\s+out\s+(?:a|any)\s+(?:meeting|talks)|"
    r"(?:will|would|shall)\s+not\s+(?:meet|hold)|won't\s+(?:meet|hold)|no\s+longer\s+(?:meet|hold|expected))\b", re.I)
_POSSIBLE = re.compile(
    r"\b(?:could|(?-i:may)|might|possible|possibility|possibly|perhaps|not\s+(?:been\s+)?ruled\s+out|not\s+rule\s+out|"
    r"did\s+not\s+rule\s+out|not\s+excluded|hop(?:e|es|ed|ing)\s+to|would\s+like\s+to|wants?\s+to\s+meet|"
    r"open\s+to|(?:ready|willing|prepared)\s+to\s+(?:meet|hold|talk|host)|invit(?:e|es|ed|ing|ation)|offer(?:s|ed)?\s+to\s+(?:meet|host|hold)|propos(?:e|es|ed|al)|"
    r"no\s+(?:date|time|talks|meeting|venue)\s+(?:has|have|had|is|are|was)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:scheduled|planned|arranged|fixed|set|agreed)|if\s+(?:they|the\s+two|he|she)\s+meet)\b", re.I)
_PLANNED = re.compile(
    r"\b(?:will|'ll|shall|is\s+to|are\s+to|to\s+be\s+hosted|due\s+to|set\s+to|expected\s+to|scheduled|planned|plans?\s+to|"
    r"planning\s+to|going\s+to|prepar(?:es|ing)\s+to|agreed\s+to\s+(?:meet|hold)|would\s+(?:meet|hold|host|travel)|"
    r"(?:is|are)\s+(?:meeting|hosting|holding)|tomorrow|upcoming|next\s+(?:week|month|year))\b", re.I)
_PAST_PLAN = re.compile(r"\b(?:had\s+been|was|were)\s+(?:originally\s+)?(?:due|scheduled|set|supposed|planned|expected)\b"
                        r"|\bhad\s+planned\b", re.I)
# No meeting at all: negated, habitual or generic, denied, or reported as avoided.
_NOT_HELD = re.compile(
    r"\b(?:did\s+not|didn't|do\s+not|don't|does\s+not|doesn't|have\s+not|haven't|has\s+not|hasn't|had\s+not|hadn't|"
    r"never|not\s+yet)\s+(?:\w+\s+){0,2}?(?:met|meet|held|hold|spoken|speak|spoke|talked|talk)\b"
    r"|\b(?:held|hold|holds)\s+no\s+|\bno\s+(?:talks|meeting|call)\s+(?:was|were|took)\b|\bwithout\s+(?:meeting|talks)\b"
    r"|\bavoid(?:s|ed|ing)?\s+(?:each\s+other|meeting)", re.I)
_HABITUAL = re.compile(
    r"\b(?:often|frequently|regularly|routinely|repeatedly|usually|several\s+times|many\s+times|dozens?\s+(?:of\s+)?times|"
    r"more\s+than\s+(?:a\s+)?(?:\w+\s+)?times|times\s+a\s+year|every\s+year|annually|recent\s+meetings|previous\s+meetings|"
    r"past\s+meetings|each\s+time|whenever)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected)\s+(?:a\s+|the\s+)?(?:reports?|claims?|suggestions?)\b"
                     r"|\b(?:denied|denies)\s+(?:that\s+)?(?:he|she|they|it)\b", re.I)
# "meetings between the two leaders have not prevented…": a plural with no occasion is no meeting.
_GENERIC_PLURAL = re.compile(r"\b(?:meetings|calls|summits)\s+(?:between|with)\b", re.I)
_SPECIFIC = re.compile(r"\b(?:scheduled|planned|due|expected|set|will|on\s+[A-Z]|this\s+week|later|held\s+on)\b")
_PHONE = re.compile(r"\b(?:tele)?phon(?:e|es|ed|ing)\b|^call(?:s|ed|ing)?$|\bcall(?:s|ed)?\s+(?:with|between)\b|"
                    r"\bin\s+a\s+call\b|\b(?:held|hold|holds|had|have)\s+(?:a\s+)?call\b", re.I)
_VIDEO = re.compile(r"\bvideo|\bvirtual(?:ly)?\b|\bvideoconferenc|\bonline\s+(?:summit|meeting|talks)\b", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int  # offsets in the sentence
    end: int
    nominal: bool  # "talks with", "a meeting between": the parties follow the noun
    manner: bool  # "in a telephone call": the clause's verb carries the parties


def cues(sentence: str) -> list[Cue]:
    found = [Cue(m.start(), m.end(), False, False) for m in _VERB.finditer(sentence) if _is_meeting_verb(sentence, m)]
    for match in _NOUN.finditer(sentence):
        if match.group("setting") and not _FINITE.search(sentence):
            continue  # "Lavrov and Wang during talks in Bali on Thursday.": a caption
        if not any(c.start <= match.start() < c.end for c in found):
            found.append(Cue(match.start(), match.end(), match.group("noun") is not None,
                             match.group("manner") is not None or match.group("setting") is not None))
    return sorted(found, key=lambda c: c.start)


def _is_meeting_verb(sentence: str, match: re.Match[str]) -> bool:
    verb = match.group("verb").lower()
    after = sentence[match.end():match.end() + 40]
    if _DETERMINED.search(sentence, max(0, match.start() - 20), match.start()):
        return False  # "the summit host", "a call on…": a noun
    if verb.startswith("meeting") and not re.match(r"\s+(?:[A-Z]|his\b|her\b|their\b)", after):
        return False  # "an in-person meeting could…": a noun; the noun patterns decide ("is meeting Xi" is a verb)
    if verb.startswith(("join", "welcom")) and not re.match(r"\s+(?:[A-Z]|the\s+[A-Z]|his|her)", after):
        return False
    if verb.startswith(("host", "receiv")) and re.match(r"\s+(?:the\s+|a\s+|an\s+)?(?:summit|forum|conference|"
                                                          r"meeting|award|prize|call|message|letter|report|support)", after):
        return False
    if verb.startswith("phon") and not re.match(r"\s+(?:[A-Z]|his|her)", after):
        return False
    if verb.startswith("call") and not verb.endswith(" on") and not re.match(r"\s+(?:[A-Z]|his\s+[A-Z])", after):
        return False  # "could call Putin again"; not "called for", "a call"
    if verb.startswith("invit") and not re.match(r"\s+(?:[A-Z]|his|her|the\s+[A-Z])", after):
        return False  # "invited Mr Li to Canberra for talks"; not "invited criticism"
    return True


def status(left: str, cue: str, right: str, nominal: bool, sentence_after: str, before: str = "") -> str | None:
    """The status of a cue from the words that govern it, or None when they report no meeting: `left` is
    the clause between its subject and the cue ("is expected to", "had been due to"), `right` the clause
    after it (what a noun's predicate says: "…had not been ruled out", "…was postponed"; for a verb only up
    to the next comma), `sentence_after` the rest of the sentence ("…, but postponed the trip")."""
    if not nominal:
        right = right.split(",")[0]
    near = f"{left} {cue} {right}"
    left = f"{left} {cue}"  # "ready to meet", "agreed to hold talks"
    if _DENIED.search(before or left) or _HABITUAL.search(near) or (_GENERIC_PLURAL.search(cue) and not _SPECIFIC.search(near)):
        return None
    cancelled_later = _PAST_PLAN.search(left) and _CANCELLED.search(sentence_after)
    if _CANCELLED.search(near) or cancelled_later:
        return "cancelled"
    if _POSSIBLE.search(left) or _POSSIBLE.search(cue) or (nominal and _POSSIBLE.search(right)):
        return "possible"
    if _NOT_HELD.search(near):
        return None
    if _PLANNED.search(left) or _PLANNED.search(cue) or (nominal and _PLANNED.search(right)):
        return "planned"
    return "held"


def mode(words: str) -> str:
    """How the meeting the cue's own words report is held: by video, by phone, or in person."""
    if _VIDEO.search(words):
        return "video"
    if _PHONE.search(words):
        return "phone"
    return "in_person"
