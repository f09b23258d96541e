"""A member's words never show up as a disguised link, an image or a mention.

The attack: a member writes Markdown or Slack markup into what the bot repeats to everyone —
an agenda item, an action, a nomination's motivation, a meeting's place, a person's name —
hoping the bot's reply turns ``[Klicka här](https://evil…)`` into a link that hides its
address, shows an image from the attacker's server, or pings the whole channel. Every reply
and reminder is read here the way the chat client reads it: Teams' Markdown (message text and
card text blocks) with a CommonMark parser, Slack's ``<…>`` markup in blocks and ``text``.
The words must come out as the literal characters the member typed.
"""

from __future__ import annotations

import html
import re
from typing import Any

from dialogs.texts import LANGUAGES
from tests.conftest import FakeClock
from tests.fakes.slack_api import SlackChat
from tests.fakes.teams import TeamsChat, mention_entities
from tests.security.helpers import read_teams, slack_markup

LINK = "[Klicka här](https://evil.example/a)"
IMAGE = "![](https://evil.example/x.png)"
SLACK_LINK = "<https://evil.example/b|Klicka här>"
MENTIONS = "<at>Maja</at> <@U0LARS> <!channel> <!here> @channel"
ATTACK = f"{LINK} {IMAGE} {SLACK_LINK} {MENTIONS}"
#: what a reader must see, character for character, wherever the bot repeats the attack
VISIBLE = (LINK, IMAGE, SLACK_LINK, "<at>Maja</at>", "<!channel>", "<!here>", "@channel")
#: A meeting's place: an address in it is the meeting's own link (shown as the bare address
#: or behind the bot's own "open the meeting" button, by design), so the place attacks with
#: mentions alone.
PLACE = f"Lokal {MENTIONS}"
VISIBLE_PLACE = ("<at>Maja</at>", "<@U0LARS>", "<!channel>", "<!here>", "@channel")


def typed_in_teams(text: str) -> str:
    """Teams sends what a person types as HTML-escaped text."""
    return html.escape(text, quote=False)


def assert_safe_in_teams(activity: dict[str, Any]) -> str:
    """No live link, image or tag from the attack; returns the visible text."""
    seen = read_teams(activity)
    assert [href for href in seen.links if "evil" in href] == [], seen.links
    assert seen.images == [], seen.images
    assert seen.html == [], seen.html
    for mention in mention_entities(activity):
        assert "Maja" not in mention["text"], mention
    return seen.text


async def say_safely(teams: TeamsChat, text: str, **kwargs: Any) -> str:
    status = await teams.post(teams.activity(typed_in_teams(text), **kwargs))
    assert status in (200, 201)
    [reply] = teams.connector.take()
    return assert_safe_in_teams(reply)


async def test_teams_shows_members_markup_as_plain_text(teams: TeamsChat) -> None:
    """Links, images and mentions in an agenda item, a meeting's place, an action, a
    motivation and a name reach every Teams reply as the characters typed, never as markup."""
    await teams.setup_council()
    await say_safely(teams, f"meeting add fredag 12 december kl 09.30-15.30, {PLACE}")
    await say_safely(teams, f"agenda add Punkt {ATTACK}")
    await say_safely(teams, f"action Lars Gelander: granska {ATTACK} senast 30 maj")
    await say_safely(teams, "nomination open RPT THS roles ordförande deadline 30 maj: Nya namn")
    await say_safely(
        teams, f"nominera THS ordförande Anna Lundgren: {ATTACK}", user="Lars Gelander"
    )
    await say_safely(teams, f"member add Eva {LINK}")
    for listing in ("nästa möte", "dagordning", "åtgärder", "nomineringar THS"):
        shown = await say_safely(teams, listing)
        for visible in VISIBLE:
            assert visible in shown, (listing, visible, shown)
    shown = await say_safely(teams, "möten")
    assert all(visible in shown for visible in VISIBLE_PLACE), shown
    # A preview of pasted minutes, and a question about a name nobody has, with choices.
    preview = await say_safely(teams, f"notes\nAction: Lars läser {ATTACK}")
    assert LINK in preview and IMAGE in preview, preview  # (the reader of minutes drops tags)
    await teams.say("avbryt")
    asked = await say_safely(teams, f"action Karin {LINK}: läser underlaget")
    assert "”Karin [Klicka”" in asked, asked
    roster = await say_safely(teams, "medlemmar")
    assert "evil" not in roster or LINK in roster


async def test_a_reminder_repeats_the_markup_as_plain_text(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """The scheduler's reminders (meeting details, an owner's deadline) go through the same
    renderers: the place, the agenda item and the action stay plain text there too."""
    await teams.setup_council()
    await say_safely(teams, f"meeting add fredag 12 december kl 09.30-15.30, {PLACE}")
    await say_safely(teams, f"agenda add Punkt {ATTACK}")
    await say_safely(teams, f"action Lars Gelander: granska {ATTACK} senast 30 maj")
    sent: list[dict[str, Any]] = []
    for when in ("2025-05-26 08:00", "2025-05-30 08:00", "2025-12-05 08:00", "2025-12-11 08:00"):
        clock.set(when)
        await teams.send_reminders(clock())
        sent += teams.connector.take()
    shown = [assert_safe_in_teams(activity) for activity in sent]
    deadline = [text for text in shown if "Granska" in text]
    details = [text for text in shown if "Lokal" in text]
    assert deadline and details, shown
    for text in deadline:
        assert LINK in text and "<!channel>" in text, text
    for text in details:
        assert all(visible in text for visible in VISIBLE_PLACE), text


async def test_slack_shows_members_markup_as_plain_text(slack: SlackChat) -> None:  # noqa: F811
    """On Slack the same words reach blocks and the notification ``text`` with ``<``, ``>``
    and ``&`` escaped: no ``<url|label>`` link, no ``<!channel>`` ping, no ``<@user>``."""
    await slack.setup_council()

    def typed_in_slack(text: str) -> str:  # Slack escapes what a person types
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    async def say_safely_on_slack(text: str) -> str:
        answer = await slack.command("/radsbot", typed_in_slack(text))
        pieces = slack_markup(answer)
        for piece in pieces:
            live = re.findall(r"<([^<>]*)>", piece)  # what Slack would turn into links or pings
            assert [m for m in live if re.search(r"evil|!channel|!here|@U0LARS", m)] == [], live
        return "\n".join(pieces)

    await say_safely_on_slack(f"meeting add fredag 12 december kl 09.30-15.30, {PLACE}")
    await say_safely_on_slack(f"agenda add Punkt {ATTACK}")
    await say_safely_on_slack(f"action Lars Gelander: granska {ATTACK} senast 30 maj")
    for listing in ("nästa möte", "dagordning", "åtgärder"):
        shown = await say_safely_on_slack(listing)
        assert LINK in shown, shown  # not turned into <https://evil.example/a|Klicka här>
        assert "&lt;!channel&gt;" in shown and "&lt;https://evil.example/b|Klicka här&gt;" in shown


def test_our_own_markup_is_balanced_in_every_string() -> None:
    """Every bold and code span of ours closes in the string that opens it, so none can run on
    into a member's words filled in after it."""
    for lang, table in LANGUAGES.items():
        for key, raw in table.items():
            assert raw.count("`") % 2 == 0 and raw.count("**") % 2 == 0, (lang, key)
