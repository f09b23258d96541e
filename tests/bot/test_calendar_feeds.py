"""Calendar feeds (issue 17): ``kalender`` gives a person's feed, ``sida`` the council's, and
``meeting add`` a "Lägg till i kalendern" file; each parsed back with ``icalendar`` and read
event by event, across the end of summer time, with a moved and a cancelled meeting."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Calendar

from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import LARS, SlackChat
from tests.fakes.teams import TeamsChat, message_text
from tests.fixtures.links import urls_in

PUBLIC = "https://radsbot.example.org"
_URL = re.compile(r"https://radsbot\.example\.org/")


def links_in(text: str) -> list[str]:
    return [url for url in urls_in(text) if _URL.match(url)]


def card_links(activity: dict[str, Any]) -> dict[str, str]:
    """The link buttons (Action.OpenUrl) of a card, by title."""
    found = {}
    for attachment in activity.get("attachments") or []:
        for action in (attachment.get("content") or {}).get("actions", []):
            if action.get("type") == "Action.OpenUrl":
                found[action["title"]] = action["url"]
    return found


async def fetch(teams: TeamsChat, url: str) -> tuple[int, bytes, dict[str, str]]:
    """GET a link the bot gave out (it names the public address; the test server is local)."""
    assert url.startswith(PUBLIC + "/"), url
    return await teams.get(url)


def events(body: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


async def test_feeds_meetings_deadlines_dst_move_cancel_and_revoke(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    async with TeamsChat.running(database_url, connector, clock, public_url=PUBLIC) as teams:
        await teams.setup_council()
        # Before and after the end of summer time (26 Oct 2025): 09.30 local both times.
        await teams.post(
            teams.activity("meeting add 24 oktober kl 09.30-15.30, Stationshuset, Gbg")
        )
        added = connector.take()[0]
        assert "Lägg till i kalendern" in card_links(added)
        meeting_file = card_links(added)["Lägg till i kalendern"]
        await teams.say(
            "meeting add 31 oktober kl 09.30-12.00, https://teams.microsoft.com/l/meetup-join/abc"
        )
        await teams.say("meeting add 5 december kl 13-15, Regionens hus")
        await teams.say("action Lars Gelander: ta fram underlag senast 15 maj")
        await teams.say("action Lars Gelander: skicka remissvar senast 20 maj kl 12.00")
        await teams.say("action Karin Berg: boka lokal senast 1 juni")

        # Lars asks in his personal chat: his feed
        reply = await teams.say("kalender", user="Lars Gelander", personal=True)
        assert "Outlook" in reply and "Google" in reply
        (lars_feed,) = links_in(reply)
        status, body, headers = await fetch(teams, lars_feed)
        assert status == 200 and headers["Content-Type"].startswith("text/calendar")
        assert headers["Cache-Control"] == "private, no-store"
        calendar = Calendar.from_ical(body)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        found = events(body)
        meetings = sorted(
            (e for uid, e in found.items() if uid.startswith("meeting-")),
            key=lambda e: e.decoded("DTSTART"),
        )
        assert len(meetings) == 3
        october, after_dst, december = meetings
        # 09.30 Stockholm is 07.30 UTC in summer time and 08.30 UTC after it
        assert october.decoded("DTSTART").astimezone(UTC) == datetime(
            2025, 10, 24, 7, 30, tzinfo=UTC
        )
        assert after_dst.decoded("DTSTART").astimezone(UTC) == datetime(
            2025, 10, 31, 8, 30, tzinfo=UTC
        )
        assert str(october["DTSTART"].params["TZID"]) == "Europe/Stockholm"
        assert october.decoded("DTEND").astimezone(UTC) == datetime(
            2025, 10, 24, 13, 30, tzinfo=UTC
        )
        assert str(october["LOCATION"]) == "Stationshuset, Gbg"
        assert str(after_dst["URL"]) == "https://teams.microsoft.com/l/meetup-join/abc"
        assert "https://teams.microsoft.com/l/meetup-join/abc" in str(after_dst["DESCRIPTION"])
        assert all(int(e["SEQUENCE"]) == 0 and str(e["STATUS"]) == "CONFIRMED" for e in meetings)
        # his own deadlines only: a date alone is an all-day event, a time is a time
        deadlines = [e for uid, e in found.items() if uid.startswith("action-")]
        assert sorted(str(e["SUMMARY"]) for e in deadlines) == [
            "Deadline SOR Barn: Skicka remissvar",
            "Deadline SOR Barn: Ta fram underlag",
        ]
        by_text = {str(e["SUMMARY"]).split(": ")[1]: e for e in deadlines}
        assert by_text["Ta fram underlag"].decoded("DTSTART") == date(2025, 5, 15)
        assert by_text["Ta fram underlag"].decoded("DTEND") == date(2025, 5, 16)
        timed = by_text["Skicka remissvar"].decoded("DTSTART")
        assert timed.astimezone(UTC) == datetime(2025, 5, 20, 10, 0, tzinfo=UTC)

        # the secretary moves the December meeting and cancels the one after summer time
        uid_december, uid_after = str(december["UID"]), str(after_dst["UID"])
        await teams.say("meeting move 3 12 december kl 10-12")
        await teams.say("meeting cancel 2")
        found = events((await fetch(teams, lars_feed))[1])
        moved, cancelled = found[uid_december], found[uid_after]
        assert int(moved["SEQUENCE"]) == 1 and str(moved["STATUS"]) == "CONFIRMED"
        assert moved.decoded("DTSTART").astimezone(UTC) == datetime(2025, 12, 12, 9, 0, tzinfo=UTC)
        assert int(cancelled["SEQUENCE"]) == 1 and str(cancelled["STATUS"]) == "CANCELLED"
        assert "INSTÄLLT" in str(cancelled["SUMMARY"])
        # undoing the cancelling is one more version
        await teams.say("ångra")
        found = events((await fetch(teams, lars_feed))[1])
        assert int(found[uid_after]["SEQUENCE"]) == 2
        assert str(found[uid_after]["STATUS"]) == "CONFIRMED"

        # the meeting's own file, from the button after `meeting add`
        status, body, headers = await fetch(teams, meeting_file)
        assert status == 200 and "attachment" in headers["Content-Disposition"]
        (only,) = events(body).values()
        assert only.decoded("DTSTART").astimezone(UTC) == datetime(2025, 10, 24, 7, 30, tzinfo=UTC)

        # the council feed: every owner's deadline, names but never an e-mail address
        page_reply = await teams.say("sida")
        council_feed = next(u for u in links_in(page_reply) if u.endswith("/calendar.ics"))
        status, body, _ = await fetch(teams, council_feed)
        assert status == 200
        summaries = [str(e["SUMMARY"]) for e in events(body).values()]
        assert "Deadline SOR Barn: Boka lokal" in summaries
        assert b"@vgregion.se" not in body and b"maja.berndes" not in body

        # a new link closes the old ones: 404, nothing else said
        renewed = await teams.say("kalender ny länk", user="Lars Gelander", personal=True)
        (new_feed,) = links_in(renewed)
        assert new_feed != lars_feed
        status, body, _ = await fetch(teams, lars_feed)
        assert status == 404 and b"calendar" not in body.lower()
        assert (await fetch(teams, new_feed))[0] == 200


async def test_personal_feed_link_never_shown_in_a_channel(teams: TeamsChat) -> None:
    """Someone asking in the channel gets their link in private, or a refusal there."""
    await teams.setup_council()
    reply = await teams.say("kalender")
    assert "personlig chatt" in reply and "http" not in reply
    await teams.say("hjälp", user="Carin Skoog", personal=True)  # now a private chat exists
    await teams.post(teams.activity("kalender"))
    sent = teams.connector.take()
    texts = [message_text(a) for a in sent]
    in_channel = [
        t for t, a in zip(texts, sent, strict=True) if "personal" not in a["_conversation"]
    ]
    in_private = [t for t, a in zip(texts, sent, strict=True) if "personal" in a["_conversation"]]
    assert in_private and "/calendar/" in in_private[0]
    assert in_channel and all("/calendar/" not in t for t in in_channel)


async def test_slack_gives_the_links_too(slack: SlackChat) -> None:
    """In Slack: the meeting's calendar button is a link button, `sida` gives a working page
    link, and `kalender` in the channel goes to the member's direct messages."""
    await slack.setup_council()
    added = await slack.command("/radsbot", "meeting add 12 september kl 09.30, Stationshuset")
    buttons = [
        element
        for block in added["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert [b["text"]["text"] for b in buttons] == ["Lägg till i kalendern"]
    status, body, _ = await slack.get(buttons[0]["url"])
    assert status == 200 and b"BEGIN:VEVENT" in body
    page = await slack.say("sida", user=LARS)
    assert "/council/" in page
    refused = await slack.say("kalender", user=LARS)  # no direct chat with the bot yet
    assert "bara i en personlig chatt" in refused and "/calendar/" not in refused
    await slack.direct("hjälp", user=LARS)
    posted = len(slack.api.posted)
    note = await slack.say("kalender", user=LARS)
    assert "personliga chatt" in note and "/calendar/" not in note
    (private,) = slack.api.posted[posted:]
    assert private["channel"].startswith("D") and "/calendar/" in private["text"]
