"""Threat: members' e-mail addresses leak into the chat (the roster, previews, the log,
refusals), where every member of the channel reads them; an address however written on a
roster line is taken as the e-mail or dropped, never kept as a visible note."""

from __future__ import annotations

import html

from sqlalchemy import update

from bot.app import SESSIONS
from store.models import Membership
from tests.fakes.teams import TeamsChat, message_text
from tests.security.conftest import ADDRESS, email_of

PASTE = """members add
Anna Ek, <anna.ek@vgregion.se>
Bo Ek bo.ek@vgregion.se
Cia Ek, ledamot, mailto:cia.ek@vgregion.se
Dan Ek (dan.ek@vgregion.se), koordinator
Eva Ek, *deltar på punkt 2*, [eva.ek@vgregion.se]
Fia Ek, fia.ek@vgregion.se, fia.privat@gmail.com
Gun Ek, tel 031-123456 / gun.ek@vgregion.se"""


async def test_addresses_in_a_pasted_roster_are_used_never_shown(teams: TeamsChat) -> None:
    """A secretary pastes a roster with the addresses written every which way; no reply, the
    roster, the log or `ångra` shows one."""
    await teams.setup_council()
    # Teams sends what was typed as HTML, "<" escaped
    replies = [await teams.say(html.escape(PASTE, quote=False))]
    replies.append(await teams.say("members"))
    replies.append(await teams.say("logg"))
    replies.append(await teams.say("member add Hugo Ek, mailto:hugo@x.se, kung"))
    replies.append(await teams.say("member add Ivar Ek &lt;ivar.ek@vgregion.se&gt;, ledamot"))
    assert await email_of(teams.app, "Ivar Ek") == "ivar.ek@vgregion.se"
    replies.append(await teams.say("ångra"))
    for reply in replies:
        assert not ADDRESS.search(reply), reply
    roster = replies[1]
    for name in (
        "Anna Ek",
        "Bo Ek",
        "Cia Ek",
        "Dan Ek — koordinator",
        "Eva Ek",
        "Fia Ek",
        "Gun Ek",
    ):
        assert name in roster
    assert "deltar på punkt 2" in roster
    assert "tel 031-123456" in roster  # the rest of a note stays
    assert "känner inte igen rollen ”kung”" in replies[3]
    assert await email_of(teams.app, "Anna Ek") == "anna.ek@vgregion.se"
    assert await email_of(teams.app, "Bo Ek") == "bo.ek@vgregion.se"
    assert await email_of(teams.app, "Cia Ek") == "cia.ek@vgregion.se"
    assert await email_of(teams.app, "Dan Ek") == "dan.ek@vgregion.se"
    assert await email_of(teams.app, "Eva Ek") == "eva.ek@vgregion.se"
    assert await email_of(teams.app, "Fia Ek") == "fia.ek@vgregion.se"


async def test_a_mailto_link_pasted_in_teams_is_not_shown(teams: TeamsChat) -> None:
    """Teams turns a pasted address into an HTML mailto link."""
    await teams.setup_council()
    html = (
        "<p><at>Rådsbot</at> members add</p>"
        '<p>Jon Ek, <a href="mailto:jon.ek@vgregion.se">jon.ek@vgregion.se</a></p>'
    )
    assert await teams.post(teams.activity(html, mention=False)) in (200, 201)
    [reply] = teams.connector.take()
    assert not ADDRESS.search(message_text(reply))
    assert not ADDRESS.search(await teams.say("members"))
    assert await email_of(teams.app, "Jon Ek") == "jon.ek@vgregion.se"


async def test_an_address_kept_in_a_note_by_an_older_version_is_not_shown(
    teams: TeamsChat,
) -> None:
    """Notes saved before this rule may hold an address; the roster does not show it."""
    await teams.setup_council()
    async with teams.app[SESSIONS]() as session, session.begin():
        await session.execute(update(Membership).values(note="nås på old@vgregion.se"))
    roster = await teams.say("members")
    assert "nås på" in roster
    assert not ADDRESS.search(roster)
