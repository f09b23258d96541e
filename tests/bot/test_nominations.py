"""Whole nomination rounds through the Teams endpoint, with the clock moved by hand: opening
one with roles and a last day, nominating, the list by role, late and bad input, closing."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text


async def _open_round(teams: TeamsChat) -> None:
    await teams.setup_council()
    opened = await teams.say(
        "nomination open RPT THS roles ordförande, koordinator, representant deadline 30 maj: "
        "RPT traumatisk hjärnskada, barn och unga med lätt THS"
    )
    assert "Nomineringen till RPT THS är öppen" in opened
    assert "Sista dag: fre 30 maj" in opened


async def test_loose_targets_duplicates_and_withdrawal(teams: TeamsChat) -> None:
    await _open_round(teams)
    assert "Anna Lundgren är nominerad till RPT THS (ordförande)" in await teams.say(
        "nominera rpt ths ordförande Anna Lundgren: leder RMR-arbetet", user="Lars Gelander"
    )
    await teams.say("nominate RPT-THS ordförande anna lundgren: erfaren", user="Maja Berndes")
    await teams.say(
        "nominera THS representant Lisa Bondjers, Niklas Segerdahl", user="Maja Berndes"
    )
    assert "Jenny Linder är nominerad" in await teams.say(
        "nominera THS koordinator Jenny Linder", user="Jenny Linder"
    )
    listing = await teams.say("nomineringar rpt ths")
    assert "RPT THS — Sista dag: fre 30 maj **(4 nominerade)**" in listing
    assert (
        "ordförande: Anna Lundgren — föreslagen av Lars Gelander, Maja Berndes — leder RMR-arbetet; erfaren"
        in listing
    )
    assert "koordinator: Jenny Linder — föreslagen av Jenny Linder" in listing  # oneself: fine
    unknown_role = await teams.say("nominera RPT THS kassör Anna Svensson", user="Lars Gelander")
    assert (
        "”kassör” är ingen roll i nomineringen till RPT THS. "
        "Välj en av: ordförande, koordinator, representant" in unknown_role
    )
    assert "Vilken roll? Välj en av: ordförande, koordinator, representant" in await teams.say(
        "nominera RPT THS Anna Svensson", user="Lars Gelander"
    )
    unknown_target = await teams.say(
        "nominera NAG Barn ordförande Anna Svensson", user="Lars Gelander"
    )
    assert "Öppna just nu: RPT THS" in unknown_target
    number = listing.split("#", 1)[1].split(" ", 1)[0]  # Anna Lundgren's nomination
    assert "inte din" in await teams.say(f"nomination withdraw {number}", user="Jenny Linder")
    partly = await teams.say(f"nomination withdraw {number}", user="Lars Gelander")
    assert "Ditt stöd för Anna Lundgren" in partly and "andra står kvar" in partly
    assert "(4 nominerade)" in await teams.say("nomineringar")
    assert "Nomineringen av Anna Lundgren till RPT THS är tillbakadragen" in await teams.say(
        f"nomination withdraw {number}"
    )
    assert "(3 nominerade)" in await teams.say("nomineringar")
    assert "ingen nominering 999" in await teams.say("nomination withdraw 999")
    assert "Ange numret" in await teams.say("nomination withdraw")


async def test_late_nomination_is_refused_with_the_closing_date(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _open_round(teams)
    clock.set("2025-05-30 17:00")
    assert "är nominerad" in await teams.say(
        "nominera RPT THS representant Lisa Bondjers", user="Lars Gelander"
    )
    clock.set("2025-05-31 09:00")
    late = await teams.say("nominera RPT THS representant Elsa Fransson Bona", user="Lars Gelander")
    assert "Nomineringen till RPT THS stängde fre 30 maj" in late


async def test_automatic_close_with_summary_and_the_decision(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _open_round(teams)
    await teams.say("nominera RPT THS ordförande Anna Lundgren", user="Lars Gelander")
    clock.set("2025-05-31 00:05")  # a Saturday: the summary waits for Monday morning
    await teams.send_reminders(clock())
    assert teams.connector.take() == []
    assert "stängd" in await teams.say("nomineringar RPT THS")
    clock.set("2025-06-02 08:00")
    await teams.send_reminders(clock())
    sent = teams.connector.take()
    assert len(sent) == 1  # the secretary has no private chat: the channel post is hers too
    summary = message_text(sent[0])
    assert "Nomineringen till RPT THS är stängd – de nominerade per roll" in summary
    assert "ordförande: Anna Lundgren — föreslagen av Lars Gelander" in summary
    assert "nominering beslut RPT THS ROLL Namn" in summary
    decided = await teams.say("nomination decide RPT THS ordförande Anna Lundgren")
    assert "Beslutet är infört: Anna Lundgren till RPT THS (ordförande)" in decided
    assert "ordförande: Anna Lundgren — föreslagen av Lars Gelander **(vald)**" in await teams.say(
        "nomineringar"
    )
    assert (
        "bara rådets"
        in (
            await teams.say("nomination decide RPT THS ordförande Lars", user="Lars Gelander")
        ).lower()
    )


async def test_personal_reminder_only_to_those_who_have_not_answered(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _open_round(teams)
    for member in ("Lars Gelander", "Lisa Bondjers", "Niklas Segerdahl"):
        await teams.say("hjälp", user=member, personal=True)  # they have a private chat
    await teams.say(
        "nominera RPT THS representant Elsa Fransson Bona", user="Lars Gelander", personal=True
    )
    assert "du föreslår ingen till RPT THS" in await teams.say(
        "nominera THS ingen", user="Lisa Bondjers"
    )
    clock.set("2025-05-23 08:00")  # 7 days before: in the channel only
    await teams.send_reminders(clock())
    [week_before] = teams.connector.take()
    assert "Nomineringen till RPT THS stänger fre 30 maj" in message_text(week_before)
    clock.set("2025-05-28 08:00")  # 29 May is Ascension Day, so "the day before" is the 28th
    await teams.send_reminders(clock())
    sent = teams.connector.take()
    private = [a for a in sent if a["_conversation"].startswith("a:personal")]
    assert [a["_conversation"] for a in private] == ["a:personal-29:niklas-segerdahl"]
    assert "du har inte svarat än" in message_text(private[0])
    assert "nominera RPT THS ingen" in message_text(private[0])
    channel = [message_text(a) for a in sent if a["_conversation"].startswith("19:channel")]
    assert len(channel) == 1
    assert "Nomineringen till RPT THS stänger fre 30 maj" in channel[0]
    assert "Inte svarat än:" in channel[0] and "Niklas Segerdahl" in channel[0]
    assert "Lars Gelander" not in channel[0].split("Inte svarat än:")[1]
    assert "Lisa Bondjers" not in channel[0].split("Inte svarat än:")[1]


async def test_close_by_hand_and_bad_input(teams: TeamsChat) -> None:
    await _open_round(teams)
    assert (
        "bara rådets" in (await teams.say("nomination close RPT THS", user="Lars Gelander")).lower()
    )
    closed = await teams.say("nomination close ths")
    assert "Nomineringen till RPT THS är stängd" in closed
    assert "Nomineringen till RPT THS stängde ons 9 apr" in await teams.say(
        "nominera RPT THS ordförande X Y", user="Lars Gelander"
    )
    assert "ingen öppen nominering" in await teams.say("nomination close RPT THS")
    assert "Ange grupp och namn" in await teams.say("nominera", user="Lars Gelander")


async def test_round_opened_in_a_private_chat_is_announced_in_the_channel(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    opened = await teams.say(
        "nomination open NAG Intensivvård barn deadline 31 maj: nationell arbetsgrupp",
        personal=True,
    )
    assert "Nomineringen till NAG Intensivvård barn är öppen" in opened
    await teams.send_reminders(clock())
    [announcement] = teams.connector.take()
    assert announcement["_conversation"].startswith("19:channel-general")
    text = message_text(announcement)
    assert "Nomineringen till NAG Intensivvård barn är öppen" in text
    assert "nationell arbetsgrupp" in text


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
