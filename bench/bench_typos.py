"""How well "Menade du …?" guesses: precision and recall of the suggestions on the typo table.

Run from the repository root:

    .venv/bin/python bench/bench_typos.py

Each row of ``tests/dialogs/typos.py`` (a slip, who typed it, the command it should suggest
or none) is put to what the dispatcher asks (``dialogs.suggestions``): a text that starts with
no command gets ``suggestion``, one that starts with a command is checked for a ``slip`` of a
longer one. Precision: of the suggestions made, the share that are the expected command.
Recall: of the rows that expect a suggestion, the share that get exactly it. Exit code 1 when
either is under 0.95.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dialogs.commands import build_registry  # noqa: E402
from dialogs.parser import parse  # noqa: E402
from dialogs.registry import CommandSpec  # noqa: E402
from dialogs.suggestions import slip, suggestion  # noqa: E402
from tests.dialogs.typos import TYPOS, UNSEEN  # noqa: E402

BAR = 0.95


def score(name: str, table: list[tuple[str, str, str, str | None]]) -> tuple[float, float]:
    """Print and return the precision and recall of the suggestions on ``table``."""
    registry = build_registry()
    made = right = expected_count = found = 0
    misses = []
    for role, lang, typed, expected in table:

        def usable(spec: CommandSpec, role: str = role) -> bool:
            return role == "officer" or not spec.officers_only

        parsed = parse(typed, registry)
        meant = (
            suggestion(registry, typed, usable, lang)
            if parsed is None
            else slip(registry, typed, parsed.length, usable, lang)
        )
        got = meant.phrase if meant else None
        if got is not None:
            made += 1
            right += got == expected
        if expected is not None:
            expected_count += 1
            found += got == expected
        if got != expected:
            misses.append(f"  {role:7} {lang} {typed!r}: {got!r}, expected {expected!r}")
    precision = right / made if made else 1.0
    recall = found / expected_count if expected_count else 1.0
    print(f"{name}: {len(table)} typos ({expected_count} with a command meant), {made} suggested")
    print(f"  precision {precision:.3f}  recall {recall:.3f}")
    print("\n".join(misses) or "  no misses")
    return precision, recall


def main() -> int:
    precision, recall = score("the tests' table", list(TYPOS))
    score("written after the code (not asserted)", list(UNSEEN))
    return 0 if precision >= BAR and recall >= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
