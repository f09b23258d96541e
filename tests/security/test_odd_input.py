"""Odd characters and numbers get a friendly answer, never "Något gick fel hos mig" or a 500.

The attack: input a database or a parser chokes on — superscript digits (``klar ²``, which
``str.isdigit`` accepts and ``int`` refuses), numbers beyond 64 bits (an overflow in
PostgreSQL's integer comparison), NUL bytes (PostgreSQL text refuses ``\\x00``), lone
surrogates (``\\ud800`` in the JSON body, which no encoder can write), zero-width and
bidirectional control characters, very long single words. Each gets one short reply that says
what was wrong and the right form, or is understood as the command it plainly is.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.fakes.teams import TeamsChat, message_text

INTERNAL = "Något gick fel hos mig"


async def _council_with_an_action(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add fredag 12 december kl 09.30-15.30, Stationshuset")
    assert "Åtgärd 1 är sparad" in await teams.say("action Lars Gelander: läser underlaget")


@pytest.mark.parametrize(
    ("command", "right_form"),
    [
        ("klar ²", "klar"),
        ("klar ¹²", "klar"),
        ("action done ³", "klar"),
        ("action move ³ 15 maj", "flytta åtgärd"),
        ("klar 99999999999999999999999", "klar"),
        ("klar -1", "klar"),
        ("action move 99999999999999999999999 15 maj", "flytta åtgärd"),
        ("meeting move ² kl 13", "flytta möte"),
        ("meeting move 99999999999999999999 kl 13", "flytta möte"),
        ("meeting cancel 18446744073709551617", "ställ in möte"),
        ("nomination withdraw ²", "nominering dra tillbaka"),
        ("nomination withdraw 99999999999999999999", "nominering dra tillbaka"),
        ("reminders meeting 99999999999999999999", "påminnelser möte"),
        ("council hours 99999999999:00-1", "mötestider"),
        ("meeting add 99999999999999999999 maj", "nytt möte"),
        ("action Lars Gelander: läs senast v. 99999999999999999999", "åtgärd"),
    ],
)
async def test_numbers_that_are_not_ids_get_the_right_form(
    teams: TeamsChat, command: str, right_form: str
) -> None:
    """Superscripts, negative and beyond-64-bit numbers as ids, days, hours and dates: the
    form of the command, and nothing changed."""
    await _council_with_an_action(teams)
    answer = await teams.say(command)
    assert INTERNAL not in answer
    assert right_form in answer.replace("\\", ""), answer
    assert "Öppna åtgärder i SOR Barn (1)" in await teams.say("åtgärder")  # nothing changed


async def test_nul_bytes_and_control_characters_are_dropped(teams: TeamsChat) -> None:
    """NUL and other control characters never reach the database; the words around stay."""
    await _council_with_an_action(teams)
    added = await teams.say("agenda add Budget\x00 och\x07 plan\x1b 2026")
    assert "Punkten är tillagd" in added
    assert "Budget och plan 2026" in await teams.say("dagordning")


async def test_zero_width_and_bidi_characters_do_not_hide_a_command(teams: TeamsChat) -> None:
    """``kl\\u200bar 1`` or a right-to-left override in front is still ``klar 1``."""
    await _council_with_an_action(teams)
    answer = await teams.say("\u202ekl\u200bar\u2066 1\u200f", user="Lars Gelander")
    assert "Åtgärd 1 är klar" in answer, answer


async def post_raw(teams: TeamsChat, body: str) -> str:
    """POST a JSON body as written (escapes and all); the text of the one reply."""
    url = teams.server.make_url("/api/messages")
    headers = {"Content-Type": "application/json"}
    async with teams.http.post(url, data=body.encode(), headers=headers) as response:
        assert response.status in (200, 201)
    [reply] = teams.connector.take()
    return message_text(reply)


async def test_a_lone_surrogate_in_the_json_body(teams: TeamsChat) -> None:
    """``\\ud800`` escaped in the JSON (valid JSON, not valid Unicode) gets a normal answer."""
    await _council_with_an_action(teams)
    activity = teams.activity("agenda add Budget PLACEHOLDER 2026")
    answer = await post_raw(
        teams, json.dumps(activity).replace("PLACEHOLDER", "\\ud800\\udfff\\udc00")
    )
    assert "Punkten är tillagd" in answer
    assert "Budget" in await teams.say("dagordning")


async def test_a_lone_surrogate_in_the_senders_name(teams: TeamsChat) -> None:
    """A display name with a lone surrogate is read like any other stranger's."""
    await teams.setup_council()
    activity = teams.activity("hjälp", user="Eva PLACEHOLDER")
    answer = await post_raw(teams, json.dumps(activity).replace("PLACEHOLDER", "\\udc80"))
    assert INTERNAL not in answer


@pytest.mark.parametrize(
    "command",
    [
        "agenda add " + "Ö" * 999,
        "meeting add " + "9" * 900,
        "meeting add 12 december " + "kl" * 400,
        "action Lars Gelander: " + "a" * 900 + " senast 15 maj",
        "nästa " + "möte" * 200,
        "x" * 5000,
    ],
)
async def test_very_long_single_words_are_answered_at_once(teams: TeamsChat, command: str) -> None:
    """One long word where a date, a name or a command is read: an answer within a second."""
    await _council_with_an_action(teams)
    started = time.perf_counter()
    answer = await teams.say(command)
    assert time.perf_counter() - started < 1.0
    assert INTERNAL not in answer


async def test_a_mention_label_cannot_carry_our_formatting_marks() -> None:
    """The label of an @mention (how it reads in the text) is cleaned like the text itself:
    the private-use characters that stand for our own bold and code, a NUL and a bidi
    override in a display name are dropped before any command sees them."""
    from datetime import UTC, datetime

    from dialogs.model import Account, ConversationKind, Incoming
    from dialogs.text.incoming import clean_incoming
    from dialogs.text.markup import MARKS

    async def mentioned() -> tuple[Account, ...]:
        return (Account("aad-lars", f"La{MARKS[0]}rs\x00", f"\u202eLars{MARKS[-1]}", "29:lars"),)

    incoming = Incoming(
        platform="teams",
        tenant_id="t",
        conversation_id="c",
        conversation_kind=ConversationKind.CHANNEL,
        user_id="u",
        user_name="Carin Skoog",
        text="member link Lars Gelander @Lars",
        received_at=datetime(2025, 4, 9, 8, tzinfo=UTC),
        mentioned=mentioned,
    )
    [account] = await clean_incoming(incoming).mentioned()
    assert (account.name, account.shown) == ("Lars", "Lars")
