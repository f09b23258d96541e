"""The Teams app package: what ``build_package`` writes is valid, and broken packages are caught."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft6Validator
from PIL import Image

from bot.teams_package import TEAMS_DIR, PackageError, build_package, validate_package
from dialogs.parser import parse
from dialogs.registry import Registry

APP_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
RADSBOT = str(Path(sys.executable).with_name("radsbot"))
FILES = {"manifest.json", "en.json", "color.png", "outline.png"}
SCHEMAS = Path(__file__).resolve().parents[2] / "manifest" / "schema"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return build_package(APP_ID, "1.2.3", tmp_path / "radsbot.zip")


def _read(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(
    package: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    en: Callable[[dict[str, Any]], None] | None = None,
    files: dict[str, bytes] | None = None,
) -> Path:
    """A copy of a valid package with one thing changed."""
    contents = _read(package)
    for name, edit in (("manifest.json", manifest), ("en.json", en)):
        if edit is not None:
            data = json.loads(contents[name])
            edit(data)
            contents[name] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    contents.update(files or {})
    broken = package.with_name("broken.zip")
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return broken


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


def _solid(width: int, height: int, rgba: tuple[int, int, int, int]) -> bytes:
    return _png(Image.new("RGBA", (width, height), rgba))


def _schema_errors(schema: str, document: Any) -> list[str]:
    """Microsoft's schema, read straight from manifest/schema/ (not through bot/)."""
    found = json.loads((SCHEMAS / schema).read_text("utf-8"))
    return [e.message for e in Draft6Validator(found).iter_errors(document)]


