"""Telling organisations and places from people.

A person's name is a few capitalised words; so is "Region Halland" or "Västra Götaland". What
sets an organisation apart is its words: a word of the lexicon below on its own ("kommun",
"Närhälsan", "enhet") or as the end of a compound ("Barnrådet", "Socialförvaltningen",
"Närvårdskontoret", "Västra Götalandsregionen"), a direction word of a place name ("Södra",
"Västra"), or an acronym in capitals ("VGR", "BUP"). Words are compared folded (case and
accents do not matter).
"""

from __future__ import annotations

import re

from dialogs.text.folding import fold

#: Whole words that name an organisation, a unit of one, or a kind of place.
_WORDS = frozenset(
    """
    kommun kommunen kommunerna region regionen regioner stad staden forvaltning forvaltningen
    sjukhus sjukhuset vardcentral vardcentralen enhet enheten narhalsan habilitering
    habiliteringen skola skolan forskola forskolan socialtjanst socialtjansten polis polisen
    primarvard primarvarden psykiatri psykiatrin landsting landstinget lansstyrelse
    lansstyrelsen forsakringskassan arbetsformedlingen forbund forbundet kansli kansliet
    kontor kontoret namnd namnden styrelse styrelsen forening foreningen verksamhet
    verksamheten sjukvard sjukvarden tandvard tandvarden elevhalsa elevhalsan mottagning
    mottagningen avdelning avdelningen sektion sektionen center centrum institut institutet
    universitet universitetet hogskola hogskolan raddningstjanst raddningstjansten ab lan
    bolag bolaget stiftelse stiftelsen kyrka kyrkan samordningsforbund
    rad radet samverkan vardsamverkan narvardssamverkan arbetsgrupp arbetsgruppen styrgrupp
    styrgruppen natverk natverket referensgrupp referensgruppen delregion delregionen
    """.split()
)

#: Endings of compound words that name an organisation ("Barnrådet", "Närvårdskontoret").
_ENDINGS = (
    "kommun",
    "kommunen",
    "regionen",
    "radet",
    "rad",
    "samverkan",
    "grupp",
    "formedling",
    "formedlingen",
    "kontoret",
    "forvaltningen",
    "sjukhuset",
    "centralen",
    "enheten",
    "namnden",
    "gruppen",
    "forbundet",
    "staden",
    "tjansten",
    "mottagningen",
    "psykiatrin",
    "kansliet",
    "verket",
    "huset",
    "styrelsen",
)

#: The first word of many place names ("Södra Älvsborg", "Västra Götaland").
_PLACE_WORDS = frozenset(
    "norra sodra ostra vastra mellersta nordvastra nordostra sydvastra sydostra".split()
)
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}(?:-[A-Za-zåäö]+)?$")
_WORD = re.compile(r"[\w-]+")


def organisation_word(word: str) -> bool:
    """Whether ``word`` alone marks an organisation or a place (see the module's rules)."""
    folded = fold(word).strip("-")
    if _ACRONYM.match(word):
        return True
    if folded in _WORDS or folded in _PLACE_WORDS:
        return True
    return len(folded) > 6 and any(
        folded.endswith(end) and len(folded) > len(end) + 2 for end in _ENDINGS
    )


def looks_like_organisation(text: str) -> bool:
    """Whether ``text`` names an organisation or a place rather than a person."""
    return any(organisation_word(word) for word in _WORD.findall(text))
