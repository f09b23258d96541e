"""The settings the code reads are the ones the README documents and the container files use."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import AliasChoices

from bot.settings import Settings
from store.models import Base

ROOT = Path(__file__).resolve().parents[1]


def _variables() -> set[str]:
    names = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices)
        names.add(str(alias.choices[0]))
    return names


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_]+)` \|", readme, re.MULTILINE))
    assert _variables() <= documented, _variables() - documented


def test_the_container_files_and_the_guide_name_only_real_settings() -> None:
    known = _variables()
    for name in ("compose.yaml", "Dockerfile", "docs/deploy.md"):
        text = (ROOT / name).read_text("utf-8")
        used = set(re.findall(r"\b(RADSBOT_[A-Z_]+|SLACK_[A-Z_]+|Microsoft[A-Za-z]+)\b", text))
        used -= {"MicrosoftDocs"}
        assert used <= known, (name, used - known)


def test_the_privacy_guide_names_every_column() -> None:
    """docs/privacy.md goes through the models column by column: a new column (and so a new
    kind of data kept) is described there, with its purpose and retention."""
    guide = (ROOT / "docs" / "privacy.md").read_text("utf-8")
    missing = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if f"{table.name}.{column.name}" not in guide
    ]
    assert missing == []
