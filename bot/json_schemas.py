"""Microsoft's JSON schemas, kept verbatim in ``manifest/schema/`` (see its README), and
jsonschema validators for them that work offline.

The Teams app manifest and localization schemas declare draft-04 but use ``const`` (draft-06);
the Adaptive Card schema declares draft-06. All three are read with the draft-06 rules, so no
validator looks up a ``$schema`` URL, and their ``$ref``s all point inside the same file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator
from jsonschema.exceptions import ValidationError

#: Installed beside bot/, like the Teams template.
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "manifest" / "schema"
TEAMS_MANIFEST = "MicrosoftTeams.schema.json"
TEAMS_LOCALIZATION = "MicrosoftTeams.Localization.schema.json"
ADAPTIVE_CARD = "adaptive-card.json"

#: How a problem names the value a shared definition of the Teams schema describes.
_NAMED_DEFINITIONS = {
    "guid": "a GUID",
    "semver": "of the form X.Y.Z",
    "hexColor": "a colour like #1A7FD4",
    "httpsUrl": "an http(s):// URL",
}


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    return loaded


@cache
def validator(name: str) -> Draft6Validator:
    found = schema(name)
    Draft6Validator.check_schema(found)
    return Draft6Validator(found)


def definition_pattern(name: str) -> str:
    """The regular expression a definition of the Teams manifest schema (``guid``…) holds."""
    pattern: str = schema(TEAMS_MANIFEST)["definitions"][name]["pattern"]
    return pattern


def problems(name: str, document: Any, file: str) -> list[str]:
    """What is wrong with ``document`` by the schema ``name``, one sentence an error, each
    starting with ``file`` and where in it; an empty list when it is valid."""
    errors = [leaf for error in validator(name).iter_errors(document) for leaf in _leaves(error)]
    return [_describe(error, file) for error in sorted(errors, key=_where)]


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors under an ``anyOf`` of kinds (an Adaptive Card element is one of many) in the
    one branch whose ``type`` matches, so the problem is said where it is; else ``error``."""
    branches: dict[Any, list[ValidationError]] = {}
    for inner in error.context or ():
        branches.setdefault(inner.relative_schema_path[0], []).append(inner)
    matching = [
        inner
        for inner in branches.values()
        if not any(
            e.validator in ("enum", "const") and list(e.relative_path) == ["type"] for e in inner
        )
    ]
    if error.validator not in ("anyOf", "oneOf") or len(matching) != 1:
        yield error
        return
    for inner_error in matching[0]:
        yield from _leaves(inner_error)


def _where(error: ValidationError) -> str:
    where = ""
    for part in error.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return where


def _describe(error: ValidationError, file: str) -> str:
    where, value, limit = _where(error) or "the top level", error.instance, error.validator_value
    if error.validator == "maxLength" and isinstance(value, str):
        return (
            f"{file}: {where} is {len(value)} characters long; at most {limit} allowed ({value!r})"
        )
    if error.validator == "maxItems" and isinstance(value, list):
        return f"{file}: {where} has {len(value)} entries; at most {limit} allowed"
    if error.validator == "pattern":
        for definition, named in _NAMED_DEFINITIONS.items():
            if limit == definition_pattern(definition):
                return f"{file}: {where} {value!r} is not {named}"
    return f"{file}: {where}: {error.message}"
