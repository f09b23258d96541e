"""The council's decisions in the lines of its minutes (issue 13, point 6).

A decision is a sentence the minutes mark as decided: "Beslut: …", "Beslut att …",
"(Det) beslutades att …", "… beslutades.", "Mötet/Nämnden/Rådet beslutar (beslutade) att …",
"Rådet fattar (fattade) beslut om …", "Rådet ställer sig bakom …", "Decision: …",
"Decided: …", or a postponement ("Ärendet bordläggs",
"bordlades", "är bordlagd"). A bare "Beslut:" takes the "att …" lines under it, each a
decision of its own (or, without any, the one line after it). A decision under a "§ 14"
heading keeps that section.

Not decisions: what is only prepared or to come ("beslutsunderlag", "inför beslut",
"beslut fattas vid nästa möte", "ska fatta beslut"), a proposal ("Förslag till beslut: …"),
questions, and a decision merely mentioned ("nämndens beslut från i våras").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dialogs.minutes.markers import BULLETS
from dialogs.text.folding import fold


@dataclass(frozen=True)
class Decision:
    text: str
    #: the "§ 14" the decision sits under, or None
    section: str | None = None


def read_decisions(lines: Sequence[str]) -> tuple[Decision, ...]:
    """Every decision in the lines of the minutes, in order, each once."""
    lines = _unwrapped(lines)
    found: list[Decision] = []
    section: str | None = None
    index = 0
    while index < len(lines):
        line = _clean(lines[index])
        index += 1
        heading = _SECTION.match(line)
        if heading:
            section = f"§ {heading.group(1)}"
        bare = _BARE_MARKER.match(line)
        if bare:
            taken = 0
            while index + taken < len(lines):
                raw = lines[index + taken].strip()
                follower = _ATT_LINE.match(_clean(raw))
                if follower is None and not (_LEAD.match(raw) and _clean(raw)):
                    break
                clause = follower.group(1) if follower else _clean(raw)
                found.append(Decision(_shown(clause.rstrip(",;")), section))
                taken += 1
            if taken == 0 and index < len(lines):
                follower_text = _clean(lines[index])
                if follower_text and not _SECTION.match(follower_text):
                    found.extend(Decision(t, section) for t in _decisions_in(follower_text, True))
                    taken = 1
            index += taken
            continue
        decided = _decisions_in(line, False)
        found.extend(Decision(text, section) for text in decided)
        # "Beslut: att fastställa planen," and on the next lines "att uppdra åt kansliet …":
        # each "att" line under a decision is a decision of its own.
        while decided and index < len(lines) and (more := _ATT_LINE.match(_clean(lines[index]))):
            found.append(Decision(_shown(more.group(1).rstrip(",;")), section))
            index += 1
    return _unique(found)


def _unwrapped(lines: Sequence[str]) -> list[str]:
    """The lines with a sentence broken over two put back together: a line that ends without
    a full stop, followed by one that starts in lower case (plain text wrapped at 80
    columns). An "att …" line stays apart: it is the next clause of a list of decisions."""
    joined: list[str] = []
    for line in lines:
        text = line.strip()
        if (
            joined
            and text[:1].islower()
            and not _ATT_LINE.match(text)
            and not joined[-1].rstrip().endswith((".", "!", "?", ":", ";"))
        ):
            joined[-1] = f"{joined[-1].rstrip()} {text}"
        else:
            joined.append(line)
    return joined


# --- one line -------------------------------------------------------------------------------

_SECTION = re.compile(r"^§\s*(\d{1,4})\b")
_LABELS = r"(?:beslut|beslutat|beslutades|decision|decisions|decided)"
_BARE_MARKER = re.compile(
    rf"^(?:§\s*\d{{1,4}}\b.*?\s)?{_LABELS}\s*:\s*$"
    # "Samordningsrådet beslutar att" with its clauses in a list below
    r"|^.*?\s(?:beslutar|beslutade|beslöt|beslutades)\s+att\s*:?\s*$",
    re.IGNORECASE,
)
_ATT_LINE = re.compile(r"^(att\s+.+)$", re.IGNORECASE)
_LEAD = re.compile(rf"^(?:[{BULLETS}]+\s*|\d{{1,2}}\s*[.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")

#: the marker, and where the decision's own words start: after it ("tail"), or the whole
#: sentence ("whole")
_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![\w-]){_LABELS}\s*:\s*", re.IGNORECASE), "tail"),
    (re.compile(r"^beslut\s+(?=att\s)", re.IGNORECASE), "tail"),
    (re.compile(r"(?<![\w-])beslutades\s+(?=att\s)", re.IGNORECASE), "tail"),
    (re.compile(r"(?<=\w)\s+(?:beslut(?:ar|ade)|beslöt)\s+(?=att\s)", re.IGNORECASE), "tail"),
    (re.compile(r"(?<=\w)\s+fatta(?:r|de)\s+beslut\s+(?:om|att)\s+", re.IGNORECASE), "tail"),
    (re.compile(r"(?<![\w-])(?:decided|resolved)\s+(?=(?:to|that)\s)", re.IGNORECASE), "tail"),
    (re.compile(r"(?<=\w)\s+beslutades\s*[.!]?\s*$", re.IGNORECASE), "whole"),
    (re.compile(r"(?<![\w-])bord(?:läggs|lades|lagd|lagt|lagda)\b", re.IGNORECASE), "whole"),
    # "Rådet ställer sig bakom förslaget": the council endorses it
    # (in the present: "Socialnämnden ställde sig bakom …" reports another body's decision)
    (re.compile(r"(?<=\w)\s+ställer\s+sig\s+bakom\s+", re.IGNORECASE), "whole"),
    # "Förslaget till riktlinje godkändes": approved at the meeting (not its routine papers)
    (
        re.compile(
            r"(?<=\w)\s+(?:godkändes|godkänns|antogs|antas|fastställdes|fastställs)\s*[.!]?\s*$",
            re.IGNORECASE,
        ),
        "whole",
    ),
)
#: the meeting's own papers, approved at every meeting: no decision of the council's
_ROUTINE = re.compile(
    r"\b(?:dagordning\w*|föredragningslista\w*|protokoll\w*|föregående|minnesanteckning\w*|"
    r"anteckning\w*|mötesanteckning\w*|agenda|minutes)\b",
    re.IGNORECASE,
)
#: a proposal or an announcement of a decision to come, not one taken
_NOT_TAKEN = re.compile(
    r"(?:förslag\s+till|inför)\s+$|^beslut\s+(?:fattas|tas|kommer)\b", re.IGNORECASE
)


def _clean(line: str) -> str:
    text = " ".join(line.replace("**", "").replace("__", "").split())
    return _LEAD.sub("", text).strip()


def _decisions_in(line: str, under_marker: bool) -> list[str]:
    """The decisions one line holds; `under_marker`: the line follows a bare "Beslut:"."""
    if under_marker:
        if line.rstrip().endswith("?") or _NOT_TAKEN.search(line):
            return []
        return [_shown(line)]
    for pattern, how in _MARKERS:
        match = pattern.search(line)
        if match is None:
            continue
        start = _sentence_start(line, match.start())
        if _NOT_TAKEN.search(line[start : match.start()]):
            continue
        stop = _sentence_stop(
            line, match.end(), rest_of_line=how == "tail" and ":" in match.group()
        )
        sentence = line[start:stop]
        if sentence.rstrip().endswith("?") or (how == "whole" and _ROUTINE.search(sentence)):
            continue
        text = line[match.end() : stop] if how == "tail" else sentence
        if _NOT_TAKEN.search(text.strip()) or not text.strip(" .:"):
            continue
        return [_shown(text)]
    return []


def _sentence_start(line: str, position: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(line, 0, position)]
    return ends[-1] if ends else 0


def _sentence_stop(line: str, position: int, *, rest_of_line: bool) -> int:
    if rest_of_line:  # "Beslut: …" holds the rest of its line
        return len(line)
    end = _SENTENCE_END.search(line, position)
    return end.end() if end else len(line)


def _shown(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^att\s+", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def _unique(found: list[Decision]) -> tuple[Decision, ...]:
    seen: set[str] = set()
    result = []
    for decision in found:
        key = fold(decision.text).rstrip(" .")
        if key not in seen:
            seen.add(key)
            result.append(decision)
    return tuple(result)
