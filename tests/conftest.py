from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sidelines_tui.paths import Locations, locate
from tests.support.feed_server import FeedServer

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def locations(home: Path) -> Locations:
    return locate(home).ensure()


@pytest.fixture
def demo_home(locations: Locations) -> Locations:
    """A home holding the bundled demo articles."""
    from sidelines_tui.demo import load_demo
    from sidelines_tui.store import open_store

    with open_store(locations.database) as store:
        load_demo(store)
    return locations


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))


def run_cli(*args: str, home: Path | None = None, input: str | None = None, timeout: float = 120,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `sidelines` entry point in a subprocess."""
    full_env = dict(os.environ)
    full_env.pop("SIDELINES_HOME", None)
    full_env.update(env or {})
    cmd = [sys.executable, "-m", "sidelines_tui", *args]
    if home is not None:
        cmd += ["--home", str(home)]
    return subprocess.run(cmd, capture_output=True, text=True, input=input, timeout=timeout, env=full_env)
