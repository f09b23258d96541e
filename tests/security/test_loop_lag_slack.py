"""The biggest pastes Slack delivers never hold the event loop for more than 100 ms.

Slack lets a message carry 40,000 characters: as many minutes' action lines as fit in that,
and as many roster lines, sent in a direct message (where they arrive whole, as an event).
A probe task measures the longest time the loop's thread spent on anything else while the
request runs through the real ``/slack/events`` endpoint and the answer is posted.
"""

from __future__ import annotations

import gc
import logging

import pytest

from tests.fakes.slack_api import SlackChat
from tests.security.lag_probe import LagProbe
from tests.security.pastes import action_lines, roster_lines

HELD_AT_MOST = 0.100
SLACK_MAX_CHARS = 40_000
log = logging.getLogger(__name__)


def _filling(command: str, lines: list[str]) -> str:
    """``command`` and as many of ``lines`` as fit in one Slack message."""
    text = command
    for line in lines:
        if len(text) + 1 + len(line) > SLACK_MAX_CHARS:
            break
        text += "\n" + line
    return text


async def _held(slack: SlackChat, text: str) -> tuple[LagProbe, str]:
    gc.freeze()  # as in test_loop_lag: the test session's heap is not the request's
    try:
        async with LagProbe() as probe:
            answer = await slack.direct(text)
    finally:
        gc.unfreeze()
    log.warning(
        "held the loop at most %.0f ms of CPU over %d turns; stalls: %s",
        probe.worst_cpu * 1000,
        probe.turns,
        probe.stalls or "none",
    )
    return probe, str(answer.get("text", ""))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_biggest_slack_pastes_do_not_hold_the_loop(slack: SlackChat) -> None:
    await slack.setup_council()
    notes = _filling("notes", action_lines(1000))
    assert len(notes) > 39_000
    probe, preview = await _held(slack, notes)
    assert "Visar 1–20 av" in preview
    assert probe.worst_cpu < HELD_AT_MOST, probe.stalls

    probe, _ = await _held(slack, "avbryt")
    assert probe.worst_cpu < HELD_AT_MOST, probe.stalls

    roster = _filling("members add", roster_lines(1000))
    probe, added = await _held(slack, roster)
    assert "nya" in added
    assert probe.worst_cpu < HELD_AT_MOST, probe.stalls
