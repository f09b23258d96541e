"""The terminal: the same commands against the same database, no chat service needed."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.documents import (
    Document,
    DocumentRefused,
    Problem,
    check_kind,
    check_size,
    document_problem,
    document_text,
)
from bot.render_text import render_plain
from bot.settings import Settings
from dialogs.commands import build_registry
from dialogs.dispatch import DialogSettings, respond
from dialogs.model import ConversationKind, Incoming, Reply
from dialogs.parser import parse
from dialogs.registry import Registry
from dialogs.text.folding import fold, name_key
from scheduler.delivery import Target
from store import councils
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head

PLATFORM = "console"
#: Commands whose argument is a pasted block: the lines after them up to an empty line.
_EXIT_WORDS = frozenset({"exit", "quit", "avsluta", "hej da", "q"})


#: What a terminal in bracketed-paste mode sends around a paste (xterm, GNOME, iTerm2, Windows
#: Terminal…): everything between the two is one message, blank lines included.
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
BRACKETED_PASTE_ON = "\x1b[?2004h"
BRACKETED_PASTE_OFF = "\x1b[?2004l"


def _chunks(lines: Iterator[str]) -> Iterator[tuple[str, bool]]:
    """Each typed line as it is, or a whole paste with what was typed around it on its
    lines, as (text, pasted)."""
    for line in lines:
        if PASTE_START not in line:
            yield line.rstrip("\n"), False
            continue
        text = line
        while PASTE_START in text:
            before, _, rest = text.partition(PASTE_START)
            while PASTE_END not in rest:
                more = next(lines, None)
                if more is None:  # input ended inside a paste: take what came
                    rest += PASTE_END
                    break
                rest += more
            pasted, _, after = rest.partition(PASTE_END)
            text = before + pasted.replace("\r\n", "\n").replace("\r", "\n") + after
        yield text.rstrip("\n"), True


def _commands(
    lines: Iterator[str], prompt: Callable[[], None], registry: Registry
) -> Iterator[str]:
    """Group input into commands: a paste is one command; a typed block command takes the
    lines after it until an empty one, or the paste that follows it."""
    prompt()
    chunks = _chunks(lines)
    for text, pasted in chunks:
        if not text.strip():
            prompt()
            continue
        parsed = parse(text.split("\n", 1)[0], registry)
        if not pasted and parsed is not None and parsed.spec.paste and not parsed.args:
            block = [text]
            for more, more_pasted in chunks:
                if not more_pasted and not more.strip():
                    break
                block.append(more)
                if more_pasted:
                    break
            text = "\n".join(block)
        yield text
        prompt()


class _Terminal:
    """One person's conversation with the bot in this terminal: what they say, answered."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        name: str,
        council_short: str | None,
        clock: Callable[[], object],
    ) -> None:
        self._sessions = sessions
        self._name = name
        self._clock = clock
        # The terminal is its own small app: it builds its registry as the app factory does.
        self._dialog_settings = DialogSettings(
            build_registry(), settings.default_language, settings.public_base_url
        )
        self.conversation_id = f"console:{fold(council_short or 'default')}"

    async def say(self, text: str) -> Reply:
        incoming = Incoming(
            platform=PLATFORM,
            tenant_id="",
            conversation_id=self.conversation_id,
            conversation_kind=ConversationKind.GROUP,
            user_id=name_key(self._name),
            user_name=self._name,
            text=text,
            received_at=self._clock(),  # type: ignore[arg-type]
            reference={"console": self.conversation_id},
            # Whoever types here holds the database: their word says who they are.
            name_is_operator=True,
            # The terminal's language is the bot's own (RADSBOT_LANGUAGE): an English
            # command typed here is answered in it, as the README's walk-through shows.
            locale=self._dialog_settings.default_language,
        )
        return await respond(self._sessions, incoming, self._dialog_settings)

    async def converse(self, stdin: TextIO, stdout: TextIO) -> None:
        """Answer what is typed (or piped) until the input ends or an exit word."""
        interactive = stdin.isatty()

        def prompt() -> None:
            if interactive:
                stdout.write("rådsbot> ")
                stdout.flush()

        with _bracketed_paste(stdin, stdout):
            for text in _commands(iter(stdin.readline, ""), prompt, self._dialog_settings.registry):
                if fold(text) in _EXIT_WORDS:
                    break
                _write(stdout, await self.say(text))


def _write(stdout: TextIO, reply: Reply) -> None:
    stdout.write(render_plain(reply) + "\n\n")
    stdout.flush()


@contextmanager
def _bracketed_paste(stdin: TextIO, stdout: TextIO) -> Iterator[None]:
    """In a terminal, ask it to mark pastes (and not to echo the marks as ``^[[200~``);
    the terminal is left as it was found, whatever ends the conversation."""
    if not (stdin.isatty() and stdout.isatty()):
        yield
        return
    saved = None
    try:
        import termios

        fd = stdin.fileno()
        saved = termios.tcgetattr(fd)
        changed = termios.tcgetattr(fd)
        changed[3] &= ~termios.ECHOCTL  # local flags: echo the marks raw, the terminal eats them
        termios.tcsetattr(fd, termios.TCSANOW, changed)
    except (ImportError, OSError, ValueError):  # no termios (Windows), or not a real terminal
        saved = None
    stdout.write(BRACKETED_PASTE_ON)
    stdout.flush()
    try:
        yield
    finally:
        stdout.write(BRACKETED_PASTE_OFF)
        stdout.flush()
        if saved is not None:
            termios.tcsetattr(fd, termios.TCSANOW, saved)


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
        terminal = _Terminal(settings, sessions, as_name or getpass.getuser(), council_short, clock)
        if council_short:
            await _link_console(sessions, terminal.conversation_id, council_short, stdout, clock)
        await terminal.converse(stdin, stdout)
    finally:
        await engine.dispose()


async def run_notes_file(
    settings: Settings,
    path: Path,
    *,
    command: str,
    as_name: str | None,
    council_short: str,
    answer_ok: bool,
    clock: Callable[[], object],
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int:
    """``radsbot notes --file``: the file's text sent as ``command`` (``notes``, ``members
    add``) in the council's terminal conversation, and its preview printed. Then ``ok``
    when ``answer_ok`` (``--yes``); otherwise the answers are read from ``stdin`` (asked
    for in a terminal), as in ``radsbot chat``. 1 (one line on stderr) when the file
    cannot be read."""
    try:
        text = await asyncio.to_thread(_file_text, path)
    except DocumentRefused as refused:
        stderr.write(document_problem(settings.default_language, refused.problem) + "\n")
        return 1
    engine = open_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
        sessions = session_factory(engine)
        terminal = _Terminal(settings, sessions, as_name or getpass.getuser(), council_short, clock)
        await _link_console(sessions, terminal.conversation_id, council_short, stdout, clock)
        _write(stdout, await terminal.say(f"{command}\n{text}"))
        if answer_ok:
            _write(stdout, await terminal.say("ok"))
        else:
            await terminal.converse(stdin, stdout)
    finally:
        await engine.dispose()
    return 0


def _file_text(path: Path) -> str:
    """A file's text, its size checked before it is read."""
    check_kind(path.name)
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError:  # missing, a folder, not ours to read
        raise DocumentRefused(Problem.UNREADABLE) from None
    return document_text(Document(path.name, data))


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
