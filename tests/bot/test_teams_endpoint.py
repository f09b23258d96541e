"""The foundation end to end: Teams activities in over HTTP, replies out to a fake connector.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, mention_entities, message_text


async def test_health(teams: TeamsChat) -> None:
    async with teams.http.get(teams.server.make_url("/healthz")) as response:
        assert response.status == 200
        assert (await response.json())["status"] == "ok"


async def test_channel_message_reply_strips_mention_and_goes_to_the_thread(
    teams: TeamsChat,
) -> None:
    activity = teams.activity("hjälp")
    assert await teams.post(activity) == 201
    [reply] = teams.connector.take()
    assert reply["type"] == "message"
    assert "Det här kan jag" in message_text(reply)
    assert reply["replyToId"] == activity["id"]
    assert reply["_conversation"].startswith("19:channel-general@thread.tacv2")


async def test_help_in_english(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Jag svarar dig på engelska" not in await teams.say("lang en")
    text = await teams.say("help")
    assert "What I can do" in text
    assert "actions mine" in text


async def test_unknown_command_suggests_the_right_one(teams: TeamsChat) -> None:
    text = await teams.say("actons mine")
    assert "Jag förstår inte" in text
    assert "Menade du `actions mine`?" in text
    assert "hjälp" in text


async def test_unlinked_channel_says_how_to_link(teams: TeamsChat) -> None:
    text = await teams.say("nästa möte")
    assert "inte kopplad till något råd" in text
    assert "council create" in text


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
    assert "council create Samordningsråd Barn (SOR Barn)" in text
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
    assert "member add Maja Berndes, ordförande" in missing


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


async def test_unknown_sender_is_asked_to_say_who_they_are(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("åtgärder mina", user="Okänd Person")
    assert "Jag vet inte vem du är" in text
    assert "jag är" in text


async def test_iam_links_an_account_whose_name_differs(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Jag vet inte vem du är" in await teams.say("åtgärder mina", user="lars.g")
    assert "du är Lars Gelander" in await teams.say("jag är lars gelander", user="lars.g")
    assert "inga öppna åtgärder" in await teams.say("åtgärder mina", user="lars.g")
    assert "redan kopplad till Lars Gelander" in await teams.say("iam Lars Gelander", user="lars.g")


async def test_iam_bad_input(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "ingen ”Nobody Here”" in await teams.say("iam Nobody Here", user="x")
    assert "Det saknas ett namn" in await teams.say("iam", user="x")
    # Lars has already been linked to his own account by his display name
    await teams.say("members", user="Lars Gelander")
    taken = await teams.say("iam Lars Gelander", user="imposter")
    assert "redan kopplad till ett annat konto" in taken


async def test_iam_cannot_claim_an_officer(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("iam Maja Berndes", user="not maja")
    assert "kopplas inte med `jag är`" in text and "member link Maja Berndes @du" in text
    assert "Jag vet inte vem du är" in await teams.say("member add X Y", user="not maja")


async def test_meetings_next_meeting_and_bad_dates(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Inga kommande möten" in await teams.say("nästa möte")
    added = await teams.say("meeting add fredag 12 september, Stationshuset, Gbg")
    assert "Möte tillagt: #1 fre 12 sep kl. 09.30–15.30" in added
    assert "Plats: Stationshuset, Gbg" in added
    added = await teams.say(
        "meeting add 7 maj kl 13.00-15.30, Teams https://teams.microsoft.com/l/meetup-join/abc"
    )
    assert "Möte tillagt: #2 ons 7 maj kl. 13.00–15.30" in added
    assert "https://teams.microsoft.com/l/meetup-join/abc" in added
    nxt = await teams.say("next meeting")
    assert "Nästa möte: ons 7 maj kl. 13.00–15.30" in nxt
    assert "https://teams.microsoft.com/l/meetup-join/abc" in nxt
    listing = await teams.say("möten")
    assert listing.index("7 maj") < listing.index("12 sep")
    bad = await teams.say("meeting add snarast")
    assert "kunde inte läsa datumet" in bad
    assert "meeting add 12 september kl 09.30-15.30" in bad
    past = await teams.say("meeting add 2024-01-10")
    assert "redan varit" in past


async def test_next_meeting_follows_the_clock(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00-15.30")
    await teams.say("meeting add 12 september")
    clock.set("2025-05-07 14:00")  # during the May meeting: still that one
    assert "ons 7 maj" in await teams.say("nästa möte")
    clock.set("2025-05-07 16:00")
    assert "fre 12 sep" in await teams.say("nästa möte")


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
    assert "action Karin Andersson, Joanna" in await teams.say("action")
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


async def test_personal_chat_answers_for_the_only_council(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    mine = await teams.say("mina åtgärder", user="Joanna Pestalozzi", personal=True)
    assert "#1 Skicka underlag" in mine
    assert "Åtgärd 1 är klar" in await teams.say("klar 1", user="Joanna Pestalozzi", personal=True)


async def test_nominations(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    assert "ingen öppen nominering" in await teams.say(
        "nominera RPT THS Anna Lundgren", user="Lars Gelander"
    )
    opened = await teams.say(
        "nomination open RPT THS roles ordförande, koordinator, representant deadline 31 maj: "
        "RPT traumatisk hjärnskada"
    )
    assert "Nomineringen till RPT THS är öppen" in opened
    assert "Roller: ordförande, koordinator, representant" in opened
    assert "Sista dag: lör 31 maj" in opened
    done = await teams.say(
        "nominate RPT THS ordförande Anna Lundgren: leder RMR-arbetet", user="Lars Gelander"
    )
    assert "Anna Lundgren är nominerad till RPT THS (ordförande)" in done
    await teams.say("nominera rpt ths ordförande anna lundgren", user="Maja Berndes")
    await teams.say(
        "nominera THS representant Lisa Bondjers, Niklas Segerdahl", user="Maja Berndes"
    )
    listing = await teams.say("nomineringar")
    assert "RPT THS — Sista dag: lör 31 maj **(3 nominerade)**" in listing
    assert (
        "ordförande: Anna Lundgren — föreslagen av Lars Gelander, Maja Berndes — leder RMR-arbetet"
        in listing
    )
    assert "representant: Niklas Segerdahl" in listing
    assert "Vilken roll?" in await teams.say("nominera RPT THS Anna Svensson", user="Lars Gelander")
    unknown = await teams.say("nominera NAG Barn Anna Svensson", user="Lars Gelander")
    assert "Öppna just nu: RPT THS" in unknown
    clock.set("2025-06-01 09:00")
    late = await teams.say("nominera RPT THS ordförande Anna Svensson", user="Lars Gelander")
    assert "stängde lör 31 maj" in late


async def test_nomination_open_bad_input(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Ange vad nomineringen gäller" in await teams.say("nomination open")
    assert "kunde inte läsa sista dagen" in await teams.say("nomination open NAG deadline snarast")
    await teams.say("nomination open NAG")
    assert "redan en öppen nominering" in await teams.say("nomination open nag")


async def test_welcome_once_on_install(teams: TeamsChat) -> None:
    update = {
        "type": "conversationUpdate",
        "id": "u1",
        "serviceUrl": teams.connector.url,
        "channelId": "msteams",
        "from": {"id": "29:carin", "name": "Carin Skoog", "aadObjectId": "aad-carin"},
        "recipient": {"id": "28:radsbot-app", "name": "Rådsbot"},
        "conversation": {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": "tenant-vgr",
            "id": "19:new@thread.tacv2",
        },
        "channelData": {
            "tenant": {"id": "tenant-vgr"},
            "team": {"id": "19:new@thread.tacv2"},
            "eventType": "teamMemberAdded",
        },
        "membersAdded": [{"id": "28:radsbot-app"}],
    }
    assert await teams.post(update) == 201
    [welcome] = teams.connector.take()
    assert "Hej! Jag är Rådsbot" in message_text(welcome)
    # It speaks to whoever installed it, by an @mention, and tells them how to set up.
    assert "Tack för att du lade till mig, Carin Skoog!" in message_text(welcome)
    assert "Koppla nu den här kanalen" in message_text(welcome)
    assert "council create" in message_text(welcome)
    [mention] = mention_entities(welcome)
    assert mention["mentioned"]["id"] == "29:carin"
    install = dict(update, type="installationUpdate", action="add", id="u2")
    install.pop("membersAdded")
    assert await teams.post(install) == 201
    assert teams.connector.take() == []


async def test_someone_else_joining_gets_no_welcome(teams: TeamsChat) -> None:
    update = {
        "type": "conversationUpdate",
        "id": "u1",
        "serviceUrl": teams.connector.url,
        "channelId": "msteams",
        "from": {"id": "29:carin", "name": "Carin Skoog"},
        "recipient": {"id": "28:radsbot-app", "name": "Rådsbot"},
        "conversation": {"conversationType": "channel", "tenantId": "t", "id": "19:x@thread.tacv2"},
        "membersAdded": [{"id": "29:someone"}],
    }
    assert await teams.post(update) == 201
    assert teams.connector.take() == []


@pytest.mark.parametrize("body", [b"not json", b"{}", b"[1, 2]"])
async def test_garbage_is_refused_without_a_reply(teams: TeamsChat, body: bytes) -> None:
    async with teams.http.post(
        teams.server.make_url("/api/messages"),
        data=body,
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 400
    assert teams.connector.take() == []


async def test_undo_takes_back_the_last_change_and_log_shows_it(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00")
    await teams.say("action Lars: Samråda med Karin A senast 7 maj")
    assert "Ångrat: lade till åtgärd #1 ”Samråda med Karin A”" in await teams.say("ångra")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("actions")
    assert "Ångrat: lade till möte" in await teams.say("undo")
    assert "Inga kommande möten" in await teams.say("nästa möte")
    await teams.say("action Lars: Samråda med Karin A senast 7 maj")
    await teams.say("klar 2", user="Lars Gelander")
    assert "Ångrat: markerade åtgärd #2 ”Samråda med Karin A” som klar" in await teams.say(
        "ångra", user="Lars Gelander"
    )
    assert "Öppna åtgärder i SOR Barn (1)" in await teams.say("actions")
    assert "inget av dig att ångra" in await teams.say("ångra", user="Lars Gelander")
    log = await teams.say("log")
    assert "Senaste ändringarna i SOR Barn" in log
    assert "Lars Gelander — markerade åtgärd #2 ”Samråda med Karin A” som klar" in log
    assert "**(ångrad)**" in log
    assert "bara rådets" in (await teams.say("log", user="Lars Gelander")).lower()


async def test_season_of_meetings_pasted_with_preview_fix_and_ok(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    html = (
        "<p><at>Rådsbot</at> meetings add</p><ul>"
        "<li>• Fredag 12 september, Stationshuset, Gbg</li>"
        "<li>• Måndag 13 oktober, Teamsmöte</li>"
        "<li>• Onsdag 12 november kl 13-16, Ekelundsgatan, Gbg</li>"
        "<li>• Fredag 12 december, Teamsmöte</li>"
        "<li>Möten för hösten 2025</li></ul>"
    )
    assert await teams.post(teams.activity(html, mention=False)) == 201
    [preview] = teams.connector.take()
    text = message_text(preview)
    assert "Jag lägger in de här 4 mötena" in text
    assert "1. fre 12 sep kl. 09.30–15.30 — Stationshuset, Gbg" in text
    assert "2. mån 13 okt kl. 09.30–15.30 — Teamsmöte" in text
    assert "3. ons 12 nov kl. 13.00–16.00 — Ekelundsgatan, Gbg" in text
    # a line without a day is listed, passed over, and holds nothing up
    assert "5. Möten för hösten 2025" in text and "ingen dag i raden – hoppas över" in text
    assert "Inga kommande möten" in await teams.say("möten")  # nothing saved before ok
    fixed = await teams.say("4 Torsdag 11 december, Teamsmöte")
    assert "4. tors 11 dec kl. 09.30–15.30 — Teamsmöte" in fixed
    assert "2. mån 13 okt" not in await teams.say("2 bort")
    assert "3 möten är inlagda" in await teams.say("ok")
    listing = await teams.say("möten")
    assert "#1 fre 12 sep" in listing and "#3 tors 11 dec" in listing and "13 okt" not in listing
    assert "Ångrat: lade till möten från en lista" in await teams.say("ångra")
    assert "Inga kommande möten" in await teams.say("möten")


async def test_season_answers_and_cancel(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meetings add\nFredag 12 september, Stationshuset\n3 mars 2020, gammalt")
    assert "har redan varit" in await teams.say("ok")
    assert "ingen rad 7" in await teams.say("7 bort")
    assert "kunde inte läsa den nya rad 1" in await teams.say("1 snarast")
    assert "Det här kan jag" in await teams.say("hjälp")  # other commands still work meanwhile
    assert "Avbrutet – inget sparades" in await teams.say("avbryt")
    assert "Den frågan är redan besvarad" in await teams.say("ok")
    assert "Inga kommande möten" in await teams.say("möten")
    assert "hittade inget att skapa" in await teams.say("meetings add\nhej hopp")


async def test_actions_mine_in_a_channel_is_answered_privately_when_possible(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    await teams.say("action Lars: Samråda med Karin A senast 16 maj")
    # Lars has no private chat with the bot: his list comes in the channel.
    assert "#2 Samråda med Karin A" in await teams.say("actions mine", user="Lars Gelander")
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    assert await teams.post(teams.activity("åtgärder mina", user="Joanna Pestalozzi")) == 201
    sent = teams.connector.take()
    by_place = {a["_conversation"].split(";")[0]: message_text(a) for a in sent}
    assert (
        "Jag har skickat dina åtgärder till dig i vår privata chatt"
        in by_place["19:channel-general@thread.tacv2"]
    )
    assert "Skicka underlag" not in by_place["19:channel-general@thread.tacv2"]
    assert "#1 Skicka underlag" in by_place["a:personal-29:joanna-pestalozzi"]


async def test_teams_mentions_of_members_name_the_owners(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say(
        "action <at>Karin Berg</at> och <at>Lars Gelander</at> tar fram underlag senast 15 maj"
    )
    assert "Vem: Karin Berg, Lars Gelander" in text


async def test_an_email_on_the_roster_line_is_kept(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say(
        "members add\nNy Ledamot, koordinator, Ny.Ledamot@vgregion.se, deltar via Teams"
    )
    roster = await teams.say("members")
    assert "Ny Ledamot — koordinator **(deltar via Teams)**" in roster
    assert "vgregion.se" not in roster  # addresses are for linking accounts, not for the channel
    assert "känner inte igen rollen ”kung”" in await teams.say("member add Ny Ledamot, kung")
