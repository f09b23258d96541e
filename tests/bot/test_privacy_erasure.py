"""Erasure (issue 18, point 2) through the Teams endpoint: ``medlem glöm NAMN`` by the
secretary and ``glöm mig`` by a member, on SQLite and PostgreSQL. Afterwards no cell of any
table holds the person's name or e-mail, what they did stays under a pseudonym, the
motivations they wrote are gone, and ``ångra`` cannot bring anything back.

Carin Skoog is the secretary, Maja Berndes (maja.berndes@vgregion.se) the chair, Lars
Gelander a member.
"""

from __future__ import annotations

import re

from tests.database_scan import places_holding
from tests.fakes.teams import TeamsChat, message_text

MAJA_EMAIL = "maja.berndes@vgregion.se"


def pseudonym_in(reply: str) -> str:
    found = re.search(r"Tidigare ledamot \d+", reply)
    assert found, reply
    return found.group(0)


async def maja_leaves_traces(teams: TeamsChat) -> None:
    """Maja speaks in her private chat and in the channel, owns an action, is named in an
    action's text and an agenda item, nominates with a motivation and is nominated."""
    await teams.setup_council()
    await teams.say("hjälp", user="Maja Berndes", personal=True)
    await teams.say("åtgärder", user="Maja Berndes")
    await teams.say("action Maja Berndes: skriv inbjudan senast 15 maj")
    await teams.say("action Lars Gelander: ring Maja Berndes om lokalen senast 16 maj")
    await teams.say("meeting add 12 september kl 09.30, Stationshuset")
    await teams.say("nomination open RPT THS deadline 31 maj")
    await teams.say("nominera RPT THS Lisa Ståleby: hon kan barnrätt", user="Maja Berndes")
    await teams.say("nominera RPT THS Maja Berndes: erfaren ordförande", user="Lars Gelander")
    await teams.say("medlem roll Maja Berndes ordförande, ledamot")
    assert await places_holding(teams.app, "Maja Berndes", MAJA_EMAIL)


async def test_the_secretary_forgets_a_member_and_no_table_keeps_her(teams: TeamsChat) -> None:
    await maja_leaves_traces(teams)
    asked = await teams.say("medlem glöm Maja Berndes")
    assert "Vill du att jag glömmer Maja Berndes?" in asked and "inte att ångra" in asked
    assert await places_holding(teams.app, MAJA_EMAIL)  # nothing is erased before "ja"
    done = await teams.say("ja")
    pseudonym = pseudonym_in(done)
    assert "Maja Berndes är glömd" in done

    assert await places_holding(teams.app, "Maja Berndes", "maja berndes", MAJA_EMAIL) == []
    # what she did stays for the council, under the pseudonym
    actions = await teams.say("åtgärder")
    assert f"{pseudonym}" in actions and "Skriv inbjudan" in actions
    assert f"Ring {pseudonym} om lokalen" in actions
    nominations = await teams.say("nomineringar")
    assert pseudonym in nominations and "Lisa Ståleby" in nominations
    assert "barnrätt" not in nominations  # the motivation she wrote is gone
    assert "erfaren ordförande" in nominations  # Lars's motivation stays
    assert "Maja" not in await teams.say("members")
    log = await teams.say("logg")
    assert "glömde person" in log and "Maja" not in log
    # nothing of her comes back with undo
    assert "Det går inte att ångra att någon glömts" in await teams.say("ångra")
    assert await places_holding(teams.app, "Maja Berndes", MAJA_EMAIL) == []


async def test_a_member_forgets_herself_after_saying_yes(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    await teams.say("action Lars Gelander: ta fram underlag senast 15 maj")
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    asked = await teams.say("glöm mig", user="Lars Gelander", personal=True)
    assert "Vill du att jag glömmer dig, Lars Gelander?" in asked
    assert "Avbrutet" in await teams.say("nej", user="Lars Gelander", personal=True)
    assert "Lars Gelander" in await teams.say("members")

    await teams.say("forget me", user="Lars Gelander", personal=True)
    assert "jag har glömt dig" in await teams.say("ja", user="Lars Gelander", personal=True)
    assert await places_holding(teams.app, "Lars Gelander") == []
    actions = await teams.say("åtgärder")
    assert "Ta fram underlag" in actions and pseudonym_in(actions)
    # his account is no longer anyone: he is a stranger to the bot now
    again = await teams.say("mina åtgärder", user="Lars Gelander", personal=True)
    assert "Lars" not in again and "Ta fram underlag" not in again


async def test_member_forget_answers_bad_input_with_the_right_form(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "medlem glöm Maja Berndes" in await teams.say("medlem glöm")
    assert "Nisse Okänd" in await teams.say("medlem glöm Nisse Okänd")
    assert "Vill du att jag glömmer Lars Gelander?" in await teams.say("member forget Lars")
    assert "Avbrutet" in await teams.say("nej")
    assert "Lars Gelander" in await teams.say("members")


async def test_an_ambiguous_name_is_asked_about_before_anyone_is_forgotten(
    teams: TeamsChat,
) -> None:
    """``medlem glöm Karin`` fits Karin Andersson and Karin Berg: asked "which one?" as the
    mending commands ask, with numbered choices and buttons, then "really?" as always."""
    await teams.setup_council()
    assert await teams.post(teams.activity("medlem glöm Karin")) == 201
    [asked] = teams.connector.take()
    assert "Vem menar du med ”Karin”?" in message_text(asked)
    assert "1. Karin Andersson" in message_text(asked) and "2. Karin Berg" in message_text(asked)
    buttons = asked["attachments"][0]["content"]["actions"]
    assert [b["title"] for b in buttons] == ["Karin Andersson", "Karin Berg"]
    assert "Välj ett nummer från 1 till 2" in await teams.say("3")
    assert "Vill du att jag glömmer Karin Berg?" in await teams.say("2")
    done = await teams.say("ja")
    assert "Karin Berg är glömd" in done and pseudonym_in(done)
    roster = await teams.say("members")
    assert "Karin Berg" not in roster and "Karin Andersson" in roster
    assert await places_holding(teams.app, "Karin Berg") == []


async def test_an_ambiguous_name_in_english_is_asked_about_and_can_be_cancelled(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("lang en")
    asked = await teams.say("member forget Karin")
    assert "Who do you mean by “Karin”?" in asked
    assert "1. Karin Andersson" in asked and "2. Karin Berg" in asked
    assert "Answer with the number or the full name, or **cancel**." in asked
    assert "Do you want me to forget Karin Andersson?" in await teams.say("Karin Andersson")
    assert "Cancelled" in await teams.say("no")
    roster = await teams.say("members")
    assert "Karin Andersson" in roster and "Karin Berg" in roster


async def test_undoing_an_earlier_removal_brings_no_forgotten_member_back(
    teams: TeamsChat,
) -> None:
    """Carin removed Lars; Lars then forgot himself; Carin's `ångra` of the removal must not
    put him (or his pseudonym) back on the roster."""
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("medlem ta bort Lars Gelander")
    await teams.say("glöm mig", user="Lars Gelander", personal=True)
    assert "jag har glömt dig" in await teams.say("ja", user="Lars Gelander", personal=True)
    await teams.say("ångra")
    roster = await teams.say("members")
    assert "Lars" not in roster and "Tidigare ledamot" not in roster
    assert await places_holding(teams.app, "Lars Gelander") == []
