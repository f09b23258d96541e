"""Configuration from the environment and an optional ``.env`` file."""

from __future__ import annotations

import ipaddress
import math
import re
import socket
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

#: The database drivers Rådsbot runs on, with an example URL of each for error messages.
DATABASE_DRIVERS = {
    "sqlite+aiosqlite": "sqlite+aiosqlite:///path/to/radsbot.db",
    "postgresql+asyncpg": "postgresql+asyncpg://user:pass@host:5432/db",
}
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
#: A metrics token shorter than this is refused: it would be guessed.
MIN_METRICS_TOKEN_LENGTH = 16
#: The longest wait between two wake-ups of the reminder sender that still sends on time.
MAX_REMINDER_INTERVAL = 3600.0
#: Records are kept two years unless set otherwise; at least 30 days (a week's notice needs
#: room), at most 100 years.
DEFAULT_RETENTION_DAYS = 730
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 36500


def default_database_url() -> str:
    return f"sqlite+aiosqlite:///{Path.cwd() / 'radsbot.db'}"


class Settings(BaseSettings):
    """Every setting, with the environment variable it is read from.

    All Microsoft* settings empty means local mode without authentication, as the
    Bot Framework Emulator uses, listening on 127.0.0.1 unless the operator opts in; with an
    app id set, every request must carry a valid token. A bad or half-set value is refused
    here with a message naming its variable and the fix (see ``settings_problem``).
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default_factory=default_database_url,
        validation_alias=AliasChoices("RADSBOT_DATABASE_URL", "database_url"),
    )
    microsoft_app_id: str = Field(
        default="", validation_alias=AliasChoices("MicrosoftAppId", "microsoft_app_id")
    )
    microsoft_app_password: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("MicrosoftAppPassword", "microsoft_app_password"),
    )
    microsoft_app_tenant_id: str = Field(
        default="",
        validation_alias=AliasChoices("MicrosoftAppTenantId", "microsoft_app_tenant_id"),
    )
    microsoft_app_type: str = Field(
        default="", validation_alias=AliasChoices("MicrosoftAppType", "microsoft_app_type")
    )
    #: Empty means the mode's default: 127.0.0.1 in local mode, 0.0.0.0 with an app id.
    host: str = Field(default="", validation_alias=AliasChoices("RADSBOT_HOST", "host"))
    allow_unauthenticated: bool = Field(
        default=False,
        validation_alias=AliasChoices("RADSBOT_ALLOW_UNAUTHENTICATED", "allow_unauthenticated"),
    )
    #: The Microsoft 365 tenants a multi-tenant app serves (comma-separated ids); only their
    #: directories' e-mail addresses link accounts. A single-tenant app serves its own.
    teams_tenants: str = Field(
        default="", validation_alias=AliasChoices("RADSBOT_TEAMS_TENANTS", "teams_tenants")
    )
    service_url_hosts: str = Field(
        default="smba.trafficmanager.net,*.botframework.com",
        validation_alias=AliasChoices("RADSBOT_SERVICE_URL_HOSTS", "service_url_hosts"),
    )
    # Test-only: where the Bot Framework's signing keys and the bot's own token come from.
    # Environment only; nothing a chat says can change a setting.
    test_openid_url: str = Field(
        default="", validation_alias=AliasChoices("RADSBOT_TEST_OPENID_URL", "test_openid_url")
    )
    test_login_url: str = Field(
        default="", validation_alias=AliasChoices("RADSBOT_TEST_LOGIN_URL", "test_login_url")
    )
    port: int = Field(default=3978, validation_alias=AliasChoices("PORT", "port"))
    default_language: str = Field(
        default="sv", validation_alias=AliasChoices("RADSBOT_LANGUAGE", "default_language")
    )
    reminders_enabled: bool = Field(
        default=True, validation_alias=AliasChoices("RADSBOT_REMINDERS", "reminders_enabled")
    )
    reminder_interval: float = Field(
        default=30.0,
        validation_alias=AliasChoices("RADSBOT_REMINDER_INTERVAL", "reminder_interval"),
    )
    #: How long done actions, sent reminders, the log, old questions and decisions are kept
    #: (``dialogs.retention``); each council's secretary is told a week before its first purge.
    retention_days: int = Field(
        default=DEFAULT_RETENTION_DAYS,
        validation_alias=AliasChoices("RADSBOT_RETENTION_DAYS", "retention_days"),
    )
    log_level: str = Field(
        default="INFO", validation_alias=AliasChoices("RADSBOT_LOG_LEVEL", "log_level")
    )
    slack_bot_token: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "slack_bot_token"),
    )
    slack_signing_secret: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "slack_signing_secret"),
    )
    #: Where people reach the bot (behind the reverse proxy): the start of every secret link
    #: (calendar feeds, council pages, exports). Empty: ``http://localhost:PORT``.
    public_url: str = Field(
        default="", validation_alias=AliasChoices("RADSBOT_PUBLIC_URL", "public_url")
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        validation_alias=AliasChoices("SLACK_API_URL", "slack_api_url"),
    )
    #: An app-level token (``xapp-…``) switches Slack to Socket Mode: no inbound HTTPS needed.
    slack_app_token: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "slack_app_token"),
    )
    #: Whether ``radsbot serve`` migrates the database itself; off, it refuses an old schema.
    migrate_on_start: bool = Field(
        default=True,
        validation_alias=AliasChoices("RADSBOT_MIGRATE_ON_START", "migrate_on_start"),
    )
    log_format: str = Field(
        default="text", validation_alias=AliasChoices("RADSBOT_LOG_FORMAT", "log_format")
    )
    metrics_enabled: bool = Field(
        default=True, validation_alias=AliasChoices("RADSBOT_METRICS", "metrics_enabled")
    )
    #: Empty: ``/metrics`` is open to whoever reaches it; set: only with this bearer token.
    metrics_token: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("RADSBOT_METRICS_TOKEN", "metrics_token"),
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        try:
            driver = make_url(value).drivername
        except ArgumentError:
            raise ValueError(
                "RADSBOT_DATABASE_URL is not a database URL: write it as "
                + " or ".join(DATABASE_DRIVERS.values())
            ) from None
        if driver not in DATABASE_DRIVERS:
            raise ValueError(
                f"RADSBOT_DATABASE_URL uses the driver {driver!r}, which Rådsbot does not run on: "
                "write it as " + " or ".join(DATABASE_DRIVERS.values())
            )
        return value

    @field_validator("port", mode="before")
    @classmethod
    def _port_number(cls, value: Any) -> int:
        try:
            port = int(str(value).strip())
        except ValueError:
            port = 0
        if not 1 <= port <= 65535:
            raise ValueError(
                f"PORT (or --port) must be a number from 1 to 65535, such as 3978, not {value!r}"
            )
        return port

    @field_validator("public_url", mode="before")
    @classmethod
    def _public_address(cls, value: Any) -> str:
        text = str(value or "").strip().rstrip("/")
        if not text:
            return ""
        parts = urlsplit(text)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.query
            or parts.fragment
        ):
            raise ValueError(
                "RADSBOT_PUBLIC_URL must be the address people reach the bot at, such as "
                f"https://radsbot.example.org (http or https, no ? or #), not {value!r}"
            )
        return text

    @field_validator("default_language", mode="before")
    @classmethod
    def _known_language(cls, value: Any) -> str:
        language = str(value).strip().lower()
        if language not in ("sv", "en"):
            raise ValueError(f"RADSBOT_LANGUAGE must be sv or en, not {value!r}")
        return language

    @field_validator("reminder_interval")
    @classmethod
    def _positive_interval(cls, value: float) -> float:
        if not (math.isfinite(value) and 0 < value <= MAX_REMINDER_INTERVAL):
            raise ValueError(
                "RADSBOT_REMINDER_INTERVAL must be a number of seconds above 0 and at most "
                f"{MAX_REMINDER_INTERVAL:.0f}, such as 30, not {value!r}"
            )
        return value

    @field_validator("retention_days", mode="before")
    @classmethod
    def _retention_days(cls, value: object) -> int:
        written = str(value).strip()
        if not written.isdigit() or not MIN_RETENTION_DAYS <= int(written) <= MAX_RETENTION_DAYS:
            raise ValueError(
                f"RADSBOT_RETENTION_DAYS must be a whole number of days from {MIN_RETENTION_DAYS}"
                f" to {MAX_RETENTION_DAYS}, such as {DEFAULT_RETENTION_DAYS}, not {value!r}"
            )
        return int(written)

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_log_level(cls, value: Any) -> str:
        level = str(value).strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(
                f"RADSBOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {value!r}"
            )
        return level

    @field_validator("log_format", mode="before")
    @classmethod
    def _known_log_format(cls, value: Any) -> str:
        log_format = str(value).strip().lower()
        if log_format not in LOG_FORMATS:
            raise ValueError(
                f"RADSBOT_LOG_FORMAT must be {' or '.join(LOG_FORMATS)}, not {value!r}"
            )
        return log_format

    @field_validator("metrics_token")
    @classmethod
    def _long_metrics_token(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value()
        if token and (len(token) < MIN_METRICS_TOKEN_LENGTH or token != token.strip()):
            raise ValueError(
                f"RADSBOT_METRICS_TOKEN must be at least {MIN_METRICS_TOKEN_LENGTH} characters "
                "without spaces around them (e.g. from `openssl rand -hex 32`), or empty"
            )
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_level_token(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value()
        if token and not token.startswith("xapp-"):
            raise ValueError(
                "SLACK_APP_TOKEN must be the app-level token (xapp-…, Basic Information → "
                "App-Level Tokens, scope connections:write), not a bot or user token"
            )
        return value

    @field_validator("microsoft_app_type", mode="before")
    @classmethod
    def _known_app_type(cls, value: Any) -> str:
        text = str(value).strip()
        if not text:
            return ""
        for app_type in APP_TYPES:
            if text.lower() == app_type.lower():
                return app_type
        raise ValueError(f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}, not {text!r}")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Settings that only make sense together; a half-set identity is refused, never guessed."""
        app_type = self.microsoft_app_type or "MultiTenant"
        password = bool(self.microsoft_app_password.get_secret_value())
        if self.microsoft_app_id:
            if app_type != "UserAssignedMSI" and not password:
                raise ValueError(
                    "MicrosoftAppId is set but MicrosoftAppPassword is empty: set the app's "
                    "client secret (or MicrosoftAppType=UserAssignedMSI for a managed identity)"
                )
            if app_type in ("SingleTenant", "UserAssignedMSI") and not self.microsoft_app_tenant_id:
                raise ValueError(
                    f"MicrosoftAppType={app_type} needs MicrosoftAppTenantId: set it to the "
                    "App Tenant ID shown in the Azure Bot's configuration"
                )
        elif password or self.microsoft_app_tenant_id or self.microsoft_app_type:
            raise ValueError(
                "MicrosoftAppPassword, MicrosoftAppTenantId or MicrosoftAppType is set but "
                "MicrosoftAppId is empty, which would run without authentication: set "
                "MicrosoftAppId too, or remove them for local mode"
            )
        token = bool(self.slack_bot_token.get_secret_value())
        secret = bool(self.slack_signing_secret.get_secret_value())
        if self.slack_socket_mode:
            if not token:
                raise ValueError(
                    "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is empty: Socket Mode needs "
                    "both (the app-level token to connect, the bot token to answer)"
                )
        elif token != secret:
            have, missing = (
                ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
                if token
                else ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN")
            )
            raise ValueError(
                f"{have} is set but {missing} is empty: Slack needs both "
                "(or neither, to run without Slack)"
            )
        if not self.host:
            self.host = "0.0.0.0" if self.authenticated else "127.0.0.1"
        return self

    @property
    def slack_socket_mode(self) -> bool:
        """Slack over an outbound WebSocket (Socket Mode) instead of ``/slack/events``."""
        return bool(self.slack_app_token.get_secret_value())

    @property
    def served_teams_tenants(self) -> frozenset[str]:
        """The tenants whose activities are served and whose directories vouch for e-mail
        addresses; empty = any tenant is served, and no directory is trusted."""
        if (self.microsoft_app_type or "").lower() in ("singletenant", "userassignedmsi"):
            return frozenset({self.microsoft_app_tenant_id})
        return frozenset(t.strip() for t in self.teams_tenants.split(",") if t.strip())

    @property
    def service_url_host_patterns(self) -> tuple[str, ...]:
        """The Bot Connector hosts the bot may post to: exact names, or ``*.domain``."""
        return tuple(h.strip().lower() for h in self.service_url_hosts.split(",") if h.strip())

    @property
    def public_base_url(self) -> str:
        """The start of every link the bot gives out, without a trailing slash."""
        return self.public_url or f"http://localhost:{self.port}"

    @property
    def authenticated(self) -> bool:
        return bool(self.microsoft_app_id)

    @property
    def on_loopback(self) -> bool:
        """Whether the server listens only on this machine (127.0.0.1, ::1, localhost)."""
        return is_loopback(self.host)

    @property
    def teams_endpoint_served(self) -> bool:
        """Whether ``/api/messages`` is served: with authentication, or where only this machine
        (or an operator who opted in) can reach it unauthenticated."""
        return self.authenticated or self.on_loopback or self.allow_unauthenticated

    def listen_refusal(self) -> str | None:
        """Why ``radsbot serve`` must not listen on ``host``, in one line; None when it may.

        Without an app id, ``/api/messages`` believes whatever a request says (who sends it,
        where to answer). Beyond loopback that is refused unless the operator opts in; a
        Slack-only server may listen anywhere, since then ``/api/messages`` is not served.
        """
        # Both Slack settings or neither (checked above), so the secret alone says Slack is on.
        if (
            self.teams_endpoint_served
            or self.slack_signing_secret.get_secret_value()
            or self.slack_socket_mode
        ):
            return None
        return (
            f"refusing to listen on {self.host} without authentication (MicrosoftAppId is empty): "
            "use RADSBOT_HOST=127.0.0.1 for local mode, set MicrosoftAppId, or set "
            "RADSBOT_ALLOW_UNAUTHENTICATED=1 to let anyone who reaches this address act as anyone"
        )


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` stands for is a loopback address of this machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def masked_database_url(url: str) -> str:
    """The database URL with its password replaced by ``***``, fit for an error line."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", url)


class StartupError(Exception):
    """A setting that keeps Rådsbot from starting; the message is the one line to print."""


def settings_problem(error: ValidationError) -> str:
    """One line for everything wrong in the settings, each naming its variable and the fix."""
    problems = []
    for detail in error.errors(include_url=False, include_input=False):
        if detail["type"] == "value_error":
            problems.append(str(detail["ctx"]["error"]))
        else:
            where = ".".join(str(part) for part in detail["loc"]) or "settings"
            problems.append(f"{_variable(where)}: {detail['msg']}")
    return "; ".join(problems)


def _variable(name: str) -> str:
    """The environment variable of a field name (or the variable itself)."""
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field is not None else None
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return name
