"""Names as the SOR Barn minutes write them, resolved against the council's roster.

The roster is every "Deltagare", "Övriga deltagare" and "Frånvarande" of the two SOR Barn
minutes in tests/minutes/ (2025-04-09 and 2025-09-12), with Lars Gelander spelt right
(the minutes write "Lars Gelande"), plus Lisa Ståleby (the "Lisa S" of the minutes) and two
members added to cover the rules: Sara Karlsson and Anna Elfgrén.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dialogs.people.names import (
    NameResolution,
    candidates_for,
    is_everyone,
    is_organisation,
    resolve_name,
    split_names,
)
from dialogs.text.folding import name_key


@dataclass(frozen=True)
class Member:
    """A roster entry shaped like store.models.Person as far as the resolver cares."""

    full_name: str
    name_key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_key", name_key(self.full_name))


SOR_BARN_NAMES = (
    # 2025-04-09, Deltagare
    "Carin Skoog",
    "Daniel Holmgren",
    "Elsa Fransson Bona",
    "Jenny Linder",
    "Joanna Pestalozzi",
    "Josefine Hätting",
    "Josefine Roswall",
    "Karin Andersson",
    "Karolina Andersson",
    "Lars Gelander",
    "Lisa Bondjers",
    "Lorna Niklasson",
    "Maja Berndes",
    "Niklas Segerdahl",
    "Susanne Johansen",
    # 2025-04-09, Övriga deltagare and Frånvarande
    "Anne Wennberg",
    "Erik Kullingsjö",
    "Jovanna Dahlgren",
    "Godfried van Agthoven",
    "Magdalena Åberg",
    "Marie Hufvudsson",
    "Neri Samuelsson",
    "Per Hällsjö Wekell",
    # 2025-09-12, the names not already above
    "Karin Berg",
    "Maria Söderberg",
    "Cecilia Grinsvall",
    "Maria Jansson",
    "Anna-Karin Larsson",
    "Cathrine Gatzinsky",
    # "Lisa S" / "Lisa Ståleby" of the minutes, and two members for the rules
    "Lisa Ståleby",
    "Sara Karlsson",
    "Anna Elfgrén",
)
SOR_BARN_ROSTER: tuple[Member, ...] = tuple(Member(n) for n in SOR_BARN_NAMES)


def member(full_name: str) -> Member:
    return next(m for m in SOR_BARN_ROSTER if m.full_name == full_name)


def resolve(written: str) -> NameResolution:
    return resolve_name(written, SOR_BARN_ROSTER)


def names_of(resolution: NameResolution) -> list[str]:
    return [m.full_name for m in resolution.matches]


def assert_person(written: str, full_name: str) -> None:
    found = resolve(written)
    assert (found.kind, names_of(found)) == ("person", [full_name]), written
    assert found.person is member(full_name)


def assert_ambiguous(written: str, *full_names: str) -> None:
    found = resolve(written)
    assert found.kind == "ambiguous", (written, found)
    assert sorted(names_of(found)) == sorted(full_names)


def test_roster_has_the_members_the_rules_need() -> None:
    assert len(SOR_BARN_ROSTER) == len(set(SOR_BARN_NAMES)) == 32
    for name in (
        "Karin Andersson",
        "Karin Berg",
        "Josefine Hätting",
        "Josefine Roswall",
        "Lisa Bondjers",
        "Lisa Ståleby",
        "Lars Gelander",
        "Godfried van Agthoven",
        "Maja Berndes",
        "Sara Karlsson",
        "Anna Elfgrén",
    ):
        assert member(name)


# --- the resolution rules, one by one --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Maja Berndes", "Maja Berndes"),
        ("maja berndes", "Maja Berndes"),
        ("  Karin   Berg ", "Karin Berg"),
        ("Magdalena Aberg", "Magdalena Åberg"),  # accents never matter
        ("Per Hällsjö Wekell", "Per Hällsjö Wekell"),
    ],
)
def test_the_full_name(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Lorna", "Lorna Niklasson"),
        ("Joanna", "Joanna Pestalozzi"),
        ("Niklas", "Niklas Segerdahl"),
        ("Maja", "Maja Berndes"),
        ("Carin", "Carin Skoog"),
        ("Per", "Per Hällsjö Wekell"),
        ("Sara", "Sara Karlsson"),
        ("lars", "Lars Gelander"),
    ],
)
def test_a_first_name_unique_in_the_council(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Karin B", "Karin Berg"),
        ("Karin A", "Karin Andersson"),
        ("Karin B.", "Karin Berg"),
        ("Lisa B", "Lisa Bondjers"),
        ("Lisa S", "Lisa Ståleby"),
        ("Maja B", "Maja Berndes"),
        ("Jenny L", "Jenny Linder"),
        ("Joanna P", "Joanna Pestalozzi"),
        ("Daniel H", "Daniel Holmgren"),
        ("Maria J", "Maria Jansson"),
        ("Maria S", "Maria Söderberg"),
        ("Josefine H", "Josefine Hätting"),
    ],
)
def test_first_name_and_initial_of_the_surname(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Josefin R", "Josefine Roswall"),
        ("Josefin H", "Josefine Hätting"),
        ("Josefin Roswall", "Josefine Roswall"),
        ("Catherine Gatzinsky", "Cathrine Gatzinsky"),
        ("Catherine G", "Cathrine Gatzinsky"),
    ],
)
def test_a_first_name_written_a_little_differently_with_the_surname(
    written: str, full_name: str
) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Sara K", "Sara Karlsson"),
        ("Sara Karl", "Sara Karlsson"),
        ("Karin Anders", "Karin Andersson"),
        ("Elsa Fransson", "Elsa Fransson Bona"),
        ("Lisa Ståleby Bååth", "Lisa Ståleby"),
    ],
)
def test_first_name_and_shortened_or_partial_surname(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Anna Elfgren", "Anna Elfgrén"),
        ("Elfgren", "Anna Elfgrén"),
        ("ELFGRÉN", "Anna Elfgrén"),
        ("Lars Gelandér", "Lars Gelander"),
        ("Josefine Hatting", "Josefine Hätting"),
    ],
)
def test_missing_or_extra_accents(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Lars Gelande", "Lars Gelander"),
        ("Gelande", "Lars Gelander"),
        ("van Aghoven", "Godfried van Agthoven"),
        ("Godfried van Aghoven", "Godfried van Agthoven"),
        ("Aghoven", "Godfried van Agthoven"),
        ("Karin Bergh", "Karin Berg"),
        ("Lorna Nicklasson", "Lorna Niklasson"),
        ("Niklas Segerdal", "Niklas Segerdahl"),
        ("Godfrid van Agthoven", "Godfried van Agthoven"),
    ],
)
def test_a_small_typo(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("Berndes", "Maja Berndes"),
        ("Hällsjö Wekell", "Per Hällsjö Wekell"),
        ("van Agthoven", "Godfried van Agthoven"),
        ("Pestalozzi", "Joanna Pestalozzi"),
    ],
)
def test_a_surname_alone(written: str, full_name: str) -> None:
    assert_person(written, full_name)


@pytest.mark.parametrize(
    "written", ["alla", "Alla", "samtliga", "Samtliga", "all", "everyone", "ALLA"]
)
def test_everyone_words(written: str) -> None:
    found = resolve(written)
    assert found.kind == "everyone"
    assert found.matches == ()
    assert is_everyone(written)


@pytest.mark.parametrize(
    "written",
    [
        "Närvårdskontoret",
        "Neo-rådet",
        "koncernkontoret",
        "Koncernkontoret",
        "BUP",
        "NPO",
        "SOR",
        "arbetsgruppen",
        "Arbetsgruppen",
        "Gruppen",
        "Samordningsrådet",
        "NU-sjukvården",
        "Barnskyddsteamet",
        "Regionhälsan-enheten",
        "Kulturförvaltningen",
        "BUP Göteborg",
        "SOR:s",
    ],
)
def test_organisations_are_not_people(written: str) -> None:
    found = resolve(written)
    assert (found.kind, found.matches) == ("organisation", ())
    assert is_organisation(written)


@pytest.mark.parametrize("written", ["Karin", "Karin B", "Lisa S", "Elfgrén", "Anna-Karin", "Alla"])
def test_names_are_not_organisations(written: str) -> None:
    assert not is_organisation(written)


# --- ambiguity: the candidates, never a pick -------------------------------------------------


def test_a_first_name_shared_by_two_members_is_ambiguous() -> None:
    assert_ambiguous("Karin", "Karin Andersson", "Karin Berg")
    assert_ambiguous("Josefine", "Josefine Hätting", "Josefine Roswall")
    assert_ambiguous("Lisa", "Lisa Bondjers", "Lisa Ståleby")
    assert_ambiguous("Maria", "Maria Söderberg", "Maria Jansson")


def test_a_shortened_first_name_that_fits_several_is_ambiguous() -> None:
    assert_ambiguous("Josefin", "Josefine Hätting", "Josefine Roswall")
    assert_ambiguous("Ann", "Anne Wennberg", "Anna Elfgrén")
    assert_ambiguous("Mari", "Marie Hufvudsson", "Maria Söderberg", "Maria Jansson")


def test_a_shared_surname_is_ambiguous() -> None:
    assert_ambiguous("Andersson", "Karin Andersson", "Karolina Andersson")
    assert_ambiguous("K Andersson", "Karin Andersson", "Karolina Andersson")


def test_a_typo_between_two_similar_names_is_ambiguous() -> None:
    # "Joana" could be Joanna with a letter missing or Jovanna with two: too close to call.
    assert_ambiguous("Joana", "Joanna Pestalozzi", "Jovanna Dahlgren")
    assert_ambiguous("Jovana", "Joanna Pestalozzi", "Jovanna Dahlgren")


def test_an_ambiguous_resolution_has_no_person() -> None:
    assert resolve("Karin").person is None


# --- unknown: close candidates, maybe none -----------------------------------------------


def test_unknown_name_with_close_candidates() -> None:
    found = resolve("Maria G")  # no Maria G in this council: offer the two Marias
    assert found.kind == "unknown"
    assert sorted(names_of(found)) == ["Maria Jansson", "Maria Söderberg"]
    karni = resolve("Karni")
    assert karni.kind == "unknown"
    assert {"Karin Andersson", "Karin Berg"} <= set(names_of(karni))


def test_unknown_name_without_candidates() -> None:
    for written in ("Annika Sjöstrand", "Sofia", "Johanna Svensson", ""):
        found = resolve(written)
        assert found.kind == "unknown", written
        assert found.person is None
    assert resolve("Annika Sjöstrand").matches == ()


# --- never the wrong person ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "never"),
    [
        ("Karin", "Carin Skoog"),
        ("Carin", "Karin Andersson"),
        ("Carin", "Karin Berg"),
        ("Karin A", "Karolina Andersson"),
        ("Karolina", "Karin Andersson"),
        ("Maria", "Marie Hufvudsson"),
        ("Marie", "Maria Jansson"),
        ("Marie", "Maria Söderberg"),
        ("Anna", "Anna-Karin Larsson"),
        ("Anne", "Anna Elfgrén"),
        ("Anna", "Anne Wennberg"),
        ("Joanna", "Jovanna Dahlgren"),
        ("Jovanna", "Joanna Pestalozzi"),
        ("Josefin", "Josefine Roswall"),
        ("Lisa", "Lisa Ståleby"),
        ("Lista", "Lisa Bondjers"),
        ("Maja", "Maria Jansson"),
        ("Lars", "Lorna Niklasson"),
        ("Karin S", "Karin Berg"),
    ],
)
def test_never_picks_a_similar_name(written: str, never: str) -> None:
    found = resolve(written)
    assert found.person is not member(never), (written, found)


def test_exact_first_names_win_over_similar_ones() -> None:
    assert_person("Karolina", "Karolina Andersson")
    assert_person("Marie", "Marie Hufvudsson")
    assert_person("Anna", "Anna Elfgrén")
    assert_person("Anne", "Anne Wennberg")
    assert_person("Jovanna", "Jovanna Dahlgren")
    assert_person("Anna-Karin", "Anna-Karin Larsson")


def _typos(full_name: str) -> set[str]:
    """Every one-letter slip in a name: a letter left out, two swapped, one mistyped."""
    variants: set[str] = set()
    for i, char in enumerate(full_name):
        if char == " ":
            continue
        variants.add(full_name[:i] + full_name[i + 1 :])
        if i + 1 < len(full_name) and full_name[i + 1] != " ":
            variants.add(full_name[:i] + full_name[i + 1] + char + full_name[i + 2 :])
        for other in "aeiklnrs":
            variants.add(full_name[:i] + other + full_name[i + 1 :])
    variants.discard(full_name)
    return variants


@pytest.mark.parametrize("full_name", SOR_BARN_NAMES)
def test_a_one_letter_slip_never_resolves_to_another_member(full_name: str) -> None:
    meant = member(full_name)
    for written in _typos(full_name):
        found = resolve(written)
        if found.kind == "person":
            exact_other = any(m.name_key == name_key(written) for m in SOR_BARN_ROSTER)
            assert found.person is meant or exact_other, (written, names_of(found))
        if found.kind == "ambiguous":
            assert meant in found.matches, (written, names_of(found))


@pytest.mark.parametrize("full_name", SOR_BARN_NAMES)
def test_every_member_by_full_name_and_by_first_name_and_initial(full_name: str) -> None:
    meant = member(full_name)
    assert resolve(full_name).person is meant
    first, rest = full_name.split(" ", 1)
    initial = resolve(f"{first} {rest.split()[-1][0]}")
    assert initial.person is meant or (initial.kind == "ambiguous" and meant in initial.matches)


# --- split_names, candidates_for -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Karin B och Joanna", ["Karin B", "Joanna"]),
        ("Lorna och Lars samt eventuellt Annika Sjöstrand", ["Lorna", "Lars", "Annika Sjöstrand"]),
        ("Sara K, Maria J & Lisa S", ["Sara K", "Maria J", "Lisa S"]),
        ("Karin B and Joanna + Maja", ["Karin B", "Joanna", "Maja"]),
        ("Godfried van Agthoven", ["Godfried van Agthoven"]),
        ("Anna-Karin Larsson, Per Hällsjö Wekell", ["Anna-Karin Larsson", "Per Hällsjö Wekell"]),
        ("Karin, , och Lisa", ["Karin", "Lisa"]),
        ("", []),
    ],
)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


def test_candidates_for_keeps_its_contract() -> None:
    roster = list(SOR_BARN_ROSTER)
    assert candidates_for("Karin B", roster) == [member("Karin Berg")]
    assert candidates_for("Lars Gelande", roster) == [member("Lars Gelander")]
    assert sorted(m.full_name for m in candidates_for("Karin", roster)) == [
        "Karin Andersson",
        "Karin Berg",
    ]
    # unknown, everyone and organisations are no candidates: one candidate means a match
    assert candidates_for("Maria G", roster) == []
    assert candidates_for("alla", roster) == []
    assert candidates_for("Neo-rådet", roster) == []
    assert candidates_for("", roster) == []


# --- titles, short forms of first names, hyphenated surnames, letters Unicode keeps whole ---
# A roster of its own (not the minutes'), written with the expected readings first.

OTHER_ROSTER = tuple(
    Member(name)
    for name in (
        "Lars Ek",
        "Lars Holmqvist",
        "Mikael Strand",
        "Margareta Wik",
        "Kerstin Lund",
        "Kristina Lund-Sjöö",
        "Bo Nyström",
        "Ayşe Yıldız",
        "Søren Dahl",
        "Omar Al-Sayed",
        "Eva Per-Olsson",
    )
)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # a title or role word before the name is not part of it
        ("ordförande Bo", ["Bo Nyström"]),
        ("Dr. Strand", ["Mikael Strand"]),
        ("sjuksköterskan Margareta Wik", ["Margareta Wik"]),
        ("enhetschef Lund", ["Kerstin Lund"]),  # the surname alone: Lund-Sjöö is another
        ("dr Lars", ["Lars Ek", "Lars Holmqvist"]),  # the title does not choose
        # a common short form of a first name is that name
        ("Micke", ["Mikael Strand"]),
        ("Maggan Wik", ["Margareta Wik"]),
        ("Lasse", ["Lars Ek", "Lars Holmqvist"]),
        ("Lasse Ek", ["Lars Ek"]),
        ("Bosse", ["Bo Nyström"]),
        ("Kicki", ["Kerstin Lund", "Kristina Lund-Sjöö"]),
        # a part of a hyphenated surname, and one written with a space
        ("Sjöö", ["Kristina Lund-Sjöö"]),
        ("Al Sayed", ["Omar Al-Sayed"]),
        ("Olsson", ["Eva Per-Olsson"]),
        ("Kristina Sjöö", ["Kristina Lund-Sjöö"]),  # a part of the surname after the name
        # letters that are a plain letter with a mark, though Unicode keeps them whole
        ("Yildiz", ["Ayşe Yıldız"]),
        ("Soren Dahl", ["Søren Dahl"]),
    ],
)
def test_more_ways_of_writing_a_member(written: str, meant: list[str]) -> None:
    assert sorted(m.full_name for m in candidates_for(written, OTHER_ROSTER)) == meant


@pytest.mark.parametrize(
    "written",
    [
        "Pelle",  # a Per, and there is none
        "ordförande",  # a title alone is nobody
        "dr Nilsson",
        "Lund-Sjö Berg",
    ],
)
def test_still_nobody(written: str) -> None:
    assert candidates_for(written, OTHER_ROSTER) == []


def test_a_whole_surname_makes_a_longer_one_no_sure_pick() -> None:
    """ "Ewa Malm": Ewa Malmsten by the first name, Eva Malm by the whole surname: asked."""
    roster = (Member("Eva Malm"), Member("Ewa Malmsten"), Member("Olof Malm"))
    found = candidates_for("Ewa Malm", roster)
    assert sorted(m.full_name for m in found) == ["Eva Malm", "Ewa Malmsten"]
    # a different first name is no rival: "Karin B" is still Karin Berg beside Anna B
    roster = (Member("Karin Berg"), Member("Anna B"))
    assert [m.full_name for m in candidates_for("Karin B", roster)] == ["Karin Berg"]


def test_a_genitive_s_is_not_part_of_the_name() -> None:
    """ "Evas punkt", "Lasses punkt": the member (or members) of the name without its s; a
    name that ends in s is not cut to fit another ("Lars" is no genitive of a Lara)."""
    roster = (Member("Eva Lind"), Member("Eva Sten"), Member("Lars Ek"), Member("Lara Berg"))
    assert sorted(m.full_name for m in candidates_for("Evas", roster)) == ["Eva Lind", "Eva Sten"]
    assert [m.full_name for m in candidates_for("Lasses", roster)] == ["Lars Ek"]
    assert [m.full_name for m in candidates_for("Lars", roster)] == ["Lars Ek"]
    assert candidates_for("Maras", roster) == []


def test_a_surname_as_written_comes_before_a_short_form() -> None:
    """ "Lasse" is Lars Lasse, whose surname it is, before it is any Lars."""
    roster = (Member("Lars Lasse"), Member("Lars Ek"))
    assert [m.full_name for m in candidates_for("Lasse", roster)] == ["Lars Lasse"]
