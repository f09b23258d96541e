"""The reader benchmarks run, and the readers stay at least as good as measured on 4 Dec
2026 on the corpora that helpers wrote without reading them (bench/README.md)."""

from __future__ import annotations

import json

from bench import bench_date_reading, bench_names


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
