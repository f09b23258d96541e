"""Configuration from the environment and an optional ``.env`` file."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    return f"sqlite+aiosqlite:///{Path.cwd() / 'radsbot.db'}"


class Settings(BaseSettings):
    """Every setting, with the environment variable it is read from.

    All Microsoft* settings empty means local mode without authentication, as the
    Bot Framework Emulator uses; with an app id set, every request must carry a valid token.
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
    host: str = Field(default="0.0.0.0", validation_alias=AliasChoices("RADSBOT_HOST", "host"))
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
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        validation_alias=AliasChoices("SLACK_API_URL", "slack_api_url"),
    )

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("sv", "en"):
            raise ValueError("RADSBOT_LANGUAGE must be sv or en")
        return value

    @property
    def service_url_host_patterns(self) -> tuple[str, ...]:
        """The Bot Connector hosts the bot may post to: exact names, or ``*.domain``."""
        return tuple(h.strip().lower() for h in self.service_url_hosts.split(",") if h.strip())

    @property
    def authenticated(self) -> bool:
        return bool(self.microsoft_app_id)
