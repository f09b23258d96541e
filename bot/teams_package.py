"""The Microsoft Teams app package: the manifest template and icons, as a zip an admin uploads.

``manifest/teams/`` holds the template (``manifest.json`` with ``{{BOT_ID}}`` and
``{{VERSION}}``), its English localization ``en.json`` and the two icons (drawn by
``make_icons.py``). :func:`build_package` fills in the bot's Microsoft App ID and the version,
checks the result with :func:`validate_package` and only then writes the zip.

The checks are Microsoft's own app manifest and localization schemas (kept in
``manifest/schema/``, read with jsonschema by :mod:`bot.json_schemas`), plus what a schema
cannot say: the zip's layout, no placeholder left, the icons' sizes and the outline icon's
white-on-transparent rule (read with Pillow), a tab's host among the valid domains, and
Rådsbot's own rules: every command title in the lists is a command the bot understands, typed
as it stands, translated in every language.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from bot.json_schemas import TEAMS_LOCALIZATION, TEAMS_MANIFEST, definition_pattern
from bot.json_schemas import problems as schema_problems
from bot.teams_menu import MenuCommand, registry_menu

#: Where the template lives; fine for an editable install (``pip install -e .``).
TEAMS_DIR = Path(__file__).resolve().parents[1] / "manifest" / "teams"

BOT_ID_PLACEHOLDER = "{{BOT_ID}}"
VERSION_PLACEHOLDER = "{{VERSION}}"
#: The council page's tab (issue 17): its configuration page lives on the bot's own server.
PUBLIC_URL_PLACEHOLDER = "{{PUBLIC_URL}}"
PUBLIC_HOST_PLACEHOLDER = "{{PUBLIC_HOST}}"

#: What the manifest schema asks of an id and a version.
GUID = re.compile(definition_pattern("guid"))
SEMVER = re.compile(definition_pattern("semver"))
COMMAND_KEY = re.compile(
    r"^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$"
)
BOT_SCOPES = ("personal", "team", "groupChat")
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
    if manifest is None:
        return problems
    problems += schema_problems(TEAMS_MANIFEST, manifest, "manifest.json")
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
    """What the schema leaves open: a bot, no placeholder left, tabs on a valid domain."""
    problems = []
    if not manifest.get("bots"):
        problems.append("manifest.json: bots is missing (Rådsbot is a bot)")
    version = manifest.get("version")
    if isinstance(version, str) and "{{" not in version and not SEMVER.match(version):
        # The schema asks for semver in words only; its own semver definition says how.
        problems.append(f"manifest.json: version {version!r} is not of the form X.Y.Z")
    for path, value in _strings(manifest):
        if "{{" in value:
            problems.append(f"manifest.json: {path} still has a placeholder: {value!r}")
    domains = manifest.get("validDomains")
    domains = domains if isinstance(domains, list) else []
    tabs = manifest.get("configurableTabs")
    for n, tab in enumerate(tabs if isinstance(tabs, list) else []):
        url = tab.get("configurationUrl") if isinstance(tab, dict) else None
        if isinstance(url, str) and urlsplit(url).netloc not in domains:
            problems.append(
                f"manifest.json: configurableTabs[{n}].configurationUrl: its host "
                f"{urlsplit(url).netloc!r} is not in validDomains"
            )
    return problems


# --- command lists -------------------------------------------------------------------------


def _bot(manifest: dict[str, Any]) -> dict[str, Any]:
    bots = manifest.get("bots")
    bot = bots[0] if isinstance(bots, list) and bots else None
    return bot if isinstance(bot, dict) else {}


def _command_lists(manifest: dict[str, Any]) -> list[Any]:
    lists = _bot(manifest).get("commandLists")
    return lists if isinstance(lists, list) else []


def _commands(command_list: Any) -> list[Any]:
    commands = command_list.get("commands") if isinstance(command_list, dict) else None
    return commands if isinstance(commands, list) else []


def _check_commands(manifest: dict[str, Any]) -> list[str]:
    """Each scope in one list only, and one of the bot's; each title a command, once."""
    problems = []
    scopes_given = _bot(manifest).get("scopes")
    bot_scopes: list[Any] = scopes_given if isinstance(scopes_given, list) else []
    seen_scopes: dict[str, int] = {}
    for i, command_list in enumerate(_command_lists(manifest)):
        where = f"manifest.json: bots[0].commandLists[{i}]"
        scopes = command_list.get("scopes") if isinstance(command_list, dict) else None
        for scope in scopes if isinstance(scopes, list) else []:
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
        titles: set[str] = set()
        for j, entry in enumerate(_commands(command_list)):
            at = f"{where}.commands[{j}]"
            if not isinstance(entry, dict):
                continue  # the schema says so
            title = entry.get("title")
            problems += _check_title(at, title) + _check_description(at, entry.get("description"))
            if isinstance(title, str):
                if title in titles:
                    problems.append(f"{at}: the title {title!r} is listed twice")
                titles.add(title)
    return problems


