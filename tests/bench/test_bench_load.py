"""The load benchmark works: a tiny run of ``bench/bench_load.py`` end to end (the echo bot
and Rådsbot on SQLite, each in its own process, a few senders for about a second)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tiny_run(tmp_path: Path, *options: str) -> tuple[list[dict[str, Any]], str]:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_load.py"),
            *options,
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
    # every private answer reached the benchmark's connector, as in production: a saved
    # conversation that pointed elsewhere was refused, a cheaper turn than a real one
    assert "private reply failed" not in done.stderr, done.stderr[-2000:]
    results: list[dict[str, Any]] = json.loads(out.read_text())
    for result in results:
        assert result["errors"] == {}
        assert result["turns_per_second"] > 0
        assert result["p99"] >= result["p50"] > 0
        assert result["rss_mb"] > 0 and result["pss_mb"] > 0
        assert result["cpu_ms_per_turn"] > 0
    return results, done.stdout


@pytest.mark.timeout(180)
def test_a_tiny_load_run_answers_every_turn(tmp_path: Path) -> None:
    results, printed = _tiny_run(tmp_path, "--backends", "echo", "sqlite")
    assert [(r["server"], r["senders"]) for r in results] == [
        ("botbuilder echo bot", 3),
        ("Rådsbot on SQLite", 3),
    ]
    assert "| Rådsbot on SQLite | 3 |" in printed


@pytest.mark.timeout(180)
def test_two_server_processes_share_the_port_and_the_database(tmp_path: Path) -> None:
    results, _ = _tiny_run(tmp_path, "--backends", "postgres", "--workers", "1", "2")
    assert [r["server"] for r in results] == [
        "Rådsbot on PostgreSQL",
        "Rådsbot on PostgreSQL, 2 processes",
    ]
    one, two = results
    # two processes' memory is summed: more than one's, though they share their imports
    assert two["rss_mb"] > one["rss_mb"] and two["pss_mb"] < two["rss_mb"]


@pytest.mark.timeout(180)
def test_the_floor_answers_every_turn_with_one_lookup(tmp_path: Path) -> None:
    results, printed = _tiny_run(tmp_path, "--backends", "floor")
    assert [r["server"] for r in results] == ["floor: a lookup and a reply"]
    # its turns cost PostgreSQL something: it did look the sender up
    assert results[0]["postgresql_cpu_ms_per_turn"] > 0
    assert "| floor: a lookup and a reply | 3 |" in printed
