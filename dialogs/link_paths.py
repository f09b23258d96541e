"""The addresses of the secret links the bot gives out, shared by the commands that hand them
out (``dialogs/commands/links.py``) and the web server that answers them
(``bot/secret_routes.py``). Each kind is a ``SecretLink.kind``."""

from __future__ import annotations

#: a person's calendar feed
CALENDAR = "calendar"
#: a council's page, and the council's calendar feed under the same token
PAGE = "page"
#: one meeting's .ics ("Lägg till i kalendern")
MEETING = "meeting"
#: a council's lists for Excel, for a day
EXPORT = "export"
#: everything the bot keeps about one person (GDPR art. 15), for a week
MY_DATA = "my_data"


def person_feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


def council_page_path(token: str) -> str:
    return f"/council/{token}"


def council_feed_path(token: str) -> str:
    return f"/council/{token}/calendar.ics"


def meeting_ics_path(token: str) -> str:
    return f"/meeting/{token}.ics"


def export_path(token: str, dataset: str, fmt: str) -> str:
    return f"/export/{token}/{dataset}.{fmt}"


def my_data_path(token: str, fmt: str = "") -> str:
    """The page of a person's data, or (``fmt="json"``) the same as JSON."""
    return f"/my-data/{token}.{fmt}" if fmt else f"/my-data/{token}"


#: The lists an export offers, by the name in their address (``bot/exports.py``).
EXPORT_DATASETS = ("atgarder-oppna", "atgarder-klara", "moten", "beslut", "nomineringar")
EXPORT_FORMATS = ("xlsx", "csv")
