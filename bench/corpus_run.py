"""The command line the reader benchmarks share: a corpus file (JSON), the figures, the misses."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Score = Callable[..., dict[str, float]]


def run(description: str, corpus: Path, score: Score, argv: Sequence[str] | None = None) -> int:
    """Parse ``--quiet`` and ``--corpus FILE`` (default ``corpus``), score the file's JSON
    with ``score(data, quiet=...)``; exit code 0 (these benchmarks report, they do not gate)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="the figures only")
    parser.add_argument("--corpus", type=Path, default=corpus, help=f"default {corpus.name}")
    options = parser.parse_args(argv)
    data: Any = json.loads(options.corpus.read_text(encoding="utf-8"))
    score(data, quiet=options.quiet)
    return 0


def report(summary: str, misses: Sequence[str], *, quiet: bool) -> None:
    """The figures in a line, then every miss (unless ``quiet``)."""
    print(summary)
    if not quiet:
        print("\n".join(misses) or "  no misses")
