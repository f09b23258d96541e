"""The shape of the code, checked on every run: layers that only point down (import-linter's
contracts in ``.importlinter``) and types that hold (mypy, strict, on bot/, dialogs/, store/
and scheduler/, as ``[tool.mypy]`` in ``pyproject.toml`` says)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=540,
        env={"PATH": str(Path(sys.executable).parent), "MYPY_CACHE_DIR": str(cache)},
    )


@pytest.mark.timeout(600)
def test_layers_only_point_down(tmp_path: Path) -> None:
    """bot > scheduler > dialogs > store; the core imports no chat platform and no web server."""
    done = _run(str(Path(sys.executable).parent / "lint-imports"), "--no-cache", cache=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.timeout(600)
def test_types_hold_strictly(tmp_path: Path) -> None:
    done = _run(sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), cache=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


PACKAGES = ("bot", "dialogs", "store", "scheduler")
#: A package may hold this many modules side by side before they are grouped by subject.
MOST_MODULES_SIDE_BY_SIDE = 25


def _modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "versions" not in path.parts
    )


def test_every_module_says_what_it_is_for() -> None:
    """The layout explains itself: each module opens with a docstring whose first line says
    what it is about."""
    silent = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()
    ]
    assert silent == []


def test_dialogs_is_grouped_by_subject() -> None:
    """dialogs/ keeps its core at the top and groups the rest (dates/, minutes/, drafts/,
    people/, reminders/, text/, commands/, lang/), so no folder grows into a flat heap."""
    for folder in [ROOT / "dialogs", *(p for p in (ROOT / "dialogs").iterdir() if p.is_dir())]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= MOST_MODULES_SIDE_BY_SIDE, folder
