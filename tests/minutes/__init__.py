"""Real minutes of Samordningsråd Barn (copies of ../shared/seeds/000_… and 001_…), for tests."""

from __future__ import annotations

from pathlib import Path

APRIL = "sor_barn_2025-04-09.txt"
SEPTEMBER = "sor_barn_2025-09-12.txt"


def read_minutes(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")
