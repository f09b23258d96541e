"""Minutes sent as files: a Word file in Teams and in Slack reads as the same text pasted."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.documents import MAX_FILE_BYTES, Document, DocumentRefused, Problem, document_text
from bot.teams import FILE_DOWNLOAD_INFO
from dialogs.text.html import html_to_lines
from tests.bot.minutes_files import (
    MINUTES_TEXT,
    SHAPES_TEXT,
    empty_docx,
    minutes_docx,
    shapes_docx,
)
from tests.fakes.file_host import FakeFileHost
from tests.fakes.slack_api import TOKEN, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat, message_text


@pytest.fixture
def database_url(migrated_sqlite_url: str) -> str:
    """SQLite only: what is tested here is the adapters, not the database."""
    return migrated_sqlite_url


# -- the document itself ------------------------------------------------------------------


def test_word_tables_read_as_a_pasted_table() -> None:
    assert document_text(Document("m.docx", minutes_docx())) == MINUTES_TEXT
    assert document_text(Document("m.docx", shapes_docx())) == SHAPES_TEXT
    # the same table, as Teams delivers it pasted (HTML), gives the same lines
    pasted = html_to_lines(
        "<p>Deltagare</p><table><tr><td colspan=3>Sjuhärad</td></tr>"
        "<tr><td>Eva Lind</td><td><p>Borås Stad</p><p>ordförande</p></td><td></td></tr>"
        "<tr><td>Per   Ek</td><td>Ulricehamn</td><td></td></tr></table>"
    )
    assert SHAPES_TEXT.startswith(pasted)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("m.pdf", b"%PDF-1.4", Problem.WRONG_TYPE),
        ("m.doc", b"\xd0\xcf\x11\xe0", Problem.WRONG_TYPE),
        ("m.docx", b"not a zip", Problem.UNREADABLE),
        ("m.docx", empty_docx(), Problem.EMPTY),
        ("m.txt", b" \n\n ", Problem.EMPTY),
        ("m.txt", b"x" * (MAX_FILE_BYTES + 1), Problem.TOO_LARGE),
    ],
)
def test_documents_refused(name: str, data: bytes, problem: Problem) -> None:
    with pytest.raises(DocumentRefused) as refused:
        document_text(Document(name, data))
    assert refused.value.problem is problem


def test_text_files_in_either_encoding() -> None:
    assert document_text(Document("m.txt", "Åtgärd: Per\r\n".encode("cp1252"))) == "Åtgärd: Per"
    assert document_text(Document("m.TXT", "\ufeffÅtgärd: Per".encode())) == "Åtgärd: Per"
    html = "<p>Närvarande</p><table><tr><td>Eva</td><td>ordförande</td></tr></table>"
    assert document_text(Document("m.htm", html.encode())) == "Närvarande\nEva\tordförande"


# -- Teams: a file sent in the personal chat ----------------------------------------------


def file_activity(
    teams: TeamsChat, url: str, *, name: str = "minnesanteckningar.docx", text: str = ""
) -> dict[str, Any]:
    activity = teams.activity(text, personal=True)
    activity["attachments"] = [
        {
            "contentType": FILE_DOWNLOAD_INFO,
            "name": name,
            "contentUrl": "https://vgregion-my.sharepoint.com/personal/carin/Documents/x",
            "content": {
                "downloadUrl": url,
                "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                "fileType": name.rsplit(".", 1)[-1],
            },
        }
    ]
    return activity


async def answer(teams: TeamsChat, activity: dict[str, Any]) -> str:
    assert await teams.post(activity) in (200, 201)
    [reply] = teams.connector.take()
    return message_text(reply)


async def test_teams_word_file_gives_the_preview_of_its_text_pasted(
    teams: TeamsChat, file_host: FakeFileHost
) -> None:
    await teams.setup_council()
    pasted = await teams.say("notes\n" + MINUTES_TEXT, personal=True)
    assert "Lars Gelander: Tar fram underlag om remissen" in pasted
    assert "Avbrutet" in await teams.say("avbryt", personal=True)
    sent = await answer(teams, file_activity(teams, file_host.put(minutes_docx())))
    assert sent == pasted
    assert "sparade" in await teams.say("ok", personal=True)
    listing = await teams.say("åtgärder", personal=True)
    assert "Tar fram underlag om remissen" in listing


async def test_teams_file_with_a_command_in_the_message(
    teams: TeamsChat, file_host: FakeFileHost
) -> None:
    await teams.setup_council()
    roster = "Deltagare\nEva Lind\tordförande\nPer Ek\tBorås Stad"
    url = file_host.put(roster.encode())
    sent = await answer(teams, file_activity(teams, url, name="deltagare.txt", text="members add"))
    assert "Medlemslistan är uppdaterad" in sent and "2 nya" in sent
    assert "Eva Lind" in await teams.say("members", personal=True)


async def test_teams_file_problems_get_one_friendly_reply(
    teams: TeamsChat, file_host: FakeFileHost
) -> None:
    await teams.setup_council()
    wrong = await answer(teams, file_activity(teams, file_host.put(b"%PDF"), name="m.pdf"))
    assert "Den filtypen kan jag inte läsa" in wrong and ".docx" in wrong
    assert file_host.downloads == []  # refused by its name, never fetched
    big = file_host.put(b"x" * (MAX_FILE_BYTES + 1))
    assert "för stor" in await answer(teams, file_activity(teams, big, name="m.txt"))
    empty = file_host.put(empty_docx())
    assert "ingen text" in await answer(teams, file_activity(teams, empty))
    broken = file_host.put(b"PK\x03\x04 not really")
    assert "kunde inte läsa filen" in await answer(teams, file_activity(teams, broken))
    file_host.status = 404
    gone = await answer(teams, file_activity(teams, file_host.put(minutes_docx())))
    assert "kunde inte hämta filen" in gone
    file_host.status = 200
    # a redirect within the trusted hosts is followed
    onwards = file_host.redirect_to(file_host.put(minutes_docx()))
    assert "Tar fram underlag" in await answer(teams, file_activity(teams, onwards))


# -- Slack: a file shared in the direct chat ------------------------------------------------


async def test_slack_shared_word_file_gives_the_preview_of_its_text_pasted(
    slack: SlackChat, slack_api: FakeSlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await slack.setup_council()
    pasted = (await slack.direct("notes\n" + MINUTES_TEXT))["text"]
    assert "Tar fram underlag om remissen" in pasted
    await slack.direct("avbryt")
    seen = len(slack_api.posted)
    shared = slack_api.share_file("minnesanteckningar.docx", minutes_docx())
    event = slack.direct_event("", user="U0CARIN", subtype="file_share", files=[shared])
    status, _ = await slack.event(event)
    assert status == 200
    answer = (await slack_api.wait_for(slack_api.posted, seen + 1))[seen]
    assert answer["text"] == pasted
    assert slack_api.file_downloads == [f"Bearer {TOKEN}"]
    assert TOKEN not in caplog.text


async def test_slack_file_problems(slack: SlackChat, slack_api: FakeSlackApi) -> None:
    await slack.setup_council()

    async def share(file: dict[str, Any], text: str = "") -> str:
        seen = len(slack_api.posted)
        event = slack.direct_event(text, user="U0CARIN", subtype="file_share", files=[file])
        assert (await slack.event(event))[0] == 200
        return str((await slack_api.wait_for(slack_api.posted, seen + 1))[seen]["text"])

    assert "filtypen" in await share(slack_api.share_file("bild.png", b"\x89PNG"))
    assert slack_api.file_downloads == []
    missing = {**slack_api.share_file("m.docx", b""), "url_private_download": "x"}
    missing["url_private_download"] = missing["url_private"].replace("/files-pri/", "/nowhere/")
    assert "hämta" in await share(missing)
    big = slack_api.share_file("m.txt", b"x")
    big["size"] = MAX_FILE_BYTES + 1
    assert "för stor" in await share(big)
