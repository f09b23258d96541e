"""``notes``: real minutes pasted whole into Teams give exactly their action items."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, message_text
from tests.minutes import APRIL, SEPTEMBER, read_minutes


async def _council_with_meetings(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meetings add\nOnsdag 7 maj kl 09.30\nMåndag 13 oktober kl 09.30, Teamsmöte")
    assert "2 möten är inlagda" in await teams.say("ok")


async def test_april_minutes_pasted_whole(teams: TeamsChat) -> None:
    await _council_with_meetings(teams)
    preview = await teams.say("notes\n" + read_minutes(APRIL))
    assert (
        "Jag hittade 6 åtgärder, 1 möte och 6 personer att lägga till eller ändra i anteckningarna"
        in preview
    )
    assert "9. alla: Sonderar lämpliga namnförslag" in preview
    assert "till mötet" not in preview  # the preview shows deadlines as dates
    assert "senast ons 7 maj" in preview
    assert "11. Niklas Segerdahl, Josefine Roswall: " in preview
    assert "12. Maja Berndes: Bjuder in Catherine Gatzinsky" in preview
    assert "(vem är ”Karin”? (Karin Andersson, Karin Berg))" in preview
    # the preview says how to settle just a name
    assert "t.ex. **8 Karin Andersson**" in preview
    fixed = await teams.say("8 Karin B")
    assert "8. Karin Berg: Sammanställer en förfrågan till samordningsrådet för att utse" in fixed
    assert "10. Karin?, Joanna Pestalozzi: Behov av RMR" in fixed
    # `ok` asks about each open item in turn, with numbered choices and buttons
    assert await teams.post(teams.activity("ok")) == 201
    [asked] = teams.connector.take()
    text = message_text(asked)
    assert "Rad 10: Vem menar du med ”Karin”?" in text
    assert "1. Karin Andersson" in text and "2. Karin Berg" in text
    card = asked["attachments"][0]
    assert [a["title"] for a in card["content"]["actions"]] == ["Karin Andersson", "Karin Berg"]
    assert "Välj ett nummer från 1 till 2" in await teams.say("3")
    assert "Rad 13: Vem menar du med ”Karin”?" in await teams.say("Karin Andersson")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")  # nothing saved yet
    pressed = teams.activity("", value={"command": "1"}, mention=False)
    assert await teams.post(pressed) == 201
    [saved_reply] = teams.connector.take()
    saved = message_text(saved_reply)
    assert "6 åtgärder är sparade" in saved
    listing = await teams.say("åtgärder")
    assert "Öppna åtgärder i SOR Barn (6)" in listing
    assert (
        "#2 Sonderar lämpliga namnförslag" in listing
        and "alla · till mötet ons 7 maj kl. 09.30" in listing
    )
    assert "Karin Andersson, Joanna Pestalozzi · ingen deadline" in listing
    assert "#1 Sammanställer en förfrågan" in listing
    assert "Karin Berg · ingen deadline" in listing
    assert "Ångrat: lade till anteckningar med" in await teams.say("ångra")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")


async def test_september_minutes_pasted_whole(teams: TeamsChat) -> None:
    await _council_with_meetings(teams)
    preview = await teams.say("notes\n" + read_minutes(SEPTEMBER))
    # "Niklas ska närvara vid diskussion om NHV-transplantationer …" stands on a line of its
    # own once Teams has turned the table into lines: his commitment, read as an action; and
    # "Rådet … ställer sig bakom detta" is the council's decision
    assert (
        "Jag hittade 7 åtgärder, 1 beslut, 1 möte och 12 personer att lägga till eller ändra i"
        " anteckningarna" in preview
    )
    assert "20. Niklas Segerdahl: Närvara vid diskussion om NHV-transplantationer" in preview
    assert "14. Lorna Niklasson: " in preview
    assert "15. Karin Berg: " in preview
    assert "16. Neo-rådet (ej i rådet): Följer upp frågan" in preview
    assert "17. Lars Gelander, Maja Berndes: " in preview
    assert "18. ingen ansvarig: Sprid information" in preview
    assert "19. alla: " in preview and "senast mån 13 okt" in preview
    assert "7 åtgärder och 1 beslut är sparade" in await teams.say("ok")
    lars = await teams.say("åtgärder Lars Gelander")
    assert "Öppna åtgärder för Lars Gelander (2)" in lars  # his own and the one for everyone


async def test_notes_without_actions(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("notes\nMaja öppnar mötet och hälsar välkommen.")
    assert "inga rader som börjar med ”Action:”" in text


PROSE_MINUTES = """Datum: 2025-10-01
Arbetsgrupp barnhälsa

