"""Every third-party module the code imports comes from a distribution ``pyproject.toml``
declares: a clean ``pip install -e .`` must be enough to run it, whatever the venv happens to
hold besides (``dateutil`` arriving only through ``dateparser``, ``msrest`` through botbuilder).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "dialogs", "store", "scheduler")
OURS = {*PACKAGES, "manifest"}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        assert found, requirement
        names.add(_normalized(found.group(0)))
    return names


def imported_modules(folders: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Absolute imports of modules outside the standard library and our own packages, each
    with the first place it is imported from."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations/versions" in path.as_posix():
                continue  # run by Alembic with the same imports as store/
            tree = ast.parse(path.read_text("utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in OURS:
                        continue
                    found.setdefault(name, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@cache
def _files_of(distribution: str) -> frozenset[Path]:
    dist = metadata.distribution(distribution)
    return frozenset(Path(dist.locate_file(f)).resolve() for f in dist.files or ())


def distribution_of(module: str) -> str | None:
    """The installed distribution that provides ``module``; for a namespace package shared by
    several distributions (``botbuilder``, ``azure``), the one holding the module's own file."""
    candidates = metadata.packages_distributions().get(module.split(".")[0], [])
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    origin = Path(spec.origin).resolve()
    for candidate in candidates:
        if origin in _files_of(candidate):
            return candidate
    return None


def test_the_scan_finds_third_party_imports_and_their_distributions() -> None:
    modules = imported_modules()
    assert "sqlalchemy" in modules and "aiohttp" in modules
    assert not any(name.split(".")[0] in OURS for name in modules)
    assert distribution_of("botbuilder.schema") == "botbuilder-schema"
    assert distribution_of("botbuilder.core") == "botbuilder-core"
    assert distribution_of("no_such_module_anywhere") is None


def test_every_imported_distribution_is_declared() -> None:
    declared = declared_distributions()
    missing = []
    for module, where in sorted(imported_modules().items()):
        distribution = distribution_of(module)
        if distribution is None:
            missing.append(f"{module} ({where}): not installed, or from no distribution")
        elif _normalized(distribution) not in declared:
            missing.append(f"{module} ({where}): {distribution} is not in [project].dependencies")
    assert not missing, "\n".join(missing)
