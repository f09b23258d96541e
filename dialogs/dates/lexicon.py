"""Words and regex fragments for reading Swedish (and English) dates.

Only tables and pattern builders live here; `dialogs.dates.reading` puts them together. Every
fragment builder takes a group-name prefix so the same fragment can appear twice in one
pattern (a range has two dates, a time range two times) without clashing group names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- word tables -------------------------------------------------------------------------
# fmt: off

_MONTHS_FULL: dict[str, int] = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
}
_MONTHS_ABBR: dict[str, int] = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
MONTHS: dict[str, int] = {**_MONTHS_FULL, **_MONTHS_ABBR}

# Month names an English writer puts before the day ("May 7"); Swedish never does, and
# allowing "mars 15" would misread "i mars 15 barn".
_MONTHS_BEFORE_DAY: frozenset[str] = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec"}
)

_WEEKDAYS_FULL: dict[str, int] = {
    "måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6,
    "måndagen": 0, "tisdagen": 1, "onsdagen": 2, "torsdagen": 3, "fredagen": 4,
    "lördagen": 5, "söndagen": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# Abbreviations are only trusted next to a date or week ("fre 12 sep", "tors v. 17"):
# on their own "mån", "tor" and "sat" are ordinary words or names.
_WEEKDAYS_ABBR: dict[str, int] = {
    "mån": 0, "tis": 1, "ons": 2, "tors": 3, "tor": 3, "fre": 4, "lör": 5, "sön": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}
WEEKDAYS: dict[str, int] = {**_WEEKDAYS_FULL, **_WEEKDAYS_ABBR}

NUMBER_WORDS: dict[str, int] = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
    # "ett par" is two only for hours and minutes (see dialogs.dates.reading._in_amount)
    "ett par": 2,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

#: A day of the month written as a Swedish ordinal: "den femtonde maj", "tjugoförsta juni".
ORDINAL_DAYS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        (
            "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte "
            "trettonde fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde "
            "tjugoförsta tjugoandra tjugotredje tjugofjärde tjugofemte tjugosjätte tjugosjunde "
            "tjugoåttonde tjugonionde trettionde trettioförsta"
        ).split(),
        start=1,
    )
}

# unit word -> (kind, amount); kinds: "days", "months", "minutes"
_UNITS_FULL: dict[str, tuple[str, int]] = {
    "dag": ("days", 1), "dagar": ("days", 1),
    # a "dygn" is 24 hours on the clock, not a calendar day
    "dygn": ("minutes", 24 * 60),
    "day": ("days", 1), "days": ("days", 1),
    "vecka": ("days", 7), "veckor": ("days", 7), "week": ("days", 7), "weeks": ("days", 7),
    "månad": ("months", 1), "månader": ("months", 1),
    "month": ("months", 1), "months": ("months", 1),
    "år": ("months", 12), "year": ("months", 12), "years": ("months", 12),
    "timme": ("minutes", 60), "timmar": ("minutes", 60),
    "hour": ("minutes", 60), "hours": ("minutes", 60),
    "minut": ("minutes", 1), "minuter": ("minutes", 1),
    "minute": ("minutes", 1), "minutes": ("minutes", 1),
    "fortnight": ("days", 14), "fortnights": ("days", 14),
}
# How units are shortened in notes: "om 2 v.", "om 30 min", "om 3 dgr" (a dot may follow).
_UNITS_ABBR: dict[str, tuple[str, int]] = {
    "dgr": ("days", 1), "dar": ("days", 1),
    "v": ("days", 7),
    "mån": ("months", 1),
    "h": ("minutes", 60), "tim": ("minutes", 60), "min": ("minutes", 1),
}
UNITS: dict[str, tuple[str, int]] = {**_UNITS_FULL, **_UNITS_ABBR}

# spelling -> days after today
RELATIVE_DAYS: dict[str, int] = {
    "idag": 0, "i dag": 0, "today": 0,
    "imorgon": 1, "i morgon": 1, "imorron": 1, "i morron": 1, "imorrn": 1, "i morrn": 1,
    "tomorrow": 1,
    "övermorgon": 2, "i övermorgon": 2, "the day after tomorrow": 2, "day after tomorrow": 2,
    # A deadline of yesterday is a slip to ask about (``dialogs.dates.doubts``), not a day to
    # leave in the action's text.
    "igår": -1, "i går": -1, "yesterday": -1,
}

# spelling -> holiday key (see dialogs.dates.calendar.holiday_date)
HOLIDAYS: dict[str, str] = {
    "nyårsdagen": "nyårsdagen", "nyårsdag": "nyårsdagen", "new year's day": "nyårsdagen",
    "new years day": "nyårsdagen",
    "trettondagsafton": "trettondagsafton", "trettondedagsafton": "trettondagsafton",
    "trettondagen": "trettondagen", "trettondedagen": "trettondagen",
    "trettondedag jul": "trettondagen", "trettondag jul": "trettondagen",
    "trettonde dag jul": "trettondagen", "epiphany": "trettondagen",
    "skärtorsdagen": "skärtorsdagen", "skärtorsdag": "skärtorsdagen",
    "maundy thursday": "skärtorsdagen",
    "långfredagen": "långfredagen", "långfredag": "långfredagen", "good friday": "långfredagen",
    "påskafton": "påskafton", "holy saturday": "påskafton", "easter saturday": "påskafton",
    "påskdagen": "påskdagen", "påskdag": "påskdagen", "easter sunday": "påskdagen",
    "easter day": "påskdagen",
    "annandag påsk": "annandag påsk", "annandagpåsk": "annandag påsk",
    "annandag påsken": "annandag påsk", "easter monday": "annandag påsk",
    "valborg": "valborgsmässoafton", "valborgsmässoafton": "valborgsmässoafton",
    "valborgsafton": "valborgsmässoafton", "valborgsmässa": "valborgsmässoafton",
    "walpurgis night": "valborgsmässoafton",
    "första maj": "första maj", "may day": "första maj",
    "kristi himmelfärdsdag": "kristi himmelsfärdsdag",
    "kristi himmelsfärdsdag": "kristi himmelsfärdsdag",
    "kristi himmelfärds dag": "kristi himmelsfärdsdag",
    "kristi himmelsfärds dag": "kristi himmelsfärdsdag",
    "kristi himmelfärd": "kristi himmelsfärdsdag", "kristi himmelsfärd": "kristi himmelsfärdsdag",
    "himmelfärdsdagen": "kristi himmelsfärdsdag", "himmelsfärdsdagen": "kristi himmelsfärdsdag",
    "ascension day": "kristi himmelsfärdsdag",
    "pingstafton": "pingstafton", "pingstdagen": "pingstdagen", "pingstdag": "pingstdagen",
    "whit sunday": "pingstdagen", "pentecost": "pingstdagen",
    "nationaldagen": "nationaldagen", "sveriges nationaldag": "nationaldagen",
    "national day": "nationaldagen",
    "midsommarafton": "midsommarafton", "midsommar": "midsommarafton",
    "midsummer eve": "midsommarafton", "midsummer": "midsommarafton",
    "midsommardagen": "midsommardagen", "midsommardag": "midsommardagen",
    "midsummer day": "midsommardagen",
    "allhelgonaafton": "allhelgonaafton", "allahelgonsafton": "allhelgonaafton",
    "alla helgons afton": "allhelgonaafton",
    "alla helgons dag": "alla helgons dag", "allhelgonadagen": "alla helgons dag",
    "allhelgonadag": "alla helgons dag", "all saints' day": "alla helgons dag",
    "all saints day": "alla helgons dag",
    "julafton": "julafton", "christmas eve": "julafton",
    "juldagen": "juldagen", "juldag": "juldagen", "christmas day": "juldagen",
    "christmas": "juldagen",
    "annandag jul": "annandag jul", "boxing day": "annandag jul",
    "nyårsafton": "nyårsafton", "new year's eve": "nyårsafton", "new years eve": "nyårsafton",
    # The feast alone stands for its eve, the day Swedes celebrate and work towards: "innan
    # jul" is before julafton, as "midsommar" is midsommarafton.
    "jul": "julafton", "julen": "julafton", "påsk": "påskafton", "påsken": "påskafton",
    "nyår": "nyårsafton", "pingst": "pingstafton", "pingsten": "pingstafton",
    "allhelgona": "alla helgons dag",
}

# fmt: on

# Words allowed in a text handed to dateparser: anything else means it is not (only) a
# date, and dateparser would happily read a date out of noise ("1177" -> year 1177).
FALLBACK_WORDS: frozenset[str] = frozenset(
    set(MONTHS)
    | set(WEEKDAYS)
    | set(NUMBER_WORDS)
    | set(_UNITS_FULL)
    | {w for spelling in RELATIVE_DAYS for w in spelling.split()}
    | {
        "den",
        "kl",
        "klockan",
        "om",
        "på",
        "nästa",
        "kommande",
        "denna",
        "nu",
        "från",
        "och",
        "e",
        "a",
        "st",
        "nd",
        "rd",
        "th",
        "the",
        "of",
        "on",
        "at",
        "in",
        "this",
        "next",
        "coming",
        "from",
        "now",
        "am",
        "pm",
        "noon",
        "midnight",
        "midday",
        "after",
        "and",
        "week",
        "fortnight",
        "morning",
        "afternoon",
        "evening",
    }
)
# A text must mention one of these for dateparser to be worth asking.
FALLBACK_ANCHORS: frozenset[str] = frozenset(
    set(MONTHS)
    | set(_WEEKDAYS_FULL)
    | {"today", "tomorrow", "idag", "imorgon", "övermorgon", "fortnight", "noon", "midnight"}
)


# --- regex fragments ---------------------------------------------------------------------


def _alternation(words: Iterable[str], *, abbreviations: Iterable[str] = ()) -> str:
    """Longest-first alternation, so "september" wins over "sep"; abbreviations take a dot."""
    abbr = set(abbreviations)
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        body = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(body + (r"\.?" if word in abbr else ""))
    return "(?:" + "|".join(parts) + ")"


MONTH = _alternation(MONTHS, abbreviations=_MONTHS_ABBR)
# "andra" is also "other" ("de andra mars-grupperna"): the second only as "den andra"
ORDINAL_DAY = rf"(?:(?<=den\s)andra|{_alternation(d for d in ORDINAL_DAYS if d != 'andra')})"
MONTH_BEFORE_DAY = _alternation(_MONTHS_BEFORE_DAY, abbreviations=_MONTHS_ABBR)
WEEKDAY_FULL = _alternation(_WEEKDAYS_FULL)
WEEKDAY_ANY = _alternation(WEEKDAYS, abbreviations=_WEEKDAYS_ABBR)
NUMBER = rf"(?:\d{{1,3}}|{_alternation(NUMBER_WORDS)})"
UNIT = _alternation(UNITS, abbreviations=_UNITS_ABBR)
RELATIVE_DAY = _alternation(RELATIVE_DAYS)
HOLIDAY = _alternation(HOLIDAYS)
YEAR = r"(?:19|20)\d\d(?!\d)"
# "3:e", "1:a", "2a", "3rd", "21st"
ORDINAL_SUFFIX = r"(?::[ea]|[ea](?![\w])|st|nd|rd|th)?"
DASH = r"[-‐‑‒–—−]"
# The leading words that make a date a deadline: kept in the span found by find_when so
# the caller can cut "senast den 31 maj" out of an action line and keep the rest.
DEADLINE_WORD = (
    r"(?:senast|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|fram\s+till|deadline|sista\s+"
    r"(?:dag|datum|svarsdag|anmälningsdag)|före|innan|tills?|intill|inför|by|before|until|"
    r"due(?:\s+(?:by|on))?|no\s+later\s+than)"
)
DEADLINE_PREFIX = rf"(?:{DEADLINE_WORD}(?:\s*:)?\s+){{1,2}}"
# Before a meeting reference also "vid"/"på"/"i" ("vid mötet den 7 maj"), but only next to
# it: in "skjuts på till nästa möte" the "på" belongs to the verb.
MEETING_PREFIX = (
    rf"(?:(?:{DEADLINE_WORD})(?:\s*:)?\s+)?(?:(?:{DEADLINE_WORD}|vid|på|i|at|in|for)(?:\s*:)?\s+)"
)
# "SOR", "NAG", "RPT": a council's or group's short name stands for its meeting.
ABBREVIATION = r"(?-i:[A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7})"
# "mötet", "SOR-mötet", "SOR:s möte", "SOR barn-mötet", "rådsmötet", "nästa Teamsmöte",
# "sammanträdet", "the meeting"
MEETING_NOUN = (
    rf"(?:(?:{ABBREVIATION}(?::s\s+|-|\s+))?(?:[a-zåäö]+-)?(?:[a-zåäö]*möte|sammanträde)t?"
    rf"(?![\w-])|(?:the\s+)?meeting)"
)
AMPM = r"(?:[ap]\.?m\.?(?![\w]))"
# Words in front of a weekday that add nothing once the date itself is written: "på fredag
# 18 april", "nästa fredag 18/4", "this Friday 18 April" (the weekday must still agree).
WEEKDAY_QUALIFIER = r"(?:på|on|this|denna|den\s+här|nästa|next|kommande|coming)"
# Words after a number that make it an amount or a duration, never a clock time:
# "13.10 kr", "12.30 procent", "1.30 timmar".
AMOUNT_AFTER = (
    r"\s*(?:%|(?:kr|kronor|tkr|mkr|mnkr|msek|sek|procent|promille|miljoner|miljarder|milj|mdr|"
    r"h|tim|timmar|timme|min|minuter|sekunder|dagar|år|st|kg|km|mg|ml)(?![\w]))"
)


#: The hour of a time as it is said ("halv tio", "kvart i tre"): a word or a number.
SPOKEN_HOURS: dict[str, int] = {
    "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}  # fmt: skip
SPOKEN_HOUR = rf"(?:{_alternation(SPOKEN_HOURS)}|\d{{1,2}})"
#: How a said time moves from its hour: "halv tio" is 9.30, "kvart i tio" 9.45.
SPOKEN_OFFSETS: dict[str, int] = {"halv": -30, "kvart över": 15, "kvart i": -15}


def time_fragment(p: str) -> str:
    """One clock time: "kl 9", "kl. 09.05", "9.30", "14:30", "9am", "at 9", and as it is
    said: "halv tio" (09.30), "kvart över nio" (09.15), "kvart i tre" (14.45).

    A bare number is never a time: it needs "kl"/"at", minutes or am/pm. Hours and minutes
    are matched loosely (\\d{1,2}) and checked in code, so "kl 25" is recognised as an
    impossible time instead of slipping through to dateparser.
    """
    return (
        rf"(?:(?P<{p}_k>kl(?:ockan)?\.?|at|@)\s*(?P<{p}_h1>\d{{1,2}})"
        rf"(?:[:.](?P<{p}_n1>\d{{2}}))?(?:\s*(?P<{p}_a1>{AMPM}))?"
        rf"|(?P<{p}_h2>\d{{1,2}})[:.](?P<{p}_n2>\d{{2}})(?:\s*(?P<{p}_a2>{AMPM}))?"
        rf"|(?P<{p}_h3>\d{{1,2}})\s*(?P<{p}_a3>{AMPM})"
        rf"|(?:kl(?:ockan)?\.?\s*)?(?P<{p}_sp>halv|kvart\s+över|kvart\s+i)\s+"
        rf"(?P<{p}_sh>{SPOKEN_HOUR})(?![\w])"
        rf"|(?P<{p}_noon>noon|midday))(?![\d])"
    )


def time_end_fragment(p: str) -> str:
    """The end of a time range: here a bare hour is fine ("kl 13-15")."""
    return (
        rf"(?:kl(?:ockan)?\.?\s*)?(?P<{p}_h1>\d{{1,2}})(?:[:.](?P<{p}_n1>\d{{2}}))?"
        rf"(?:\s*(?P<{p}_a1>{AMPM}))?(?![\d])"
    )


def clock_fragment(p: str) -> str:
    """A time or a time range ("09.30–12.00", "13.00 - 15.30", "kl 13 till 15")."""
    return (
        rf"{time_fragment(p)}"
        rf"(?:\s*(?:{DASH}|till|to|until)\s*{time_end_fragment(p + 'e')})?"
    )


def bare_hours_fragment(p: str) -> str:
    """ "13-15" right after a date ("7 maj 13-15"): whole hours, only where a day is named.

    Alone "13-15" is no time at all. Only hours from 06 to 23 qualify, in the pattern itself
    so that "18 maj 2-3 personer" still finds "18 maj" instead of rejecting it.
    """
    hour = r"(?:0?[6-9]|1\d|2[0-3])"
    return rf"(?P<{p}_h1>{hour})\s*{DASH}\s*(?P<{p}e_h1>{hour})(?![\d:./])"


def _short_year(name: str) -> str:
    """ "-25" right after a date ("13/10-25", "3 juni -25"): 2025.

    The two digits must follow the dash directly: "9 april - 12" is a range or a count, and
    "13/10-25/10" and "3 juni-25 juni" are ranges of dates.
    """
    return rf"\s*{DASH}(?P<{name}>\d\d)(?![\d/]|[.:]\d|\s*{MONTH})"


def date_fragment(p: str) -> str:
    """One calendar date, with an optional weekday in front.

    "fredag 12 september", "tis den 3 juni", "3:e juni", "15 jan", "3 okt.", "7th of May",
    "May 7", "första juni", "den femtonde maj", "13/10", "13/10-2025", "13/10 2025", "2025-10-13",
    "13.10.2025", "13/10-25", "13.10.25", "på fredag 18 april", "on 18 April". Day and month
    are checked in code, so "32 maj" and "13/13" are known to be impossible dates rather than
    no date at all.
    """
    return (
        rf"(?:(?:på|on)\s+)?(?:(?:{WEEKDAY_QUALIFIER}\s+)?(?P<{p}_wd>{WEEKDAY_ANY}),?\s+)?"
        rf"(?:den\s+|the\s+)?"
        rf"(?:(?P<{p}_d1>\d{{1,2}}){ORDINAL_SUFFIX}\.?\s*(?:of\s+)?(?P<{p}_m1>{MONTH})"
        rf"(?:,?\s+(?P<{p}_y1>{YEAR})|{_short_year(p + '_s1')})?"
        rf"|(?P<{p}_m2>{MONTH_BEFORE_DAY})\s+(?:the\s+)?(?P<{p}_d2>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?(?![\d:.]\d)(?:,?\s+(?P<{p}_y2>{YEAR}))?"
        rf"|(?P<{p}_o3>{ORDINAL_DAY}|sista)\s+(?P<{p}_m3>{MONTH})(?:\s+(?P<{p}_y3>{YEAR}))?"
        rf"|(?P<{p}_d4>\d{{1,2}})/(?P<{p}_m4>\d{{1,2}})"
        rf"(?:(?:\s*{DASH}\s*|/|\s+)(?P<{p}_y4>{YEAR})(?![/:.]\d)|/(?P<{p}_s4>\d{{2}})(?![\d/])"
        rf"|{_short_year(p + '_t4')})?"
        rf"|(?P<{p}_y5>\d{{4}})-(?P<{p}_m5>\d{{1,2}})-(?P<{p}_d5>\d{{1,2}})"
        rf"|(?P<{p}_d6>\d{{1,2}})\.(?P<{p}_m6>\d{{1,2}})\.(?:(?P<{p}_y6>\d{{4}})|(?P<{p}_s6>\d\d))"
        rf")(?![\d])"
    )


def day_only_fragment(p: str) -> str:
    """The first day of "18-19 september": month and year come from the second date."""
    return rf"(?:den\s+)?(?P<{p}_d0>\d{{1,2}}){ORDINAL_SUFFIX}"


# Joiners between a date and its time: "7 maj 13.00", "12 sep, 09:30", "2025-10-13T14:00".
DATE_TIME_JOINER = r"(?:\s*,\s*|\s+|T)"
