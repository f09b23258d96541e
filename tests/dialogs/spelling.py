"""Swedish strings read by hunspell with Debian's Swedish dictionary (``hunspell-sv``).

Placeholders (``{name}``), markup (``**``, backticks, links) and numbers are taken out first;
what hunspell still does not know must be on the short allow-list beside this file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/sv_SE.dic")
ALLOWED_FILE = Path(__file__).with_name("swedish_allowed_words.txt")

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URLISH = re.compile(r"\S+@\S+|\S+://\S+|\S*\.\w{2,4}\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def why_not_available() -> str | None:
    """Why the check cannot run here, or None when hunspell and the dictionary are installed."""
    if shutil.which("hunspell") is None:
        return "the hunspell program is not installed (apt-get install hunspell hunspell-sv)"
    if not DICTIONARY.exists():
        return f"Debian's Swedish dictionary {DICTIONARY} is missing (apt-get install hunspell-sv)"
    return None


def allowed_words() -> set[str]:
    lines = ALLOWED_FILE.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def words_of(template: str) -> list[str]:
    """The words a reader sees in ``template``, without placeholders, markup, numbers or links."""
    plain = _PLACEHOLDER.sub(" ", template)
    plain = _LINK.sub(r"\1", plain)
    plain = _URLISH.sub(" ", plain)
    plain = plain.replace("**", " ").replace("`", " ")
    return _WORD.findall(plain)


def unknown_words(words: Iterable[str]) -> set[str]:
    """The words hunspell's Swedish dictionary does not accept."""
    unique = sorted(set(words))
    done = subprocess.run(
        ["hunspell", "-d", str(DICTIONARY.with_suffix("")), "-l", "-i", "utf-8"],
        input="\n".join(unique),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(done.stdout.split())


def flagged(table: Mapping[str, str], allowed: set[str]) -> dict[str, list[str]]:
    """Each flagged word and the keys it appears in."""
    by_word: dict[str, list[str]] = {}
    for key, template in table.items():
        for word in words_of(template):
            by_word.setdefault(word, []).append(key)
    unknown = unknown_words(by_word) - allowed
    # "CSV-filerna", "Slack-konto": a compound with a hyphen is right when each part is
    parts = {w: w.split("-") for w in unknown if "-" in w}
    unknown_parts = unknown_words(p for ps in parts.values() for p in ps) - allowed
    unknown -= {w for w, ps in parts.items() if not unknown_parts.intersection(ps)}
    return {word: by_word[word] for word in sorted(unknown)}
