"""A 25 KB set of minutes is previewed in a handful of SQL statements (issue 13): the roster
and the meetings are read once per paste, never once per line or per name."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat
from tests.fixtures.statements import counted

#: the whole turn: who is asking, the council, the pending question, the roster, the
#: meetings, the groups, storing the preview
MAX_STATEMENTS = 10


def _long_minutes() -> str:
    """Invented minutes of about 25 KB: a participant list, reports, action items, decisions."""
    people = [
        "Astrid Wahlgren, ordförande",
        "Bertil Kjellberg, Lerums kommun",
        "Cecilia Marmgren (Alingsås lasarett)",
        "Dragan Petrović, vice ordförande",
        "Elin Rosqvist – Partille kommun",
        "Farida Haddad, sekreterare",
        "Gösta Lindmark, ledamot",
        "Hanna Sjöholm, ersättare",
    ]
    lines = ["Protokoll beredningsgruppen Göta älv", "Datum: 2026-11-11", "", "Närvarande"]
    lines += people
    lines += ["", "Frånvarande", "Ivar Nordqvist, ledamot", ""]
    for n in range(1, 61):
        lines.append(f"§ {n} Rapport om arbetet med samverkan, del {n}")
        lines.append(
            "Gruppen diskuterade hur utskrivningsklara patienter tas emot i kommunerna och "
            "vilka erfarenheter som finns från vintern. Rapporten lades till handlingarna. "
            "Flera ledamöter lyfte behovet av bättre överlämningar mellan vårdnivåerna och "
            "att informationen till närstående behöver bli tydligare under hela kedjan."
        )
        if n % 3 == 0:
            who = people[n % len(people)].split(",")[0].split(" (")[0].split(" –")[0]
            lines.append(
                f"Action: {who} sammanställer underlaget för punkt {n} senast 15 december."
            )
        if n % 8 == 0:
            lines.append(f"Beslut: Gruppen ställer sig bakom förslaget i punkt {n}.")
        lines.append("")
    return "\n".join(lines)


async def test_a_long_paste_reads_the_database_a_few_times(teams: TeamsChat) -> None:
    minutes = _long_minutes()
    assert 24_000 <= len(minutes.encode()) <= 30_000
    await teams.setup_council()
    with counted() as statements:
        preview = await teams.say("notes\n" + minutes)
    assert "20 åtgärder" in preview
    assert len(statements) <= MAX_STATEMENTS, "\n".join(statements)
