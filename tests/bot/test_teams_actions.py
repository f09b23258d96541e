"""Actions in Teams: written as in the minutes, listed (mine, overdue, someone's), marked done,
and an owner's name that fits two members asked about with numbered choices and buttons.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text


async def test_actions_lifecycle(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    added = await teams.say(
        "action Karin Andersson, Joanna: Ta fram underlag om RMR luftvägsinfektioner senast 15 maj"
    )
    assert "Åtgärd 1 är sparad" in added
    assert "Vem: Karin Andersson, Joanna Pestalozzi" in added
    assert "Vad: Ta fram underlag om RMR luftvägsinfektioner" in added
    assert "Deadline: senast tors 15 maj" in added
    await teams.say("action Alla: Sondera lämpliga namnförslag senast 30 april")
    await teams.say("action Lars: Samråda med Karin A")
    mine = await teams.say("åtgärder mina", user="Joanna Pestalozzi")
    assert "Dina öppna åtgärder (2)" in mine
    assert mine.index("#2 Sondera") < mine.index("#1 Ta fram")  # earliest deadline first
    clock.set("2025-05-02 09:00")
    mine = await teams.say("actions mine", user="Joanna Pestalozzi")
    assert "#2 Sondera lämpliga namnförslag — senast ons 30 apr **(försenad)**" in mine
    assert "1 är försenad." in mine
    overdue = await teams.say("actions overdue")
    assert "Försenade åtgärder i SOR Barn (1)" in overdue
    everything = await teams.say("actions")
    assert "Öppna åtgärder i SOR Barn (3)" in everything
    assert "Lars Gelander · ingen deadline" in everything
    lars = await teams.say("åtgärder Lars")
    assert "Öppna åtgärder för Lars Gelander (2)" in lars
    # a member marks their own action done; not someone else's
    refused = await teams.say("klar 1", user="Lars Gelander")
    assert "inte din" in refused
    assert "Åtgärd 1 är klar" in await teams.say("klar 1", user="Joanna Pestalozzi")
    assert "redan klar" in await teams.say("action done 1", user="Karin Andersson")
    # the secretary may mark anyone's
    assert "Åtgärd 3 är klar" in await teams.say("klar 3")
    assert "Öppna åtgärder i SOR Barn (1)" in await teams.say("åtgärder alla")


async def test_actions_bad_input(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Vem ska göra det?" in await teams.say("action gör något utan ansvarig")
    assert "åtgärd Karin Andersson, Joanna" in await teams.say("action")
    unknown = await teams.say("action Zorro: rädda dagen")
    assert "Jag hittar ingen ”Zorro” i rådet" in unknown
    assert "Avbrutet" in await teams.say("avbryt")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("actions")
    assert "Ange numret" in await teams.say("klar")
    assert "Ange numret" in await teams.say("klar tolv")
    assert "ingen åtgärd 99" in await teams.say("klar 99")
    assert "ingen ”Nobody”" in await teams.say("actions Nobody")


async def test_ambiguous_owner_is_asked_with_numbered_choices_and_buttons(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert (
        await teams.post(teams.activity("action Karin och Joanna: Ta fram underlag senast 15 maj"))
        == 201
    )
    [asked] = teams.connector.take()
    assert "Vem menar du med ”Karin”?" in message_text(asked)
    assert "1. Karin Andersson" in message_text(asked) and "2. Karin Berg" in message_text(asked)
    card = asked["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert [a["title"] for a in card["content"]["actions"]] == ["Karin Andersson", "Karin Berg"]
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("actions")  # nothing saved yet
    assert "Välj ett nummer från 1 till 2" in await teams.say("7")
    # the button press comes back as a message with the command in its value
    pressed = teams.activity("", value={"command": "2"}, mention=False)
    assert await teams.post(pressed) == 201
    [saved] = teams.connector.take()
    assert "Åtgärd 1 är sparad" in message_text(saved)
    assert "Vem: Karin Berg, Joanna Pestalozzi" in message_text(saved)
    assert "Deadline: senast tors 15 maj" in message_text(saved)
    assert "Karin Berg" in await teams.say("åtgärder Karin Berg")
    # the same button pressed again: the question is settled, and nothing is saved twice
    assert await teams.post(pressed) == 201
    [stale] = teams.connector.take()
    assert "Den frågan är redan besvarad" in message_text(stale)
    assert "Öppna åtgärder i SOR Barn (1)" in await teams.say("actions")


async def test_action_as_written_in_the_minutes(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 09.30")
    first = await teams.say(
        "action Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner senast 15 maj"
    )
    assert "Vem: Karin Berg, Joanna Pestalozzi" in first
    assert "Vad: Tar fram underlag om RMR luftvägsinfektioner" in first
    assert "Deadline: senast tors 15 maj" in first
    everyone = await teams.say("action Alla sonderar lämpliga namnförslag inför SOR 7 maj")
    assert "Vem: alla" in everyone
    assert "Deadline: till mötet ons 7 maj kl. 09.30" in everyone
    lorna = await teams.say("action Lorna sammankallar arbetsgruppen och rapporterar till SOR")
    assert "Vem: Lorna Niklasson" in lorna
    assert "Deadline: ingen" in lorna and "ingen deadline" not in lorna
    typo = await teams.say("action Lars Gelande: samråda med Karin A")
    assert "Vem: Lars Gelander" in typo
    org = await teams.say("action Neo-rådet följer upp frågan")
    assert "Vem: Neo-rådet (ej i rådet)" in org


async def test_teams_mentions_of_members_name_the_owners(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say(
        "action <at>Karin Berg</at> och <at>Lars Gelander</at> tar fram underlag senast 15 maj"
    )
    assert "Vem: Karin Berg, Lars Gelander" in text
