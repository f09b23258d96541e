"""Write 07_styrgrupp_skaraborg.docx, the Word-file member of the minutes corpus.

Run with the project's venv (python-docx):  .venv/bin/python tests/minutes/corpus/make_docx.py
The answer key is 07_styrgrupp_skaraborg.key.json, written by hand from the text below.
"""

from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
OUT = HERE / "07_styrgrupp_skaraborg.docx"

PARTICIPANTS = [
    ("Namn", "Organisation", "Roll"),
    ("Gunilla Ström", "Skövde kommun", "Ordförande"),
    ("Patrik Almqvist", "Skaraborgs sjukhus", "Vice ordförande"),
    ("Elin Kask", "Falköpings kommun", "Ledamot"),
    ("Dragan Petrović", "Närhälsan Skaraborg", "Ledamot"),
    ("Ingrid Sundqvist", "Lidköpings kommun", "Ersättare"),
    ("Marcus Fredin", "Skaraborgs kommunalförbund", "Koordinator och sekreterare"),
    ("Louise Tengvall", "Mariestads kommun", "Ledamot – anmält förhinder"),
]

ACTIONS = [
    ("Vad", "Vem", "När"),
    ("Sammanställa kommunernas svar om korttidsplatser", "Marcus Fredin", "Senast 30 juni"),
    (
        "Skriva utkast till avsiktsförklaring om mobil närvård",
        "Gunilla Ström, Patrik Almqvist",
        "v. 34",
    ),
    ("Ta fram statistik över utskrivningsklara patienter", "Dragan", "Efter sommaren"),
    (
        "Förankra rutinen för läkemedelsgenomgång i kommunerna",
        "Respektive kommun",
        "Till nästa möte",
    ),
]


def table(doc, rows):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return t


def main() -> None:
    doc = Document()
    doc.add_heading("Delregional styrgrupp Vårdsamverkan Skaraborg", level=1)
    doc.add_paragraph("Minnesanteckningar")
    doc.add_paragraph(
        "Datum: onsdag 17 juni 2026\nTid: 13.00–15.30\nPlats: Stadshuset Skövde, rum Billingen"
    )

    doc.add_heading("Deltagare", level=2)
    table(doc, PARTICIPANTS)

    doc.add_heading("1. Föregående minnesanteckningar", level=2)
    doc.add_paragraph("Anteckningarna från 6 maj lades till handlingarna.")

    doc.add_heading("2. Korttidsplatser i sommar", level=2)
    doc.add_paragraph(
        "Elin informerade om att Falköping öppnar tio extra korttidsplatser under juli. "
        "Flera kommuner har svårt att bemanna sina platser under semesterperioden. "
        "Marcus sammanställer kommunernas svar, se tabellen nedan."
    )

    doc.add_heading("3. Mobil närvård", level=2)
    doc.add_paragraph(
        "Patrik redogjorde för utvärderingen av det mobila närvårdsteamet i norra Skaraborg. "
        "Beslut: att styrgruppen rekommenderar att arbetssättet sprids till hela Skaraborg och "
        "att en avsiktsförklaring tas fram."
    )

    doc.add_heading("4. Läkemedelsgenomgångar", level=2)
    doc.add_paragraph(
        "Rutinen för gemensamma läkemedelsgenomgångar har stämts av med MAS-nätverket. "
        "Mötet beslutar att godkänna rutinen."
    )

    doc.add_heading("Åtgärder", level=2)
    table(doc, ACTIONS)

    doc.add_heading("Nästa möte", level=2)
    doc.add_paragraph("Nästa möte: onsdag 26 augusti 2026 kl. 13.00–15.30, Stadshuset Skövde.")
    doc.add_paragraph("Trevlig midsommar och en skön sommar!")

    doc.save(OUT)


if __name__ == "__main__":
    main()
