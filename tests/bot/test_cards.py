"""Every Adaptive Card the bot sends follows Microsoft's Adaptive Card 1.5 schema
(``manifest/schema/adaptive-card.json``) and keeps to the elements and actions Teams renders."""

from __future__ import annotations

import json
from typing import Any

from bot import json_schemas
from bot.render_card import ADAPTIVE_CARD, MAX_CARD_BYTES
from bot.teams import reply_activity
from dialogs.model import Button, Item, Link, Reply, Tone
from scheduler.delivery import Mention
from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text

#: The parts of Adaptive Cards 1.5 the bot uses; the schema says what each may carry.
ELEMENTS = {"TextBlock", "Container", "ActionSet"}
ACTIONS = {"Action.Submit", "Action.OpenUrl"}


def problems(card: dict[str, Any]) -> list[str]:
    found: list[str] = []
    # ``msteams`` (mention entities) is Teams' own extension of the card, outside the schema.
    standard = {key: value for key, value in card.items() if key != "msteams"}
    found += json_schemas.problems(json_schemas.ADAPTIVE_CARD, standard, "schema")
    if card.get("type") != "AdaptiveCard" or card.get("version") != "1.5":
        found.append("not an AdaptiveCard 1.5")
    if not str(card.get("fallbackText") or "").strip():
        found.append("no fallbackText for clients that cannot show cards")

    def check_action(action: dict[str, Any]) -> None:
        if action.get("type") not in ACTIONS:
            found.append(f"action {action.get('type')}")
            return
        if not action.get("title"):
            found.append(f"{action['type']} without title")
        if action["type"] == "Action.Submit" and not isinstance(
            action.get("data", {}).get("command"), str
        ):
            found.append("Action.Submit without a command")
        if action["type"] == "Action.OpenUrl" and not str(action.get("url", "")).startswith(
            "https://"
        ):
            found.append("Action.OpenUrl without an https url")

    def check_element(element: dict[str, Any]) -> None:
        if element.get("type") not in ELEMENTS:
            found.append(f"element {element.get('type')}")
            return
        if element["type"] == "TextBlock" and not element.get("text"):
            found.append("empty TextBlock")
        for child in element.get("items", []):
            check_element(child)
        for action in element.get("actions", []):
            check_action(action)

    for element in card.get("body", []):
        check_element(element)
    for action in card.get("actions", []):
        check_action(action)
    for entity in card.get("msteams", {}).get("entities", []):
        if entity.get("type") != "mention" or entity.get("text") not in message_text_of(card):
            found.append("a mention entity without its <at> tag in the card")
    return found


