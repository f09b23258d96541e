"""The words that mark a line or sentence as an action item when a colon follows them, as
every reader of minutes knows them: "Action:", "Åtgärd:", "Åtgärder:", "Action points:",
"Att göra:", "To do:", "TODO:"."""

from __future__ import annotations

#: A regular expression (use with re.IGNORECASE) for the marker words, without the colon.
ACTION_MARKER_WORDS = r"(?:action(?:\s+points?)?|åtgärd(?:er)?|todo|to\s+do|att\s+göra)"
#: What ends a marker: a colon, or a dash before the item ("Åtgärd – Karin: …").
AFTER_MARKER = r"(?:\s*:|\s+[–—-](?=\s))"
