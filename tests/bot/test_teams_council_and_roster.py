"""Setting up a council in Teams: creating it (its creator becomes secretary), filling its
roster from the minutes' participant list, adding one member, and what only officers may do.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, message_text


async def test_council_create_makes_sender_secretary(teams: TeamsChat) -> None:
    text = await teams.say("council create Samordningsråd Barn (SOR Barn)")
    assert "Samordningsråd Barn (SOR Barn) är skapat" in text
    assert "Carin Skoog är sekreterare" in text
    members = await teams.say("members")
    assert "Carin Skoog — sekreterare" in members
    again = await teams.say("council create Något annat (NA)")
    assert "redan kopplad till SOR Barn" in again


async def test_council_create_bad_input(teams: TeamsChat) -> None:
    text = await teams.say("council create")
    assert "behöver ett namn" in text
    assert "skapa råd Samordningsråd Barn (SOR Barn)" in text
    personal = await teams.say("council create X (X)", personal=True)
    assert "inte i en privat chatt" in personal


async def test_members_add_reads_the_participant_list_of_the_minutes(teams: TeamsChat) -> None:
    await teams.setup_council()
    roster = await teams.say("members")
    assert "Medlemmar i Samordningsråd Barn (19)" in roster
    assert "Maja Berndes — ordförande" in roster
    assert "Anne Wennberg — gäst" in roster
    assert "Jenny Linder — ledamot **(deltar på punkt 2)**" in roster
    # officers come first
    assert roster.index("Maja Berndes") < roster.index("Daniel Holmgren")


async def test_members_add_with_teams_html(teams: TeamsChat) -> None:
    await teams.say("council create Samordningsråd Barn (SOR Barn)")
    html = (
        "<p><at>Rådsbot</at> members add</p><p>Maja Berndes, <em>ordförande</em></p>"
        "<p>Lars&nbsp;Gelander</p>"
    )
    assert await teams.post(teams.activity(html, mention=False)) == 201
    [reply] = teams.connector.take()
    assert "1 nya" not in message_text(reply)
    assert "2 nya, 0 uppdaterade" in message_text(reply)


async def test_member_add_and_bad_role(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Karin Berg är nu koordinator" in await teams.say("member add Karin Berg, koordinator")
    assert "Ny Person är tillagd som ledamot" in await teams.say("member add Ny Person")
    bad = await teams.say("member add Ny Person, kung")
    assert "känner inte igen rollen ”kung”" in bad
    missing = await teams.say("member add")
    assert "saknas ett namn" in missing
    assert "ny medlem Maja Berndes, ordförande" in missing


async def test_an_email_on_the_roster_line_is_kept(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say(
        "members add\nNy Ledamot, koordinator, Ny.Ledamot@vgregion.se, deltar via Teams"
    )
    roster = await teams.say("members")
    assert "Ny Ledamot — koordinator **(deltar via Teams)**" in roster
    assert "vgregion.se" not in roster  # addresses are for linking accounts, not for the channel
    assert "känner inte igen rollen ”kung”" in await teams.say("member add Ny Ledamot, kung")


async def test_member_cannot_do_what_only_officers_may(teams: TeamsChat) -> None:
    await teams.setup_council()
    for command in (
        "member add Hacker, ordförande",
        "meeting add 12 september",
        "action Lars: göra något",
        "nomination open RPT THS",
    ):
        text = await teams.say(command, user="Lars Gelander")
        assert "bara rådets sekreterare, ordförande eller koordinator" in text.lower(), command
    roster = await teams.say("members")
    assert "Hacker" not in roster
