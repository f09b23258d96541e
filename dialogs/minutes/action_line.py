"""Reading one action line as the secretary writes it, straight from the meeting.

"Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner senast 15 maj" gives the
owners (Karin Berg, Joanna Pestalozzi), the deadline (15 May) and the text ("Tar fram
underlag om RMR luftvägsinfektioner"). Nothing is looked up in the database here: the
caller passes the council's roster and meeting starts, and decides what to do with names
that are ambiguous or unknown (ask) and with an empty text (refuse).

Where the owners are found, in this order (the first that finds anyone wins):

1. The run of names at the start of the line, before the verb: "Karin B och Joanna tar…",
   "Alla sonderar…", "Neo-rådet följer upp…". Names are joined by ",", "och", "samt", "&",
   "+", "and". A word starts a name when it is, or starts, a roster first name or surname,
   is "alla"/"samtliga", or is an organisation; a capitalised word the roster does not know
   ("Annika", "Sofia") counts only when a verb follows ("Annika tar fram…"), so "Sprid
   information…" names nobody. Names followed by a passive verb are the object, not the
   owner: "Lisa S kontaktas för genomgång" has no owner.
2. The agent of a passive: "…tas fram av Lars och Maja och mailas ut".
3. The names at the start of a later sentence, the last such sentence of the line: "Behov
   av RMR luftvägsinfektioner. Karin och Joanna rapporterar om nästa steg." Only names from
   the roster (or "alla") count here, never a body ("Gruppen rapporterar till SOR."). So "En
   arbetsgrupp föreslås, med Lorna och Lars samt eventuellt Annika Sjöstrand. Lorna blir
   sammankallande. Gruppen rapporterar till SOR." is Lorna's: the convener is the one who
   answers for it; the proposed members stay in the text.

The owner names are cut out of the text in cases 1 and 2. In case 3 the text is kept whole:
cutting the subject out of a later sentence leaves a fragment ("…Blir sammankallande.")
that reads worse than the names repeated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dialogs.dates.reading import When, find_when
from dialogs.minutes.markers import ACTION_MARKER_WORDS, AFTER_MARKER, BULLETS
from dialogs.people.names import (
    EVERYONE_WORDS,
    PARTICLES,
    Named,
    NameResolution,
    is_organisation,
    is_surname_start,
    resolve_name,
    roster_word_fit,
)
from dialogs.text.folding import fold, name_key
from dialogs.text.html import fragment_text


@dataclass(frozen=True)
class ActionDraft:
    """One action line read: who, what and until when; nothing stored yet."""

    owners: tuple[NameResolution, ...]  # in order written; empty when the line names nobody
    for_everyone: bool
    text: str  # the rest, tidy; may be empty (the caller decides)
    when: When | None
    when_text: str | None  # the date phrase as written, e.g. "senast 15 maj"
    source: str  # the line as given


def read_action_line(
    line: str, roster: Sequence[Named], *, now: datetime, meetings: Sequence[datetime] = ()
) -> ActionDraft:
    """Read an action line into owners, text and deadline, against the council's roster.

    `now` and `meetings` anchor the deadline ("senast 15 maj", "till nästa möte", "inför SOR
    7 maj"); pass the meeting's date as `now` when reading old minutes. The first date
    phrase in the line is the deadline. Owners are resolved but never guessed: see
    `dialogs.people.names.resolve_name`.
    """
    clean = clean_action_text(line)
    cut: list[tuple[int, int]] = []
    when, when_text, date_span = None, None, (0, 0)
    found = find_when(clean, now=now, meetings=meetings)
    if found is not None:
        when, start, end = found
        when_text = clean[start:end].strip()
        date_span = (start, end)
        cut.append(date_span)
    # Names are looked for around the date, never in it ("by May 15" names nobody), so
    # "Senast 15 maj: Karin B tar fram …" has its names at the start.
    tokens = _tokenize(clean, skip=date_span)
    owners: tuple[NameResolution, ...] = ()
    owners_found = _owners(tokens, clean, roster)
    if owners_found is not None:
        segments, cut_span = owners_found
        owners = _resolved(segments, clean, tokens, roster)
        if cut_span is not None:
            cut.append(cut_span)
    return ActionDraft(
        owners=owners,
        for_everyone=any(o.kind == "everyone" for o in owners),
        text=_tidy(_without(clean, cut)),
        when=when,
        when_text=when_text,
        source=line,
    )


_LEAD = re.compile(
    rf"^(?:[{BULLETS}]+\s*|\d{{1,2}}[.)]\s+)?(?:{ACTION_MARKER_WORDS}{AFTER_MARKER}\s*)?",
    re.IGNORECASE,
)


def clean_action_text(line: str) -> str:
    """The line as plain text: tags, entities, bold markers, a bullet or number and an
    "Action:" prefix removed, white space collapsed. The owners and date are found in this."""
    text = " ".join(fragment_text(line, tag=" ").split())
    return _LEAD.sub("", text, count=1).strip()


# --- tokens --------------------------------------------------------------------------------

_TOKEN = re.compile(r"[,&+;]|[^\s,&+;]+")
_ABBREVIATIONS_WITH_DOT = frozenset(
    {
        "t.ex.",
        "bl.a.",
        "ca.",
        "kl.",
        "ev.",
        "resp.",
        "m.m.",
        "inkl.",
        "dvs.",
        "osv.",
        "etc.",
        "e.g.",
        "i.e.",
        "p.g.a.",
        "pga.",
        "s.k.",
        "sk.",
    }
)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The word without surrounding punctuation: "Karin," -> "Karin", "B." -> "B"."""
        return self.text.strip(".:;!?()[]\"'”“")

    @property
    def is_initial(self) -> bool:
        return len(self.word) == 1 and self.word.isalpha()

    @property
    def ends_sentence(self) -> bool:
        return (
            self.text[-1] in ".!?"
            and not self.is_initial
            and self.text.casefold() not in _ABBREVIATIONS_WITH_DOT
        )

    @property
    def ends_clause(self) -> bool:
        """A name cannot go on past this token: end of sentence, or a colon ("Karin B: …")."""
        return self.ends_sentence or self.text[-1] in ":;"

    @property
    def is_capitalised(self) -> bool:
        return bool(self.word) and self.word[0].isupper()


def _tokenize(text: str, *, skip: tuple[int, int] = (0, 0)) -> list[_Token]:
    """The words and joiners of `text` outside the span `skip`, with their offsets."""
    tokens = [
        _Token(m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if not (skip[0] <= m.start() < skip[1])
    ]
    # A colon or comma left over from a date at the start ("15 maj: Karin …") is no token.
    while tokens and tokens[0].text.strip(",;:") == "":
        tokens.pop(0)
    return tokens


# --- words that tell names from the rest ----------------------------------------------------

_JOINERS = frozenset({",", "&", "+", "och", "samt", "and"})
_HEDGES = frozenset({"eventuellt", "ev", "ev.", "även", "aven", "kanske", "possibly", "maybe"})

#: Verbs that follow an owner in action lines (folded). Used where the words before them are
#: not known names: "Annika tar fram…" has an owner, "Sprid information…" has none.
_ACTIVE_VERBS = frozenset(
    fold(w)
    for w in """
    tar bjuder informerar rapporterar återrapporterar sonderar sammanställer funderar följer
    kontaktar mailar mejlar skickar undersöker återkommer återkopplar ansvarar ordnar bokar
    kallar sammankallar samordnar tittar kollar lyfter stämmer presenterar uppdaterar skriver
    svarar bereder utreder hör pratar ringer leder driver ser ska skall kommer har blir gör
    får bevakar planerar förbereder nominerar utser inventerar kartlägger reviderar sprider
    påminner säkerställer deltar besöker håller ber frågar tillfrågar diskuterar fortsätter
    fixar berättar förklarar förmedlar delar publicerar lägger sätter går vill kan bör måste
    behöver föreslår tillsätter utvärderar sammanfattar tänker sköter hanterar läser fyller
    anmäler meddelar noterar granskar sänder återkopplar mailar
    will shall should must can takes take sends send invites invite reports report prepares
    prepare checks check follows follow contacts contact writes write drafts draft organises
    organizes books calls coordinates updates presents asks compiles informs explores
    considers handles leads
    """.split()
)
#: Passive verbs after a name make the name the object: "Lisa S kontaktas …".
_PASSIVE_VERBS = frozenset(
    fold(w)
    for w in """
    kontaktas tillfrågas informeras kallas bjuds inbjuds påminns meddelas tas ombeds uppmanas
    efterfrågas tillfrågas nomineras utses inkluderas involveras
    """.split()
)
#: Active verbs that look passive: "Karin hoppas…" has Karin as its subject.
_DEPONENT_VERBS = frozenset(
    fold(w) for w in "hoppas lyckas minns trivs andas brottas kämpas låtsas finns".split()
)
#: Capitalised words that begin sentences but never name anyone.
_NOT_NAMES = frozenset(
    fold(w)
    for w in """
    vi man det den de detta denna dessa hon han ingen någon varje jag du ni dom
    sekreteraren ordföranden ordförande koordinatorn samordnaren ledamöterna deltagarna
    frågan ärendet beslut förslag mötet rådet gruppen vid efter inför under till från om
    i på för med och men se nästa behov action åtgärd senast deadline
    januari februari mars april maj juni juli augusti september oktober november december
    jan feb mar apr jun jul aug sep sept okt nov dec
    måndag tisdag onsdag torsdag fredag lördag söndag mån tis ons tors tor fre lör sön
    january february march may june july august october december monday tuesday wednesday
    thursday friday saturday sunday
    we they it he she you i one the a an nobody someone
    """.split()
)
_NOUN_ENDINGS = ("ning", "tion", "sion", "het", "else", "ande", "ende", "skap", "ism", "ment")


def _is_active_verb(token: _Token | None) -> bool:
    if token is None or (token.is_capitalised and token.word.isupper()):
        return False  # "SOR", "RMR": an abbreviation is never the verb
    word = fold(token.word)
    # "-erar" verbs (informerar, presenterar, sonderar) are too many to list.
    return word in _ACTIVE_VERBS or (len(word) > 5 and word.endswith("erar"))


def _is_passive_verb(token: _Token | None) -> bool:
    if token is None or token.is_capitalised:
        return False
    word = fold(token.word)
    if word in _DEPONENT_VERBS:
        return False
    return word in _PASSIVE_VERBS or (len(word) >= 6 and word.endswith("as"))


def looks_like_given_name(word: str) -> bool:
    """A capitalised word that could be a name not on the roster ("Annika", "Sofia")."""
    folded = fold(word)
    return (
        word[:1].isupper()
        and word.replace("-", "").isalpha()
        and not word.isupper()
        and folded not in _NOT_NAMES
        and folded not in EVERYONE_WORDS
        and not folded.endswith(_NOUN_ENDINGS)
    )


# --- finding the run of names ----------------------------------------------------------------

_SegmentKind = Literal["roster", "close", "everyone", "organisation", "abbreviation", "unknown"]


@dataclass(frozen=True)
class _Segment:
    """One name in a run: tokens first..last (inclusive)."""

    first: int
    last: int
    kind: _SegmentKind


@dataclass(frozen=True)
class _Run:
    segments: tuple[_Segment, ...]
    start: int  # token index of the first name
    end: int  # token index just after the last name


def _segment(tokens: list[_Token], i: int, roster: Sequence[Named]) -> _Segment | None:
    """The name that starts at token `i`, or None if no name starts there."""
    if i >= len(tokens):
        return None
    kind = _start_kind(tokens[i], roster)
    if kind is None:
        return None
    if kind in ("everyone", "organisation"):
        return _Segment(i, i, kind)
    return _Segment(i, _name_end(tokens, i, roster), kind)


def _start_kind(token: _Token, roster: Sequence[Named]) -> _SegmentKind | None:
    """What kind of name `token` could begin, or None if it begins none."""
    word = token.word
    if not word or word in _JOINERS or not word[0].isalpha():
        return None
    folded = name_key(word)
    if folded in EVERYONE_WORDS:
        return "everyone"
    if is_organisation(word):
        # "BUP" is also a word in running text ("BUP Borås"); "Neo-rådet" is only a body.
        abbreviation = word[:1].isupper() and word.split("-")[0].isupper()
        return "abbreviation" if abbreviation else "organisation"
    fit = roster_word_fit(word, roster)
    if not token.is_capitalised:
        # Lower-case typing ("karin b och joanna"): only a name the roster has exactly.
        return "roster" if fit == "exact" and folded not in _NOT_NAMES else None
    if folded in _NOT_NAMES:
        return None
    if fit in ("exact", "start"):
        return "roster"
    if fit == "close":
        return "close"
    return "unknown" if looks_like_given_name(word) else None


def _name_end(tokens: list[_Token], i: int, roster: Sequence[Named]) -> int:
    """The last token of the name starting at `i`: surnames, initials, particles."""
    last = i
    first_word = tokens[i].word
    while not tokens[last].ends_clause and last + 1 < len(tokens) and last - i < 3:
        nxt = tokens[last + 1]
        word = nxt.word
        if not word or fold(word) in _JOINERS:
            break
        if fold(word) in PARTICLES and last + 2 < len(tokens) and tokens[last + 2].is_capitalised:
            last += 2  # "van Agthoven"
        elif nxt.is_capitalised and (nxt.is_initial or _looks_like_surname(word)):
            last += 1
        elif (
            not nxt.is_capitalised
            and not tokens[i].is_capitalised
            and is_surname_start(word, first_word, roster)
        ):
            last += 1  # "karin b", "lars gelande" typed in lower case
        else:
            break
    return last


def _looks_like_surname(word: str) -> bool:
    folded = fold(word)
    return (
        word.replace("-", "").isalpha()
        and folded not in _NOT_NAMES
        and folded not in EVERYONE_WORDS
    )


def _joined_next(tokens: list[_Token], i: int) -> int | None:
    """The token index after a joiner (and any hedge like "eventuellt") at `i`, or None."""
    if i >= len(tokens) or fold(tokens[i].text) not in _JOINERS:
        return None
    j = i + 1
    if j < len(tokens) and fold(tokens[j].text) in _JOINERS:  # ", och"
        j += 1
    while j < len(tokens) and fold(tokens[j].text) in _HEDGES:
        j += 1
    return j


def _run_at(tokens: list[_Token], start: int, roster: Sequence[Named]) -> _Run | None:
    """The names joined by "och", ",", … from token `start`; None if no name starts there."""
    segments: list[_Segment] = []
    i = start
    while True:
        segment = _segment(tokens, i, roster)
        if segment is None:
            break
        segments.append(segment)
        i = segment.last + 1
        if tokens[segment.last].ends_clause:
            break
        after = _joined_next(tokens, i)
        if after is None or _segment(tokens, after, roster) is None:
            break
        i = after
    if not segments:
        return None
    return _Run(tuple(segments), start, segments[-1].last + 1)


def _run_is_subject(run: _Run, tokens: list[_Token], *, roster_only: bool) -> bool:
    """The run is who does the action: not the object of a passive, and — when the first
    name is not a known one — followed by a verb."""
    following = tokens[run.end] if run.end < len(tokens) else None
    if _is_passive_verb(following):
        return False
    first_kind = run.segments[0].kind
    if roster_only:
        return first_kind in ("roster", "everyone") and following is not None
    if first_kind in ("unknown", "close", "abbreviation"):
        ends_with_colon = tokens[run.end - 1].text.endswith(":")
        return ends_with_colon or _is_active_verb(following)
    return True


def _owners(
    tokens: list[_Token], text: str, roster: Sequence[Named]
) -> tuple[tuple[_Segment, ...], tuple[int, int] | None] | None:
    """The owners' name segments and the span of text to cut for them, or None."""
    leading = _run_at(tokens, 0, roster)
    if leading is not None and _run_is_subject(leading, tokens, roster_only=False):
        cut_end = tokens[leading.end].start if leading.end < len(tokens) else len(text)
        return leading.segments, (tokens[0].start, cut_end)
    agent = _passive_agent(tokens, roster)
    if agent is not None:
        by_token, run = agent
        return run.segments, (tokens[by_token].start, tokens[run.end - 1].end)
    later = _later_sentence_run(tokens, roster)
    if later is not None:
        return later.segments, None
    return None


def _passive_agent(tokens: list[_Token], roster: Sequence[Named]) -> tuple[int, _Run] | None:
    """ "tas fram av Lars och Maja": the names after "av"/"by" that follows a passive verb."""
    for i, token in enumerate(tokens):
        if fold(token.text) not in ("av", "by"):
            continue
        before = tokens[max(0, i - 2) : i]
        if not any(_is_passive_like(t) for t in before):
            continue
        run = _run_at(tokens, i + 1, roster)
        if run is not None:
            return i, run
    return None


def _is_passive_like(token: _Token) -> bool:
    """ "tas", "mailas", "sammanställs", "leds", "prepared": a lower-case passive verb."""
    word = fold(token.text)
    if token.is_capitalised or not word.isalpha() or word in _DEPONENT_VERBS:
        return False
    s_passive = len(word) >= 4 and word.endswith("s")
    english_participle = len(word) >= 5 and word.endswith(("ed", "en"))
    return word in _PASSIVE_VERBS or s_passive or english_participle


def _later_sentence_run(tokens: list[_Token], roster: Sequence[Named]) -> _Run | None:
    """The names opening the last later sentence that opens with members' names."""
    found = None
    for i in range(1, len(tokens)):
        if not (tokens[i - 1].ends_sentence and tokens[i].is_capitalised):
            continue
        run = _run_at(tokens, i, roster)
        if run is not None and _run_is_subject(run, tokens, roster_only=True):
            found = run
    return found


def _resolved(
    segments: Sequence[_Segment], text: str, tokens: list[_Token], roster: Sequence[Named]
) -> tuple[NameResolution, ...]:
    """Each name resolved once, in order; the same member or "alla" twice is kept once."""
    result: list[NameResolution] = []
    seen: set[object] = set()
    for segment in segments:
        written = text[tokens[segment.first].start : tokens[segment.last].end].strip(".:;!?,")
        resolution = resolve_name(written, roster)
        identity: object = (
            id(resolution.matches[0])
            if resolution.kind == "person"
            else resolution.kind
            if resolution.kind == "everyone"
            else fold(written)
        )
        if identity not in seen:
            seen.add(identity)
            result.append(resolution)
    return tuple(result)


# --- the text that is left ---------------------------------------------------------------

_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
_REPEATED_PUNCTUATION = re.compile(r"([,;:])(?:\s*[,;:])+")
_COMMA_BEFORE_STOP = re.compile(r"[,;:]\s*([.!?])")
_DANGLING = re.compile(
    r"\s+(?:senast|till|inför|innan|före|fram\s+till|deadline|by|before|until|due)(?=[,.;:!?]|$)",
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = " ,.;:-–—"


def _without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    pieces, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    return " ".join(pieces)


def _tidy(text: str) -> str:
    """One clean sentence: spaces and punctuation fixed, no dangling "senast"/"till", no
    edge punctuation, the first letter upper-case."""
    text = " ".join(text.split())
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _REPEATED_PUNCTUATION.sub(r"\1", text)
    text = _COMMA_BEFORE_STOP.sub(r"\1", text)
    previous = None
    while previous != text:  # "… till senast" leaves two
        previous = text
        text = _DANGLING.sub("", text).strip(_EDGE_PUNCTUATION)
    return text[:1].upper() + text[1:]
