"""The pages and files reached by a secret link: calendar feeds, the council page, exports.

Every address carries a token (``store.secret_links``); a wrong, revoked or expired one, or
one of another kind, gets the same bare 404 as an address that never existed. A link opens
only its own council's (or person's) data. Responses are never cached by the way, never
indexed, and never send the address on as a Referer (the token is in it).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from markupsafe import escape
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.calendar_feed import ICS_CONTENT_TYPE, FeedContext, feed_bytes
from bot.council_page import PageLinks, render_council_page
from bot.exports import CSV_TYPE, DATASETS, FORMATS, XLSX_TYPE, csv_bytes, load_table, xlsx_bytes
from bot.my_data_page import render_my_data_page
from dialogs.link_paths import (
    CALENDAR,
    EXPORT,
    MEETING,
    MY_DATA,
    PAGE,
    council_feed_path,
    my_data_path,
)
from dialogs.text.markup import without_marks
from dialogs.texts import text
from store import actions, councils, personal_data, secret_links
from store.council_records import agendas_of, calendar_meetings, dated_items
from store.models import Council, Meeting, Person, SecretLink

#: Meetings this far back stay in a feed (a calendar keeps what it has seen anyway).
FEED_HISTORY = timedelta(days=180)
#: Where Teams shows a tab: the page may be framed there and nowhere else.
TEAMS_FRAME_ANCESTORS = (
    "https://teams.microsoft.com https://*.teams.microsoft.com "
    "https://*.cloud.microsoft https://*.office.com"
)
TEAMS_JS = "https://res.cdn.office.net/teams-js/2.34.0/js/MicrosoftTeams.min.js"
_TOKEN = r"{token:[A-Za-z0-9_-]{20,64}}"

_PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
}


@dataclass
class SecretPages:
    """The handlers, with what they need from the app."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime]
    default_language: str
    public_url: str

    async def _link(self, session: AsyncSession, request: web.Request, kind: str) -> SecretLink:
        link = await secret_links.find(session, request.match_info["token"], kind, now=self.clock())
        if link is None:
            raise web.HTTPNotFound()
        return link

    def _feed(self, lang: str, found: dict[int, Council]) -> FeedContext:
        host = urlsplit(self.public_url).hostname or "radsbot"
        return FeedContext(host=host, lang=lang, now=self.clock(), councils=found)

    async def person_feed(self, request: web.Request) -> web.Response:
        """A person's feed: the meetings of every council they sit in, their own deadlines."""
        async with self.sessions() as session:
            link = await self._link(session, request, CALENDAR)
            person = await session.get(Person, link.person_id) if link.person_id else None
            if person is None:
                raise web.HTTPNotFound()
            lang = person.language or self.default_language
            theirs = {c.id: c for c, _ in await councils.councils_of(session, person.id)}
            ids = list(theirs)
            now = self.clock()
            meetings = await calendar_meetings(session, ids, now - FEED_HISTORY)
            agendas = await agendas_of(session, [m.id for m in meetings])
            own = await actions.open_actions_of(session, person.id, ids)
        name = without_marks(text(lang, "calendar.feed_name_person"))
        body = feed_bytes(name, self._feed(lang, theirs), meetings, own, agendas=agendas)
        return _ics(body, "radsbot.ics")

    async def council_feed(self, request: web.Request) -> web.Response:
        """A council's feed: its meetings, its actions' deadlines and its other dates."""
        async with self.sessions() as session:
            council = await self._council(session, request, PAGE)
            lang = council.language or self.default_language
            now = self.clock()
            meetings = await calendar_meetings(session, [council.id], now - FEED_HISTORY)
            agendas = await agendas_of(session, [m.id for m in meetings])
            open_actions = await actions.open_actions(session, council.id, limit=1000)
            dated = await dated_items(session, council.id, now - FEED_HISTORY)
        feed = self._feed(lang, {council.id: council})
        body = feed_bytes(council.name, feed, meetings, open_actions, dated, agendas)
        return _ics(body, f"{council.short_key}.ics")

    async def meeting_ics(self, request: web.Request) -> web.Response:
        """One meeting as a file to open in a calendar ("Lägg till i kalendern")."""
        async with self.sessions() as session:
            link = await self._link(session, request, MEETING)
            council = await session.get(Council, link.council_id) if link.council_id else None
            if council is None or link.subject_id is None:
                raise web.HTTPNotFound()
            meeting = await session.get(Meeting, link.subject_id)
            if meeting is None or meeting.council_id != council.id:
                raise web.HTTPNotFound()
            agendas = await agendas_of(session, [meeting.id])
        lang = council.language or self.default_language
        feed = self._feed(lang, {council.id: council})
        body = feed_bytes(council.name, feed, [meeting], agendas=agendas)
        return _ics(body, f"{council.short_key}-{meeting.number}.ics", attachment=True)

    async def _council(self, session: AsyncSession, request: web.Request, kind: str) -> Council:
        link = await self._link(session, request, kind)
        council = await session.get(Council, link.council_id) if link.council_id else None
        if council is None:
            raise web.HTTPNotFound()
        return council

    async def council_page(self, request: web.Request) -> web.Response:
        """The council page, in the council's language or the one asked for (``?lang=en``)."""
        token = request.match_info["token"]
        async with self.sessions() as session:
            council = await self._council(session, request, PAGE)
            asked = request.query.get("lang", "")
            lang = asked if asked in ("sv", "en") else council.language or self.default_language
            other = "en" if lang == "sv" else "sv"
            links = PageLinks(
                feed_url=self.public_url + council_feed_path(token),
                other_language_url=f"?lang={other}",
            )
            html = await render_council_page(session, council, lang, self.clock(), links)
        response = web.Response(text=html, content_type="text/html", charset="utf-8")
        response.headers.update(_PRIVATE_HEADERS)
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
            f"frame-ancestors 'self' {TEAMS_FRAME_ANCESTORS}"
        )
        return response

    async def export_file(self, request: web.Request) -> web.Response:
        """One list of an export, as XLSX or CSV."""
        dataset, fmt = request.match_info["dataset"], request.match_info["fmt"]
        if dataset not in DATASETS or fmt not in FORMATS:
            raise web.HTTPNotFound()
        async with self.sessions() as session:
            council = await self._council(session, request, EXPORT)
            table = await load_table(session, council, dataset)
        if fmt == "xlsx":
            body = await asyncio.to_thread(xlsx_bytes, table)
            content_type = XLSX_TYPE
        else:
            body = csv_bytes(table)
            content_type = CSV_TYPE
        response = web.Response(body=body, headers={"Content-Type": content_type})
        response.headers.update(_PRIVATE_HEADERS)
        filename = f"{council.short_key}-{dataset}.{fmt}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    async def _my_data(self, request: web.Request) -> tuple[dict[str, Any], str]:
        """The person's data for a live "my data" link, and their language."""
        async with self.sessions() as session:
            link = await self._link(session, request, MY_DATA)
            found = (
                await personal_data.personal_data(session, link.person_id)
                if link.person_id
                else None
            )
        if found is None:
            raise web.HTTPNotFound()
        return found, found["person"]["language"] or self.default_language

    async def my_data_page(self, request: web.Request) -> web.Response:
        """Everything the bot keeps about the link's person, as a readable page."""
        data, lang = await self._my_data(request)
        json_url = self.public_url + my_data_path(request.match_info["token"], "json")
        html = render_my_data_page(data, lang, json_url)
        response = web.Response(text=html, content_type="text/html", charset="utf-8")
        response.headers.update(_PRIVATE_HEADERS)
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'"
        )
        return response

    async def my_data_json(self, request: web.Request) -> web.Response:
        """The same data as JSON, to keep or to take elsewhere."""
        data, _ = await self._my_data(request)
        body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        response = web.Response(text=body, content_type="application/json", charset="utf-8")
        response.headers.update(_PRIVATE_HEADERS)
        response.headers["Content-Disposition"] = (
            'attachment; filename="radsbot-mina-uppgifter.json"'
        )
        return response

    async def teams_tab_config(self, request: web.Request) -> web.Response:
        """The Teams tab's configuration page: the council page's link is pasted in, and the
        tab shows that page (see the README, *The council page in a Teams tab*)."""
        nonce = secrets.token_urlsafe(16)
        lang = "en" if request.query.get("lang", "").lower().startswith("en") else "sv"

        def t(key: str) -> str:
            return without_marks(text(lang, key))

        prefix = f"{self.public_url}/council/"
        html = _TAB_CONFIG.format(
            lang=lang,
            title=_html(t("tab.title")),
            intro=_html(t("tab.intro")),
            label=_html(t("tab.label")),
            wrong=_html(t("tab.wrong")),
            teams_js=TEAMS_JS,
            nonce=nonce,
            prefix=_js(prefix),
            name=_js(t("tab.name")),
        )
        response = web.Response(text=html, content_type="text/html", charset="utf-8")
        response.headers.update(_PRIVATE_HEADERS)
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}' https://res.cdn.office.net; "
            "style-src 'unsafe-inline'; connect-src 'none'; base-uri 'none'; "
            f"form-action 'none'; frame-ancestors {TEAMS_FRAME_ANCESTORS}"
        )
        return response