def _command_lists(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return manifest["bots"][0]["commandLists"]


# --- a valid package -----------------------------------------------------------------------


def test_built_package_is_valid_and_filled_in(package: Path) -> None:
    assert validate_package(package) == []
    contents = _read(package)
    assert set(contents) == FILES  # all four, at the root
    manifest = json.loads(contents["manifest.json"])
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["version"] == "1.2.3"
    assert manifest["manifestVersion"] == "1.19"
    assert manifest["$schema"].endswith("/v1.19/MicrosoftTeams.schema.json")
    assert "{{" not in contents["manifest.json"].decode("utf-8")
    assert manifest["developer"]["name"] == "Rådsbot"
    for url in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert manifest["developer"][url].startswith("https://")
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "sv-SE"
    languages = manifest["localizationInfo"]["additionalLanguages"]
    assert [language["file"] for language in languages] == ["en.json"]
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    listed_scopes = [scope for cl in _command_lists(manifest) for scope in cl["scopes"]]
    assert sorted(listed_scopes) == sorted(["personal", "team", "groupChat"])


def test_the_built_manifest_and_localization_follow_microsofts_schemas(package: Path) -> None:
    contents = _read(package)
    manifest = json.loads(contents["manifest.json"])
    assert _schema_errors("MicrosoftTeams.schema.json", manifest) == []
    assert (
        _schema_errors("MicrosoftTeams.Localization.schema.json", json.loads(contents["en.json"]))
        == []
    )
    # The schema kept is the manifest's own version.
    schema = json.loads((SCHEMAS / "MicrosoftTeams.schema.json").read_text("utf-8"))
    assert schema["properties"]["manifestVersion"]["const"] == manifest["manifestVersion"]


def test_the_schema_check_can_fail() -> None:
    assert _schema_errors("MicrosoftTeams.schema.json", {"manifestVersion": "1.19"})


def test_icons_have_the_right_sizes_and_colours(package: Path) -> None:
    contents = _read(package)
    color = _image(contents["color.png"])
    assert color.size == (192, 192)
    rgba = color.convert("RGBA")
    assert rgba.getextrema()[3] == (255, 255)  # opaque
    assert len(rgba.getcolors(192 * 192) or []) > 2  # more than one colour
    outline = _image(contents["outline.png"])
    assert outline.size == (32, 32) and outline.mode == "RGBA"
    pixels = [outline.getpixel((x, y)) for x in range(32) for y in range(32)]
    assert all(a == 0 or (r, g, b) == (255, 255, 255) for r, g, b, a in pixels)
    assert any(a == 0 for *_, a in pixels) and any(a == 255 for *_, a in pixels)


def test_every_listed_command_is_a_command_in_both_languages(
    package: Path, registry: Registry
) -> None:
    contents = _read(package)
    manifest = json.loads(contents["manifest.json"])
    english = json.loads(contents["en.json"])
    names: set[str] = set()
    for i, command_list in enumerate(_command_lists(manifest)):
        assert 1 <= len(command_list["commands"]) <= 12
        for j, entry in enumerate(command_list["commands"]):
            assert len(entry["title"]) <= 32 and len(entry["description"]) <= 128
            swedish = parse(entry["title"], registry)
            assert swedish is not None and swedish.args == "", entry["title"]
            title = english[f"bots[0].commandLists[{i}].commands[{j}].title"]
            description = english[f"bots[0].commandLists[{i}].commands[{j}].description"]
            assert len(title) <= 32 and len(description) <= 128
            translated = parse(title, registry)
            assert translated is not None and translated.args == "", title
            assert translated.spec.name == swedish.spec.name, (entry["title"], title)
            names.add(swedish.spec.name)
    assert {"meeting.next", "actions.mine", "action.done", "nominate", "help"} <= names
    # en.json translates exactly the listed commands, no more
    command_keys = {k for k in english if k.startswith("bots[")}
    expected = sum(len(cl["commands"]) for cl in _command_lists(manifest)) * 2
    assert len(command_keys) == expected
    assert english["name.short"] == "Rådsbot"
    assert english["name.full"] != manifest["name"]["full"]
    assert english["description.short"] != manifest["description"]["short"]
    assert english["description.full"] != manifest["description"]["full"]
    assert english["$schema"].endswith("/v1.19/MicrosoftTeams.Localization.schema.json")


def test_the_committed_icons_are_what_make_icons_draws(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(TEAMS_DIR / "make_icons.py"), str(tmp_path)], check=True, timeout=60
    )
    for name in ("color.png", "outline.png"):
        drawn, committed = (
            _image((tmp_path / name).read_bytes()),
            _image((TEAMS_DIR / name).read_bytes()),
        )
        assert drawn.mode == committed.mode == "RGBA", name
        assert drawn.tobytes() == committed.tobytes(), name  # the same pixels, whatever zlib


# --- broken packages -----------------------------------------------------------------------


def test_an_app_id_that_is_no_guid_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "radsbot.zip"
    with pytest.raises(PackageError) as caught:
        build_package("nope", "1.0.0", out)
    assert "'nope' is not a GUID" in str(caught.value)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_manifest_id_that_is_no_guid(package: Path) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        manifest["id"] = "radsbot"
        manifest["bots"][0]["botId"] = "{{BOT_ID}}"

    problems = validate_package(_rewrite(package, manifest=edit))
    assert any("id 'radsbot' is not a GUID" in p for p in problems), problems
    assert any("bots[0].botId" in p and "placeholder" in p for p in problems), problems


def test_a_version_that_is_not_semver(package: Path) -> None:
    problems = validate_package(_rewrite(package, manifest=lambda m: m.update(version="1.0")))
    assert any("version '1.0'" in p for p in problems), problems


def test_an_outline_icon_with_a_coloured_pixel(package: Path) -> None:
    outline = _image(_read(package)["outline.png"]).convert("RGBA")
    outline.putpixel((7, 5), (255, 0, 0, 255))
    broken = _rewrite(package, files={"outline.png": _png(outline)})
    problems = validate_package(broken)
    assert len(problems) == 1, problems
    assert "outline.png" in problems[0] and "white on transparent" in problems[0]
    assert "x=7, y=5" in problems[0]


