"""Sanity checks for the hand-written answer keys of the minutes corpus.

This is not a minutes reader: it only checks that each key is well formed and
that what it quotes really occurs in its document (names, task words, decision
words, not_people, not_actions), so that a typo in a key is caught before the
key is used to score a reader.  Run: python tests/minutes/corpus/check_keys.py
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLES = {
    "chair",
    "vice_chair",
    "secretary",
    "coordinator",
    "member",
    "substitute",
    "coopted",
    "guest",
    "process_leader",
}


def document_text(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document  # python-docx, in the project's venv

        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.append("\t".join(c.text for c in row.cells))
        return "\n".join(parts)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<br\s*/?>|</p>|</tr>", "\n", text)
        text = re.sub(r"</td>", "\t", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower()


def check_date(s, where, errors):
    if s is None:
        return
    try:
        dt.date.fromisoformat(s)
    except Exception:
        errors.append(f"{where}: bad date {s!r}")


def check(key_path: Path) -> list[str]:
    errors: list[str] = []
    key = json.loads(key_path.read_text(encoding="utf-8"))
    doc = key_path.parent / key["document"]
    if not doc.exists():
        return [f"{key_path.name}: document {key['document']} missing"]
    text = norm(document_text(doc))
    m = key["meeting"]
    check_date(m["date"], "meeting", errors)
    names = set()
    for p in key["people"]:
        names.add(p["name"])
        if not set(p["roles"]) <= ROLES or not p["roles"]:
            errors.append(f"person {p['name']}: roles {p['roles']}")
        if norm(p["name"]) not in text:
            errors.append(f"person {p['name']}: not in document")
        if p["organisation"] and norm(p["organisation"]) not in text:
            errors.append(f"person {p['name']}: organisation {p['organisation']!r} not in document")
    for s in key["not_people"]:
        if norm(s) not in text:
            errors.append(f"not_people {s!r}: not in document")
        if s in names:
            errors.append(f"not_people {s!r} is also a person")
    for mt in key["meetings"]:
        check_date(mt["date"], "meetings", errors)
        if mt["date"] <= m["date"]:
            errors.append(f"coming meeting {mt['date']} not after the minutes' date")
    for a in key["actions"]:
        for o in a["owners"]:
            if o[0].isupper() and o not in names:
                errors.append(f"action owner {o!r} not a person of the key")
            if o[0].islower() and o != "alla" and norm(o) not in text:
                errors.append(f"action owner {o!r} not in document")
        for group in a.get("owners_ambiguous", []):
            for o in group:
                if o not in names:
                    errors.append(f"ambiguous owner {o!r} not a person of the key")
        for w in a["task_words"]:
            if norm(w) not in text:
                errors.append(f"task word {w!r} not in document")
        d = a["deadline"]
        if d is not None:
            for k in ("date", "latest", "earliest"):
                check_date(d.get(k), f"deadline of {a['task']!r}", errors)
            if d.get("date") and d["date"] < m["date"]:
                errors.append(f"deadline {d['date']} before the minutes' date")
            if d.get("next_meeting") and key["meetings"]:
                first = min(x["date"] for x in key["meetings"])
                if d["date"] != first:
                    errors.append(
                        f"next_meeting deadline {d['date']} is not the first coming meeting {first}"
                    )
    for dcs in key["decisions"]:
        for w in dcs["text_words"]:
            if norm(w) not in text:
                errors.append(f"decision word {w!r} not in document")
    for s in key["not_actions"]:
        if norm(s) not in text:
            errors.append(f"not_action {s!r} not in document")
    return [f"{key_path.name}: {e}" for e in errors]


def main() -> int:
    """Checks the keys of this folder, or of the folder given as the first argument."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    errors: list[str] = []
    keys = sorted(folder.glob("*.key.json"))
    for k in keys:
        errors += check(k)
    for e in errors:
        print(e)
    print(f"{len(keys)} keys checked, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
