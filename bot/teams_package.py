"""The Microsoft Teams app package: the manifest template and icons, as a zip an admin uploads.

``manifest/teams/`` holds the template (``manifest.json`` with ``{{BOT_ID}}`` and
``{{VERSION}}``), its English localization ``en.json`` and the two icons (drawn by
``make_icons.py``). :func:`build_package` fills in the bot's Microsoft App ID and the version,
checks the result with :func:`validate_package` and only then writes the zip.

The checks are the rules Teams applies that a region could break by editing the template
(required fields, lengths, GUIDs, semver, icon sizes, the outline icon's white-on-transparent
rule, at most 12 commands per list), plus Rådsbot's own: every command title in the lists is a
command the bot understands, typed as it stands, in both languages.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.teams_menu import MenuCommand, registry_menu

#: Where the template lives; fine for an editable install (``pip install -e .``).
TEAMS_DIR = Path(__file__).resolve().parents[1] / "manifest" / "teams"

BOT_ID_PLACEHOLDER = "{{BOT_ID}}"
VERSION_PLACEHOLDER = "{{VERSION}}"
#: The council page's tab (issue 17): its configuration page lives on the bot's own server.
PUBLIC_URL_PLACEHOLDER = "{{PUBLIC_URL}}"
PUBLIC_HOST_PLACEHOLDER = "{{PUBLIC_HOST}}"

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MANIFEST_SCHEMA = re.compile(
    r"^https://developer\.microsoft\.com/(?:en-us/)?json-schemas/teams/"
    r"v(\d+\.\d+)/MicrosoftTeams\.schema\.json$"
)
LOCALIZATION_SCHEMA = re.compile(
    r"^https://developer\.microsoft\.com/(?:en-us/)?json-schemas/teams/"
    r"v(\d+\.\d+)/MicrosoftTeams\.Localization\.schema\.json$"
)
COMMAND_KEY = re.compile(
    r"^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$"
)

#: Maximum lengths, from the app manifest schema (and the localization schema, which agrees).
LIMITS = {
    "developer.name": 32,
    "name.short": 30,
    "name.full": 100,
    "description.short": 80,
    "description.full": 4000,
}
TITLE_MAX = 32
COMMAND_DESCRIPTION_MAX = 128
COMMANDS_PER_LIST = 12
#: The localization schema only has keys for commands[0] … commands[9] of each list.
LOCALIZED_COMMANDS_PER_LIST = 10
COMMAND_LISTS_MAX = 3
BOT_SCOPES = ("personal", "team", "groupChat")

REQUIRED = (
    "manifestVersion",
    "version",
    "id",
    "developer.name",
    "developer.websiteUrl",
    "developer.privacyUrl",
    "developer.termsOfUseUrl",
    "name.short",
    "name.full",
    "description.short",
    "description.full",
    "icons.color",
    "icons.outline",
    "accentColor",
    "bots",
)
LOCALIZATION_REQUIRED = ("name.short", "description.short", "description.full")
COLOR_SIZE = (192, 192)
OUTLINE_SIZE = (32, 32)


class PackageError(Exception):
    """The package could not be built, or would not be accepted; ``problems`` says why."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        listed = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"the Teams app package was not built:\n{listed}")


# --- building ------------------------------------------------------------------------------


def build_package(
    app_id: str,
    version: str,
    out: Path,
    *,
    source: Path = TEAMS_DIR,
    public_url: str | None = None,
    menu: Sequence[MenuCommand] | None = None,
) -> Path:
    """Fill in the bot id, the version and the command menu (by default the registry's),
    check the package and write it as a zip to ``out``.

    With an https ``public_url`` (``RADSBOT_PUBLIC_URL``) the package has the council page's
    tab, configured on that server; without one the tab is left out (Teams shows tabs only
    over https). Raises :class:`PackageError` (and writes nothing) when anything is wrong.
    """
    problems = []
    if not GUID.match(app_id):
        problems.append(
            f"the app id {app_id!r} is not a GUID; give the Azure Bot's Microsoft App ID "
            "(MicrosoftAppId), e.g. 00000000-0000-0000-0000-000000000000"
        )
    if not SEMVER.match(version):
        problems.append(f"the version {version!r} is not of the form X.Y.Z (e.g. 1.0.0)")
    if problems:
        raise PackageError(problems)
    files = _package_files(source, app_id, version, tab_url(public_url))
    with_command_lists(files, registry_menu() if menu is None else menu)
    data = _zip(files)
    problems = _validate(zipfile.ZipFile(io.BytesIO(data)))
    if problems:
        raise PackageError(problems)
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, out)
    except OSError as error:
        with contextlib.suppress(OSError):  # the folder itself may be what is missing
            partial.unlink(missing_ok=True)
        raise PackageError([f"cannot write {out}: {error.strerror or error}"]) from None
    return out


