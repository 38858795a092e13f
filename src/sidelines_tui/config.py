"""The user's settings (config.toml): theme, refresh defaults and retention. Small, flat, rewritten atomically."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from sidelines_tui.atomic import atomic_write_text


@dataclass(slots=True)
class Config:
    theme: str = "sidelines-dark"
    fulltext: str = "auto"
    concurrency: int = 32
    per_host: int = 4
    retention_days: int = 0  # articles older than this go after each refresh (0: keep everything)


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return Config()
    config = Config()
    for key, value in data.items():
        if hasattr(config, key) and isinstance(value, type(getattr(config, key))):
            setattr(config, key, value)
    return config


def save_config(path: Path, config: Config) -> None:
    lines = []
    for key, value in asdict(config).items():
        if isinstance(value, str):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{escaped}"')
        else:
            lines.append(f"{key} = {value}")
    atomic_write_text(path, "\n".join(lines) + "\n")
