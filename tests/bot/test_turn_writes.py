"""A question writes nothing: the conversation's reference is saved when it changes, not
with every message (issue 16: that write was a fifth of a turn's time on PostgreSQL)."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat
from tests.fixtures.statements import counted, writes


async def test_asking_again_writes_nothing_until_a_while_has_passed(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("mina åtgärder", user="Lars Gelander")

    with counted() as statements:
        reply = await teams.say("mina åtgärder", user="Lars Gelander")
    assert "åtgärder" in reply
    assert writes(statements) == [], "\n".join(statements)

    # some minutes later the chat is marked as seen again (which chat is a person's newest)
    clock.advance(minutes=11)
    with counted() as statements:
        await teams.say("mina åtgärder", user="Lars Gelander")
    changed = writes(statements)
    assert len(changed) == 1 and "conversation_refs" in changed[0], changed

    # another member in the same channel (whose first message links her, a write of its
    # own), then again: still the same conversation, nothing to write
    await teams.say("nästa möte", user="Karin Berg")
    with counted() as statements:
        await teams.say("nästa möte", user="Karin Berg")
    assert writes(statements) == [], "\n".join(statements)


async def test_a_new_chat_is_still_saved_at_its_first_message(teams: TeamsChat) -> None:
    await teams.setup_council()
    with counted() as statements:
        await teams.say("mina åtgärder", user="Lars Gelander", personal=True)
    assert any("INSERT INTO conversation_refs" in s for s in writes(statements)), statements


async def test_a_known_sender_is_found_in_one_statement(teams: TeamsChat) -> None:
    """The conversation (with its council) and the sender with their seats and the question
    waiting for them, in one statement: the command's own queries follow, in the same
    transaction, without reading any of those again."""
    await teams.setup_council()
    await teams.say("hjälp", user="Lars Gelander")
    with counted() as statements:
        await teams.say("hjälp", user="Lars Gelander")
    reads = [s for s in statements if s.startswith("SELECT") and "pg_catalog" not in s]
    assert len(reads) == 1, "\n".join(reads)
    assert "FROM conversation_refs" in reads[0] and "chat_identities" in reads[0]
    assert "memberships" in reads[0] and "pending_prompts" in reads[0]


async def test_a_new_conversation_is_saved_then_its_sender_read(teams: TeamsChat) -> None:
    """A first message in a conversation saves it, then reads the sender as before."""
    await teams.setup_council()
    with counted() as statements:
        reply = await teams.say("hjälp", user="Lars Gelander", channel="19:ny-kanal@thread.tacv2")
    assert "INSERT INTO conversation_refs" in "\n".join(writes(statements))
    assert any("FROM people JOIN chat_identities" in s for s in statements), statements
    assert "hjälp" in reply.casefold() or "kommandon" in reply.casefold(), reply


async def test_a_waiting_question_found_with_the_sender_is_answered(teams: TeamsChat) -> None:
    """The question is read with the sender, and an answer still reaches it."""
    await teams.setup_council()
    preview = await teams.say("notes\nAction: Lars ringer kontakten senast 30 maj")
    assert "1 åtgärd" in preview
    with counted() as statements:
        saved = await teams.say("ok")
    assert "sparad" in saved
    assert not any(s.startswith("SELECT") and "FROM pending_prompts" in s for s in statements)


async def test_a_new_conversation_whose_id_does_not_fit_is_refused_whole(
    teams: TeamsChat,
) -> None:
    """A new conversation is saved by one INSERT, not a flush: its texts are still measured
    against their columns first, so an id longer than any Teams gives gets the same short
    refusal on both databases, and nothing is saved."""
    channel = "19:" + "x" * 400 + "@thread.tacv2"
    with counted() as statements:
        reply = await teams.say("hjälp", channel=channel)
    assert "för lång" in reply and "300" in reply, reply
    assert writes(statements) == [], "\n".join(writes(statements))


async def test_a_page_of_actions_comes_with_its_owners_in_one_statement(teams: TeamsChat) -> None:
    """The actions shown and their owners (two, one, everyone and so none, a name as
    written) are read in one statement, and each line names exactly its own owners."""
    await teams.setup_council()
    for line in (
        "åtgärd Lars, Karin Berg: Ta fram underlag om köerna senast 14 maj",
        "åtgärd Lars: Skicka remissvaret senast 16 maj",
        "åtgärd alla: Boka lokal till hösten senast 20 maj",
        "åtgärd Doris Okänd: Ringa skolan senast 22 maj",
    ):
        assert "⚠️" not in await teams.say(line), line
    assert "sparad" in await teams.say("4")  # "Doris Okänd" kept as a name outside the council
    with counted() as statements:
        reply = await teams.say("åtgärder")
    owners_read = [s for s in statements if "action_owners" in s]
    assert len(owners_read) == 1 and "FROM actions" in owners_read[0], "\n".join(statements)
    lines = {line.split(" —")[0]: line for line in reply.splitlines() if line.startswith("#")}
    köerna, remiss, lokal, skolan = (
        next(v for k, v in lines.items() if word in k)
        for word in ("köerna", "remissvaret", "lokal", "skolan")
    )
    assert "Lars Gelander" in köerna and "Karin Berg" in köerna, köerna
    assert "Lars Gelander" in remiss and "Karin" not in remiss, remiss
    assert "Lars" not in lokal and "Karin" not in lokal, lokal
    assert "Doris Okänd" in skolan, skolan


async def test_closing_an_action_reads_no_seat_again(teams: TeamsChat) -> None:
    """``klar N`` checks the sender's seat in the action's council with the seats found with
    the sender; an owner closes their action, a plain member cannot close another's."""
    await teams.setup_council()
    assert "sparad" in await teams.say("åtgärd Lars: Skicka remissvaret senast 16 maj")
    assert "sparad" in await teams.say("åtgärd Karin Berg: Ringa skolan senast 20 maj")
    refused = await teams.say("klar 2", user="Lars Gelander")
    assert "⚠️" in refused, refused
    with counted() as statements:
        closed = await teams.say("klar 1", user="Lars Gelander")
    assert "⚠️" not in closed, closed
    assert not any("FROM memberships" in s and "conversation_refs" not in s for s in statements)
