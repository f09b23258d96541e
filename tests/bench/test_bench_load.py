"""The load benchmark works: a tiny run of ``bench/bench_load.py`` end to end (the echo bot
and Rådsbot on SQLite, each in its own process, a few senders for about a second)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(180)
def test_a_tiny_load_run_answers_every_turn(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_load.py"),
            "--backends",
            "echo",
            "sqlite",
            "--people",
            "300",
            "--actions",
            "1500",
            "--seconds",
            "1",
            "--warmup",
            "0.3",
            "--concurrency",
            "3",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    assert [(r["server"], r["senders"]) for r in results] == [
        ("botbuilder echo bot", 3),
        ("Rådsbot on SQLite", 3),
    ]
    for result in results:
        assert result["errors"] == {}
        assert result["turns_per_second"] > 0
        assert result["p99"] >= result["p50"] > 0
        assert result["rss_mb"] > 0
    assert "| Rådsbot on SQLite | 3 |" in done.stdout
