"""The reader benchmarks run, and the readers stay at least as good as measured on 4 Dec
2026 on the corpora that helpers wrote without reading them (bench/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import bench_date_reading, bench_minutes, bench_names

ROOT = Path(__file__).resolve().parents[2]


def test_dates_are_read_as_measured() -> None:
    cases = json.loads(bench_date_reading.CORPUS.read_text(encoding="utf-8"))
    figures = bench_date_reading.score(cases, quiet=True)
    assert figures["precision"] >= 0.96 and figures["recall"] >= 0.96, figures


def test_names_are_read_as_measured() -> None:
    corpus = json.loads(bench_names.CORPUS.read_text(encoding="utf-8"))
    figures = bench_names.score(corpus, quiet=True)
    assert figures["pick precision"] >= 0.99 and figures["pick recall"] >= 0.9, figures
    assert figures["nobody right"] == 1.0, figures


def test_names_held_out_are_read_as_measured() -> None:
    """The corpus written after the rules, by someone who had read neither them nor the
    first corpus."""
    corpus = json.loads((bench_names.CORPUS.parent / "name_corpus_holdout.json").read_text("utf-8"))
    figures = bench_names.score(corpus, quiet=True)
    assert figures["pick precision"] >= 0.99 and figures["pick recall"] >= 0.95, figures
    assert figures["nobody right"] == 1.0, figures


#: The minutes corpora and the least each reading must keep, as measured on 4 Dec 2026:
#: (people, meetings, action recall, action precision, decisions found).
MINUTES_FLOORS = {
    "tests/minutes/corpus": (0.98, 1.0, 0.90, 0.95, 1.0),
    "bench/minutes_holdout": (0.98, 1.0, 0.93, 0.95, 1.0),
    "bench/minutes_holdout2": (0.98, 1.0, 0.95, 0.95, 1.0),
    "bench/minutes_holdout3": (0.98, 1.0, 0.86, 0.88, 1.0),
    "bench/minutes_holdout4": (0.78, 0.75, 0.60, 0.65, 0.9),
}


@pytest.mark.parametrize("corpus", list(MINUTES_FLOORS))
async def test_minutes_are_read_as_measured(corpus: str) -> None:
    """Each minutes corpus through the real app (bench/bench_minutes.py), at its figures."""
    documents = bench_minutes.load_corpus(ROOT / corpus)
    readings = await bench_minutes.read_all(documents)
    total = bench_minutes.Score()
    for reading, document in zip(readings, documents, strict=True):
        total.add(bench_minutes.score_document(reading, document.key))
    shares = total.shares
    names = ("people", "meetings", "recall", "precision", "decisions")
    for name, floor in zip(names, MINUTES_FLOORS[corpus], strict=True):
        assert shares[name] is None or shares[name] >= floor, (corpus, name, shares[name], floor)
