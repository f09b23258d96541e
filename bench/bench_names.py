"""How well names are read: which member a written name means, on an unseen corpus.

Run from the repository root:

    .venv/bin/python bench/bench_names.py          # the figures and every miss
    .venv/bin/python bench/bench_names.py --quiet  # the figures only

``bench/name_corpus.json`` was written by someone who had not read the reader: three
rosters, and names as people write them in chat and minutes ("Karin B", "K. Andersson",
"Gelandr", "Regionen"), each with the members a careful colleague would take it to mean: one
(pick that member), several (ask among exactly these), or none (pick nobody). Each name goes
to ``dialogs.people.names.resolve_name`` against its roster, as an action's owner does.

The reader's answer is the member it picks, the members it asks about, or nobody (an unknown
name, an organisation). Printed:
- **picks**: precision = right picks / all picks (a wrong pick is the costly mistake: the
  action lands with the wrong person); recall = right picks / names that mean one member;
- **questions**: of the names that mean several members, the share asked about with exactly
  those, and how many were picked anyway;
- **nobody**: of the names that mean no member, the share where nobody was picked;
- **agreement**: the share of all names answered exactly as the key.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_run import report, run  # noqa: E402
from dialogs.people.names import resolve_name  # noqa: E402
from dialogs.text.folding import name_key  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "name_corpus.json"


@dataclass(frozen=True)
class Member:
    full_name: str
    name_key: str


def answer(text: str, roster: list[Member]) -> tuple[str, frozenset[str]]:
    """("pick", {name}), ("ask", names) or ("none", {})."""
    resolution = resolve_name(text, roster)
    names = frozenset(m.full_name for m in resolution.matches)
    if resolution.kind == "person":
        return "pick", names
    if resolution.kind == "ambiguous":
        return "ask", names
    return "none", frozenset()


def score(corpus: dict[str, Any], *, quiet: bool = False) -> dict[str, float]:
    rosters = {
        key: [Member(name, name_key(name)) for name in names]
        for key, names in corpus["rosters"].items()
    }
    picks = right_picks = one = found_one = several = asked_right = picked_anyway = 0
    nobody = left_alone = agreed = 0
    misses = []
    for case in corpus["cases"]:
        meant = frozenset(case["expect"])
        # "name": the written name inside a whole message ("Action: Eva S ringer …"), where
        # the corpus gives one; else the text is the name
        kind, names = answer(case.get("name", case["text"]), rosters[case["roster"]])
        want = "pick" if len(meant) == 1 else "ask" if meant else "none"
        if kind == "pick":
            picks += 1
            right_picks += want == "pick" and names == meant
        if want == "pick":
            one += 1
            found_one += kind == "pick" and names == meant
        elif want == "ask":
            several += 1
            asked_right += kind == "ask" and names == meant
            picked_anyway += kind == "pick"
        else:
            nobody += 1
            left_alone += kind != "pick"
        ok = (kind, names) == (want, meant if want != "none" else frozenset())
        agreed += ok
        if not ok:
            shown = ", ".join(sorted(names)) or "-"
            misses.append(
                f"  {case['roster']} {case['text']!r}: {kind} [{shown}], "
                f"expected {want} [{', '.join(sorted(meant)) or '-'}]"
                + (f"  ({case['note']})" if case.get("note") else "")
            )
    total = len(corpus["cases"])
    figures = {
        "names": total,
        "pick precision": right_picks / picks if picks else 1.0,
        "pick recall": found_one / one if one else 1.0,
        "asked right": asked_right / several if several else 1.0,
        "picked when ambiguous": picked_anyway,
        "nobody right": left_alone / nobody if nobody else 1.0,
        "agreement": agreed / total if total else 1.0,
    }
    report(
        f"{total} names ({one} one member, {several} several, {nobody} none): "
        f"picks precision {figures['pick precision']:.3f} recall {figures['pick recall']:.3f}; "
        f"asked right {figures['asked right']:.3f} (picked anyway {picked_anyway}); "
        f"nobody right {figures['nobody right']:.3f}; agreement {figures['agreement']:.3f}",
        misses,
        quiet=quiet,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    return run(__doc__ or "", CORPUS, score, argv)


if __name__ == "__main__":
    sys.exit(main())