def tab_url(public_url: str | None) -> str | None:
    """The public address the tab is served from, or None when it cannot be (not https)."""
    url = (public_url or "").strip().rstrip("/")
    return url if url.startswith("https://") and urlsplit(url).hostname else None


def _package_files(
    source: Path, app_id: str, version: str, public_url: str | None = None
) -> dict[str, bytes]:
    """manifest.json, filled in, and every file it names, from the template directory."""
    template = source / "manifest.json"
    try:
        text = template.read_text("utf-8")
    except OSError as error:
        raise PackageError([f"cannot read the manifest template {template}: {error}"]) from None
    text = text.replace(BOT_ID_PLACEHOLDER, app_id).replace(VERSION_PLACEHOLDER, version)
    if public_url:
        host = urlsplit(public_url).netloc
        text = text.replace(PUBLIC_URL_PLACEHOLDER, public_url)
        text = text.replace(PUBLIC_HOST_PLACEHOLDER, host)
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as error:
        raise PackageError([f"{template} is not valid JSON: {error}"]) from None
    if not public_url and PUBLIC_URL_PLACEHOLDER in text:
        # No https address for the tab: the package has no tab, and no domain for it.
        manifest.pop("configurableTabs", None)
        manifest["validDomains"] = [
            d for d in manifest.get("validDomains", []) if d != PUBLIC_HOST_PLACEHOLDER
        ]
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    files = {"manifest.json": text.encode("utf-8")}
    problems = []
    for name in _referenced_files(manifest):
        path = source / name
        if not path.is_file():
            problems.append(f"manifest.json names {name!r}, but {path} does not exist")
            continue
        files[name] = path.read_bytes()
    if problems:
        raise PackageError(problems)
    return files


def with_command_lists(files: dict[str, bytes], menu: Sequence[MenuCommand]) -> None:
    """The same menu for every scope in manifest.json, translated in the English file."""
    manifest = json.loads(files["manifest.json"])
    bots = manifest.get("bots") if isinstance(manifest, dict) else None
    if not isinstance(bots, list) or not bots or not isinstance(bots[0], dict):
        return  # a template without a bot: the checks say so
    lists = [
        {
            "scopes": [scope],
            "commands": [{"title": c.title_sv, "description": c.description_sv} for c in menu],
        }
        for scope in BOT_SCOPES
    ]
    bots[0]["commandLists"] = lists
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    info = manifest.get("localizationInfo")
    languages = info.get("additionalLanguages") if isinstance(info, dict) else None
    for language in languages if isinstance(languages, list) else []:
        if not isinstance(language, dict) or language.get("languageTag") != "en":
            continue
        try:
            english = json.loads(files[language["file"]])
        except (KeyError, TypeError, ValueError):
            continue  # missing or unreadable: the checks say so
        if isinstance(english, dict):
            for i in range(len(lists)):
                for j, entry in enumerate(menu):
                    key = f"bots[0].commandLists[{i}].commands[{j}]"
                    english[f"{key}.title"] = entry.title_en
                    english[f"{key}.description"] = entry.description_en
            files[language["file"]] = json.dumps(english, ensure_ascii=False, indent=2).encode()