def _check_title(at: str, title: Any) -> list[str]:
    if not isinstance(title, str):
        return []  # missing or no string: the schema says so
    if not title.strip():
        return [f"{at}.title is empty"]
    _, problem = _parse_title(title)
    return [f"{at}: {problem}"] if problem else []


def _check_description(at: str, description: Any) -> list[str]:
    if isinstance(description, str) and not description.strip():
        return [f"{at}.description is empty"]
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
    languages = info.get("additionalLanguages") if isinstance(info, dict) else None
    expected = {
        (i, j): entry.get("title")
        for i, command_list in enumerate(_command_lists(manifest))
        for j, entry in enumerate(_commands(command_list))
        if isinstance(entry, dict)
    }
    for language in languages if isinstance(languages, list) else []:
        name = language.get("file") if isinstance(language, dict) else None
        if not isinstance(name, str):
            continue  # the schema says so
        if name not in archive.namelist():
            problems.append(f"{name} (a localization file) is missing from the zip")
            continue
        strings = _read_json(archive, name, problems)
        if strings is None:
            continue
        problems += schema_problems(TEAMS_LOCALIZATION, strings, name)
        if isinstance(strings, dict):
            problems += _check_localization_file(name, strings, expected)
    return problems


def _check_localization_file(
    name: str, strings: dict[str, Any], expected: dict[tuple[int, int], Any]
) -> list[str]:
    """Every command manifest.json lists is translated, as the same command, and no other."""
    problems = []
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for key, value in strings.items():
        match = COMMAND_KEY.match(key)
        if match is None:
            continue
        i, j, part = int(match.group(1)), int(match.group(2)), match.group(3)
        if (i, j) not in expected:
            problems.append(
                f"{name}: {key!r} translates a command that manifest.json does not list"
            )
            continue
        found.setdefault((i, j), {})[part] = value
    for (i, j), original in sorted(expected.items()):
        at = f"{name}: bots[0].commandLists[{i}].commands[{j}]"
        parts = found.get((i, j), {})
        for part, check in (("title", _check_title), ("description", _check_description)):
            if part in parts:
                problems += check(at, parts[part])
            else:
                problems.append(
                    f"{at}.{part} is missing (every listed command needs a translation)"
                )
        title = parts.get("title")
        if isinstance(title, str) and isinstance(original, str):
            ours, theirs = _parse_title(title)[0], _parse_title(original)[0]
            if ours and theirs and ours != theirs:
                problems.append(
                    f"{at}.title {title!r} is the command {ours!r}, but manifest.json lists "
                    f"{original!r} ({theirs!r}) there"
                )
    translated = _per_list_counts(set(found))
    for i, count in sorted(_per_list_counts(set(expected)).items()):
        if translated.get(i, 0) != count:
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


def _check_icons(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    problems = []
    names = set(archive.namelist())
    icons = manifest.get("icons")
    for role, size in (("color", COLOR_SIZE), ("outline", OUTLINE_SIZE)):
        name = icons.get(role) if isinstance(icons, dict) else None
        if not isinstance(name, str) or not name:
            continue  # the schema says so
        if name not in names:
            problems.append(f"{name} (icons.{role}) is missing from the zip")
            continue
        try:
            with Image.open(io.BytesIO(archive.read(name))) as image:
                image.load()
                if image.format != "PNG":
                    problems.append(f"{name} (icons.{role}) is a {image.format}; it must be a PNG")
                    continue
                if image.size != size:
                    problems.append(
                        f"{name} (icons.{role}) is {image.width}×{image.height} pixels; "
                        f"it must be {size[0]}×{size[1]}"
                    )
                if role == "outline":
                    problems += _outline_problems(name, image)
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            problems.append(f"{name} (icons.{role}) is not a readable PNG: {error}")
    return problems


def _outline_problems(name: str, image: Image.Image) -> list[str]:
    """White on transparent: every visible pixel pure white, some pixels transparent."""
    if "A" not in image.getbands() and "transparency" not in image.info:
        return [f"{name} (icons.outline) has no alpha channel; it must be white on transparent"]
    rgba = image.convert("RGBA")
    coloured = visible = 0
    first: tuple[int, int] | None = None
    for y in range(rgba.height):
        for x in range(rgba.width):
            r, g, b, a = rgba.getpixel((x, y))  # type: ignore[misc]
            if a == 0:
                continue
            visible += 1
            if (r, g, b) != (255, 255, 255):
                coloured += 1
                first = first or (x, y)
    problems = []
    if first is not None:
        problems.append(
            f"{name} (icons.outline) must be white on transparent: {coloured} visible pixel(s) "
            f"are not pure white (the first at x={first[0]}, y={first[1]})"
        )
    if visible == 0:
        problems.append(f"{name} (icons.outline) is fully transparent; draw the mark in white")
    elif visible == rgba.width * rgba.height:
        problems.append(
            f"{name} (icons.outline) has no transparent pixels; the background must be transparent"
        )
    return problems


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
