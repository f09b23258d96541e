"""Logging for every ``radsbot`` command: one format, and nothing secret or personal in it."""

from __future__ import annotations

import logging
import re

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


class RedactingFormatter(logging.Formatter):
    """Masks the configured secrets and every e-mail address in a finished log line,
    tracebacks included: the last guard should a library put one in a message."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = sorted(
            {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True
        )

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self._secrets:
            line = line.replace(secret, MASK)
        return _EMAIL.sub(MASK, line)


def configure_logging(settings: Settings) -> None:
    """Log at RADSBOT_LOG_LEVEL to stderr. At DEBUG the SQL statements are logged too, never
    their parameters (the engine hides them) nor the rows they return."""
    level = logging.getLevelName(settings.log_level)
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", _secrets_of(settings))
    )
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
    ]
    password = make_url(settings.database_url).password
    if password:
        secrets.append(str(password))
    return secrets
