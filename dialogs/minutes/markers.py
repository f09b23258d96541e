"""The words that mark a line or sentence as an action item when a colon follows them, as
every reader of minutes knows them: "Action:", "Åtgärd:", "Åtgärder:", "Action points:",
"Att göra:" (not "… kvar att göra:"), "To do:", "TODO:"."""

from __future__ import annotations

#: A regular expression (use with re.IGNORECASE) for the marker words, without the colon.
ACTION_MARKER_WORDS = r"(?:action(?:\s+points?)?|åtgärd(?:er)?|todo|to\s+do|(?<!\w\s)att\s+göra)"
#: What ends a marker: a colon, or a dash before an owner and a colon ("Åtgärd – Karin: …";
#: "behov av åtgärder – bland annat …" is prose).
AFTER_MARKER = r"(?:\s*:|\s+[–—-](?=\s+[A-ZÅÄÖ][^:.]{0,40}:\s))"
#: The signs lists are bulleted with, as the inside of a regular-expression class: dashes,
#: dots, arrows and the squares and circles Word and OneNote use ("▪", "○").
BULLETS = r"\-–—•*·→▪▫○◦‣►▸●■□➢"
