"""Load the theme files in `themes/` (TOML) as Textual themes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.theme import Theme

from sidelines_tui.paths import themes_dir

ENTITY_DEFAULTS = {
    "entity-official": "#f0a35e", "entity-summit": "#5fa8d3", "entity-place": "#7bc47f",
    "entity-org": "#c49be6", "entity-date": "#b0b7c3", "chip-tag": "#e6c15a", "day-heading": "#8e97a6",
}
_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
           "surface", "panel", "boost")


def load_themes(folder: Path | None = None) -> list[Theme]:
    folder = folder or themes_dir()
    themes = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        variables = {**ENTITY_DEFAULTS, **{k: str(v) for k, v in data.get("variables", {}).items()}}
        themes.append(Theme(name=data["name"], dark=bool(data.get("dark", True)), variables=variables,
                            **{k: data[k] for k in _FIELDS if k in data}))
    return themes
