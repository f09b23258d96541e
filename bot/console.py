"""The terminal: the same commands against the same database, no chat service needed."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render_text import render_plain
from bot.settings import Settings
from dialogs.dispatch import DialogSettings, respond
from dialogs.folding import fold, name_key
from dialogs.model import ConversationKind, Incoming, Reply
from dialogs.parser import parse
from scheduler.delivery import Target
from store import councils
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head

PLATFORM = "console"
#: Commands whose argument is a pasted block: the lines after them up to an empty line.
BLOCK_COMMANDS = frozenset({"members.add", "meetings.add", "notes"})
_EXIT_WORDS = frozenset({"exit", "quit", "avsluta", "hej da", "q"})


def _commands(lines: Iterator[str], prompt: Callable[[], None]) -> Iterator[str]:
    """Group input lines into commands; a block command takes lines until an empty one."""
    prompt()
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            prompt()
            continue
        parsed = parse(line)
        if parsed is not None and parsed.spec.name in BLOCK_COMMANDS and not parsed.args:
            block = [line]
            for more in lines:
                if not more.strip():
                    break
                block.append(more.rstrip("\n"))
            line = "\n".join(block)
        yield line
        prompt()


async def run_console(
    settings: Settings,
    *,
    as_name: str | None,
    council_short: str | None,
    clock: Callable[[], object],
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> None:
    """Read commands from ``stdin`` and print the bot's replies until end of input."""
    engine = open_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
        sessions = session_factory(engine)
        name = as_name or getpass.getuser()
        conversation_id = f"console:{fold(council_short or 'default')}"
        if council_short:
            await _link_console(sessions, conversation_id, council_short, stdout, clock)
        interactive = stdin.isatty()

        def prompt() -> None:
            if interactive:
                stdout.write("rådsbot> ")
                stdout.flush()

        dialog_settings = DialogSettings(settings.default_language)
        for text in _commands(iter(stdin.readline, ""), prompt):
            if fold(text) in _EXIT_WORDS:
                break
            incoming = Incoming(
                platform=PLATFORM,
                tenant_id="",
                conversation_id=conversation_id,
                conversation_kind=ConversationKind.GROUP,
                user_id=name_key(name),
                user_name=name,
                text=text,
                received_at=clock(),  # type: ignore[arg-type]
                reference={"console": conversation_id},
                # Whoever types here holds the database: their word says who they are.
                name_is_operator=True,
            )
            reply = await respond(sessions, incoming, dialog_settings)
            stdout.write(render_plain(reply) + "\n\n")
            stdout.flush()
    finally:
        await engine.dispose()


async def _link_console(
    sessions: async_sessionmaker[AsyncSession],
    conversation_id: str,
    council_short: str,
    stdout: TextIO,
    clock: Callable[[], object],
) -> None:
    """Link the terminal to the council named by ``--council``, like a channel is linked."""
    async with sessions() as session, session.begin():
        council = await councils.council_by_key(session, fold(council_short))
        if council is None:
            stdout.write(
                f"(Inget råd heter {council_short!r} än – skapa det med `council create`.)\n"
            )
            return
        conversation = await councils.save_conversation(
            session,
            platform=PLATFORM,
            conversation_id=conversation_id,
            tenant_id="",
            kind=ConversationKind.GROUP.value,
            reference={"console": conversation_id},
            at=clock(),  # type: ignore[arg-type]
        )
        await councils.link_conversation(session, conversation, council.id)


class ConsoleDeliverer:
    """Reminders for councils that live in the terminal are printed by ``reminders run-once``."""

    opens_direct_chats = False

    def __init__(self, stdout: TextIO = sys.stdout) -> None:
        self._stdout = stdout

    async def deliver(self, target: Target, reply: Reply) -> None:
        who = f"@{target.mention.name} " if target.mention else ""
        self._stdout.write(f"[{target.conversation_id}] {who}{render_plain(reply)}\n\n")
        self._stdout.flush()
