"""Minutes as files: the bytes of a .docx, .txt or .html document → the text a paste gives.

An adapter, like ``dialogs/text/html.py``: whatever the secretary sends (a Word file in Teams or
Slack, a file named on the command line) becomes the plain text the same document would be
when pasted, so ``dialogs`` reads it with the same rules. A Word document's paragraphs and
tables are taken in their real order; a table row is one line with its cells separated by
tabs (a cell's line breaks kept inside it), exactly as ``html_to_lines`` writes a table that
Teams delivered as HTML.

Sizes are bounded: a file over ``MAX_FILE_BYTES``, or a .docx whose zip would unpack to more
than ``MAX_UNPACKED_BYTES``, is refused before it is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

from dialogs.model import Reply, Tone
from dialogs.text.html import html_to_lines
from dialogs.texts import text as localised

MAX_FILE_BYTES = 5 * 1024 * 1024
#: a .docx is a zip: what it may unpack to (a 5 MB zip bomb must not become gigabytes)
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
#: the kinds read, by file extension, in the order they are named to people
KINDS = ("docx", "txt", "html")
_ALIASES = {"docx": "docx", "txt": "txt", "text": "txt", "html": "html", "htm": "html"}


class Problem(StrEnum):
    """Why a document was not read; each has its own reply (``file.<value>`` in dialogs/lang)."""

    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    DOWNLOAD_FAILED = "download_failed"


class DocumentRefused(ValueError):
    """A document that cannot be read as minutes, with the reason."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """A file as it came: its name (for its kind) and its bytes."""

    name: str
    data: bytes


def document_problem(lang: str, problem: Problem) -> str:
    """What to tell the person, in their language: what was wrong and what works instead."""
    return localised(lang, f"file.{problem.value}", megabytes=MAX_FILE_BYTES // (1024 * 1024))


def problem_reply(lang: str, problem: Problem) -> Reply:
    """``document_problem`` as a chat reply."""
    return Reply(title=document_problem(lang, problem), tone=Tone.PROBLEM)


def kind_of(name: str) -> str | None:
    """``docx``, ``txt`` or ``html`` from a file name's extension; None for any other."""
    return _ALIASES.get(PurePath(name).suffix.lower().lstrip("."))


def check_kind(name: str) -> str:
    """The document's kind, or ``DocumentRefused(WRONG_TYPE)``."""
    kind = kind_of(name)
    if kind is None:
        raise DocumentRefused(Problem.WRONG_TYPE)
    return kind


def check_size(size: int) -> None:
    """``DocumentRefused(TOO_LARGE)`` past ``MAX_FILE_BYTES`` (also for a size announced
    before the download)."""
    if size > MAX_FILE_BYTES:
        raise DocumentRefused(Problem.TOO_LARGE)


def document_text(document: Document) -> str:
    """The document as the text a paste of it gives; ``DocumentRefused`` when it is too
    large, of another kind, not readable, or without any text.

    Blocking (a .docx is unzipped and parsed): call it in a thread from async code.
    """
    kind = check_kind(document.name)
    check_size(len(document.data))
    if kind == "docx":
        text = _docx_text(document.data)
    else:
        text = _decoded(document.data)
        if kind == "html":
            text = html_to_lines(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise DocumentRefused(Problem.EMPTY)
    return text


def _decoded(data: bytes) -> str:
    """UTF-8 (with or without its byte-order mark), else Windows' Western encoding, which
    a Notepad file saved in Sweden often is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentRefused(Problem.UNREADABLE) from None
    return data.decode("cp1252", errors="replace")


def _docx_text(data: bytes) -> str:
    from docx import Document as open_docx  # imported when a Word file first comes

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise DocumentRefused(Problem.TOO_LARGE)
        document = open_docx(io.BytesIO(data))
        return "\n".join(_block_lines(document))
    except DocumentRefused:
        raise
    except Exception:  # not a zip, not a Word document, broken XML: python-docx says many ways
        raise DocumentRefused(Problem.UNREADABLE) from None


def _block_lines(container: object) -> Iterator[str]:
    """The lines of a document body (or a table cell): paragraphs and tables in order."""
    from docx.table import Table

    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield _paragraph_line(block)


def _paragraph_line(paragraph: object) -> str:
    """A paragraph's text; a bulleted or numbered one (Word's list formatting, no sign in
    its text) starts with a bullet, as a paste of it does."""
    text: str = paragraph.text  # type: ignore[attr-defined]
    properties = paragraph._p.pPr  # type: ignore[attr-defined]
    listed = properties is not None and properties.numPr is not None
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    if (listed or style.startswith("List")) and text.strip():
        return f"• {text.strip()}"
    return text


def _table_lines(table: object) -> Iterator[str]:
    """A line per row, cells separated by tabs, as ``html_to_lines`` writes a table: spaces
    collapsed in each cell line, empty cells at a row's end dropped; a cell merged across
    columns counts once."""
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            lines = [" ".join(line.split()) for line in _block_lines(cell)]
            cells.append("\n".join(line for line in lines if line))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield "\t".join(cells)
