"""The speed budget's benchmark works: a tiny run of ``bench/bench_commands.py`` answers every
command and counts each request's SQL statements (an N+1 would show as a growing count)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.world import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(180)
def test_a_tiny_run_keeps_the_budget_and_counts_the_statements() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_commands.py"),
            *("--people", "300", "--actions", "1500", "--requests", "4"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {
        label: line[len(label) :].split()
        for line in done.stdout.splitlines()
        for label in COMMANDS
        if line.startswith(label + " ") and line[len(label) :].split()[0].isdigit()
    }
    assert set(rows) == set(COMMANDS)
    for label, (count, *_times, statements, _reply, bad) in rows.items():
        low, high = (int(n) for n in statements.split("-"))
        # every command asks at least who is asking, and none grows past a few statements
        assert 1 <= low <= high <= 12, (label, statements)
        assert int(count) == 4 and bad == "0", (label, count, bad)
