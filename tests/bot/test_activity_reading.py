"""The activity in a request body is read into botbuilder's models by ``read_activity``
without msrest's ``Deserializer`` (a tenth of a turn's time); what it builds must be what
msrest builds, for every shape Teams posts, and a body msrest refuses is refused too."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference

from bot.connector import wire_json
from bot.teams_activity import _MODELS, ActivityRejected, read_activity, read_model
from tests.fixtures import teams_activities

SERVICE = "https://smba.trafficmanager.net/emea/"


def _shapes() -> list[tuple[str, dict[str, Any]]]:
    channel = teams_activities.message(SERVICE, "åtgärder mina", id="1")
    personal = teams_activities.message(SERVICE, "nästa möte", id="2", personal=True)
    mentions = teams_activities.message(
        SERVICE, "nominera <at>Eva Ek</at>", id="3", mentions=(("29:eva", "Eva Ek"),)
    )
    button = teams_activities.message(
        SERVICE, "", id="4", value={"command": "klar 3", "nested": {"list": [1, "två", None]}}
    )
    added = teams_activities.members_added(SERVICE, "28:radsbot-app")
    unknown_fields = copy.deepcopy(personal) | {
        "localTimestamp": "2025-04-09T10:00:00.1234567+02:00",
        "localTimezone": "Europe/Stockholm",
        "somethingNew": {"a": 1},
        "replyToId": "1:abc",
        "expiration": "2025-04-10T08:00:00Z",
        "importance": "high",
        "deliveryMode": "normal",
        "listenFor": ["ja", "nej"],
    }
    unknown_fields["from"] = unknown_fields["from"] | {"role": "user", "userRole": "guest"}
    unknown_fields["conversation"] = unknown_fields["conversation"] | {"tenantID": "t-2"}
    file_sent = copy.deepcopy(personal) | {
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.teams.file.download.info",
                "name": "protokoll.docx",
                "content": {"downloadUrl": "https://example.org/f", "fileType": "docx"},
            },
            {"contentType": "text/html", "content": "<p>protokoll</p>"},
        ]
    }
    invoke = copy.deepcopy(channel) | {
        "type": "invoke",
        "name": "adaptiveCard/action",
        "value": {"action": {"type": "Action.Execute", "verb": "done", "data": {"n": 3}}},
        "relatesTo": {
            "activityId": "9",
            "conversation": {"id": "19:x", "isGroup": True},
            "bot": {"id": "28:radsbot-app"},
            "serviceUrl": SERVICE,
            "channelId": "msteams",
        },
    }
    numbers_as_text = copy.deepcopy(personal) | {"label": 5, "code": True, "topicName": 7.5}
    reactions = copy.deepcopy(channel) | {
        "type": "messageReaction",
        "reactionsAdded": [{"type": "like"}],
        "historyDisclosed": "true",
    }
    removed = copy.deepcopy(added) | {"membersAdded": None, "membersRemoved": [{"id": "29:x"}]}
    return [
        ("channel", channel),
        ("personal", personal),
        ("mentions", mentions),
        ("card button", button),
        ("members added", added),
        ("unknown fields", unknown_fields),
        ("a file", file_sent),
        ("invoke", invoke),
        ("numbers as text", numbers_as_text),
        ("reactions", reactions),
        ("members removed", removed),
    ]


@pytest.mark.parametrize(("shape", "body"), _shapes(), ids=[name for name, _ in _shapes()])
def test_an_activity_reads_as_msrest_reads_it(shape: str, body: dict[str, Any]) -> None:
    ours = read_activity(json.dumps(body).encode())
    theirs = Activity().deserialize(body)
    assert ours == theirs, shape
    # the nested models too, and what msrest keeps of unknown keys
    assert ours.serialize() == theirs.serialize()
    assert vars(ours.from_property) == vars(theirs.from_property)
    assert vars(ours.conversation) == vars(theirs.conversation)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("membersAdded", {"id": "29:x"}),  # an object where a list belongs
        ("historyDisclosed", "perhaps"),
        ("relatesTo", ["not", "an", "object"]),
        ("expiration", "next tuesday"),
        ("entities", [{"type": "mention"}, "a string"]),
    ],
)
def test_what_msrest_refuses_is_refused(field: str, value: Any) -> None:
    body = teams_activities.message(SERVICE, "hjälp", id="5", personal=True) | {field: value}
    with pytest.raises(Exception):  # noqa: B017 - msrest's own kinds of failure vary
        Activity().deserialize(body)
    with pytest.raises(ActivityRejected):
        read_activity(json.dumps(body).encode())


def test_every_model_is_read_by_plain_keys() -> None:
    """The reader knows no flattened keys ("properties.x"), no polymorphic models and no
    read-only fields; msrest's models for activities have none of them."""
    for model in _MODELS.values():
        assert not getattr(model, "_subtype_map", {}), model
        assert not any(rule.get("readonly") for rule in model._validation.values()), model
        for spec in model._attribute_map.values():
            assert spec["key"] and "." not in spec["key"], (model, spec)


@pytest.mark.parametrize(("shape", "body"), _shapes(), ids=[name for name, _ in _shapes()])
def test_a_stored_reference_reads_as_msrest_reads_it(shape: str, body: dict[str, Any]) -> None:
    """What a private answer and a reminder are sent with: the reference saved from a
    message, read back from the database."""
    stored = json.loads(
        json.dumps(
            wire_json(
                TurnContext.get_conversation_reference(read_activity(json.dumps(body).encode()))
            )
        )
    )
    ours = read_model(ConversationReference, stored)
    assert ours == ConversationReference().deserialize(stored), shape
    assert vars(ours.conversation) == vars(ConversationReference().deserialize(stored).conversation)
