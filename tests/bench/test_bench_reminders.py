"""Two real reminder senders on one PostgreSQL empty a small outbox together: every reminder
delivered exactly once (``bench/bench_reminders.py``, tiny)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_UP

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not POSTGRES_UP, reason="PostgreSQL is not reachable at 127.0.0.1:5432")
@pytest.mark.timeout(180)
def test_two_senders_deliver_every_reminder_once() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_reminders.py"),
            "--reminders",
            "400",
            "--people",
            "60",
            "--processes",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "duplicates 0, lost 0" in done.stdout
    assert "'sent': 400" in done.stdout
