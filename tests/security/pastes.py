"""The biggest inputs the bot accepts, built the way councils write them."""

from __future__ import annotations

import itertools
from collections.abc import Callable

FIRST = (
    "Anna Birgitta Cecilia Daniel Erik Fredrik Gunilla Henrik Ingrid Johan Karl Lena Magnus "
    "Nils Olof Petra Rasmus Sara Tove Ulla Viktor Ylva Åsa Örjan Agneta Bengt Carina Dag Elin "
    "Filip Greta Hugo Ida Jonas Kerstin Linus Maria Nora Oskar Pia"
).split()
LAST = (
    "Andersson Berg Carlsson Dahl Ek Forsberg Gustafsson Holm Isaksson Jansson Karlsson Lund "
    "Magnusson Nilsson Olsson Persson Quist Rydberg Sandberg Thorsson Ulfsson Vikström Wallin "
    "Åberg Öberg"
).split()
MONTHS = "januari februari mars april maj juni augusti september oktober november december"
OWNERS = ("Karin B", "Lars", "Maja Berndes", "alla", "Joanna och Niklas", "Lisa S")
TASKS = (
    "tar fram ett underlag om hälso- och sjukvårdsåtgärder på korttidsboende",
    "sammanställer remissvaret till regionen och skickar det till kansliet",
    "bjuder in föredragande från barnkirurgin till ett möte",
    "rapporterar om nästa steg i arbetet med RMR",
)


def roster_lines(count: int) -> list[str]:
    """``count`` different people, ``Förnamn Efternamn, ledamot``."""
    names = itertools.product(FIRST, LAST)
    return [f"{first} {last}, ledamot" for first, last in itertools.islice(names, count)]


def _dated(count: int, line: Callable[[int, str], str]) -> list[str]:
    """``count`` lines, line ``n`` written with a month that changes from line to line."""
    months = MONTHS.split()
    return [line(n, months[n % len(months)]) for n in range(count)]


def action_lines(count: int) -> list[str]:
    """``count`` "Action:" lines of minutes, each with owners and a deadline."""
    return _dated(
        count,
        lambda n, month: (
            f"Action: {OWNERS[n % len(OWNERS)]} {TASKS[n % len(TASKS)]} senast {n % 27 + 1} {month}"
        ),
    )


def meeting_lines(count: int) -> list[str]:
    """``count`` lines of a season's meeting dates, with times and places."""
    return _dated(
        count,
        lambda n, month: (
            f"{n % 28 + 1} {month} kl 09.30-15.30, Stationshuset Göteborg, lokal Bommen {n}"
        ),
    )


def as_teams_html(lines: list[str]) -> str:
    """A paste as Teams delivers it: one ``<p>`` per line."""
    return "".join(f"<p>{line}</p>" for line in lines)
