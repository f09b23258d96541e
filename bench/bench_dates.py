"""Warm parses per second: `dialogs.dates.reading.parse_when` against plain dateparser.

Run from the repository root:  .venv/bin/python bench/bench_dates.py [--seconds N]

Both parsers get the same ~70 realistic inputs (the way council members write deadlines,
meeting times and week numbers, plus a few things that are not dates at all). Each is
warmed up first, so the figures exclude imports and dateparser's language loading.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from dialogs.dates.writing import STOCKHOLM

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dateparser

from dialogs.dates.reading import parse_when

NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM)
MEETINGS = [
    datetime(2025, 5, 7, 9, 0, tzinfo=STOCKHOLM),
    datetime(2025, 9, 12, 9, 30, tzinfo=STOCKHOLM),
    datetime(2025, 10, 13, 9, 0, tzinfo=STOCKHOLM),
    datetime(2025, 11, 12, 9, 0, tzinfo=STOCKHOLM),
    datetime(2025, 12, 12, 9, 0, tzinfo=STOCKHOLM),
]

INPUTS: tuple[str, ...] = (
    "senast 31 maj",
    "senast den 31 oktober",
    "den 7 maj",
    "7/5",
    "13/10",
    "13/10-2025",
    "2025-10-13",
    "13.10.2025",
    "Fredag 12 september",
    "Måndag 13 oktober",
    "tis den 3 juni",
    "3:e juni",
    "15 jan",
    "3 okt.",
    "1:a maj",
    "fre 12 sep kl 09.30",
    "7 maj 13.00-15.30",
    "12 sep 09:30–15:30",
    "kl 14",
    "kl. 09.05",
    "9.30",
    "14:30",
    "09.30–12.00",
    "imorgon kl 9",
    "i morgon",
    "idag",
    "i övermorgon",
    "om två veckor",
    "om 3 dagar",
    "om en månad",
    "på fredag",
    "fredag nästa vecka",
    "nästa fredag",
    "måndag kl 10",
    "nästa vecka",
    "vecka 21",
    "v. 21",
    "v21",
    "torsdag v. 17",
    "vecka 3 2026",
    "slutet av maj",
    "början av juni",
    "innan årsskiftet",
    "midsommarafton",
    "julafton",
    "kristi himmelfärdsdag",
    "till nästa möte",
    "inför nästa SOR-möte",
    "till mötet i oktober",
    "inför SOR 7 maj",
    "9 februari - 30 mars",
    "1 februari till 15 juni",
    "tomorrow 9am",
    "May 7",
    "in two weeks",
    "next Friday",
    "by 31 May",
    "2025-10-13 14:00",
    "på fredag 18 april kl 10",
    "13/10-25",
    "om 2 v",
    "innan jul",
    "3 och 5 juni",
    "snarast",
    "vid behov",
    "RPT THS",
    "32 maj",
    "kl 25",
    "asdf",
)


def _rate(parse: Callable[[str], object], seconds: float) -> float:
    """Whole passes over INPUTS until `seconds` have passed; parses per second."""
    for text in INPUTS:  # warm-up: imports, caches, dateparser's language data
        parse(text)
    done = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for text in INPUTS:
            parse(text)
        done += len(INPUTS)
    return done / elapsed


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--seconds", type=float, default=3.0, help="time per parser")
    seconds = arguments.parse_args().seconds

    ours = _rate(lambda text: parse_when(text, now=NOW, meetings=MEETINGS), seconds)
    plain = _rate(lambda text: dateparser.parse(text, languages=["sv"]), seconds)
    print(f"inputs:                 {len(INPUTS)}")
    print(f"parse_when:             {ours:10,.0f} parses/s")
    print(f"dateparser.parse (sv):  {plain:10,.0f} parses/s")
    print(f"ratio:                  {ours / plain:10.1f}x")


if __name__ == "__main__":
    main()
