"""Threat: an external member of a shared channel (or a federated chat) whose home tenant is
another organisation's. The Teams roster reports the e-mail that tenant's directory holds;
its admin can put any address there (the directory's ``mail`` is not verified), e.g. the
chair's. Such an address is no proof: only the conversation's own tenant vouches for it."""

from __future__ import annotations

from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat
from tests.fixtures.teams_activities import TENANT

WHO = "Jag vet inte vem du är"


async def test_an_external_member_with_the_chairs_address_is_not_the_chair(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Mallory, of tenant-evil, sits in SOR Barn's shared channel; his directory says his
    e-mail is the chair's. He adds a meeting and makes himself secretary."""
    await teams.setup_council()
    connector.set_member(
        "29:mallory", name="Maja Berndes", email="maja.berndes@vgregion.se", tenant="tenant-evil"
    )
    for command in ("meeting add 12 september", "member add Mallory Evil, sekreterare"):
        activity = teams.activity(command, user="Maja Berndes", user_id="29:mallory")
        assert await teams.post(activity) in (200, 201)
        [reply] = connector.take()
        assert WHO in reply["text"], reply["text"]
    assert "Inga kommande möten" in await teams.say("meetings")
    assert "Mallory" not in await teams.say("members")


async def test_a_member_of_the_conversations_own_tenant_is_linked_by_email(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Positive: the real chair, whose roster entry names the conversation's tenant, is linked
    by her address and adds the meeting."""
    await teams.setup_council()
    connector.set_member(
        "29:maja-berndes", name="Maja Berndes", email="maja.berndes@vgregion.se", tenant=TENANT
    )
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Maja Berndes")
