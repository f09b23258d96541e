"""``member role NAME ROLE[, ROLE]``: where the name ends and the roles begin."""

from __future__ import annotations

import pytest

from dialogs.commands.mending import split_name_and_roles


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("Maja Berndes ordförande", ("Maja Berndes", ["ordförande"])),
        ("Maja Berndes ordförande, sekreterare", ("Maja Berndes", ["ordförande", "sekreterare"])),
        (
            "Maja Berndes, vice chair, process leader",
            ("Maja Berndes", ["vice chair", "process leader"]),
        ),
        ("Maja Berndes vice ordförande", ("Maja Berndes", ["vice ordförande"])),
        ("Per Ek ordförande och sekreterare", ("Per Ek", ["ordförande och sekreterare"])),
        ("Per Ek: koordinator", ("Per Ek", ["koordinator"])),
        ("Anna-Karin af Ström gäst", ("Anna-Karin af Ström", ["gäst"])),
        ("Per Ek", None),
        ("ordförande", None),
        ("", None),
    ],
)
def test_name_and_roles(args: str, expected: tuple[str, list[str]] | None) -> None:
    assert split_name_and_roles(args) == expected
