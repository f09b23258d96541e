"""A bad setting ends start-up at once with one line naming the setting and the fix.

The threat: a bot that half-starts on a mistyped setting (and runs without authentication,
without Slack's check, on the wrong database) or that hangs on an unreachable database, or
that prints a traceback carrying the database password. Every case runs the real ``radsbot``
command; three cases run at a time, the slowest (a PostgreSQL that never answers) first, so the
file costs little more than that one.
"""

from __future__ import annotations

import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_UP
from tests.fakes.radsbot_cli import RADSBOT, free_port, radsbot_env

#: Values that must never be printed, whatever goes wrong.
DB_PASSWORD = "pg-pw-Zq81kf"
APP_PASSWORD = "app-pw-Xy7Q2mZ"
SLACK_TOKEN = "xoxb-1-2-Tok3nV4lue"
SLACK_SECRET = "slack-secret-9Wq2e"
SECRETS = (DB_PASSWORD, APP_PASSWORD, SLACK_TOKEN, SLACK_SECRET)
APP = {"MicrosoftAppId": "00000000-0000-0000-0000-0000000000a1"}
START_UP_LIMIT = 10.0
#: Processes at a time: enough to overlap the waits, few enough for a shared 2-core machine.
PARALLEL = 3


@dataclass(frozen=True)
class Case:
    """A bad setting: the command, its environment and what the one line must say.

    ``{tmp}``, ``{closed}`` (a port nothing listens on), ``{silent}`` (a port that accepts
    and never answers), ``{busy}`` (a port in use) and ``{unique}`` are filled in per run.
    """

    argv: tuple[str, ...]
    env: dict[str, str]
    says: tuple[str, ...]
    postgres: bool = False

    def filled(self, places: dict[str, str]) -> Case:
        return Case(
            tuple(a.format(**places) for a in self.argv),
            {k: v.format(**places) for k, v in self.env.items()},
            tuple(s.format(**places) for s in self.says),
            self.postgres,
        )


