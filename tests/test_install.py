"""The container's install, without a Docker daemon: the Dockerfile's COPY and ``RUN pip
install`` lines replayed into a new venv (``pip install .``, not editable), the sources then
removed as the image removes them, and the installed ``radsbot`` migrating, serving and
answering its health checks, the Dockerfile's own HEALTHCHECK command included."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.radsbot_cli import BANNER_START, free_port

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
#: Where the Dockerfile copies the sources to build from.
SOURCE = "/src"


def _instructions(name: str) -> list[str]:
    """The Dockerfile's instructions of one kind, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text("utf-8"))
    return [line[len(name) :].strip() for line in text.splitlines() if line.startswith(name + " ")]


def _copy_sources(into: Path) -> None:
    """``COPY a b /src/`` and ``COPY dir /src/dir``, into ``into`` instead of /src."""
    for copy in _instructions("COPY"):
        *sources, target = shlex.split(copy)
        destination = into / target.removeprefix(SOURCE).strip("/")
        for source in sources:
            path = ROOT / source
            if path.is_dir():
                shutil.copytree(path, destination, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                destination.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination / path.name)


def _pip_line(venv: Path, source: Path) -> list[str]:
    """The Dockerfile's ``RUN pip install … /src`` (up to ``&&``), for this venv's pip."""
    [run] = [r for r in _instructions("RUN") if r.startswith("pip install")]
    words = shlex.split(run.split("&&")[0])
    assert SOURCE in words, run  # the sources, not an editable install
    assert "-e" not in words and "--editable" not in words
    return [str(venv / "bin" / "pip"), *(str(source) if w == SOURCE else w for w in words[1:])]


def _healthcheck() -> list[str]:
    [check] = _instructions("HEALTHCHECK")
    return json.loads(check[check.index("CMD") + 3 :].strip())


def _clean_env(**settings: str) -> dict[str, str]:
    """No Rådsbot setting and no PYTHONPATH: the installed package alone."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("Microsoft", "RADSBOT_", "SLACK_", "PYTHON")) and k != "PORT"
    }
    return env | settings


@pytest.mark.install
@pytest.mark.timeout(400)
async def test_the_dockerfile_install_serves_from_site_packages(tmp_path: Path) -> None:
    venv, source, data = tmp_path / "venv", tmp_path / "src", tmp_path / "data"
    data.mkdir()
    _copy_sources(source)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run(_pip_line(venv, source), capture_output=True, text=True, timeout=360)
    assert installed.returncode == 0, installed.stderr[-3000:]
    shutil.rmtree(source)  # as the image does: nothing may come from the sources

    port = free_port()
    env = _clean_env(
        RADSBOT_DATABASE_URL=f"sqlite+aiosqlite:///{data / 'radsbot.db'}",
        PORT=str(port),
        RADSBOT_MIGRATE_ON_START="false",
        RADSBOT_LOG_FORMAT="json",
    )
    radsbot = str(venv / "bin" / "radsbot")
    migrated = subprocess.run(
        [radsbot, "migrate"], env=env, cwd=data, capture_output=True, text=True, timeout=60
    )
    assert migrated.returncode == 0, migrated.stderr
    # The Teams package is built from manifest/, which pip must have installed.
    packaged = subprocess.run(
        [radsbot, "teams-package", "--app-id", "00000000-0000-0000-0000-0000000000a1"],
        env=env,
        cwd=data,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert packaged.returncode == 0, packaged.stderr
    with zipfile.ZipFile(data / "radsbot.zip") as package:
        assert {"manifest.json", "color.png", "outline.png"} <= set(package.namelist())

    server = await asyncio.create_subprocess_exec(
        radsbot, "serve", env=env, cwd=data, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        assert server.stdout is not None
        first_lines = []
        while not (line := (await server.stdout.readline()).decode()).startswith(BANNER_START):
            assert line, "radsbot serve ended:\n" + "".join(first_lines)
            first_lines.append(line)
        location = await _module_location(venv)
        assert location.startswith(str(venv)), location
        check = _healthcheck()
        check[0] = str(venv / "bin" / check[0])
        healthy = await asyncio.to_thread(
            subprocess.run, check, env=env, capture_output=True, timeout=30
        )
        assert healthy.returncode == 0, healthy.stderr
        async with aiohttp.ClientSession() as http:
            # ready once the first reminder run has finished, as a load balancer would wait
            for _ in range(100):
                async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                    status, said = response.status, await response.text()
                if status == 200 or "no run finished yet" not in said:
                    break
                await asyncio.sleep(0.2)
            assert status == 200, said
            async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                assert response.status == 200
                assert "radsbot_turn_seconds" in await response.text()
    finally:
        server.terminate()
        await server.wait()


async def _module_location(venv: Path) -> str:
    """Where the venv's Python finds the ``bot`` package."""
    found = await asyncio.create_subprocess_exec(
        str(venv / "bin" / "python"),
        "-c",
        "import bot; print(bot.__file__)",
        env=_clean_env(),
        cwd=venv,
        stdout=subprocess.PIPE,
    )
    out, _ = await found.communicate()
    return out.decode().strip()