def _referenced_files(manifest: Any) -> list[str]:
    names: list[str] = []
    if not isinstance(manifest, dict):
        return names
    icons = manifest.get("icons")
    if isinstance(icons, dict):
        names += [icons[k] for k in ("color", "outline") if isinstance(icons.get(k), str)]
    info = manifest.get("localizationInfo")
    if isinstance(info, dict):
        for language in info.get("additionalLanguages") or []:
            if isinstance(language, dict) and isinstance(language.get("file"), str):
                names.append(language["file"])
        if isinstance(info.get("defaultLanguageFile"), str):
            names.append(info["defaultLanguageFile"])
    return list(dict.fromkeys(names))


def _zip(files: dict[str, bytes]) -> bytes:
    """The files at the root of a zip, with fixed timestamps so a build is reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# --- validating ----------------------------------------------------------------------------


def validate_package(zip_path: Path | str) -> list[str]:
    """What is wrong with the package at ``zip_path``; an empty list means it is valid."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as error:
        return [f"{zip_path} is not a readable zip file: {error}"]
    with archive:
        return _validate(archive)


def _validate(archive: zipfile.ZipFile) -> list[str]:
    problems: list[str] = []
    names = set(archive.namelist())
    nested = sorted(name for name in names if "/" in name or "\\" in name)
    if nested:
        problems.append(
            f"the files must be at the root of the zip, not in folders: {', '.join(nested)}"
        )
    if "manifest.json" not in names:
        return [*problems, "the zip has no manifest.json at its root"]
    manifest = _read_json(archive, "manifest.json", problems)
    if not isinstance(manifest, dict):
        return problems
    problems += _check_manifest(manifest)
    problems += _check_icons(archive, manifest)
    problems += _check_commands(manifest)
    problems += _check_localization(archive, manifest)
    return problems


def _read_json(archive: zipfile.ZipFile, name: str, problems: list[str]) -> Any:
    try:
        return json.loads(archive.read(name).decode("utf-8-sig"))
    except KeyError:
        problems.append(f"{name} is missing from the zip")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(f"{name} is not valid UTF-8 JSON: {error}")
    return None


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, f"{path}[{index}]")


def _check_manifest(manifest: dict[str, Any]) -> list[str]:
    problems = []
    for field in REQUIRED:
        value = _get(manifest, field)
        if value is None or value == "" or value == []:
            problems.append(f"manifest.json: {field} is missing")
    for path, value in _strings(manifest):
        if "{{" in value:
            problems.append(f"manifest.json: {path} still has a placeholder: {value!r}")
    schema = manifest.get("$schema")
    found = MANIFEST_SCHEMA.match(schema) if isinstance(schema, str) else None
    if found is None:
        problems.append(f"manifest.json: $schema {schema!r} is not a Teams app manifest schema URL")
    elif manifest.get("manifestVersion") != found.group(1):
        problems.append(
            f"manifest.json: manifestVersion {manifest.get('manifestVersion')!r} does not match "
            f"the $schema's version {found.group(1)}"
        )
    version = manifest.get("version")
    if isinstance(version, str) and "{{" not in version and not SEMVER.match(version):
        problems.append(f"manifest.json: version {version!r} is not of the form X.Y.Z")
    app_id = manifest.get("id")
    if isinstance(app_id, str) and "{{" not in app_id and not GUID.match(app_id):
        problems.append(f"manifest.json: id {app_id!r} is not a GUID")
    for field in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        url = _get(manifest, f"developer.{field}")
        if isinstance(url, str) and url and not url.startswith("https://"):
            problems.append(f"manifest.json: developer.{field} {url!r} must be an https:// URL")
    for field, limit in LIMITS.items():
        problems += _length("manifest.json", field, _get(manifest, field), limit)
    accent = manifest.get("accentColor")
    if isinstance(accent, str) and not HEX_COLOR.match(accent):
        problems.append(f"manifest.json: accentColor {accent!r} is not a colour like #1A7FD4")
    domains = manifest.get("validDomains", [])
    if not isinstance(domains, list):
        problems.append("manifest.json: validDomains must be a list")
        domains = []
    for n, tab in enumerate(manifest.get("configurableTabs") or []):
        url = tab.get("configurationUrl") if isinstance(tab, dict) else None
        where = f"manifest.json: configurableTabs[{n}].configurationUrl"
        if not isinstance(url, str) or not url.startswith("https://"):
            problems.append(f"{where} {url!r} must be an https:// URL")
        elif urlsplit(url).netloc not in domains:
            problems.append(f"{where}: its host {urlsplit(url).netloc!r} is not in validDomains")
    bots = manifest.get("bots")
    if bots is not None and not isinstance(bots, list):
        problems.append("manifest.json: bots must be a list")
    elif isinstance(bots, list) and bots:
        if len(bots) > 1:
            problems.append(f"manifest.json: bots has {len(bots)} entries; Teams allows one")
        bot = bots[0]
        if not isinstance(bot, dict):
            return [*problems, "manifest.json: bots[0] is not an object"]
        bot_id = bot.get("botId")
        if not isinstance(bot_id, str) or not bot_id:
            problems.append("manifest.json: bots[0].botId is missing")
        elif "{{" not in bot_id and not GUID.match(bot_id):
            problems.append(f"manifest.json: bots[0].botId {bot_id!r} is not a GUID")
        scopes = bot.get("scopes")
        if not isinstance(scopes, list) or not scopes:
            problems.append("manifest.json: bots[0].scopes is missing")
        else:
            unknown = [s for s in scopes if s not in BOT_SCOPES]
            if unknown:
                problems.append(
                    f"manifest.json: bots[0].scopes has unknown scopes {unknown}; "
                    f"allowed: {', '.join(BOT_SCOPES)}"
                )
    return problems


