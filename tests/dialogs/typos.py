"""Mistyped commands, each with the suggestion a person should get, written before the code.

``(role, language, typed, expected)``: ``role`` is who types it (a ``member`` or the council's
secretary, an ``officer``), ``language`` the language they chose, ``expected`` the command
"Menade du …?" / "Did you mean …?" names, written as the command is written (with å, ä, ö),
or None when no command is near enough to suggest. Used by ``tests/bot/test_typos.py``
(through the real Teams endpoint) and ``bench/bench_typos.py`` (precision and recall).
"""

from __future__ import annotations

from typing import Literal

Role = Literal["member", "officer"]

TYPOS: list[tuple[Role, str, str, str | None]] = [
    # --- Swedish ---
    ("member", "sv", "mina åtgräder", "mina åtgärder"),
    ("member", "sv", "mina atgrder", "mina åtgärder"),
    ("member", "sv", "mina åtgerder", "mina åtgärder"),
    ("member", "sv", "nsta möte", "nästa möte"),
    ("member", "sv", "näst möte", "nästa möte"),
    ("member", "sv", "mötn", "möten"),
    ("member", "sv", "hjälpp", "hjälp"),
    ("member", "sv", "hälp", "hjälp"),
    ("member", "sv", "nominerra RPT THS ordförande Anna Lundgren", "nominera"),
    ("member", "sv", "nomineringr", "nomineringar"),
    ("member", "sv", "dagordnig", "dagordning"),
    ("member", "sv", "medlemar", "medlemmar"),
    ("member", "sv", "beslu budget", "beslut"),
    ("member", "sv", "ångr", "ångra"),
    ("member", "sv", "kalnder", "kalender"),
    ("member", "sv", "språak en", "språk"),
    ("member", "sv", "jg är Karin Andersson", "jag är"),
    ("member", "sv", "mina uppgiter", "mina uppgifter"),
    ("member", "sv", "föreslå pukt Rapport från NPO", "föreslå punkt"),
    ("member", "sv", "klr 12", "klar"),
    ("member", "sv", "åtgärdr", "åtgärder"),
    # a member's slip near an officers' command: never suggested to a member, never refused
    ("member", "sv", "åtgärd mina", "åtgärder mina"),
    ("member", "sv", "ta bort medlm Maja Berndes", None),
    ("officer", "sv", "lägg till mötte 12 september", "lägg till möte"),
    ("officer", "sv", "ta bort medlm Maja Berndes", "ta bort medlem"),
    ("officer", "sv", "medlem ta bor Maja Berndes", "medlem ta bort"),
    ("officer", "sv", "flyta möte 3 19 september", "flytta möte"),
    ("officer", "sv", "öppna nominring RPT THS", "öppna nominering"),
    ("officer", "sv", "stäng nomnering RPT THS", "stäng nominering"),
    ("officer", "sv", "anteckingar", "anteckningar"),
    ("officer", "sv", "åtgärd mina", "åtgärder mina"),
    # --- English ---
    ("member", "en", "action mine", "actions mine"),
    ("officer", "en", "action mine", "actions mine"),
    ("member", "en", "my actons", "my actions"),
    ("member", "en", "nxt meeting", "next meeting"),
    ("member", "en", "meetngs", "meetings"),
    ("member", "en", "hepl", "help"),
    ("member", "en", "nominat RPT THS chair Anna Lundgren", "nominate"),
    ("member", "en", "nominatons", "nominations"),
    ("member", "en", "agneda", "agenda"),
    ("member", "en", "undoo", "undo"),
    ("member", "en", "calender", "calendar"),
    ("member", "en", "decisons", "decisions"),
    ("member", "en", "acton done 3", "action done"),
    ("member", "en", "my dat", "my data"),
    ("member", "en", "forget mee", "forget me"),
    ("member", "en", "member remov Maja Berndes", None),
    ("officer", "en", "meeting ad 12 September", "meeting add"),
    ("officer", "en", "member remov Maja Berndes", "member remove"),
    ("officer", "en", "nomination opne RPT THS", "nomination open"),
    ("officer", "en", "actoin Karin Andersson: send the report", "action"),
    # --- no command at all: nothing is suggested ---
    ("member", "sv", "hej", None),
    ("member", "sv", "tack så mycket", None),
    ("member", "en", "thanks", None),
    ("member", "en", "what is the weather", None),
]

#: More slips, written after the suggestions were built (the table above was written first
#: and the code made to pass it): ``bench/bench_typos.py`` reports on these apart, as a check
#: that the rules were not fitted to the table alone. Not asserted by the tests.
UNSEEN: list[tuple[Role, str, str, str | None]] = [
    ("member", "sv", "mina åtgärdder", "mina åtgärder"),
    ("member", "sv", "nästamöte", "nästa möte"),
    ("member", "sv", "hjälpa", "hjälp"),
    ("member", "sv", "nomineringa", "nomineringar"),
    ("member", "sv", "kalendar", "kalender"),
    ("member", "sv", "nominer RPT THS ordförande Anna Lundgren", "nominera"),
    ("member", "sv", "mina uppgfiter", "mina uppgifter"),
    ("member", "sv", "glöm mg", "glöm mig"),
    ("member", "sv", "kalender nylänk", "kalender ny länk"),
    ("officer", "sv", "ställ in mte 3", "ställ in möte"),
    ("officer", "sv", "öpna nominering RPT THS", "öppna nominering"),
    ("officer", "sv", "exporter", "exportera"),
    ("officer", "sv", "lägg till medlemar", "lägg till medlemmar"),
    ("member", "en", "hlep", "help"),
    ("member", "en", "nomnate RPT THS chair Anna Lundgren", "nominate"),
    ("member", "en", "membres", "members"),
    ("member", "en", "calendar new lnk", "calendar new link"),
    ("member", "en", "actions mien", "actions mine"),
    ("officer", "en", "meeting cancle 3", "meeting cancel"),
    ("officer", "en", "notse", "notes"),
    ("officer", "en", "deadline ad Remissvar 30 maj", "deadline add"),
    ("member", "en", "good morning", None),
    ("member", "sv", "vad gör du", None),
]
