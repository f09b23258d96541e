"""How well dates are read: precision and recall of ``find_when`` on an unseen corpus.

Run from the repository root:

    .venv/bin/python bench/bench_date_reading.py          # the figures and every miss
    .venv/bin/python bench/bench_date_reading.py --quiet  # the figures only

``bench/date_corpus.json`` was written by someone who had not read the reader: texts the
way council members write deadlines and meeting times (with the words around them), the
moment each was written, and what a Swedish reader takes it to mean (a date, a start time, an
end time), or null where there is no date at all ("punkt 3.2", "12 000 kr"). Each text goes
to ``dialogs.dates.reading.find_when``, as a command that takes a date does.

A reading is right when its day and, where the key has one, its start and end times are the
key's; a time read where the key has none is wrong too. Precision: of the dates read, the
share that are right. Recall: of the texts that hold a date, the share read right. Also the
false alarms: dates read in texts that hold none.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_run import report, run  # noqa: E402
from dialogs.dates.reading import STOCKHOLM, When, find_when  # noqa: E402
from dialogs.dates.writing import local  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "date_corpus.json"


@dataclass(frozen=True)
class Reading:
    date: str | None
    time: str | None
    end: str | None

    @classmethod
    def of(cls, when: When | None) -> Reading:
        if when is None:
            return cls(None, None, None)
        start = local(when.start)
        end = local(when.end) if when.end is not None and when.has_time else None
        return cls(
            start.date().isoformat(),
            start.strftime("%H:%M") if when.has_time else None,
            end.strftime("%H:%M") if end is not None else None,
        )

    def __str__(self) -> str:
        if self.date is None:
            return "no date"
        span = f" {self.time}" if self.time else ""
        return self.date + span + (f"–{self.end}" if self.end else "")


def expected(case: dict[str, Any]) -> Reading:
    return Reading(case.get("date"), case.get("time"), case.get("end"))


def read(case: dict[str, Any]) -> Reading:
    now = datetime.fromisoformat(case["now"]).replace(tzinfo=STOCKHOLM)
    found = find_when(case["text"], now=now)
    return Reading.of(found[0] if found else None)


def score(cases: list[dict[str, Any]], *, quiet: bool = False) -> dict[str, float]:
    read_count = right = with_date = found = false_alarms = without_date = 0
    misses = []
    for case in cases:
        key, got = expected(case), read(case)
        if got.date is not None:
            read_count += 1
            right += got == key
        if key.date is not None:
            with_date += 1
            found += got == key
        else:
            without_date += 1
            false_alarms += got.date is not None
        if got != key:
            misses.append(
                f"  now {case['now']}  {case['text']!r}: read {got}, expected {key}"
                + (f"  ({case['note']})" if case.get("note") else "")
            )
    figures = {
        "texts": len(cases),
        "with a date": with_date,
        "precision": right / read_count if read_count else 1.0,
        "recall": found / with_date if with_date else 1.0,
        "false alarms": false_alarms,
        "without a date": without_date,
    }
    report(
        f"{len(cases)} texts ({with_date} with a date, {without_date} without): "
        f"precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
        f"false alarms {false_alarms} of {without_date}",
        misses,
        quiet=quiet,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    return run(__doc__ or "", CORPUS, score, argv)


if __name__ == "__main__":
    sys.exit(main())
