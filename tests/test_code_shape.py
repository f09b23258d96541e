"""The shape of the code, checked on every run: layers that only point down (import-linter's
contracts in ``.importlinter``) and types that hold (mypy, strict, on bot/, dialogs/, store/
and scheduler/, as ``[tool.mypy]`` in ``pyproject.toml`` says)."""

from __future__ import annotations

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
