"""The one place that knows where Sidelines keeps its database, config, exports and themes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "sidelines"


@dataclass(frozen=True, slots=True)
class Locations:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "sidelines.sqlite3"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def gazetteer_dir(self) -> Path:
        return self.config_dir / "gazetteer"

    @property
    def export_dir(self) -> Path:
        return self.data_dir / "exports"

    def ensure(self) -> Locations:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.config_dir.mkdir(parents=True, exist_ok=True)
        return self


def locate(home: str | os.PathLike[str] | None = None) -> Locations:
    """`--home` wins, then `SIDELINES_HOME`, then platformdirs' per-user folders."""
    home = home or os.environ.get("SIDELINES_HOME") or None
    if home:
        root = Path(home).expanduser().resolve()
        return Locations(data_dir=root, config_dir=root)
    return Locations(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
    )


def themes_dir() -> Path:
    """Themes ship inside the package (the wheel force-includes the repo's `themes/`)."""
    packaged = Path(__file__).parent / "themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"
