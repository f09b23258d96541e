"""Taking the action items out of a whole pasted set of minutes (`notes`).

The council's minutes are a Word table turned into text: one physical line per table row,
the agenda column and the notes column separated by a tab, with HTML fragments left inside
(`<p><b>Action:</b> …</p>`), entities, Markdown bold, and rows broken in two where the page
broke. Teams may also deliver them as HTML, or as plain lines after `dialogs.text.html`. This
module reads all of these the same way: lines → table cells → paragraphs → action items.

What is an action item:

* a paragraph that starts with "Action:", "Åtgärd:" or "Åtgärder:" (any case, after a
  bullet, a number or bold markers): the whole paragraph after the marker, every sentence;
* "Action:" in the middle of a paragraph ("… familjerna. Action: Neo-rådet följer upp
  frågan. Önskemål från …"): only the rest of that sentence. The marker was put in the
  middle of running notes, and the next sentence is the notes again;
* every item under an action follow-up heading ("7.Uppföljning av actionfrågor",
  "Uppföljning av åtgärder", "Actionlista", "Åtgärdslista", or a bare "Åtgärder:"): the
  following paragraphs of the same table cell (or, if the heading is alone in its cell,
  of the next cell in the row; outside a table, the following lines up to a blank line),
  as long as they look like the first one — all "Action:" lines, all bullets, all numbered,
  or all plain — and no new heading begins. The other column of a follow-up row holds the
  status notes ("Joanna och Karin har tagit fram ett underlag…"), which are not new items.

An item whose last paragraph ends its cell without a full stop, where the next row starts in
the same column with a lower-case word, continues there: seed minutes break "Karin bjuder in
Johanna Svensson för att berätta om" | "processen vid ordnad överföring." over a page. The
two are joined, as the writer meant one sentence. Duplicates (same text, case and accents
aside) are kept once, in the order first met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dialogs.minutes.markers import ACTION_MARKER_WORDS, AFTER_MARKER, BULLETS
from dialogs.minutes.meetings import opens_coming_meetings, read_own_meeting
from dialogs.minutes.records import OWNER_WORDS, TASK_WORDS, covers, find_records
from dialogs.text.folding import fold
from dialogs.text.html import fragment_text


def extract_action_lines(minutes: str) -> list[str]:
    """Every action item of the minutes, as plain text without the "Action:" prefix.

    Each item is one line for `dialogs.minutes.action_line.read_action_line`. Works on the raw
    minutes (tabs, HTML fragments, Markdown), on Teams HTML, and on plain lines.
    """
    lines = _read_lines(minutes)
    records = find_records(minutes_lines(minutes))
    found: list[tuple[tuple[int, int, int, int], str]] = []
    for li, line in enumerate(lines):
        for ci, cell in enumerate(line.cells):
            for pi, paragraph in enumerate(cell):
                position = (li, ci, pi)
                for offset, item in _marked_items(lines, position):
                    found.append(((*position, offset), item))
                if _is_follow_up_heading(paragraph):
                    found.extend(_items_under_heading(lines, position))
    # an item of labelled fields ("Vad: …" / "Vem: …") is read whole by ``records``, and
    # "Åtgärd 1" is only the number of the record under it
    return [
        item
        for item in _unique_in_order(found)
        if not covers(records, item) and not _NUMBERED_HEAD.match(item)
    ]


_NUMBERED_HEAD = re.compile(
    r"^\s*(?:åtgärd|action|punkt|uppgift|task|item)\s*(?:nr\.?\s*)?\d{1,3}\s*[.:]?\s*$",
    re.IGNORECASE,
)


def _column_names(text: str) -> bool:
    """A row of column names lined up with spaces or tabs ("Åtgärd   Ansvarig   Klart"): the
    table under it is read by the table reader, not as a list."""
    heads = {fold(cell).strip(" :") for cell in re.split(r"\s{2,}|\t", text.strip())}
    return len(heads) >= 3 and bool(heads & TASK_WORDS) and bool(heads & OWNER_WORDS)


_PIPE_CELLS = re.compile(r"\S\s+\|\s+\S")


def minutes_paragraphs(minutes: str) -> list[str]:
    """Every paragraph of the minutes as plain text, in reading order (row by row, cell by
    cell): what the other readers (decisions) take line by line."""
    return [p.text for line in _read_lines(minutes) for cell in line.cells for p in cell]


def minutes_lines(minutes: str) -> list[str]:
    """The minutes as plain lines: a table row's cells joined by tabs (each a single
    paragraph), otherwise one line per paragraph. What the meetings reader takes."""
    result: list[str] = []
    for line in _read_lines(minutes):
        if all(len(cell) <= 1 for cell in line.cells):
            result.append("\t".join(cell[0].text if cell else "" for cell in line.cells))
        else:
            result.extend(p.text for cell in line.cells for p in cell)
    return [physical for text in result for physical in text.split("\n")]


def minutes_rows(minutes: str) -> list[list[list[str]]]:
    """The minutes as rows of cells of paragraphs (plain text): a table row (tab-separated, or
    an HTML ``<tr>``) is one row of several cells, any other line a row of one cell."""
    return [[[p.text for p in cell] for cell in line.cells] for line in _read_lines(minutes)]


def minutes_date(minutes: str) -> date | None:
    """The minutes' own day (a "Datum:" line, or a dated title), or None.

    Callers read the deadlines of old minutes with this as "now", so that "senast 15 maj"
    in April's minutes means that May, not next year's.
    """
    meeting = read_own_meeting(minutes_lines(minutes))
    return meeting.day if meeting else None


# --- lines, cells, paragraphs ----------------------------------------------------------------


@dataclass(frozen=True)
class _Paragraph:
    raw: str  # with markup, to see bold headings
    text: str  # plain
    list_item: bool = False  # an HTML <li>: a bullet even without a bullet sign


@dataclass(frozen=True)
class _Line:
    cells: list[list[_Paragraph]]
    tabular: bool  # a table row: cells were separated by tabs
    blank_before: bool


_Position = tuple[int, int, int]  # line, cell, paragraph

_TABLE_TAG = re.compile(r"<t[dr]\b", re.IGNORECASE)
_ROW_BREAK = re.compile(
    r"<tr\b[^>]*>|</tr\s*>|</?table\b[^>]*>|</?t(?:body|head)\b[^>]*>", re.IGNORECASE
)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_CELL_START = re.compile(r"<t[dh]\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote)\b[^>]*|br\s*/?)>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)


def _read_lines(minutes: str) -> list[_Line]:
    """The minutes as lines of cells of paragraphs; blank lines only mark the next line."""
    text = minutes.replace("\r\n", "\n").replace("\r", "\n")
    if _TABLE_TAG.search(text):
        text = _table_to_tabs(text)
    lines: list[_Line] = []
    blank = False
    for physical in text.split("\n"):
        raw_cells = physical.split("\t")
        cells = [_paragraphs(cell) for cell in raw_cells]
        if not any(cells):
            blank = True
            continue
        lines.append(_Line(cells, len(raw_cells) > 1, blank))
        blank = False
    return lines


def _table_to_tabs(text: str) -> str:
    """Real HTML tables as the seed minutes have them: a line per row, cells split by tabs."""
    text = re.sub(r"\s*\n\s*", " ", text)
    text = _ROW_BREAK.sub("\n", text)
    text = _CELL_START.sub("", text)
    return _CELL_END.sub("\t", text)


def _paragraphs(cell: str) -> list[_Paragraph]:
    result = []
    opened_by = ""
    position = 0
    for tag in [*_BLOCK.finditer(cell), None]:
        raw = cell[position : tag.start() if tag else len(cell)]
        text = _plain(raw)
        if text:
            result.append(_Paragraph(raw.strip(), text, _LIST_ITEM.match(opened_by) is not None))
        if tag is not None:
            opened_by, position = tag.group(), tag.end()
    return result


def _plain(raw: str) -> str:
    text = re.sub(r"^\s*#{1,6}\s+", "", fragment_text(raw), flags=re.MULTILINE)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _paragraph(lines: list[_Line], position: _Position) -> _Paragraph:
    li, ci, pi = position
    return lines[li].cells[ci][pi]


# --- "Action:" markers -------------------------------------------------------------------

_MARKER = re.compile(rf"(?<![\w-]){ACTION_MARKER_WORDS}{AFTER_MARKER}", re.IGNORECASE)
_ITEM_LEAD = re.compile(rf"^(?:[{BULLETS}]+\s*|\d{{1,2}}\s*[.)]\s*)?$")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[\"“(]?[A-ZÅÄÖ])")


def _marked_items(lines: list[_Line], position: _Position) -> list[tuple[int, str]]:
    """The "Action:" items in one paragraph, with their offsets in it."""
    text = _paragraph(lines, position).text
    markers = list(_MARKER.finditer(text))
    items = []
    for k, marker in enumerate(markers):
        stop = markers[k + 1].start() if k + 1 < len(markers) else len(text)
        body = text[marker.end() : stop].strip()
        if not _ITEM_LEAD.match(text[: marker.start()].strip()):
            # In running notes: only the rest of this sentence is the action.
            sentence = _FIRST_SENTENCE.match(body)
            body = sentence.group(1) if sentence else body
        elif stop == len(text):
            body = _with_continuation(lines, position, body)
        if body:
            items.append((marker.start(), body))
    return items


def _with_continuation(lines: list[_Line], position: _Position, text: str) -> str:
    """`text` joined with its continuation, when the page broke it.

    In the file the continuation starts the next row, in the same column. Pasted into Teams
    the table is gone (each cell's paragraphs are lines of their own), so the other column's
    notes come in between: an item that stops on a word no sentence ends with ("… för att
    berätta om") takes the first lower-case paragraph that ends a sentence, a few paragraphs
    on, unless a new item or heading comes first.
    """
    if text.endswith((".", "!", "?", ":")):
        return text
    li, ci, pi = position
    if pi == len(lines[li].cells[ci]) - 1 and li + 1 < len(lines):
        following = lines[li + 1]
        # A row split by a page break goes on in the same column; a line without tabs is the
        # broken-off end of whichever column it was.
        column = ci if following.tabular else 0
        if column < len(following.cells) and following.cells[column]:
            rest = following.cells[column][0].text
            if rest[:1].islower():
                return f"{text} {rest}"
    words = fold(text).split()
    if not words or words[-1] not in _DANGLING_WORDS:
        return text
    for paragraph in _paragraphs_after(lines, position, _LOOK_AHEAD):
        if _MARKER.search(paragraph.text) or _is_heading_like(paragraph):
            break
        if paragraph.text[:1].islower() and paragraph.text.endswith((".", "!", "?")):
            return f"{text} {paragraph.text}"
    return text


#: Words a Swedish (or English) sentence does not end with: prepositions, conjunctions,
#: articles. An item ending on one was cut off.
_DANGLING_WORDS = frozenset(
    {
        "om", "for", "att", "och", "med", "till", "i", "pa", "av", "vid", "fran", "som",
        "eller", "samt", "infor", "under", "efter", "mellan", "kring", "hos", "en", "ett",
        "den", "det", "de", "inom", "utan", "mot", "the", "of", "to", "and", "with",
        "about", "on", "in", "at", "by", "a", "an",
    }
)  # fmt: skip
#: How many paragraphs on the end of a cut-off item is looked for.
_LOOK_AHEAD = 8


def _paragraphs_after(lines: list[_Line], position: _Position, limit: int) -> list[_Paragraph]:
    """The next `limit` paragraphs after `position`, in reading order across cells and lines."""
    li, ci, pi = position
    found: list[_Paragraph] = []
    for lj in range(li, len(lines)):
        for cj, cell in enumerate(lines[lj].cells):
            for pj, paragraph in enumerate(cell):
                if (lj, cj, pj) > (li, ci, pi):
                    found.append(paragraph)
                    if len(found) == limit:
                        return found
    return found


# --- items under a follow-up heading --------------------------------------------------------

_FOLLOW_UP_HEADING = re.compile(
    r"^(?:uppfoljning (?:av )?(?:actionfragor(?:na)?|actionpunkter(?:na)?|actions?|atgarder(?:na)?"
    r"|atgardspunkter(?:na)?|atgardslistan?|actionlistan?)|actionlistan?|atgardslistan?"
    r"|atgarder|action ?list|action items|follow[- ]up (?:of|on) actions?"
    r"|actions? follow[- ]up)$"
)
_HEADING_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]?\s*")
_BULLET = re.compile(rf"^[{BULLETS}]+\s*")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s+")
_BOLD_ONLY = re.compile(r"^(?:<(b|strong)>[^<]*</\1>|\*\*[^*]+\*\*)$", re.IGNORECASE)

_Shape = Literal["action", "bullet", "number", "plain"]


def _is_follow_up_heading(paragraph: _Paragraph) -> bool:
    text = _HEADING_NUMBER.sub("", paragraph.text).strip().rstrip(":").strip()
    return bool(_FOLLOW_UP_HEADING.match(fold(text)))


def _shape(paragraph: _Paragraph) -> _Shape:
    text = paragraph.text
    if _MARKER.match(_BULLET.sub("", text)):
        return "action"
    if paragraph.list_item or _BULLET.match(text):
        return "bullet"
    if _NUMBERED.match(text):
        return "number"
    return "plain"


def _is_heading_like(paragraph: _Paragraph) -> bool:
    """A new heading ends a list: a bold-only paragraph, a Markdown heading, another
    follow-up heading."""
    return (
        bool(_BOLD_ONLY.match(paragraph.raw))
        or paragraph.raw.lstrip().startswith("#")
        or _is_follow_up_heading(paragraph)
    )


def _following(lines: list[_Line], position: _Position) -> list[_Position]:
    """The paragraphs a heading's items are looked for in, in reading order."""
    li, ci, pi = position
    line = lines[li]
    same_cell = [(li, ci, p) for p in range(pi + 1, len(line.cells[ci]))]
    if line.tabular:
        if same_cell or ci + 1 >= len(line.cells):
            return same_cell
        return [(li, ci + 1, p) for p in range(len(line.cells[ci + 1]))]
    result = same_cell
    for lj in range(li + 1, len(lines)):
        if lines[lj].tabular or (lines[lj].blank_before and result):
            break
        result.extend(
            (lj, cj, p) for cj, cell in enumerate(lines[lj].cells) for p in range(len(cell))
        )
    return result


def _items_under_heading(
    lines: list[_Line], heading: _Position
) -> list[tuple[tuple[int, int, int, int], str]]:
    """The list under a follow-up heading; "Action:" items are left to `_marked_items`."""
    items: list[tuple[tuple[int, int, int, int], str]] = []
    shape: _Shape | None = None
    candidates = _following(lines, heading)
    for index, position in enumerate(candidates):
        paragraph = _paragraph(lines, position)
        if (
            _is_heading_like(paragraph)
            or _PIPE_CELLS.search(paragraph.text)  # a table: read by the table reader
            or _column_names(paragraph.text)
            or opens_coming_meetings(paragraph.text)  # "Nästa möte": the list has ended
        ):
            break
        this_shape = _shape(paragraph)
        if (
            items
            and this_shape == "plain"
            and paragraph.text[:1].islower()
            and not items[-1][1].endswith((".", "!", "?"))
        ):
            key, text = items[-1]  # a wrapped line of the item before
            items[-1] = (key, f"{text} {paragraph.text}")
            continue
        if shape is None:
            shape = this_shape
        elif this_shape != shape:
            break
        if shape == "action":
            continue
        text = _NUMBERED.sub("", _BULLET.sub("", paragraph.text)).strip()
        if index == len(candidates) - 1:
            text = _with_continuation(lines, position, text)
        if text:
            items.append(((*position, 0), text))
    return items


def _unique_in_order(found: list[tuple[tuple[int, int, int, int], str]]) -> list[str]:
    seen: set[str] = set()
    result = []
    for _, text in sorted(found, key=lambda f: f[0]):
        key = fold(text).rstrip(" .")
        if key not in seen:
            seen.add(key)
            result.append(text)
    return result