def test_an_outline_icon_without_transparency(package: Path) -> None:
    broken = _rewrite(package, files={"outline.png": _solid(32, 32, (255, 255, 255, 255))})
    problems = validate_package(broken)
    assert any("no transparent pixels" in p for p in problems), problems


def test_a_colour_icon_of_100_by_100(package: Path) -> None:
    broken = _rewrite(package, files={"color.png": _solid(100, 100, (26, 127, 212, 255))})
    problems = validate_package(broken)
    assert problems == ["color.png (icons.color) is 100×100 pixels; it must be 192×192"]


def test_eleven_commands_in_a_list(package: Path) -> None:
    """The manifest schema allows ten commands a list (and the localization schema has keys for
    commands[0] to commands[9])."""
    titles = [
        "hjälp",
        "help",
        "kommandon",
        "commands",
        "nästa möte",
        "next meeting",
        "nästa",
        "next",
        "möten",
        "meetings",
        "mötesdagar",
    ]

    def edit(manifest: dict[str, Any]) -> None:
        _command_lists(manifest)[1]["commands"] = [{"title": t, "description": t} for t in titles]

    def edit_en(english: dict[str, Any]) -> None:
        for j, title in enumerate(titles):
            english[f"bots[0].commandLists[1].commands[{j}].title"] = title
            english[f"bots[0].commandLists[1].commands[{j}].description"] = title

    problems = validate_package(_rewrite(package, manifest=edit, en=edit_en))
    assert (
        "manifest.json: bots[0].commandLists[1].commands has 11 entries; at most 10 allowed"
        in problems
    ), problems
    assert any(p.startswith("en.json: ") and "commands[10].title" in p for p in problems), problems


def test_a_command_title_that_is_no_command(package: Path) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        _command_lists(manifest)[0]["commands"][2]["title"] = "kaffe"

    problems = validate_package(_rewrite(package, manifest=edit))
    assert problems == [
        "manifest.json: bots[0].commandLists[0].commands[2]: "
        "the title 'kaffe' is not a Rådsbot command"
    ]


def test_a_command_title_with_a_placeholder(package: Path) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        _command_lists(manifest)[0]["commands"][2]["title"] = "klar N"

    problems = validate_package(_rewrite(package, manifest=edit))
    assert len(problems) == 1 and "'action.done' followed by 'N'" in problems[0], problems


def test_a_short_name_that_is_too_long(package: Path) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        manifest["name"]["short"] = "Rådsbot för samordningsråden i VGR"

    problems = validate_package(_rewrite(package, manifest=edit))
    assert problems == [
        "manifest.json: name.short is 34 characters long; at most 30 allowed "
        "('Rådsbot för samordningsråden i VGR')"
    ]


def test_a_localization_that_does_not_match_the_command_lists(package: Path) -> None:
    def edit_en(english: dict[str, Any]) -> None:
        del english["bots[0].commandLists[2].commands[9].title"]
        del english["bots[0].commandLists[2].commands[9].description"]
        english["bots[0].commandLists[0].commands[0].title"] = "meetings"

    problems = validate_package(_rewrite(package, en=edit_en))
    assert any(
        "commandLists[2] has 9 translated commands; manifest.json lists 10" in p for p in problems
    )
    assert any("commands[9].title is missing" in p for p in problems)
    assert any("'meetings' is the command 'meetings.list'" in p for p in problems), problems


