"""Which language a reply is in (issue 15, point 4): the person's own choice first, then the
language of their chat app (Teams: the activity's ``locale``; Slack: users.info's ``locale``),
then the language the command was typed in, then the council's, then Swedish. Role names,
quotation marks and list words follow the reply's language."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat, message_text

MEMBER = "Lars Gelander"
MEETING = "nytt möte 14 september 2099 kl 09.30-15.30, Stationshuset"


async def test_teams_locale_in_english_is_answered_in_english(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say(MEETING)
    meetings = await teams.say("möten", user=MEMBER, locale="en-GB")
    assert "Upcoming meetings (1)" in meetings
    assert "Mon 14 Sep 2099" in meetings
    members = await teams.say("medlemmar", user=MEMBER, locale="en-US")
    assert "Maja Berndes — chair" in members and "Carin Skoog — secretary" in members
    unknown = await teams.say("hjälp kaffe", user=MEMBER, locale="en-US")
    assert "I have no command “kaffe”." in unknown
    # the same member with a Swedish Teams: Swedish words, roles and quotation marks
    swedish = await teams.say("medlemmar", user=MEMBER)
    assert "Maja Berndes — ordförande" in swedish
    assert "Jag har inget kommando ”kaffe”." in await teams.say("hjälp kaffe", user=MEMBER)
    assert "Kommande möten (1)" in await teams.say("möten", user=MEMBER)


async def test_the_persons_own_choice_comes_before_their_teams(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Jag svarar dig på svenska" in await teams.say("språk sv", user=MEMBER, locale="en-US")
    assert "Det här kan jag" in await teams.say("help", user=MEMBER, locale="en-US")
    assert "I will reply to you in English" in await teams.say("lang en", user=MEMBER)
    assert "What I can do" in await teams.say("hjälp", user=MEMBER, locale="sv-SE")


async def test_without_a_locale_the_command_tells_the_language(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "What I can do" in await teams.say("help", user=MEMBER, locale=None)
    assert "Det här kan jag" in await teams.say("hjälp", user=MEMBER, locale=None)
    # a language the bot does not write, and a command both languages write alike: the
    # council's language (here the default, Swedish)
    await teams.say(MEETING)
    assert "Dagordningen till mötet" in await teams.say("agenda", user=MEMBER, locale="fi-FI")
    assert "Dagordningen till mötet" in await teams.say("agenda", user=MEMBER, locale=None)
    # a Swedish Teams answers an English command in Swedish
    assert "Det här kan jag" in await teams.say("help", user=MEMBER)


async def test_slack_user_locale(slack: SlackChat, slack_api: FakeSlackApi) -> None:
    slack_api.add_user("U0ELSA", "Elsa Fransson Bona", locale="en-GB")
    slack_api.add_user("U0DANIEL", "Daniel Holmgren", locale=None)
    await slack.say("council create Samordningsråd Barn (SOR Barn)")
    await slack.say("ny medlem Elsa Fransson Bona")
    await slack.say("ny medlem Daniel Holmgren, ordförande")
    assert "Elsa Fransson Bona" in await slack.say("jag är Elsa Fransson Bona", user="U0ELSA")
    english = await slack.say("medlemmar", user="U0ELSA")
    assert "Daniel Holmgren — chair" in english
    assert "Det här kan jag" in await slack.say("help")  # Carin's Slack is Swedish
    # no locale from Slack: the command's language
    await slack.say("jag är Daniel Holmgren", user="U0DANIEL")
    assert "What I can do" in await slack.say("help", user="U0DANIEL")
    assert "Det här kan jag" in await slack.say("hjälp", user="U0DANIEL")
    asked = [params for method, params, _ in slack_api.calls if method == "users.info"]
    assert asked and all(str(p.get("include_locale")).lower() in ("1", "true") for p in asked)


async def test_personal_reminders_follow_the_language_of_the_persons_chat_app(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("action Lars, Karin Berg: Skicka remissvaret senast fredag 18 april")
    await teams.say("mina åtgärder", user=MEMBER, personal=True, locale="en-GB")
    await teams.say("mina åtgärder", user="Karin Berg", personal=True, locale="sv-SE")
    clock.set("2025-04-15 08:00")  # three working days before
    await teams.send_reminders(clock())
    sent = {a["_conversation"]: message_text(a) for a in teams.connector.take()}
    [english] = [t for c, t in sent.items() if "lars" in c]
    [swedish] = [t for c, t in sent.items() if "karin-berg" in c]
    assert "deadline Fri 18 Apr" in english and "klar 1" not in english
    assert "deadline fre 18 apr" in swedish and "klar 1" in swedish


async def test_an_officer_sets_the_councils_language_for_its_channel(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    assert "svenska" in await teams.say("språk rådet", user=MEMBER)
    refused = await teams.say("språk rådet en", user=MEMBER)
    assert "sekreterare, ordförande eller koordinator" in refused
    assert "Meeting" not in refused
    assert "på engelska" in await teams.say("språk rådet engelska")
    await teams.say("nytt möte fredag 25 april kl 09.30, Stationshuset")
    clock.set("2025-04-24 08:00")
    await teams.send_reminders(clock())
    sent = [message_text(a) for a in teams.connector.take()]
    [channel] = [t for t in sent if "reminder of the meeting Fri 25 Apr" in t]
    assert "Place: Stationshuset" in channel
    assert not any("påminnelse" in t or "dagordning" in t for t in sent), sent
    # taken back: Swedish again, for what is planned next
    assert "Ångrat" in await teams.say("ångra") and "Ångrat" in await teams.say("ångra")
    assert "svenska" in await teams.say("språk rådet", user=MEMBER)


async def test_a_wrong_language_for_the_council_shows_the_right_form(teams: TeamsChat) -> None:
    await teams.setup_council()
    wrong = await teams.say("språk rådet klingonska")
    assert "svenska (sv) eller engelska (en)" in wrong and "språk" in wrong


async def test_slack_personal_reminders_follow_the_users_locale(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    slack_api.add_user("U0ELSA", "Elsa Fransson Bona", locale="en-GB")
    await slack.say("council create Samordningsråd Barn (SOR Barn)")
    await slack.say("ny medlem Elsa Fransson Bona")
    await slack.direct("jag är Elsa Fransson Bona", user="U0ELSA")
    await slack.direct("mina åtgärder", user="U0ELSA")
    await slack.say("åtgärd Elsa: Skicka remissvaret senast fredag 18 april")
    before = len(slack_api.posted)
    clock.set("2025-04-15 08:00")
    await slack.send_reminders(clock())
    [reminder] = slack_api.posted[before:]
    assert reminder["channel"] == "D-U0ELSA"
    assert "deadline Fri 18 Apr" in reminder["text"]
