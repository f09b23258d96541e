"""JSON kept as text reads back what was written, whichever reader takes it."""

from __future__ import annotations

import math

import pytest
from sqlalchemy.dialects import postgresql

from store.types import JsonText

DIALECT = postgresql.dialect()


@pytest.mark.parametrize(
    "value",
    [
        {"conversation": {"id": "19:abc@thread.tacv2"}, "serviceUrl": "https://x/"},
        ["å", "ä", "ö", "😀", 1, 2.5, None, True],
        {"big": 2**70},  # past 64 bits: the standard reader's
        {"lone": "\ud800"},  # a lone surrogate (SQLite keeps it): the standard reader's
    ],
)
def test_what_is_written_reads_back(value: object) -> None:
    column = JsonText()
    text = column.process_bind_param(value, DIALECT)
    assert column.process_result_value(text, DIALECT) == value


def test_not_a_number_reads_back() -> None:
    column = JsonText()
    text = column.process_bind_param({"x": math.nan}, DIALECT)
    assert math.isnan(column.process_result_value(text, DIALECT)["x"])


def test_nothing_stays_nothing() -> None:
    assert JsonText().process_result_value(None, DIALECT) is None
