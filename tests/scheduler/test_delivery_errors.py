"""One rule for every platform's delivery failures: what is retried, when, and what is not."""

from __future__ import annotations

import pytest

from scheduler.delivery import classify, retry_after_seconds


@pytest.mark.parametrize(
    ("status", "retry_after", "refusal", "transient", "message", "wait", "permanent"),
    [
        (None, None, None, False, "no answer", None, False),  # the network: try again
        (429, "7", None, False, "HTTP 429", 7.0, False),  # rate limited: as asked
        (503, None, None, False, "HTTP 503", None, False),
        (408, "2.5", None, False, "HTTP 408", 2.5, False),
        (403, None, None, False, "HTTP 403", None, True),  # the bot was removed
        (404, None, None, False, "HTTP 404", None, True),  # the conversation is gone
        (200, None, "Slack channel_not_found", False, "Slack channel_not_found", None, True),
        (200, None, "Slack ratelimited", True, "Slack ratelimited", None, False),
        (500, None, "Slack fatal_error", True, "HTTP 500", None, False),  # the status decides
    ],
)
def test_each_failure_is_classified_once(
    status: int | None,
    retry_after: str | None,
    refusal: str | None,
    transient: bool,
    message: str,
    wait: float | None,
    permanent: bool,
) -> None:
    error = classify(status, retry_after=retry_after, refusal=refusal, transient=transient)
    assert (str(error), error.retry_after, error.permanent) == (message, wait, permanent)


def test_retry_after_is_read_in_seconds_or_not_at_all() -> None:
    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds(12) == 12.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT") is None
    assert retry_after_seconds("") is None
    assert retry_after_seconds(None) is None
