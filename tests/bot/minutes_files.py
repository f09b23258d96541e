"""Minutes as a Word file, built here with python-docx, and the text a paste of it gives."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK

#: What pasting the document below gives: its paragraphs and headings as lines, each table
#: row one line with its cells separated by tabs, where they stand in the document.
MINUTES_TEXT = """Minnesanteckningar Samordningsråd Barn
Datum: 2025-04-02
Närvarande
Maja Berndes\tordförande
Carin Skoog\tsekreterare
Lars Gelander\tBorås Stad
Åtgärder
Action: Lars Gelander tar fram underlag om remissen senast 15 maj
Vad\tVem\tNär
Sammanställa enkätsvaren\tJoanna Pestalozzi\t30 maj
Boka lokal för hösten\tCarin Skoog\tv. 21
Nästa möte onsdag 7 maj kl 09.30."""


def minutes_docx() -> bytes:
    """``MINUTES_TEXT`` as a secretary's Word file: a heading, a roster table, an action
    paragraph and a Vad/Vem/När table."""
    document = docx.Document()
    document.add_heading("Minnesanteckningar Samordningsråd Barn", level=1)
    document.add_paragraph("Datum: 2025-04-02")
    document.add_heading("Närvarande", level=2)
    _table(
        document,
        [
            ["Maja Berndes", "ordförande"],
            ["Carin Skoog", "sekreterare"],
            ["Lars Gelander", "Borås Stad"],
        ],
    )
    document.add_heading("Åtgärder", level=2)
    document.add_paragraph("Action: Lars Gelander tar fram underlag om remissen senast 15 maj")
    _table(
        document,
        [
            ["Vad", "Vem", "När"],
            ["Sammanställa enkätsvaren", "Joanna Pestalozzi", "30 maj"],
            ["Boka lokal för hösten", "Carin Skoog", "v. 21"],
        ],
    )
    document.add_paragraph("Nästa möte onsdag 7 maj kl 09.30.")
    return saved(document)


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text


def shapes_docx() -> bytes:
    """The harder shapes: a cell of two paragraphs, a line break, a merged cell, a bulleted
    list, an empty paragraph, an empty last column."""
    document = docx.Document()
    document.add_paragraph("Deltagare")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Sjuhärad"
    table.cell(1, 0).text = "Eva Lind"
    cell = table.cell(1, 1)
    cell.text = "Borås Stad"
    cell.add_paragraph("ordförande")
    table.cell(2, 0).text = "Per   Ek"
    table.cell(2, 1).text = "Ulricehamn"
    document.add_paragraph("Beslut", style="List Bullet")
    document.add_paragraph("")
    paragraph = document.add_paragraph("Rad ett")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("rad två")
    return saved(document)


SHAPES_TEXT = "Deltagare\nSjuhärad\nEva Lind\tBorås Stad\nordförande\nPer Ek\tUlricehamn\n• Beslut\n\nRad ett\nrad två"


def saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def empty_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("   ")
    return saved(document)
