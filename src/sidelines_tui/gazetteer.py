"""Entity knowledge: officials, summits, places and organisations from the packaged data files plus the
user's own files in `<config>/gazetteer/*.json` (same format, merged over the packaged ones)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# East Asian names are written family name first; this is the family name a short mention uses.
_FAMILY_FIRST = {"Xi", "Li", "Wang", "Hu", "Yang", "Qin", "Kim", "Moon", "Yoon", "Lee", "Ban", "Min",
                 "Nguyen", "Park", "Zhao", "Zhang", "Liu", "Chen", "Han", "Wen", "Ma"}
_PARTICLES = {"de", "da", "di", "del", "van", "von", "der", "al", "el", "bin", "ibn", "le", "la", "du"}


@dataclass(slots=True)
class Official:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    short: str = ""  # the form a repeat mention uses: "Lavrov", "Xi", "de Mistura"


@dataclass(slots=True)
class SummitBody:
    code: str
    names: list[str]
    always: bool  # False: an organisation that is a summit only when "summit" stands beside it


@dataclass(slots=True)
class Gazetteer:
    officials: list[Official]
    summits: list[SummitBody]
    places: list[str]
    orgs: list[str]


def short_form(name: str) -> str:
    """The surname a later mention uses: last word, with its particle; family name first for East
    Asian names."""
    words = name.replace(" Jr.", "").split()
    if len(words) == 1:
        return words[0]
    if words[0] in _FAMILY_FIRST:
        return words[0]
    last = words[-1]
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        return f"{words[-2]} {last}"
    for prefix in ("al-", "el-", "Al-", "El-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            return last[len(prefix):]
    return last


def _read_json(source) -> dict:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"gazetteer file {getattr(source, 'name', source)} is not valid JSON: {exc}") from exc
    return data if isinstance(data, dict) else {}


def load_gazetteer(extra_dir: Path | None = None) -> Gazetteer:
    from importlib import resources  # 11 ms of imports the TUI's start does not need

    package = resources.files("sidelines_tui") / "data"
    sources = [package / name for name in ("officials.json", "summits.json", "places.json", "orgs.json")]
    if extra_dir and extra_dir.is_dir():
        sources.extend(sorted(extra_dir.glob("*.json")))
    officials: dict[str, Official] = {}
    summits: dict[str, SummitBody] = {}
    places: set[str] = set()
    orgs: set[str] = set()
    for source in sources:
        data = _read_json(source)
        for item in data.get("officials", []):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            name = " ".join(item["name"].split())
            entry = officials.setdefault(name, Official(name=name))
            entry.aliases = sorted(set(entry.aliases) | {a for a in item.get("aliases", []) if isinstance(a, str)})
            entry.role = item.get("role", entry.role) or entry.role
            entry.short = item.get("short") or entry.short or short_form(name)
        for item in data.get("summits", []):
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                continue
            body = summits.setdefault(item["code"], SummitBody(item["code"], [], bool(item.get("always", True))))
            body.names = sorted(set(body.names) | {n for n in item.get("names", []) if isinstance(n, str)} | {body.code})
            if "always" in item:
                body.always = bool(item["always"])
        places |= {p for p in data.get("places", []) if isinstance(p, str)}
        orgs |= {o for o in data.get("orgs", []) if isinstance(o, str)}
    return Gazetteer(list(officials.values()), list(summits.values()), sorted(places), sorted(orgs))
