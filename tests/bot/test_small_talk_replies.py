""" "Hej!" and "Tack!" through Teams: a greeting with the first steps as buttons, a kind
"Varsågod!", in the person's language, never "Jag förstår inte"."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, message_text


async def _reply(teams: TeamsChat, text: str, **kwargs: object) -> tuple[str, list[str]]:
    await teams.post(teams.activity(text, **kwargs))
    [reply] = teams.connector.take()
    buttons = [
        action["data"].get("msteams", {}).get("text") or action["data"].get("command")
        for attachment in reply.get("attachments") or []
        for action in attachment["content"].get("actions", [])
        if action.get("type") == "Action.Submit"
    ]
    return message_text(reply), buttons


async def test_a_greeting_is_answered_with_a_name_and_first_steps(teams: TeamsChat) -> None:
    await teams.setup_council()
    said, buttons = await _reply(teams, "Hej!", user="Lars Gelander", personal=True)
    assert "Hej Lars!" in said
    assert "förstår inte" not in said
    assert "mina åtgärder" in said and "nästa möte" in said
    assert len(buttons) == 3
    said, _ = await _reply(teams, "Hello there", user="Lars Gelander", locale="en-US")
    assert "Hi Lars!" in said and "actions mine" in said


async def test_thanks_is_answered_kindly(teams: TeamsChat) -> None:
    await teams.setup_council()
    said, _ = await _reply(teams, "tack så mycket!", user="Lars Gelander", personal=True)
    assert said.startswith("✅") or "Varsågod" in said
    assert "Varsågod" in said


async def test_a_stranger_is_greeted_without_a_name(teams: TeamsChat) -> None:
    said, _ = await _reply(teams, "hej", user="", personal=True)
    assert "Hej!" in said


async def test_cancel_with_nothing_waiting_says_so(teams: TeamsChat) -> None:
    await teams.setup_council()
    said, _ = await _reply(teams, "avbryt", user="Lars Gelander", personal=True)
    assert "inget som väntar på svar" in said and "förstår inte" not in said