PG = f"postgresql+asyncpg://postgres:{DB_PASSWORD}@127.0.0.1"
SERVE = ("serve",)
CASES = {
    # First, as it takes longest: the whole connection timeout.
    "PostgreSQL never answers": Case(
        ("reminders", "run-once"),
        {"RADSBOT_DATABASE_URL": PG + ":{silent}/test"},
        ("RADSBOT_DATABASE_URL", "did not answer", "postgres:***@127.0.0.1:{silent}"),
    ),
    "unparseable database URL": Case(
        ("db", "upgrade"),
        {"RADSBOT_DATABASE_URL": f"postgres ql://x:{DB_PASSWORD}@"},
        ("RADSBOT_DATABASE_URL", "sqlite+aiosqlite:///", "postgresql+asyncpg://"),
    ),
    "unknown database driver": Case(
        SERVE,
        {"RADSBOT_DATABASE_URL": f"postgresql://postgres:{DB_PASSWORD}@127.0.0.1/test"},
        ("RADSBOT_DATABASE_URL", "'postgresql'", "postgresql+asyncpg://"),
    ),
    "PostgreSQL refuses connections": Case(
        SERVE,
        {"RADSBOT_DATABASE_URL": PG + ":{closed}/test"},
        ("RADSBOT_DATABASE_URL", "connection refused", "postgres:***@127.0.0.1:{closed}"),
    ),
    "PostgreSQL database does not exist": Case(
        ("chat", "--as", "Carin Skoog"),
        {"RADSBOT_DATABASE_URL": PG + ":5432/radsbot_missing_{unique}"},
        ("RADSBOT_DATABASE_URL", "does not exist", "createdb radsbot_missing_{unique}", ":***@"),
        postgres=True,
    ),
    "PostgreSQL refuses the user": Case(
        ("db", "upgrade"),
        {
            "RADSBOT_DATABASE_URL": (
                f"postgresql+asyncpg://nobody_{{unique}}:{DB_PASSWORD}@127.0.0.1:5432/test"
            )
        },
        ("RADSBOT_DATABASE_URL", "refused the user", "user name and password", ":***@"),
        postgres=True,
    ),
    "SQLite file where no directory can be": Case(
        SERVE,
        {"RADSBOT_DATABASE_URL": "sqlite+aiosqlite:///{tmp}/a-file/radsbot.db"},
        ("RADSBOT_DATABASE_URL", "{tmp}/a-file/radsbot.db", "directory exists", "write"),
    ),
    "port in use": Case(
        ("serve", "--port", "{busy}"), {}, ("PORT", "{busy}", "already in use", "--port")
    ),
    "PORT=abc": Case(SERVE, {"PORT": "abc"}, ("PORT", "'abc'", "1 to 65535")),
    "unknown language": Case(
        ("chat",), {"RADSBOT_LANGUAGE": "de"}, ("RADSBOT_LANGUAGE", "sv or en", "'de'")
    ),
    "public address not http(s)": Case(
        SERVE,
        {"RADSBOT_PUBLIC_URL": "radsbot.example.org/bot?x=1"},
        ("RADSBOT_PUBLIC_URL", "https://radsbot.example.org", "no ? or #"),
    ),
    "reminder interval 0": Case(
        SERVE, {"RADSBOT_REMINDER_INTERVAL": "0"}, ("RADSBOT_REMINDER_INTERVAL", "above 0")
    ),
    "negative reminder interval": Case(
        ("reminders", "run-once"),
        {"RADSBOT_REMINDER_INTERVAL": "-30"},
        ("RADSBOT_REMINDER_INTERVAL", "above 0"),
    ),
    "retention of 7 days": Case(
        SERVE,
        {"RADSBOT_RETENTION_DAYS": "7"},
        ("RADSBOT_RETENTION_DAYS", "from 30 to 36500", "730", "'7'"),
    ),
    "retention not a number": Case(
        ("reminders", "run-once"),
        {"RADSBOT_RETENTION_DAYS": "2 år"},
        ("RADSBOT_RETENTION_DAYS", "whole number of days", "'2 år'"),
    ),
    "unknown MicrosoftAppType": Case(
        SERVE,
        {**APP, "MicrosoftAppPassword": APP_PASSWORD, "MicrosoftAppType": "MultiTennant"},
        ("MicrosoftAppType", "SingleTenant", "'MultiTennant'"),
    ),
    "SingleTenant without a tenant": Case(
        SERVE,
        {**APP, "MicrosoftAppPassword": APP_PASSWORD, "MicrosoftAppType": "SingleTenant"},
        ("MicrosoftAppTenantId", "App Tenant ID"),
    ),
    "app id without password": Case(
        SERVE, APP, ("MicrosoftAppId", "MicrosoftAppPassword", "client secret")
    ),
    "password without app id": Case(
        SERVE,
        {"MicrosoftAppPassword": APP_PASSWORD},
        ("MicrosoftAppPassword", "MicrosoftAppId is empty", "without authentication"),
    ),
    "Slack token without its signing secret": Case(
        SERVE,
        {"SLACK_BOT_TOKEN": SLACK_TOKEN},
        ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "needs both"),
    ),
    "Slack signing secret without its token": Case(
        ("chat",),
        {"SLACK_SIGNING_SECRET": SLACK_SECRET},
        ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "needs both"),
    ),
    "unknown log level": Case(
        ("db", "upgrade"), {"RADSBOT_LOG_LEVEL": "loud"}, ("RADSBOT_LOG_LEVEL", "DEBUG")
    ),
    "unknown log format": Case(
        ("migrate",), {"RADSBOT_LOG_FORMAT": "xml"}, ("RADSBOT_LOG_FORMAT", "text or json")
    ),
    "short metrics token": Case(
        SERVE, {"RADSBOT_METRICS_TOKEN": "secret"}, ("RADSBOT_METRICS_TOKEN", "at least 16")
    ),
    "Slack bot token as the app token": Case(
        SERVE,
        {"SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_APP_TOKEN": SLACK_TOKEN},
        ("SLACK_APP_TOKEN", "xapp-", "connections:write"),
    ),
    "Slack app token without the bot token": Case(
        SERVE,
        {"SLACK_APP_TOKEN": "xapp-1-A0-1-socket-token-for-tests"},
        ("SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", "Socket Mode"),
    ),
    "an old schema and no migration on start": Case(
        ("serve", "--no-migrate"),
        {"RADSBOT_DATABASE_URL": "sqlite+aiosqlite:///{tmp}/never-migrated.db"},
        ("migration none", "RADSBOT_MIGRATE_ON_START=false", "radsbot migrate"),
    ),
}


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    """Every case run at once, each in its own ``radsbot`` process."""
    tmp = tmp_path_factory.mktemp("bad-settings")
    (tmp / "a-file").write_text("a file, so no directory can be made here")
    with socket.socket() as busy, socket.socket() as silent:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel accepts; nobody ever answers
        places = {
            "tmp": str(tmp),
            "closed": str(free_port()),
            "silent": str(silent.getsockname()[1]),
            "busy": str(busy.getsockname()[1]),
            "unique": uuid.uuid4().hex[:10],
        }
        cases = {
            name: case.filled(places)
            for name, case in CASES.items()
            if POSTGRES_UP or not case.postgres
        }
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            futures = {name: pool.submit(_run, case, tmp) for name, case in cases.items()}
            results = {name: future.result() for name, future in futures.items()}
        yield results | {"places": places}  # type: ignore[dict-item]


def _run(case: Case, tmp: Path) -> Outcome:
    env = radsbot_env(f"sqlite+aiosqlite:///{tmp / 'ok.db'}", **case.env)
    started = time.monotonic()
    done = subprocess.run(
        [RADSBOT, *case.argv],
        env=env,
        cwd=tmp,  # no developer's .env file
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Outcome(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_setting_ends_start_up_with_one_line(name: str, outcomes: dict[str, Outcome]) -> None:
    """The attack (or the slip): start Rådsbot with this bad setting. It must stop within
    10 s, exit 2, and say in one line on stderr which setting is wrong and how to fix it,
    with no traceback and no secret (the database password is shown as ***)."""
    if name not in outcomes:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    outcome = outcomes[name]
    places: dict[str, str] = outcomes["places"]  # type: ignore[assignment]
    case = CASES[name].filled(places)
    lines = outcome.stderr.splitlines()
    assert outcome.returncode == 2, outcome.stderr
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith("radsbot: ")
    for words in case.says:
        assert words in lines[0]
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert outcome.stdout == ""
    for secret in SECRETS:
        assert secret not in outcome.stderr
    assert outcome.seconds < START_UP_LIMIT