Lars informerade om läget på BUP.
Lorna återkommer med ett förslag på ny remissrutin i november.
Kansliet får i uppdrag att sammanställa nomineringarna.
Respektive förvaltning lämnar synpunkter på rutinen inom två veckor.
Det vore bra om vi kunde samla alla rutiner på ett ställe.
Beslut: att uppdra åt beredningen att ta fram en tidplan till nästa möte.
Vårdsam tar fram en enkät till skolorna v. 44.
"""


async def test_prose_minutes_with_group_owners_and_rough_deadlines(teams: TeamsChat) -> None:
    """Actions in prose, read as of the minutes' own date: groups kept as owners outside the
    council, a rough month in words, the next saved meeting, a wish listed apart."""
    await _council_with_meetings(teams)
    preview = await teams.say("notes\n" + PROSE_MINUTES)
    assert "Jag hittade 5 åtgärder, 1 möjlig åtgärd, 1 beslut och 1 möte" in preview
    assert "BUP" not in preview  # a report is no action
    assert "Lorna Niklasson: Återkommer med ett förslag på ny remissrutin" in preview
    assert "i november 2025 (senast sön 30 nov)" in preview
    assert "kansliet (ej i rådet): Sammanställa nomineringarna" in preview
    assert "respektive förvaltning (ej i rådet): Lämnar synpunkter på rutinen" in preview
    assert "senast ons 15 okt" in preview  # two weeks after the meeting, not after today
    assert "Kanske åtgärd (sparas bara om du väljer den): ingen ansvarig: Det vore bra" in preview
    assert "beredningen (ej i rådet): Ta fram en tidplan" in preview
    assert "senast mån 13 okt kl. 09.30" in preview  # the council's next meeting
    assert "v. 44 2025 (senast fre 31 okt)" in preview
    assert "(ingen ”Vårdsam” i rådet)" in preview
    # `ok` asks about the unknown name only; the wish is not saved
    asked = await teams.say("ok")
    assert "Jag hittar ingen ”Vårdsam” i rådet" in asked
    saved = await teams.say("behåll")
    assert "5 åtgärder och 1 beslut är sparade" in saved
    # The group kept is remembered for the council: the next minutes do not ask about it.
    again = await teams.say("notes\nDatum: 2025-11-05\nVårdsam skickar ut enkäten i december.")
    assert "Vårdsam (ej i rådet): Skickar ut enkäten" in again
    assert "i december 2025 (senast ons 31 dec)" in again
    assert "i rådet)" not in again.replace("(ej i rådet)", "")


async def test_a_listed_action_in_the_passive_with_its_doer(teams: TeamsChat) -> None:
    """An item under "Åtgärder" that names its doer only in parentheses after a passive is
    hers; the list ends where the coming meetings begin."""
    await teams.setup_council()
    preview = await teams.say(
        "notes\nDatum: 2025-10-01\nÅtgärder\n"
        "1. Rutinen för remisser revideras (Lars Gelander) – senast 30/10.\n"
        "Nästa möte\n12 november kl 9–12, Teams."
    )
    assert "Jag hittade 1 åtgärd och 2 möten" in preview, preview  # its own and the next
    assert "Lars Gelander: Rutinen för remisser revideras" in preview