def message_text_of(card: dict[str, Any]) -> str:
    return message_text({"attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]})


def test_the_checker_finds_what_teams_would_not_render() -> None:
    bad = {
        "type": "AdaptiveCard",
        "version": "1.2",
        "body": [{"type": "Table"}, {"type": "TextBlock", "text": "x", "weight": "Heavy"}],
        "actions": [
            {"type": "Action.Execute", "title": "x"},
            {"type": "Action.Submit", "title": "y"},
        ],
    }
    found = problems(bad)
    # The schema: "Heavy" is no weight; ours: the version, elements and actions Teams renders
    # for us, a command on every button, a fallback text.
    assert any(p.startswith("schema: body[1].weight:") for p in found), found
    assert "not an AdaptiveCard 1.5" in found and "element Table" in found, found
    assert "action Action.Execute" in found and "Action.Submit without a command" in found
    assert "no fallbackText for clients that cannot show cards" in found
    assert problems({**bad, "body": [], "actions": [], "version": "1.5", "fallbackText": "x"}) == []
    assert any("'colour'" in p for p in problems({**bad, "colour": "Good"}))


def _cards(reply: Reply, mention: Mention | None = None) -> list[dict[str, Any]]:
    """The cards of the activity the Teams adapter sends for ``reply``, as sent (JSON)."""
    activity = reply_activity(reply, mention).serialize()
    return [
        json.loads(json.dumps(a["content"]))
        for a in activity.get("attachments", [])
        if a["contentType"] == ADAPTIVE_CARD
    ]


KLAR = Button("Klar", "action done 3")
ITEMS = (
    Item("Ta fram underlag", detail="Joanna, senast 15 maj", flag="försenad", buttons=(KLAR,)),
    Item("Boka lokal"),
)
#: Every kind of card: each part of a reply alone and together, in each tone, with and without
#: a mention (with a Teams id: an entity; without: the name in bold), and one cut to Teams' size.
CARD_REPLIES = [
    Reply("Dina åtgärder", items=ITEMS, footer="Skriv *åtgärd klar N*."),
    Reply("Vem menar du?", buttons=(Button("Karin Berg", "välj 1"), Button("Avbryt", "avbryt"))),
    Reply("Nästa möte", lines=("7 maj kl 13.00",), links=(Link("Gå med", "https://t.example/j"),)),
    Reply("Klart", lines=("Sparat.",), items=ITEMS[:1], tone=Tone.OK),
    Reply("Det gick inte", items=ITEMS[1:], buttons=(KLAR,), tone=Tone.PROBLEM),
    Reply("Lång lista", items=tuple(Item(f"Punkt {n} " + "x" * 300) for n in range(200))),
]


def test_every_kind_of_card_follows_the_adaptive_card_schema() -> None:
    cards = [card for reply in CARD_REPLIES for card in _cards(reply)]
    cards += _cards(CARD_REPLIES[0], Mention("29:joanna", "Joanna Pestalozzi"))
    cards += _cards(CARD_REPLIES[1], Mention("", "Lars Gelander"))
    assert len(cards) == len(CARD_REPLIES) + 2
    assert any("msteams" in card for card in cards)
    assert any(len(json.dumps(card).encode()) > MAX_CARD_BYTES - 2000 for card in cards)
    for card in cards:
        assert problems(card) == [], card


async def test_every_card_of_a_council_session_is_valid_and_its_buttons_work(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say(
        "meeting add 7 maj kl 13.00, Teams https://teams.microsoft.com/l/meetup-join/abc"
    )
    await teams.say("action Joanna, Lars: Ta fram underlag senast 15 maj")
    await teams.say("nomination open RPT THS roles ordförande deadline 30 maj")
    await teams.say("nominera RPT THS Anna Lundgren", user="Lars Gelander")
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    cards: list[dict[str, Any]] = []

    async def send(text: str, **kwargs: Any) -> dict[str, Any]:
        assert await teams.post(teams.activity(text, **kwargs)) == 201
        [activity] = teams.connector.take()
        cards.extend(
            a["content"]
            for a in activity.get("attachments", [])
            if a["contentType"] == ADAPTIVE_CARD
        )
        return activity

    mine = await send("åtgärder mina", user="Joanna Pestalozzi", personal=True)
    await send("nästa möte")
    await send("nomineringar")
    await send("action Karin: Bjuda in Catherine")
    await send("1")
    await send("hjälp")
    clock.set("2025-05-12 08:00")
    await teams.send_reminders(clock())
    for activity in teams.connector.take():
        cards.extend(a["content"] for a in activity.get("attachments", []))
    assert len(cards) >= 7  # lists, the link, the choice, help and two reminders
    for card in cards:
        assert problems(card) == [], card
    link = next(
        c for c in cards if any(a["type"] == "Action.OpenUrl" for a in c.get("actions", []))
    )
    assert link["actions"][0]["url"] == "https://teams.microsoft.com/l/meetup-join/abc"
    # Press "Klar" on Joanna's list: the same command through the same handlers.
    card = mine["attachments"][0]["content"]
    klar = card["body"][1]["items"][1]["actions"][0]
    assert klar["title"] == "Klar"
    pressed = teams.activity("", user="Joanna Pestalozzi", personal=True, value=klar["data"])
    assert await teams.post(pressed) == 201
    [done] = teams.connector.take()
    assert "Åtgärd 1 är klar" in message_text(done)
    # A stale press (already done) gets a friendly word, not an error.
    assert await teams.post(pressed) == 201
    [again] = teams.connector.take()
    assert "Åtgärd 1 var redan klar" in message_text(again)


def _choice_buttons(activity: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The choice buttons of a card, by their title."""
    card = activity["attachments"][0]["content"]
    return {a["title"]: a for a in card.get("actions", []) if a["type"] == "Action.Submit"}


async def test_a_choice_button_answers_only_its_own_question(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert await teams.post(teams.activity("action Karin: Bjuda in Catherine")) == 201
    [first] = teams.connector.take()
    old = _choice_buttons(first)["Karin Berg"]
    assert await teams.post(teams.activity("", value=old["data"])) == 201
    [saved] = teams.connector.take()
    assert "Vem: Karin Berg" in message_text(saved)
    # A new question about another Karin; the first card's buttons are still on screen.
    assert await teams.post(teams.activity("action Karin: Boka lokal")) == 201
    [second] = teams.connector.take()
    assert await teams.post(teams.activity("", value=old["data"])) == 201
    [stale] = teams.connector.take()
    assert "Den frågan är redan besvarad" in message_text(stale)
    # The new card's own button still answers the new question.
    new = _choice_buttons(second)["Karin Andersson"]
    assert await teams.post(teams.activity("", value=new["data"])) == 201
    [answered] = teams.connector.take()
    assert "Vem: Karin Andersson" in message_text(answered)
    assert "Boka lokal" in message_text(answered)
