"""Nomination rounds at their edges: withdrawal and revival, who may withdraw, role words
that are not the round's, the forms of ``nomination open``, and members added late."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text


def _number_of(listing: str, name: str) -> str:
    """The number of the nomination of ``name`` in a ``nominations`` listing."""
    line = next(line for line in listing.splitlines() if name in line)
    return line.split("#", 1)[1].split(" ", 1)[0]


async def _nudges_on_the_last_day(teams: TeamsChat, clock: FakeClock) -> tuple[list[str], str]:
    """The private chats nudged on 28 May (the day before Ascension Day), and the channel post."""
    clock.set("2025-05-28 08:00")
    await teams.send_reminders(clock())
    sent = teams.connector.take()
    private = sorted(a["_conversation"] for a in sent if a["_conversation"].startswith("a:"))
    [channel] = [message_text(a) for a in sent if a["_conversation"].startswith("19:channel")]
    return private, channel


async def test_a_withdrawn_nomination_made_again_starts_afresh(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    for member in ("Lars Gelander", "Maja Berndes", "Lisa Bondjers"):
        await teams.say("hjälp", user=member, personal=True)
    await teams.say("nominera NAG Bo Ek: bra", user="Lars Gelander")
    number = _number_of(await teams.say("nomineringar"), "Bo Ek")
    assert "tillbakadragen" in await teams.say(
        f"nomination withdraw {number}", user="Lars Gelander"
    )
    await teams.say("nominera NAG Bo Ek", user="Maja Berndes")
    listing = await teams.say("nomineringar")
    assert "Bo Ek — föreslagen av Maja Berndes" in listing
    assert "Lars Gelander" not in listing and "bra" not in listing
    await teams.say("nominera NAG ingen", user="Lisa Bondjers")

    # Having withdrawn, Lars has not answered: he is nudged and named in the channel.
    private, channel = await _nudges_on_the_last_day(teams, clock)
    assert "a:personal-29:lars-gelander" in private
    assert "a:personal-29:maja-berndes" not in private
    assert "a:personal-29:lisa-bondjers" not in private
    not_answered = channel.split("Inte svarat än:")[1]
    assert "Lars Gelander" in not_answered and "Maja Berndes" not in not_answered


async def test_the_nominator_may_nominate_the_same_person_again(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    await teams.say("nominera NAG Bo Ek: bra", user="Lars Gelander")
    number = _number_of(await teams.say("nomineringar"), "Bo Ek")
    await teams.say(f"nomination withdraw {number}", user="Lars Gelander")
    assert "(0 nominerade)" in await teams.say("nomineringar")
    await teams.say("nominera NAG Bo Ek: har tänkt om", user="Lars Gelander")
    listing = await teams.say("nomineringar")
    assert "Bo Ek — föreslagen av Lars Gelander — har tänkt om" in listing
    assert "bra" not in listing


async def test_only_the_nominator_or_the_secretary_may_withdraw(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    await teams.say("nominera NAG Bo Ek", user="Lars Gelander")
    number = _number_of(await teams.say("nomineringar"), "Bo Ek")
    refused = await teams.say(f"nomination withdraw {number}", user="Maja Berndes")  # the chair
    assert "Bara den som nominerade eller sekreteraren" in refused
    assert "(1 nominerad)" in await teams.say("nomineringar")
    assert "Nomineringen av Bo Ek till NAG är tillbakadragen" in await teams.say(
        f"nomination withdraw {number}", user="Carin Skoog"
    )


async def test_a_role_word_the_round_does_not_have_is_never_part_of_the_name(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("nomination open Författargrupp roles författare deadline 30 maj")
    await teams.say("nomination open NAG deadline 30 maj")
    wrong_role = await teams.say("nominera författargrupp ordförande Bo Ek", user="Lars Gelander")
    assert "”ordförande” är ingen roll i nomineringen till Författargrupp" in wrong_role
    assert "Välj en av: författare" in wrong_role
    assert "nominera Författargrupp författare Förnamn Efternamn" in wrong_role
    no_roles = await teams.say("nominera NAG vice ordförande Bo Ek", user="Lars Gelander")
    assert "Nomineringen till NAG har inga roller" in no_roles
    assert "nominera NAG Förnamn Efternamn: motivering" in no_roles
    listing = await teams.say("nomineringar")
    assert "ordförande Bo Ek" not in listing and "(0 nominerade)" in listing

    assert "Bo Ek är nominerad till Författargrupp (författare)" in await teams.say(
        "nominera författargrupp Bo Ek", user="Lars Gelander"
    )
    refused = await teams.say("nomination decide NAG ordförande Karin Berg")
    assert "Nomineringen till NAG har inga roller" in refused
    assert "nominering beslut NAG Förnamn Efternamn" in refused


async def test_nominating_oneself_in_so_many_words(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    assert "Karin Berg är nominerad till NAG" in await teams.say(
        "nominera NAG jag själv", user="Karin Berg"
    )
    await teams.say("nominera NAG mig", user="Karin Berg")
    await teams.say("nominera NAG Karin Berg: gärna", user="Karin Berg")
    assert "Lars Gelander är nominerad till NAG" in await teams.say(
        "nominate NAG myself", user="Lars Gelander"
    )
    await teams.say("nominera NAG mig själv", user="Lars Gelander")
    listing = await teams.say("nomineringar")
    assert "(2 nominerade)" in listing
    assert "Karin Berg — föreslagen av Karin Berg — gärna" in listing


async def test_the_decision_marks_the_nomination_and_names_no_one_behind_a_newcomer(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    await teams.say("nominera NAG Bo Ek", user="Lars Gelander")
    await teams.say("nomination decide NAG Bo Ek")
    await teams.say("nomination decide NAG Cia Ek")
    listing = await teams.say("nomineringar")
    assert "Bo Ek — föreslagen av Lars Gelander **(vald)**" in listing
    cia = next(line for line in listing.splitlines() if "Cia Ek" in line)
    assert "föreslagen" not in cia and "(vald)" in cia
    assert "(2 nominerade)" in listing


async def test_open_takes_roles_and_deadline_in_either_order(teams: TeamsChat) -> None:
    await teams.setup_council()
    opened = await teams.say("nomination open NAG deadline 31 maj roles ordförande, ledamot")
    assert "Nomineringen till NAG är öppen" in opened
    assert "Roller: ordförande, ledamot" in opened
    assert "Sista dag: lör 31 maj" in opened
    no_roles = await teams.say("nomination open Grupp D roles")
    assert "Ange rollerna efter ”roles”" in no_roles
    assert "öppna nominering RPT THS roller ordförande" in no_roles  # the form
    assert "Ange sista dagen efter ”deadline”" in await teams.say(
        "nomination open Grupp E roller ordförande deadline"
    )
    listing = await teams.say("nomineringar")
    assert "Grupp" not in listing


async def test_a_member_added_while_a_round_is_open_is_nudged_too(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    await teams.say("member add Ny Ledamot")
    # the chair is known by her directory e-mail (an officer is never linked by a name)
    await teams.say(
        "members add\nAnna Till, *ordförande*, anna.till@vgregion.se\nGästen Gäst, *gäst*"
    )
    for member in ("Ny Ledamot", "Anna Till", "Gästen Gäst"):
        await teams.say("hjälp", user=member, personal=True)
    private, channel = await _nudges_on_the_last_day(teams, clock)
    assert "a:personal-29:ny-ledamot" in private
    assert "a:personal-29:anna-till" in private
    assert not any("gästen" in chat for chat in private)  # guests are not asked
    assert "Ny Ledamot" in channel.split("Inte svarat än:")[1]


async def test_roles_in_english_and_the_choice_by_a_nominee_s_first_name(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("nomination open RPT THS roles ordförande, koordinator deadline 30 maj")
    assert "(ordförande)" in await teams.say("nominate RPT THS chair Bo Ek", user="Lars Gelander")
    assert "(koordinator)" in await teams.say(
        "nominate ths coordinator Karin Berg: leder RMR", user="Lars Gelander"
    )
    await teams.say("nominera ths ordförande Karin Andersson", user="Maja Berndes")
    await teams.say("nominera ths ordförande Karin Berg", user="Maja Berndes")
    # "Karin" is one nominee for koordinator: that one is chosen, by her full name.
    decided = await teams.say("nomination decide RPT THS koordinator Karin")
    assert "Beslutet är infört: Karin Berg till RPT THS (koordinator)" in decided
    # For ordförande two Karins were nominated: the secretary is asked to write it out.
    which = await teams.say("nomination decide RPT THS chair Karin")
    assert "Flera nominerade passar ”Karin”: Karin Andersson, Karin Berg" in which
    listing = await teams.say("nomineringar")
    assert "koordinator: Karin Berg — föreslagen av Lars Gelander — leder RMR **(vald)**" in listing
    assert listing.count("(vald)") == 1


async def test_a_big_council_names_twenty_who_have_not_answered_and_counts_the_rest(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    extra = [f"Extra Ledamot{n:02d}" for n in range(1, 16)]
    await teams.say("members add\n" + "\n".join(extra))
    await teams.say("nomination open NAG deadline 30 maj")
    await teams.say("nominera NAG ingen", user="Lars Gelander")

    _, channel = await _nudges_on_the_last_day(teams, clock)
    not_answered = channel.split("Inte svarat än:")[1].split("\n")[0]
    named, _, rest = not_answered.partition(" och ")
    assert len(named.split(", ")) == 20, not_answered
    # 17 members of the SOR Barn roster (its two "Övriga deltagare" are guests, not asked)
    # and 15 more; Lars has answered: 31 silent, 20 of them named
    assert rest.strip() == "11 till", not_answered
    assert "Lars Gelander" not in not_answered
