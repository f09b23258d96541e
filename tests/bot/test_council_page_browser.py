"""The council page (issue 17) as a person sees it: opened with ``sida`` in headless Chromium
(Debian's ``chromium``, driven by Playwright, no browser download) in a phone-sized and a
desktop window, with screenshots in ``test-artifacts/screenshots/`` and axe-core's
accessibility rules (``tests/vendor/axe.min.js``). Skipped with the reason where Playwright
or Chromium is missing. One browser serves the whole module (it is one test)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat
from tests.fixtures.links import urls_in

ROOT = Path(__file__).parents[2]
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("RADSBOT_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The axe rule sets checked: WCAG 2.1 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

MINUTES = """Protokoll Samordningsråd Barn
Datum: 2025-04-08

§ 12 Arbetsordning
Beslut: Rådet antar arbetsordningen.
"""
TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"


async def _axe_violations(page: Any) -> list[dict[str, Any]]:
    await page.add_script_tag(content=AXE.read_text("utf-8"))
    result = await page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


async def test_council_page_on_a_phone_and_a_desktop(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    playwright_api = pytest.importorskip("playwright.async_api", reason="Playwright not installed")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    async with TeamsChat.running(migrated_sqlite_url, connector, clock) as teams:
        await teams.setup_council()
        await teams.say(f"meeting add 12 september kl 09.30-15.30, Stationshuset, Gbg {TEAMS_LINK}")
        await teams.say("meeting add 13 oktober kl 10-12, Teamsmöte")
        await teams.say("agenda add Rapport från NPO", user="Carin Skoog")
        await teams.say("action Lars Gelander: ta fram underlag om ätstörningar senast 15 april")
        await teams.say("action Lars Gelander: läsa remissen senast 30 maj")
        await teams.say("action Karin Berg och Joanna Pestalozzi: boka lokal senast 20 maj")
        await teams.say("notes\n" + MINUTES)
        await teams.say("ok")
        await teams.say("nomination open RPT THS roles ordförande, koordinator deadline 31 maj")
        clock.set("2025-04-20 10:00")  # the April deadline has passed
        reply = await teams.say("sida")
        page_path = "/" + urls_in(reply)[0].split("/", 3)[3]
        url = str(teams.server.make_url(page_path))

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        async with playwright_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                phone = await browser.new_context(
                    viewport={"width": 390, "height": 844},
                    device_scale_factor=2,
                    is_mobile=True,
                    has_touch=True,
                    bypass_csp=True,  # to inject axe; the page itself runs no script
                )
                page = await phone.new_page()
                response = await page.goto(url)
                assert response is not None and response.status == 200
                await page.screenshot(path=SCREENSHOTS / "council-page-phone.png", full_page=True)
                assert await page.get_attribute("html", "lang") == "sv"
                heading = page.get_by_role("heading", level=1)
                assert await heading.inner_text() == "Samordningsråd Barn"
                assert await heading.is_visible()
                headings = await page.get_by_role("heading", level=2).all_inner_texts()
                assert headings == [
                    "Nästa möte",
                    "Öppna åtgärder (3)",
                    "Kommande möten",
                    "Öppna nomineringsomgångar",
                    "Senaste beslut",
                ]
                join = page.get_by_role("link", name="Anslut till Teamsmötet")
                assert await join.is_visible()
                assert await join.get_attribute("href") == TEAMS_LINK
                assert "Rapport från NPO" in await page.locator("ol").inner_text()
                # the overdue action says so in words, next to it, where it is seen
                overdue = page.locator("li.overdue")
                assert await overdue.count() == 1
                assert "Ta fram underlag om ätstörningar" in await overdue.inner_text()
                badge = overdue.get_by_text("Försenad")
                assert await badge.is_visible()
                # grouped by owner: Lars's two, then Joanna's and Karin's shared one
                owners = await page.locator("#actions-heading ~ h3").all_inner_texts()
                assert owners == ["Joanna Pestalozzi", "Karin Berg", "Lars Gelander"]
                assert "RPT THS" in await page.locator("#rounds-heading + ul").inner_text()
                assert (
                    "antar arbetsordningen"
                    in await page.locator("#decisions-heading + ul").inner_text()
                )
                # nothing wider than the phone: no sideways scrolling
                widths = await page.evaluate(
                    "() => [document.documentElement.scrollWidth, window.innerWidth]"
                )
                assert widths[0] <= widths[1], widths
                assert "@vgregion.se" not in await page.content()
                assert await _axe_violations(page) == []

                desktop = await browser.new_context(
                    viewport={"width": 1280, "height": 800}, bypass_csp=True
                )
                page = await desktop.new_page()
                await page.goto(url)
                await page.screenshot(path=SCREENSHOTS / "council-page-desktop.png", full_page=True)
                # the when/where list sits side by side on a wide screen
                when = page.get_by_text("När", exact=True)
                place = page.get_by_text("Stationshuset, Gbg", exact=True)
                when_box, place_box = await when.bounding_box(), await place.bounding_box()
                assert when_box and place_box
                assert place_box["x"] > when_box["x"] + when_box["width"]
                await page.get_by_role("link", name="In English").click()
                await page.wait_for_load_state()
                assert await page.get_attribute("html", "lang") == "en"
                assert await page.get_by_role("heading", name="Next meeting").is_visible()
                assert await page.get_by_text("Overdue", exact=True).is_visible()
                await page.screenshot(
                    path=SCREENSHOTS / "council-page-desktop-en.png", full_page=True
                )
                assert await _axe_violations(page) == []
            finally:
                await browser.close()