def test_a_broken_template_writes_no_zip(tmp_path: Path) -> None:
    source = tmp_path / "teams"
    source.mkdir()
    for name in FILES:
        (source / name).write_bytes((TEAMS_DIR / name).read_bytes())
    manifest = json.loads((source / "manifest.json").read_text("utf-8"))
    manifest["description"]["short"] = "x" * 81
    (source / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    out = tmp_path / "out" / "radsbot.zip"
    with pytest.raises(PackageError, match=r"description.short is 81 characters long; at most 80"):
        build_package(APP_ID, "1.0.0", out, source=source)
    assert not out.exists()


def test_a_zip_with_the_files_in_a_folder(package: Path, tmp_path: Path) -> None:
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w") as archive:
        for name, data in _read(package).items():
            archive.writestr(f"radsbot/{name}", data)
    problems = validate_package(nested)
    assert any("root of the zip" in p for p in problems)
    assert any("no manifest.json" in p for p in problems)


# --- the command line ----------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))}


def _teams_package(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``radsbot teams-package ARGS`` as an admin runs it."""
    return subprocess.run(
        [RADSBOT, "teams-package", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=cwd,
    )


def test_cli_builds_a_valid_package(tmp_path: Path) -> None:
    out = tmp_path / "x.zip"
    done = _teams_package(tmp_path, "--app-id", APP_ID, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert validate_package(out) == []
    from importlib.metadata import version

    manifest = json.loads(_read(out)["manifest.json"])
    assert manifest["version"] == version("radsbot")


def test_cli_refuses_an_app_id_that_is_no_guid(tmp_path: Path) -> None:
    out = tmp_path / "x.zip"
    done = _teams_package(tmp_path, "--app-id", "nope", "--out", str(out))
    assert done.returncode == 1
    assert "'nope' is not a GUID" in done.stderr and "MicrosoftAppId" in done.stderr
    assert done.stdout == ""
    assert not out.exists()


def test_cli_says_clearly_when_it_cannot_write_the_zip(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = _teams_package(tmp_path, "--app-id", APP_ID, "--out", str(blocker / "x.zip"))
    assert done.returncode == 1
    assert done.stderr.startswith("radsbot teams-package: ")
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


# --- the council page's tab (issue 17) -------------------------------------------------------


def test_with_an_https_public_url_the_package_has_the_council_page_tab(tmp_path: Path) -> None:
    out = build_package(
        APP_ID, "1.2.3", tmp_path / "x.zip", public_url="https://radsbot.example.org/"
    )
    assert validate_package(out) == []
    manifest = json.loads(_read(out)["manifest.json"])
    (tab,) = manifest["configurableTabs"]
    assert tab["configurationUrl"] == "https://radsbot.example.org/teams/tab"
    assert set(tab["scopes"]) == {"team", "groupChat"} and "channelTab" in tab["context"]
    assert manifest["validDomains"] == ["radsbot.example.org"]


def test_without_an_https_public_url_there_is_no_tab(package: Path, tmp_path: Path) -> None:
    for public_url in (None, "http://localhost:3978"):
        out = build_package(APP_ID, "1.2.3", tmp_path / "y.zip", public_url=public_url)
        manifest = json.loads(_read(out)["manifest.json"])
        assert "configurableTabs" not in manifest and manifest["validDomains"] == []
        assert validate_package(out) == []


def test_a_tab_on_a_host_outside_valid_domains(tmp_path: Path) -> None:
    out = build_package(APP_ID, "1.2.3", tmp_path / "x.zip", public_url="https://a.example.org")

    def elsewhere(manifest: dict[str, Any]) -> None:
        manifest["configurableTabs"][0]["configurationUrl"] = "https://evil.example.com/tab"

    problems = validate_package(_rewrite(out, manifest=elsewhere))
    assert problems == [
        "manifest.json: configurableTabs[0].configurationUrl: its host 'evil.example.com' "
        "is not in validDomains"
    ]


def test_cli_takes_the_public_url_from_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "x.zip"
    env = {**_env(), "RADSBOT_PUBLIC_URL": "https://radsbot.example.org"}
    done = subprocess.run(
        [RADSBOT, "teams-package", "--app-id", APP_ID, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads(_read(out)["manifest.json"])
    assert manifest["configurableTabs"][0]["configurationUrl"].startswith(
        "https://radsbot.example.org/"
    )