def _length(file: str, field: str, value: Any, limit: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{file}: {field} must be a string"]
    if len(value) > limit:
        return [
            f"{file}: {field} is {len(value)} characters long; at most {limit} allowed ({value!r})"
        ]
    return []


# --- command lists -------------------------------------------------------------------------


def _command_lists(manifest: dict[str, Any]) -> list[Any]:
    bots = manifest.get("bots")
    if not isinstance(bots, list) or not bots or not isinstance(bots[0], dict):
        return []
    lists = bots[0].get("commandLists") or []
    return lists if isinstance(lists, list) else []


def _check_commands(manifest: dict[str, Any]) -> list[str]:
    problems = []
    bots = manifest.get("bots")
    bot = bots[0] if isinstance(bots, list) and bots and isinstance(bots[0], dict) else {}
    scopes_given = bot.get("scopes")
    bot_scopes: list[Any] = scopes_given if isinstance(scopes_given, list) else []
    lists = bot.get("commandLists", [])
    if not isinstance(lists, list):
        return ["manifest.json: bots[0].commandLists must be a list"]
    if len(lists) > COMMAND_LISTS_MAX:
        problems.append(
            f"manifest.json: bots[0].commandLists has {len(lists)} lists; "
            f"at most {COMMAND_LISTS_MAX}"
        )
    seen_scopes: dict[str, int] = {}
    for i, command_list in enumerate(lists):
        where = f"manifest.json: bots[0].commandLists[{i}]"
        if not isinstance(command_list, dict):
            problems.append(f"{where} is not an object")
            continue
        scopes = command_list.get("scopes")
        if not isinstance(scopes, list) or not scopes:
            problems.append(f"{where}.scopes is missing")
            scopes = []
        for scope in scopes:
            if scope not in bot_scopes:
                problems.append(
                    f"{where}.scopes has {scope!r}, which is not one of the bot's scopes"
                )
            if scope in seen_scopes:
                problems.append(
                    f"{where}.scopes has {scope!r} again "
                    f"(already in commandLists[{seen_scopes[scope]}])"
                )
            seen_scopes.setdefault(scope, i)
        commands = command_list.get("commands")
        if not isinstance(commands, list) or not commands:
            problems.append(f"{where}.commands is missing")
            continue
        if len(commands) > COMMANDS_PER_LIST:
            problems.append(
                f"{where} has {len(commands)} commands; "
                f"Teams allows at most {COMMANDS_PER_LIST} per list"
            )
        titles: set[str] = set()
        for j, entry in enumerate(commands):
            at = f"{where}.commands[{j}]"
            if not isinstance(entry, dict):
                problems.append(f"{at} is not an object")
                continue
            title = entry.get("title")
            problems += _check_title(at, title) + _check_description(at, entry.get("description"))
            if isinstance(title, str):
                if title in titles:
                    problems.append(f"{at}: the title {title!r} is listed twice")
                titles.add(title)
    return problems


def _check_title(at: str, title: Any) -> list[str]:
    if not isinstance(title, str) or not title.strip():
        return [f"{at}.title is missing"]
    if len(title) > TITLE_MAX:
        return [
            f"{at}.title {title!r} is {len(title)} characters long; at most {TITLE_MAX} allowed"
        ]
    _, problem = _parse_title(title)
    return [f"{at}: {problem}"] if problem else []


def _check_description(at: str, description: Any) -> list[str]:
    if not isinstance(description, str) or not description.strip():
        return [f"{at}.description is missing"]
    if len(description) > COMMAND_DESCRIPTION_MAX:
        return [
            f"{at}.description is {len(description)} characters long; "
            f"at most {COMMAND_DESCRIPTION_MAX} allowed"
        ]
    return []


def _parse_title(title: str) -> tuple[str | None, str | None]:
    """The registered command a title is when typed as it stands, or what is wrong with it."""
    from dialogs.commands import build_registry
    from dialogs.parser import parse

    parsed = parse(title, build_registry())
    if parsed is None:
        return None, f"the title {title!r} is not a Rådsbot command"
    if parsed.args:
        return None, (
            f"the title {title!r} is the command {parsed.spec.name!r} followed by {parsed.args!r}; "
            "a title must be the command alone, without placeholders or arguments"
        )
    return parsed.spec.name, None


# --- localization --------------------------------------------------------------------------


def _check_localization(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    info = manifest.get("localizationInfo")
    if info is None:
        return []
    if not isinstance(info, dict) or not isinstance(info.get("defaultLanguageTag"), str):
        return ["manifest.json: localizationInfo.defaultLanguageTag is missing"]
    languages = info.get("additionalLanguages") or []
    if not isinstance(languages, list):
        return ["manifest.json: localizationInfo.additionalLanguages must be a list"]
    schema = manifest.get("$schema")
    manifest_schema = MANIFEST_SCHEMA.match(schema) if isinstance(schema, str) else None
    expected = _expected_command_keys(manifest)
    manifest_titles = _manifest_titles(manifest)
    for language in languages:
        if not isinstance(language, dict) or not isinstance(language.get("file"), str):
            problems.append(
                "manifest.json: an entry of localizationInfo.additionalLanguages has no file"
            )
            continue
        if not isinstance(language.get("languageTag"), str) or not language["languageTag"]:
            problems.append(f"manifest.json: the language of {language['file']} has no languageTag")
        name = language["file"]
        if name not in archive.namelist():
            problems.append(
                f"{name} (a localization file named in manifest.json) is missing from the zip"
            )
            continue
        strings = _read_json(archive, name, problems)
        if not isinstance(strings, dict):
            if strings is not None:
                problems.append(f"{name}: must be a JSON object")
            continue
        problems += _check_localization_file(
            name, strings, manifest_schema, expected, manifest_titles
        )
    return problems


def _expected_command_keys(manifest: dict[str, Any]) -> set[tuple[int, int]]:
    keys = set()
    for i, command_list in enumerate(_command_lists(manifest)):
        commands = command_list.get("commands") if isinstance(command_list, dict) else None
        if isinstance(commands, list):
            keys |= {(i, j) for j in range(len(commands))}
    return keys


def _manifest_titles(manifest: dict[str, Any]) -> dict[tuple[int, int], str]:
    titles = {}
    for i, command_list in enumerate(_command_lists(manifest)):
        commands = command_list.get("commands") if isinstance(command_list, dict) else None
        for j, entry in enumerate(commands if isinstance(commands, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("title"), str):
                titles[(i, j)] = entry["title"]
    return titles


def _check_localization_file(
    name: str,
    strings: dict[str, Any],
    manifest_schema: re.Match[str] | None,
    expected: set[tuple[int, int]],
    manifest_titles: dict[tuple[int, int], str],
) -> list[str]:
    problems = []
    schema = strings.get("$schema")
    found = LOCALIZATION_SCHEMA.match(schema) if isinstance(schema, str) else None
    if found is None:
        problems.append(f"{name}: $schema {schema!r} is not a Teams localization schema URL")
    elif manifest_schema is not None and found.group(1) != manifest_schema.group(1):
        problems.append(
            f"{name}: its $schema is for version {found.group(1)}, the manifest's for "
            f"{manifest_schema.group(1)}; they must be the same"
        )
    for field in LOCALIZATION_REQUIRED:
        if not strings.get(field):
            problems.append(f"{name}: {field} is missing")
    for field in ("name.short", "name.full", "description.short", "description.full"):
        problems += _length(name, field, strings.get(field), LIMITS[field])
    found_keys: dict[tuple[int, int], dict[str, Any]] = {}
    for key, value in strings.items():
        if key in ("$schema", *LIMITS):
            continue
        match = COMMAND_KEY.match(key)
        if match is None:
            problems.append(f"{name}: {key!r} is not a key this package translates")
            continue
        i, j, part = int(match.group(1)), int(match.group(2)), match.group(3)
        if (i, j) not in expected:
            problems.append(
                f"{name}: {key!r} translates a command that manifest.json does not list"
            )
            continue
        if j >= LOCALIZED_COMMANDS_PER_LIST:
            problems.append(
                f"{name}: {key!r} cannot be translated; the localization schema only has keys for "
                f"the first {LOCALIZED_COMMANDS_PER_LIST} commands of a list"
            )
        found_keys.setdefault((i, j), {})[part] = value
    for i, count in sorted(_per_list_counts(expected).items()):
        if count > LOCALIZED_COMMANDS_PER_LIST:
            problems.append(
                f"{name}: commandLists[{i}] has {count} commands, but a localization file can only "
                f"translate the first {LOCALIZED_COMMANDS_PER_LIST} (commands[0] to "
                f"commands[{LOCALIZED_COMMANDS_PER_LIST - 1}]); list at most "
                f"{LOCALIZED_COMMANDS_PER_LIST} commands in a localized app"
            )
    for i, j in sorted(expected):
        at = f"{name}: bots[0].commandLists[{i}].commands[{j}]"
        parts = found_keys.get((i, j), {})
        if j >= LOCALIZED_COMMANDS_PER_LIST and not parts:
            continue  # reported once per list above
        for part, check in (("title", _check_title), ("description", _check_description)):
            if part in parts:
                problems += check(at, parts[part])
            else:
                problems.append(
                    f"{at}.{part} is missing (every listed command needs a translation)"
                )
        title, original = parts.get("title"), manifest_titles.get((i, j))
        if isinstance(title, str) and original is not None:
            ours, theirs = _parse_title(title)[0], _parse_title(original)[0]
            if ours and theirs and ours != theirs:
                problems.append(
                    f"{at}.title {title!r} is the command {ours!r}, but manifest.json lists "
                    f"{original!r} ({theirs!r}) there"
                )
    translated = _per_list_counts(set(found_keys))
    for i, count in sorted(_per_list_counts(expected).items()):
        if translated.get(i, 0) != count and count <= LOCALIZED_COMMANDS_PER_LIST:
            problems.append(
                f"{name}: commandLists[{i}] has {translated.get(i, 0)} translated commands; "
                f"manifest.json lists {count}"
            )
    return problems


def _per_list_counts(keys: set[tuple[int, int]]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for i, _ in keys:
        counts[i] = counts.get(i, 0) + 1
    return counts


# --- icons ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PngHeader:
    width: int
    height: int
    bit_depth: int
    color_type: int
    interlace: int


class PngFormatError(ValueError):
    pass


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: samples per pixel, by colour type
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    if not data.startswith(PNG_SIGNATURE):
        raise PngFormatError("not a PNG file")
    offset = len(PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        crc = data[offset + 8 + length : offset + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise PngFormatError("truncated PNG")
        if struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            raise PngFormatError(f"bad checksum in the {kind.decode('latin-1')} chunk")
        yield kind, body
        if kind == b"IEND":
            return
        offset += 12 + length
    raise PngFormatError("PNG without an IEND chunk")


def png_header(data: bytes) -> PngHeader:
    """Width, height and format from the IHDR chunk."""
    for kind, body in _chunks(data):
        if kind != b"IHDR" or len(body) != 13:
            raise PngFormatError("PNG does not start with an IHDR chunk")
        width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        return PngHeader(width, height, depth, color, interlace)
    raise PngFormatError("PNG without an IHDR chunk")


def png_rgba(data: bytes) -> tuple[PngHeader, bytes]:
    """Decode a PNG to RGBA bytes (4 per pixel, row by row).

    Supports 8-bit, non-interlaced images of every colour type (grey, RGB, palette, grey with
    alpha, RGBA) and all five row filters.
    """
    header = png_header(data)
    if header.bit_depth != 8 or header.interlace != 0 or header.color_type not in _CHANNELS:
        raise PngFormatError(
            f"unsupported PNG format (bit depth {header.bit_depth}, colour type "
            f"{header.color_type}, interlace {header.interlace}); use 8-bit non-interlaced RGBA"
        )
    palette, transparency, compressed = b"", b"", bytearray()
    for kind, body in _chunks(data):
        if kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            transparency = body
        elif kind == b"IDAT":
            compressed += body
    try:
        raw = zlib.decompress(bytes(compressed))
    except zlib.error as error:
        raise PngFormatError(f"PNG image data cannot be decompressed: {error}") from None
    channels = _CHANNELS[header.color_type]
    stride = header.width * channels
    if len(raw) < header.height * (stride + 1):
        raise PngFormatError("PNG image data is too short")
    rows = _unfilter(raw, header.height, stride, channels)
    return header, _to_rgba(rows, header, palette, transparency)


def _unfilter(raw: bytes, height: int, stride: int, bpp: int) -> bytes:
    out = bytearray()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 0xFF
        elif kind == 2:
            for x in range(stride):
                line[x] = (line[x] + previous[x]) & 0xFF
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + previous[x]) >> 1)) & 0xFF
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = previous[x]
                c = previous[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + _paeth(a, b, c)) & 0xFF
        elif kind != 0:
            raise PngFormatError(f"unknown PNG row filter {kind}")
        out += line
        previous = line
    return bytes(out)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _to_rgba(rows: bytes, header: PngHeader, palette: bytes, transparency: bytes) -> bytes:
    color = header.color_type
    if color == 6:
        return rows
    out = bytearray()
    if color == 2:
        key = struct.unpack(">HHH", transparency) if len(transparency) == 6 else None
        for p in range(0, len(rows), 3):
            rgb = rows[p : p + 3]
            out += rgb + (b"\x00" if key is not None and tuple(rgb) == key else b"\xff")
    elif color == 0:
        key = struct.unpack(">H", transparency)[0] if len(transparency) == 2 else None
        for g in rows:
            out += bytes((g, g, g, 0 if g == key else 255))
    elif color == 4:
        for p in range(0, len(rows), 2):
            g, a = rows[p], rows[p + 1]
            out += bytes((g, g, g, a))
    elif color == 3:
        for index in rows:
            if 3 * index + 3 > len(palette):
                raise PngFormatError("PNG palette index out of range")
            alpha = transparency[index] if index < len(transparency) else 255
            out += palette[3 * index : 3 * index + 3] + bytes((alpha,))
    return bytes(out)


def encode_png(width: int, height: int, rgba: bytes) -> bytes:
    """An 8-bit RGBA, non-interlaced PNG (filter type 0 on every row)."""
    if len(rgba) != width * height * 4:
        raise ValueError("need 4 bytes per pixel")

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    stride = width * 4
    raw = b"".join(b"\x00" + rgba[y * stride : (y + 1) * stride] for y in range(height))
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _check_icons(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    problems = []
    names = set(archive.namelist())
    for role, size in (("color", COLOR_SIZE), ("outline", OUTLINE_SIZE)):
        name = _get(manifest, f"icons.{role}")
        if not isinstance(name, str) or not name:
            continue  # reported as a missing field
        if name not in names:
            problems.append(f"{name} (icons.{role}) is missing from the zip")
            continue
        data = archive.read(name)
        try:
            header = png_header(data)
        except PngFormatError as error:
            problems.append(f"{name} (icons.{role}): {error}")
            continue
        if (header.width, header.height) != size:
            problems.append(
                f"{name} (icons.{role}) is {header.width}×{header.height} pixels; "
                f"it must be {size[0]}×{size[1]}"
            )
        if role == "outline":
            problems += _outline_problems(name, data)
    return problems


def _outline_problems(name: str, data: bytes) -> list[str]:
    try:
        header, rgba = png_rgba(data)
    except PngFormatError as error:
        return [f"{name} (icons.outline): {error}"]
    if header.color_type not in (3, 4, 6) and not _has_transparency_key(data):
        return [f"{name} (icons.outline) has no alpha channel; it must be white on transparent"]
    coloured = visible = 0
    first: tuple[int, int] | None = None
    for p in range(0, len(rgba), 4):
        r, g, b, a = rgba[p : p + 4]
        if a == 0:
            continue
        visible += 1
        if (r, g, b) != (255, 255, 255):
            coloured += 1
            if first is None:
                first = ((p // 4) % header.width, (p // 4) // header.width)
    problems = []
    if coloured:
        assert first is not None
        problems.append(
            f"{name} (icons.outline) must be white on transparent: {coloured} visible pixel(s) "
            f"are not pure white (the first at x={first[0]}, y={first[1]})"
        )
    if visible == 0:
        problems.append(f"{name} (icons.outline) is fully transparent; draw the mark in white")
    elif visible == header.width * header.height:
        problems.append(
            f"{name} (icons.outline) has no transparent pixels; the background must be transparent"
        )
    return problems


def _has_transparency_key(data: bytes) -> bool:
    return any(kind == b"tRNS" for kind, _ in _chunks(data))


# --- the command line ----------------------------------------------------------------------


def add_teams_package_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``radsbot teams-package --app-id ID [--version X.Y.Z] [--out radsbot.zip]``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "teams-package", help="build the Microsoft Teams app package (a zip to upload)"
    )
    parser.add_argument(
        "--app-id",
        required=True,
        metavar="ID",
        help="the Azure Bot's Microsoft App ID (MicrosoftAppId), a GUID",
    )
    parser.add_argument(
        "--version", metavar="X.Y.Z", help="the app's version (default: Rådsbot's own version)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("radsbot.zip"), metavar="FILE", help="default: radsbot.zip"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        default=os.environ.get("RADSBOT_PUBLIC_URL", ""),
        help="the https address people reach the bot at, for the council page's tab "
        "(default: RADSBOT_PUBLIC_URL; without one the package has no tab)",
    )
    return parser


def project_version() -> str:
    return metadata.version("radsbot")


def run_teams_package(args: argparse.Namespace) -> int:
    """Build the package; print its path (exit 0) or the problems on stderr (exit 1)."""
    try:
        version = args.version or project_version()
        path = build_package(args.app_id, version, args.out, public_url=args.public_url)
    except PackageError as error:
        print(f"radsbot teams-package: {error}", file=sys.stderr)
        return 1
    except metadata.PackageNotFoundError:
        print(
            "radsbot teams-package: Rådsbot is not installed; give --version X.Y.Z",
            file=sys.stderr,
        )
        return 1
    if tab_url(args.public_url) is None:
        print(
            "radsbot teams-package: no council page tab in the package (Teams shows tabs only "
            "over https): give --public-url https://… or set RADSBOT_PUBLIC_URL",
            file=sys.stderr,
        )
    print(path)
    return 0
