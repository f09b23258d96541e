"""What a question keeps while it waits: typed drafts, read back through one TypeAdapter; a
question kept in an older shape (stored before an upgrade) is forgotten, never a crash."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from bot.app import ENGINE
from dialogs.commands.notes import NOTES, DecisionProposal
from dialogs.drafts.actions import PROPOSAL, ActionProposal, OwnerKind
from dialogs.drafts.meetings import MeetingProposal
from dialogs.minutes.people_drafts import PersonProposal
from store.models import PendingPrompt, Role
from tests.fakes.teams import TeamsChat

MINUTES = """Minnesanteckningar Samordningsråd Barn
Datum: 2026-11-18

Närvarande
Maja Berndes, ordförande
Eva Lind, Borås, sekreterare

§ 2 Uppföljning
Beslut: Rådet antar verksamhetsplanen för 2027.
Action: Karin tar fram en tidplan senast 4 december.
Action: Eva Lind ringer regionen till nästa möte.
Nästa möte: 16 december kl. 13–15, Teams.
"""


async def _kept(teams: TeamsChat) -> tuple[str, dict[str, Any]]:
    async with teams.app[ENGINE].connect() as db:
        row = (await db.execute(select(PendingPrompt.kind, PendingPrompt.payload))).one()
    return row[0], row[1]


async def _keep(teams: TeamsChat, payload: dict[str, Any]) -> None:
    async with teams.app[ENGINE].begin() as db:
        await db.execute(update(PendingPrompt).values(payload=payload))


async def test_the_preview_waits_as_typed_drafts(teams: TeamsChat) -> None:
    await teams.setup_council()
    preview = await teams.say("notes\n" + MINUTES)
    assert "Jag hittade 2 åtgärder" in preview
    kind, payload = await _kept(teams)
    assert kind == "batch.notes"
    state = NOTES.state.validate_python(payload["kept"])
    drafts = [entry.draft for entry in state.entries]
    assert [type(d) for d in drafts] == [
        PersonProposal,
        MeetingProposal,
        MeetingProposal,
        ActionProposal,
        ActionProposal,
        DecisionProposal,
    ]
    eva = drafts[0]
    assert isinstance(eva, PersonProposal)
    assert (eva.name, eva.roles, eva.before, eva.ref < 0) == (
        "Eva Lind",
        (Role.SECRETARY,),
        None,
        True,
    )
    karin = drafts[3]
    assert isinstance(karin, ActionProposal)
    assert karin.owners[0].kind == OwnerKind.AMBIGUOUS  # Karin Andersson or Karin Berg
    assert set(karin.owners[0].names) == {"Karin Andersson", "Karin Berg"}
    ringer = drafts[4]
    assert isinstance(ringer, ActionProposal)
    assert ringer.owners[0].ids == (eva.ref,)  # not saved yet: known by her provisional id
    assert ringer.due is not None and ringer.due.date() == date(2026, 12, 16)
    decision = drafts[5]
    assert isinstance(decision, DecisionProposal)
    assert decision.held_on == date(2026, 11, 18)
    assert state.meta.now is not None and state.meta.now.date() == date(2026, 11, 18)
    # what is kept is what is read back: the same state, field for field
    assert NOTES.state.validate_python(NOTES.state.dump_python(state, mode="json")) == state


async def test_a_line_not_read_waits_as_such(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meetings add\n12 januari 2027 kl 13-15, Borås\n31 juni 2027 kl 13-15, Borås")
    kind, payload = await _kept(teams)
    assert kind == "batch.meetings.add"
    entries = [e["draft"] for e in payload["kept"]["entries"]]
    assert entries[1]["kind"] == "unreadable" and entries[1]["blocking"]
    assert entries[1]["line"] == "31 juni 2027 kl 13-15, Borås"


async def test_a_preview_kept_in_an_older_shape_is_forgotten(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("notes\n" + MINUTES)
    _, payload = await _kept(teams)
    # as a preview was kept before drafts were typed: a list of free dicts
    await _keep(
        teams,
        {
            **payload,
            "kept": {"kind": "notes", "drafts": [{"decision": "Rådet antar planen"}]},
        },
    )
    answer = await teams.say("ok")
    assert "Något gick fel" not in answer and "Traceback" not in answer
    assert "Inga beslut" in await teams.say("beslut")  # nothing was saved from it
    async with teams.app[ENGINE].connect() as db:
        assert (await db.execute(select(PendingPrompt))).first() is None


async def test_an_owner_question_kept_in_an_older_shape_is_forgotten(teams: TeamsChat) -> None:
    await teams.setup_council()
    asked = await teams.say("action Karin: ring regionen senast 4 december")
    assert "Vem menar du med ”Karin”?" in asked
    kind, payload = await _kept(teams)
    assert kind == "action_owner"
    draft = PROPOSAL.validate_python(payload["kept"]["draft"])
    assert draft.text.lower().startswith("ring regionen")
    await _keep(
        teams,
        {**payload, "kept": {"owners": [{"written": "Karin", "kind": "ambiguous"}], "text": "x"}},
    )
    answer = await teams.say("1")
    assert "Något gick fel" not in answer
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")


async def test_a_confirmation_kept_before_the_upgrade_is_forgotten(teams: TeamsChat) -> None:
    """A question stored by the old code (its fields at the top, no ``kept``): the answer
    "ja" changes nothing and runs as an ordinary message."""
    await teams.say("council create Nytt råd (NR)")
    await teams.say("member add Per Ek")
    asked = await teams.say("member remove Carin Skoog")
    assert "Svara ja för att fortsätta" in asked
    kind, payload = await _kept(teams)
    assert kind == "mend_confirm"
    assert payload["kept"]["mend"] == {"op": "remove", "roles": []}
    old = {k: v for k, v in payload.items() if k != "kept"}
    await _keep(teams, {**old, "op": "remove", "membership_id": 1, "name": "Carin Skoog"})
    answer = await teams.say("ja")
    assert "Något gick fel" not in answer
    assert "Carin Skoog — sekreterare" in await teams.say("medlemmar")  # still a member
