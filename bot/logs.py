"""Logging for every ``radsbot`` command: one format, and nothing secret or personal in it."""

from __future__ import annotations

import json
import logging
import re
import secrets
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.engine import make_url

from bot.settings import Settings

#: Libraries that log whole payloads at DEBUG: query parameters (aiosqlite), Slack API bodies
#: with members' names and e-mail addresses (slack_sdk), Bot Connector bodies (msrest). They
#: stay at INFO even when RADSBOT_LOG_LEVEL=DEBUG.
PAYLOAD_LOGGERS = ("aiosqlite", "slack_sdk", "msrest.http_logger")
#: Libraries that chatter at INFO about nothing an operator needs (alembic lists its plugins
#: when imported); they log their warnings and errors only.
QUIET_LOGGERS = ("alembic.runtime.plugins",)
#: Secrets shorter than this are not searched for in log lines (they would mask ordinary words).
MIN_SECRET_LENGTH = 6
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
MASK = "***"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: The fields of a JSON log line (besides the message's own ``extra`` ones).
JSON_FIELDS = ("levelname", "name", "request_id", "message")

#: The id of the turn (or reminder run) being handled, in every log line written for it.
REQUEST_ID: ContextVar[str | None] = ContextVar("radsbot_request_id", default=None)


def start_request(prefix: str = "") -> str:
    """Give the task in hand (and the tasks it starts) a new request id, and return it."""
    request_id = prefix + secrets.token_hex(8)
    REQUEST_ID.set(request_id)
    return request_id


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or ``-``) on every record as ``request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        return True


class _Redactor:
    """Masks the configured secrets and every e-mail address in a finished log line,
    tracebacks included: the last guard should a library put one in a message."""

    def __init__(self, secrets: list[str]) -> None:
        kept = {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}
        # In a JSON line a secret with a quote or a backslash appears escaped.
        kept |= {json.dumps(s)[1:-1] for s in kept}
        self._secrets = sorted(kept, key=len, reverse=True)

    def redact(self, line: str) -> str:
        for secret in self._secrets:
            line = line.replace(secret, MASK)
        return _EMAIL.sub(MASK, line)


class RedactingFormatter(logging.Formatter):
    """One line of text per record, redacted."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._redactor = _Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return self._redactor.redact(super().format(record))


class RedactingJsonFormatter(JsonFormatter):
    """One JSON object per record (``RADSBOT_LOG_FORMAT=json``), redacted like the text."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(
            list(JSON_FIELDS),
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",  # ISO 8601 in UTC
            json_ensure_ascii=False,
        )
        self._redactor = _Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return self._redactor.redact(super().format(record))


def configure_logging(settings: Settings, *, terminal: bool = False) -> None:
    """Log at RADSBOT_LOG_LEVEL to stderr. At DEBUG the SQL statements are logged too, never
    their parameters (the engine hides them) nor the rows they return.

    ``terminal`` (``radsbot chat``): a person reads the replies on the same screen, so only
    warnings and errors are written there, never INFO lines between two replies."""
    level = logging.getLevelName(settings.log_level)
    handler = logging.StreamHandler()
    if terminal:
        handler.setLevel(max(level, logging.WARNING))
    handler.addFilter(RequestIdFilter())
    if settings.log_format == "json":
        handler.setFormatter(RedactingJsonFormatter(_secrets_of(settings)))
    else:
        handler.setFormatter(RedactingFormatter(TEXT_FORMAT, _secrets_of(settings)))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.INFO))
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    if level <= logging.DEBUG:
        # INFO is SQLAlchemy's echo (statements); its DEBUG would add result rows.
        logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)


def _secrets_of(settings: Settings) -> list[str]:
    secrets = [
        settings.microsoft_app_password.get_secret_value(),
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
        settings.slack_app_token.get_secret_value(),
        settings.metrics_token.get_secret_value(),
    ]
    password = make_url(settings.database_url).password
    if password:
        secrets.append(str(password))
    return secrets