def _html(value: str) -> str:
    return str(escape(value))


def _js(value: str) -> str:
    """A JavaScript string literal that cannot end the script element it stands in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def _ics(body: bytes, filename: str, *, attachment: bool = False) -> web.Response:
    response = web.Response(
        body=body, headers={"Content-Type": f"{ICS_CONTENT_TYPE}; charset=utf-8"}
    )
    response.headers.update(_PRIVATE_HEADERS)
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


SECRET_PAGES = web.AppKey("secret_pages", SecretPages)


def add_secret_routes(app: web.Application) -> None:
    """The routes; their handlers find ``app[SECRET_PAGES]`` once the database is open."""

    def handler(name: str):  # type: ignore[no-untyped-def]
        async def handle(request: web.Request) -> web.StreamResponse:
            pages = request.app[SECRET_PAGES]
            response: web.StreamResponse = await getattr(pages, name)(request)
            return response

        return handle

    app.router.add_get(f"/calendar/{_TOKEN}.ics", handler("person_feed"))
    app.router.add_get(f"/council/{_TOKEN}", handler("council_page"))
    app.router.add_get(f"/council/{_TOKEN}/calendar.ics", handler("council_feed"))
    app.router.add_get(f"/meeting/{_TOKEN}.ics", handler("meeting_ics"))
    app.router.add_get(
        f"/export/{_TOKEN}/{{dataset:[a-z-]{{1,30}}}}.{{fmt:[a-z]{{3,4}}}}", handler("export_file")
    )
    app.router.add_get(f"/my-data/{_TOKEN}", handler("my_data_page"))
    app.router.add_get(f"/my-data/{_TOKEN}.json", handler("my_data_json"))
    app.router.add_get("/teams/tab", handler("teams_tab_config"))


_TAB_CONFIG = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
  body {{ font: 1rem/1.5 "Segoe UI", system-ui, sans-serif; color: #1b1b1b; margin: 1rem; }}
  label {{ display: block; font-weight: 600; margin: 1rem 0 .25rem; }}
  input {{ width: 100%; max-width: 40rem; font: inherit; padding: .4rem; }}
  .problem {{ color: #a4000f; }}
</style>
<script src="{teams_js}" crossorigin="anonymous"></script>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{intro}</p>
<label for="link">{label}</label>
<input id="link" type="url" autocomplete="off" spellcheck="false" aria-describedby="problem">
<p id="problem" class="problem" role="alert" hidden>{wrong}</p>
</main>
<script nonce="{nonce}">
(function () {{
  var prefix = {prefix};
  var input = document.getElementById("link");
  var problem = document.getElementById("problem");
  function valid() {{
    var value = input.value.trim();
    return value.indexOf(prefix) === 0 && /^[A-Za-z0-9_-]{{20,64}}$/.test(value.slice(prefix.length));
  }}
  microsoftTeams.app.initialize().then(function () {{
    input.addEventListener("input", function () {{
      problem.hidden = valid() || input.value.trim() === "";
      microsoftTeams.pages.config.setValidityState(valid());
    }});
    microsoftTeams.pages.config.registerOnSaveHandler(function (saveEvent) {{
      var url = input.value.trim();
      microsoftTeams.pages.config.setConfig({{
        entityId: "radsbot-council-page",
        contentUrl: url,
        websiteUrl: url,
        suggestedDisplayName: {name}
      }}).then(function () {{ saveEvent.notifySuccess(); }});
    }});
  }});
}})();
</script>
</body>
</html>
"""
