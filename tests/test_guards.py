"""Guards on the code's shape: the core knows nothing of Textual, ruff and mypy are clean, modules and
functions stay small, and a second store backend is one module that `open_store` finds by its scheme."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import sidelines_tui

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(sidelines_tui.__file__).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], "sidelines_tui.")
                  if not m.name.startswith("sidelines_tui.tui") and m.name != "sidelines_tui.__main__")


def test_importing_the_core_loads_no_textual():
    modules = core_modules()
    assert "sidelines_tui.store.sqlite" in modules and "sidelines_tui.clean.page" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _python_files() -> list[Path]:
    return sorted([*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / ".ci").rglob("*.py")])


def test_no_module_over_400_lines_and_no_function_over_60():
    too_long = []
    for path in _python_files():
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines")
    assert too_long == []


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_linters_are_clean(tool):
    binary = shutil.which(tool, path=str(Path(sys.executable).parent)) or shutil.which(tool)
    assert binary, f"{tool} is a test dependency (pip install -e '.[test]')"
    args = [binary, "check", "src", "tests", ".ci"] if tool == "ruff" else [binary]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_second_backend_is_one_module_found_by_its_scheme(monkeypatch, tmp_path):
    from sidelines_tui.store import Store, StoreError, open_store
    from sidelines_tui.store.sqlite import SqliteStore

    opened: list[tuple[str, dict]] = []
    backend = types.ModuleType("sidelines_tui.store.teamdb")

    def open_location(location: str, **options: object) -> Store:
        opened.append((location, options))
        return SqliteStore(tmp_path / "team.sqlite3")  # stands in for a server-backed store

    backend.open_location = open_location  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sidelines_tui.store.teamdb", backend)
    with open_store("teamdb://analysts@db.example/sidelines", readonly=True) as store:
        assert isinstance(store, Store)
    assert opened == [("teamdb://analysts@db.example/sidelines", {"readonly": True})]
    with pytest.raises(StoreError, match="no store backend for nosuch://"):
        open_store("nosuch://x")
    with open_store(tmp_path / "plain.sqlite3") as store:  # a path is SQLite
        assert isinstance(store, SqliteStore) and isinstance(store, Store)


def test_every_core_module_imports_cleanly():
    for name in core_modules():
        importlib.import_module(name)
