"""Table-driven tests for `dialogs.dates.reading`: how council members write dates.

Fixed clock: Wednesday 2025-04-09 10:00 in Stockholm (the date of a seed meeting, SOR Barn),
with the council's meetings of spring and autumn 2025 as written in the minutes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dialogs.dates.calendar import _HOLIDAY_RULES, holiday_table
from dialogs.dates.reading import STOCKHOLM, When, find_when, parse_when


def at(text: str) -> datetime:
    """ "2025-05-07 09:00" -> that wall-clock time in Stockholm."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def day(text: str) -> When:
    """A whole day, no time."""
    return When(at(text), None, False)


def clock(text: str, end: str | None = None) -> When:
    """A time (and optionally the end of a time range)."""
    return When(at(text), at(end) if end else None, True)


def days(first: str, last: str) -> When:
    """A date range: midnight of the first and of the last day."""
    return When(at(first), at(last), False)


NOW = at("2025-04-09 10:00")  # a Wednesday, ISO week 15
MEETINGS = (
    at("2025-03-05 09:00"),
    at("2025-04-09 09:00"),  # today, already started
    at("2025-05-07 09:00"),
    at("2025-09-12 09:30"),
    at("2025-10-13 09:00"),
    at("2025-11-12 09:00"),
    at("2025-12-12 09:00"),
)

# --- parse_when, NOW and MEETINGS -----------------------------------------------------------

PARSE_CASES: list[tuple[str, When | None]] = [
    # weekday and month names, with or without "den", ordinals, abbreviations
    ("fredag 12 september", day("2025-09-12")),
    ("Fredag 12 september", day("2025-09-12")),
    ("Måndag 13 oktober", day("2025-10-13")),
    ("Onsdag 12 november", day("2025-11-12")),
    ("Fredag 12 december", day("2025-12-12")),
    ("fredagen den 12 september", day("2025-09-12")),
    ("Friday, September 12", day("2025-09-12")),
    ("tis den 3 juni", day("2025-06-03")),
    ("tisdag den 3 juni", day("2025-06-03")),
    ("tis. 3 juni", day("2025-06-03")),
    ("3:e juni", day("2025-06-03")),
    ("3e juni", day("2025-06-03")),
    ("Den 3:e juni", day("2025-06-03")),
    ("15 jan", day("2026-01-15")),
    ("3 okt.", day("2025-10-03")),
    ("1:a maj", day("2025-05-01")),
    ("21:a maj", day("2025-05-21")),
    ("den 31 maj", day("2025-05-31")),
    ("den 7 maj", day("2025-05-07")),
    ("7 maj 2026", day("2026-05-07")),
    ("9 april", day("2025-04-09")),  # today is still to come
    ("8 april", day("2026-04-08")),  # yesterday: next year's
    ("Den 8 april 2025", day("2025-04-08")),  # an explicit year may be past
    ("den 1 januari 2028", day("2028-01-01")),
    ("12 sept", day("2025-09-12")),
    ("fre 12 sep", day("2025-09-12")),
    ("sön 13 apr", day("2025-04-13")),
    ("29 februari", day("2028-02-29")),
    ("första juni", day("2025-06-01")),
    ("sista maj", day("2025-05-31")),
    # a day written as an ordinal word; "andra" only as "den andra" (it is also "other")
    ("den femtonde maj", day("2025-05-15")),
    ("tjugoförsta juni kl 10", clock("2025-06-21 10:00")),
    ("den andra mars", day("2026-03-02")),
    ("trettioförsta oktober", day("2025-10-31")),
    # numbers
    ("13/10", day("2025-10-13")),
    ("13/10-2025", day("2025-10-13")),
    ("13/10 2025", day("2025-10-13")),
    ("13/10/2025", day("2025-10-13")),
    ("13/10/25", day("2025-10-13")),
    ("2025-10-13", day("2025-10-13")),
    ("13.10.2025", day("2025-10-13")),
    ("7/5", day("2025-05-07")),
    ("1/6", day("2025-06-01")),
    ("5/4", day("2026-04-05")),
    ("29/2-2028", day("2028-02-29")),
    ("13/10-25", day("2025-10-13")),  # a two-digit year after a dash is 20YY
    ("3/6-25", day("2025-06-03")),
    ("13/10 -25", day("2025-10-13")),
    ("13.10.25", day("2025-10-13")),
    ("1.6.25", day("2025-06-01")),
    ("9 april-25", day("2025-04-09")),
    ("3 juni -26", day("2026-06-03")),
    ("3 juni 26", day("2026-06-03")),  # via dateparser: 26 is the year it read
    # times
    ("kl 9", clock("2025-04-10 09:00")),  # 09:00 has passed today
    ("kl. 09.05", clock("2025-04-10 09:05")),
    ("9.30", clock("2025-04-10 09:30")),
    ("14:30", clock("2025-04-09 14:30")),
    ("kl 14", clock("2025-04-09 14:00")),
    ("klockan 15", clock("2025-04-09 15:00")),
    ("kl 10", clock("2025-04-09 10:00")),  # now counts as still to come
    ("kl. 23.59", clock("2025-04-09 23:59")),
    ("09.30–12.00", clock("2025-04-10 09:30", "2025-04-10 12:00")),
    ("13.00-15.30", clock("2025-04-09 13:00", "2025-04-09 15:30")),
    ("13.00 - 15.30", clock("2025-04-09 13:00", "2025-04-09 15:30")),
    ("kl 13-15", clock("2025-04-09 13:00", "2025-04-09 15:00")),
    ("22.00-02.00", clock("2025-04-09 22:00", "2025-04-10 02:00")),
    ("7 maj 13.00-15.30", clock("2025-05-07 13:00", "2025-05-07 15:30")),
    ("7 maj kl 13", clock("2025-05-07 13:00")),
    ("fredag 12 september kl 09.30", clock("2025-09-12 09:30")),
    ("12 sep 09:30–15:30", clock("2025-09-12 09:30", "2025-09-12 15:30")),
    ("fre 12 sep kl 09.30-15.30", clock("2025-09-12 09:30", "2025-09-12 15:30")),
    ("13/10 kl 9.30", clock("2025-10-13 09:30")),
    ("13.10.2025 kl 9", clock("2025-10-13 09:00")),
    ("2025-10-13 14:00", clock("2025-10-13 14:00")),
    ("2025-10-13T14:00", clock("2025-10-13 14:00")),
    ("kl 13 den 7 maj", clock("2025-05-07 13:00")),
    ("7 maj 13-15", clock("2025-05-07 13:00", "2025-05-07 15:00")),  # hours after a date
    ("7 maj, 13-15", clock("2025-05-07 13:00", "2025-05-07 15:00")),
    ("måndag 9-12", clock("2025-04-14 09:00", "2025-04-14 12:00")),
    ("fredag 12 september, kl 09.30", clock("2025-09-12 09:30")),
    ("måndagen den 13 oktober kl 9.00–12.00", clock("2025-10-13 09:00", "2025-10-13 12:00")),
    ("tis 3/6-2025 kl 10", clock("2025-06-03 10:00")),
    ("12/9 kl 13-15", clock("2025-09-12 13:00", "2025-09-12 15:00")),
    # "kl 24.00" with a day is the end of that day; alone it names no day ("kl 24" below)
    ("senast 31 maj kl 24.00", clock("2025-05-31 23:59")),
    ("senast kl 24.00 den 31 maj", clock("2025-05-31 23:59")),
    ("kl 24.00", None),
    # the short weekday or relative day in front of a full date: the date decides, and
    # the weekday or day must agree with it
    ("på fredag 18 april", day("2025-04-18")),
    ("på fredag den 18 april kl 10", clock("2025-04-18 10:00")),
    ("nästa fredag 18/4", day("2025-04-18")),
    ("kommande fredag 18/4", day("2025-04-18")),
    ("denna fredag 18/4", day("2025-04-18")),
    ("this Friday 18 April", day("2025-04-18")),
    ("on Friday 18 April", day("2025-04-18")),
    ("på måndag 13 oktober", day("2025-10-13")),
    ("på fredag 11/4 kl 9", clock("2025-04-11 09:00")),
    ("i morgon 10/4 kl 9", clock("2025-04-10 09:00")),
    ("idag 9/4 kl 15", clock("2025-04-09 15:00")),
    ("på fredag 13 oktober", None),  # 13 October 2025 is a Monday
    ("nästa fredag 19/4", None),  # a Saturday
    ("i morgon 11/4", None),  # tomorrow is 10/4
    # date ranges
    ("9 februari - 30 mars", days("2026-02-09", "2026-03-30")),
    ("1 februari till 15 juni", days("2026-02-01", "2026-06-15")),
    ("18-19 september", days("2025-09-18", "2025-09-19")),
    ("18-19 september 2024", days("2024-09-18", "2024-09-19")),
    ("8 – 10 maj", days("2025-05-08", "2025-05-10")),
    ("8 maj – 10 maj", days("2025-05-08", "2025-05-10")),
    ("13/10-15/10", days("2025-10-13", "2025-10-15")),
    ("från 1 maj till 3 maj", days("2025-05-01", "2025-05-03")),
    ("mån 14 april – fre 18 april", days("2025-04-14", "2025-04-18")),
    ("20 dec - 5 jan 2026", days("2025-12-20", "2026-01-05")),
    ("mellan 1 och 15 juni", days("2025-06-01", "2025-06-15")),
    ("between May 7 and May 9", days("2025-05-07", "2025-05-09")),
    # a list of days in one month: the first of them
    ("3 och 5 juni", day("2025-06-03")),
    ("3, 4 och 5 juni", day("2025-06-03")),
    ("5 och 3 juni", None),
    # relative
    ("idag", day("2025-04-09")),
    ("i dag", day("2025-04-09")),
    ("I dag", day("2025-04-09")),
    ("i morgon", day("2025-04-10")),
    ("imorgon", day("2025-04-10")),
    ("i övermorgon", day("2025-04-11")),
    ("övermorgon", day("2025-04-11")),
    ("imorgon kl 9", clock("2025-04-10 09:00")),
    ("i morgon kl 9", clock("2025-04-10 09:00")),
    ("kl 9 i morgon", clock("2025-04-10 09:00")),
    ("idag kl 14-16", clock("2025-04-09 14:00", "2025-04-09 16:00")),
    ("om 3 dagar", day("2025-04-12")),
    ("om en dag", day("2025-04-10")),
    ("om två veckor", day("2025-04-23")),
    ("om 2 veckor", day("2025-04-23")),
    ("om fjorton dagar", day("2025-04-23")),
    ("om en månad", day("2025-05-09")),
    ("om tre månader", day("2025-07-09")),
    ("om ett år", day("2026-04-09")),
    ("om 2 timmar", clock("2025-04-09 12:00")),
    ("om tio minuter", clock("2025-04-09 10:10")),
    ("om elva dagar", day("2025-04-20")),
    ("inom två veckor", day("2025-04-23")),
    ("3 dagar från idag", day("2025-04-12")),
    ("om 2 v", day("2025-04-23")),  # abbreviated units
    ("om 2 v.", day("2025-04-23")),
    ("om två v", day("2025-04-23")),
    ("om 30 min", clock("2025-04-09 10:30")),
    ("om 20 min.", clock("2025-04-09 10:20")),
    ("om 2 tim", clock("2025-04-09 12:00")),
    ("om 2 h", clock("2025-04-09 12:00")),
    ("om 6 mån", day("2025-10-09")),
    ("om 3 dgr", day("2025-04-12")),
    ("om 3 dar", day("2025-04-12")),
    ("om ett dygn", clock("2025-04-10 10:00")),  # 24 hours, not a calendar day
    ("om en halvtimme", clock("2025-04-09 10:30")),
    ("in half an hour", clock("2025-04-09 10:30")),
    ("om ett par timmar", clock("2025-04-09 12:00")),
    ("om ett par veckor", None),  # vague: no firm deadline
    ("på fredag", day("2025-04-11")),
    ("fredag", day("2025-04-11")),
    ("onsdag", day("2025-04-09")),  # today is that weekday
    ("fredag nästa vecka", day("2025-04-18")),
    ("fredag i nästa vecka", day("2025-04-18")),
    ("nästa fredag", day("2025-04-11")),
    ("nästa onsdag", day("2025-04-16")),
    ("måndag kl 10", clock("2025-04-14 10:00")),
    ("onsdag kl 11", clock("2025-04-09 11:00")),
    ("onsdag kl 9", clock("2025-04-16 09:00")),  # today's 09:00 is gone
    ("kl 10 på måndag", clock("2025-04-14 10:00")),
    ("nästa måndag kl 13-15", clock("2025-04-14 13:00", "2025-04-14 15:00")),
    ("nästa vecka", day("2025-04-14")),
    ("nästa månad", day("2025-05-01")),
    # deadline words in front
    ("i nästa vecka", day("2025-04-14")),
    ("NÄSTA FREDAG", day("2025-04-11")),  # capitals, still no council abbreviation
    ("senast 31 maj", day("2025-05-31")),
    ("senast den 31 oktober", day("2025-10-31")),
    ("Senast den 31 oktober.", day("2025-10-31")),
    ("till och med 31 maj", day("2025-05-31")),
    ("t.o.m. 31 maj", day("2025-05-31")),
    ("tom 31 maj", day("2025-05-31")),
    ("deadline 28 april", day("2025-04-28")),
    ("Deadline: 13/10", day("2025-10-13")),
    ("sista dag 3 juni", day("2025-06-03")),
    ("sista datum 3 juni", day("2025-06-03")),
    ("före 1 juni", day("2025-06-01")),
    ("innan den 1 juni", day("2025-06-01")),
    ("till 15 maj", day("2025-05-15")),
    ("inför 7 maj", day("2025-05-07")),
    ("fram till 30 juni", day("2025-06-30")),
    ("senast på fredag", day("2025-04-11")),
    ("senast i morgon", day("2025-04-10")),
    ("senast kl 12", clock("2025-04-09 12:00")),
    ("senast v. 21", day("2025-05-23")),
    ("by 31 May", day("2025-05-31")),
    ("before Friday", day("2025-04-11")),
    ("until next week", day("2025-04-14")),
    ("tills 15 maj", day("2025-05-15")),
    ("tills fredag", day("2025-04-11")),
    # position words in front
    ("på 18/4", day("2025-04-18")),
    ("på 18/4 kl 10", clock("2025-04-18 10:00")),
    ("på den 18 april kl 10", clock("2025-04-18 10:00")),
    ("på fredag 18 april kl 10", clock("2025-04-18 10:00")),
    ("på 2025-04-18", day("2025-04-18")),
    ("on 18 April at 10", clock("2025-04-18 10:00")),
    ("on Friday 18 April at 10", clock("2025-04-18 10:00")),
    ("i vecka 21", day("2025-05-23")),
    ("under v. 21", day("2025-05-23")),
    ("inom vecka 21", day("2025-05-23")),
    ("på tisdag v. 17", day("2025-04-22")),
    # ISO weeks: a week without a day is its Friday (its last working day), from it its Monday
    ("vecka 21", day("2025-05-23")),
    ("v. 21", day("2025-05-23")),
    ("v21", day("2025-05-23")),
    ("v.21", day("2025-05-23")),
    ("V. 21", day("2025-05-23")),
    ("v 21", day("2025-05-23")),
    ("week 21", day("2025-05-23")),
    ("från vecka 21", day("2025-05-19")),
    ("fr.o.m. v. 21", day("2025-05-19")),
    ("from week 21", day("2025-05-19")),
    ("torsdag vecka 17", day("2025-04-24")),
    ("torsdag v. 17", day("2025-04-24")),
    ("tors v17", day("2025-04-24")),
    ("fredag v. 17", day("2025-04-25")),
    ("vecka 3 2026", day("2026-01-16")),
    ("vecka 15", day("2025-04-11")),  # this week: not past until Sunday
    ("vecka 14", day("2026-04-02")),  # last week: next year's; its Friday is långfredag
    ("vecka 53", day("2026-12-30")),  # 2025 has no week 53, 2026 does (nyårsafton, -dagen off)
    ("vecka 53 2026", day("2026-12-30")),
    # Swedish calendar words
    ("slutet av maj", day("2025-05-31")),
    ("i slutet av maj", day("2025-05-31")),
    ("början av juni", day("2025-06-01")),
    ("mitten av mars", day("2026-03-15")),
    ("mitten av maj", day("2025-05-15")),
    ("slutet av februari", day("2026-02-28")),
    ("slutet av månaden", day("2025-04-30")),
    ("början av nästa månad", day("2025-05-01")),
    ("slutet av året", day("2025-12-31")),
    ("innan årsskiftet", day("2025-12-31")),
    ("före årsskiftet", day("2025-12-31")),
    ("till årsskiftet", day("2025-12-31")),
    ("efter årsskiftet", day("2026-01-01")),
    ("vid årsskiftet", day("2025-12-31")),
    ("end of May", day("2025-05-31")),
    ("mid-May", day("2025-05-15")),
    # holidays, the next one to come
    ("midsommarafton", day("2025-06-20")),
    ("midsommar", day("2025-06-20")),
    ("midsommardagen", day("2025-06-21")),
    ("julafton", day("2025-12-24")),
    ("juldagen", day("2025-12-25")),
    ("annandag jul", day("2025-12-26")),
    ("nyårsafton", day("2025-12-31")),
    ("nyårsdagen", day("2026-01-01")),
    ("trettondagen", day("2026-01-06")),
    ("trettondagsafton", day("2026-01-05")),
    ("skärtorsdagen", day("2025-04-17")),
    ("långfredagen", day("2025-04-18")),
    ("påskafton", day("2025-04-19")),
    ("påskdagen", day("2025-04-20")),
    ("annandag påsk", day("2025-04-21")),
    ("kristi himmelfärdsdag", day("2025-05-29")),
    ("Kristi himmelsfärdsdag", day("2025-05-29")),
    ("valborg", day("2025-04-30")),
    ("valborgsmässoafton", day("2025-04-30")),
    ("första maj", day("2025-05-01")),
    ("nationaldagen", day("2025-06-06")),
    ("pingstdagen", day("2025-06-08")),
    ("alla helgons dag", day("2025-11-01")),
    ("midsommarafton 2026", day("2026-06-19")),
    ("påskdagen 2026", day("2026-04-05")),
    ("senast midsommar", day("2025-06-20")),
    ("christmas eve", day("2025-12-24")),
    # the feast alone is its eve, as "midsommar" is
    ("jul", day("2025-12-24")),
    # before the days off is done by the last working day before them, not on the eve
    ("innan jul", day("2025-12-23")),
    ("före jul", day("2025-12-23")),
    ("till jul", day("2025-12-23")),
    ("påsk", day("2025-04-19")),
    ("före påsk", day("2025-04-17")),  # skärtorsdag: långfredag is a holiday
    ("nyår", day("2025-12-31")),
    ("innan nyår", day("2025-12-30")),
    ("före valborg", day("2025-04-30")),  # valborgsmässoafton is a working day
    ("pingst", day("2025-06-07")),
    ("allhelgona", day("2025-11-01")),
    ("efter påsk", None),  # some time after it, not the day
    ("jul 2026", None),  # as likely July as Christmas
    # the council's own meetings
    ("nästa möte", clock("2025-05-07 09:00")),
    ("till nästa möte", clock("2025-05-07 09:00")),
    ("inför nästa möte", clock("2025-05-07 09:00")),
    ("inför nästa SOR-möte", clock("2025-05-07 09:00")),
    ("nästa SOR-möte", clock("2025-05-07 09:00")),
    ("senast till nästa möte", clock("2025-05-07 09:00")),
    ("till mötet i oktober", clock("2025-10-13 09:00")),
    ("mötet i oktober", clock("2025-10-13 09:00")),
    ("till SOR:s möte i oktober", clock("2025-10-13 09:00")),
    ("till nästa möte i oktober", clock("2025-10-13 09:00")),
    ("decembermötet", clock("2025-12-12 09:00")),
    ("inför SOR 7 maj", clock("2025-05-07 09:00")),
    ("inför SOR 8 maj", day("2025-05-08")),  # no meeting that day: the date itself
    ("vid mötet den 7 maj", clock("2025-05-07 09:00")),
    ("mötet 7/5", clock("2025-05-07 09:00")),
    ("nästa SOR-möte 13/10", clock("2025-10-13 09:00")),
    ("mötet 7 maj kl 13", clock("2025-05-07 13:00")),  # a written time wins
    ("next meeting", clock("2025-05-07 09:00")),
    ("inför nästa SOR", clock("2025-05-07 09:00")),
    ("till nästa SOR", clock("2025-05-07 09:00")),
    ("nästkommande möte", clock("2025-05-07 09:00")),
    ("mötet i juli", None),  # no meeting in July: never a made-up date
    ("mötet i april", None),  # April's only meeting has started
    # English
    ("tomorrow 9am", clock("2025-04-10 09:00")),
    ("tomorrow at 9", clock("2025-04-10 09:00")),
    ("tomorrow at noon", clock("2025-04-10 12:00")),
    ("May 7", day("2025-05-07")),
    ("May 7th, 2026", day("2026-05-07")),
    ("7th of May", day("2025-05-07")),
    ("the 3rd of June", day("2025-06-03")),
    ("in two weeks", day("2025-04-23")),
    ("in 3 days", day("2025-04-12")),
    ("in an hour", clock("2025-04-09 11:00")),
    ("next Friday", day("2025-04-11")),
    ("on Friday", day("2025-04-11")),
    ("today", day("2025-04-09")),
    ("tomorrow", day("2025-04-10")),
    ("the day after tomorrow", day("2025-04-11")),
    ("next week", day("2025-04-14")),
    ("2 weeks from now", day("2025-04-23")),
    ("9am-5pm", clock("2025-04-10 09:00", "2025-04-10 17:00")),
    ("Friday 12th September 2025 at 9:30", clock("2025-09-12 09:30")),
    ("September 12th at 9.30am", clock("2025-09-12 09:30")),
    # the long tail goes to dateparser, whose answer is checked against the text
    ("on 12 September at 9:30", clock("2025-09-12 09:30")),
    ("12 September 2025 at 9 in the morning", clock("2025-09-12 09:00")),
    ("tomorrow evening", day("2025-04-10")),
    ("Friday 13", None),
    ("den 15", None),
    ("the 15th", None),
    ("maj 2025", None),
    # every number must be in dateparser's answer, or it dropped what it could not place
    ("imorgon 9", None),
    ("tomorrow 9", None),
    ("idag 14", None),
    ("today 14", None),
    ("imorgon 25", None),
    ("idag 99", None),
    ("tomorrow 3 days", None),
    # not dates, or impossible ones: None, never a wrong date
    ("", None),
    ("   ", None),
    ("snarast", None),
    ("vid behov", None),
    ("inom kort", None),
    ("löpande", None),
    ("RPT THS", None),
    ("SIP", None),
    ("SOR", None),
    ("NAG", None),
    ("BUP", None),
    ("Maja B", None),
    ("Karin A", None),
    ("asdf", None),
    ("32 maj", None),
    ("30 februari", None),
    ("31 april", None),
    ("31/4", None),
    ("vecka 54", None),
    ("vecka 0", None),
    ("vecka 53 2025", None),
    ("kl 25", None),
    ("kl 24", None),
    ("24:61", None),
    ("13/13", None),
    ("0/5", None),
    ("09:00-09:00", None),
    ("12-3 juni", None),
    ("7 maj 2-3", None),  # a count, not 02.00-03.00
    ("13-15", None),  # hours without a day are nothing
    ("om 2 timmar kl 9", None),
    ("fredag 13 oktober", None),  # 13 October 2025 is a Monday
    ("mitten av året", None),
    ("1177", None),
    ("6 vårdplatser", None),
    ("15 års ålder", None),
    ("2025", None),
    ("15", None),
    ("maj", None),
    ("oktober", None),
    ("i september 2025", None),
    ("senast", None),
    ("till", None),
    ("nästa", None),
    ("v2", None),
    ("at 9", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), PARSE_CASES, ids=[c[0] or "<empty>" for c in PARSE_CASES]
)
def test_parse_when(text: str, expected: When | None) -> None:
    result = parse_when(text, now=NOW, meetings=MEETINGS)
    assert result == expected
    if result is not None:
        _assert_well_formed(result)


def _assert_well_formed(when: When) -> None:
    """Aware, on the Stockholm clock, midnight when there is no time."""
    assert when.start.tzinfo is not None
    assert when.start.utcoffset() == when.start.astimezone(STOCKHOLM).utcoffset()
    assert str(when.start.tzinfo) == "Europe/Stockholm"
    if not when.has_time:
        assert (when.start.hour, when.start.minute) == (0, 0)
    if when.end is not None:
        assert when.end > when.start


# --- parse_when at other moments ---------------------------------------------------------

CLOCK_CASES: list[tuple[str, str, When | None]] = [
    # DST starts Sunday 29 March 2026: tomorrow 09:00 is summer time, not 24 h later
    ("2026-03-28 12:00", "i morgon kl 9", clock("2026-03-29 09:00")),
    ("2026-03-28 12:00", "imorgon kl 9", clock("2026-03-29 09:00")),
    ("2026-03-28 12:00", "om 2 dagar", day("2026-03-30")),
    ("2026-03-28 12:00", "nästa vecka", day("2026-03-30")),
    ("2026-03-28 12:00", "om 24 timmar", clock("2026-03-29 13:00")),  # elapsed hours
    ("2026-03-28 12:00", "imorgon kl 2.30", clock("2026-03-29 03:30")),  # 02.30 never exists
    ("2026-03-28 12:00", "2.30-3.30", None),  # both ends are 03.30 that night
    ("2026-03-29 01:00", "kl 9", clock("2026-03-29 09:00")),
    # DST ends Sunday 25 October 2026
    ("2026-10-24 12:00", "i morgon kl 9", clock("2026-10-25 09:00")),
    ("2026-10-24 12:00", "i övermorgon kl 9", clock("2026-10-26 09:00")),
    ("2026-10-24 12:00", "om 24 timmar", clock("2026-10-25 11:00")),
    ("2026-10-24 12:00", "söndag", day("2026-10-25")),
    # the turn of the year
    ("2025-12-30 10:00", "vecka 1", day("2026-01-02")),  # ISO week 1 of 2026
    ("2025-12-30 10:00", "v. 52", day("2026-12-23")),  # julafton, juldagen off
    ("2025-12-30 10:00", "15 jan", day("2026-01-15")),
    ("2025-12-30 10:00", "nyårsdagen", day("2026-01-01")),
    ("2025-12-30 10:00", "innan årsskiftet", day("2025-12-31")),
    ("2025-12-30 10:00", "slutet av maj", day("2026-05-31")),
    ("2027-01-02 10:00", "vecka 53", day("2026-12-30")),  # still ISO week 2026-W53
    # a yearless range under way keeps its year
    ("2026-02-15 10:00", "9 februari - 30 mars", days("2026-02-09", "2026-03-30")),
    ("2026-02-15 10:00", "1-28 februari", days("2026-02-01", "2026-02-28")),
    ("2026-01-02 10:00", "20 dec - 5 jan", days("2025-12-20", "2026-01-05")),
    # a week already past goes to next year
    ("2025-06-01 10:00", "vecka 21", day("2026-05-22")),
    # today is Friday
    ("2025-04-11 10:00", "fredag", day("2025-04-11")),
    ("2025-04-11 10:00", "på fredag", day("2025-04-11")),
    ("2025-04-11 10:00", "nästa fredag", day("2025-04-18")),
    ("2025-04-11 10:00", "fredag kl 15", clock("2025-04-11 15:00")),
    ("2025-04-11 10:00", "fredag kl 9", clock("2025-04-18 09:00")),
    ("2025-04-11 10:00", "fredag nästa vecka", day("2025-04-18")),
    # a season later: the spring meeting is gone, the next ones come from the list
    ("2025-09-12 16:00", "nästa möte", clock("2025-10-13 09:00")),
    ("2025-09-12 16:00", "Fredag 12 september", day("2025-09-12")),  # today counts
    ("2025-09-13 10:00", "Fredag 12 september", None),  # 12 Sep 2026 is a Saturday
    ("2025-12-12 12:00", "nästa möte", None),  # no meeting left in the list
    ("2025-10-01 08:00", "mötet i oktober", clock("2025-10-13 09:00")),
    ("2025-10-14 08:00", "mötet i oktober", None),  # October 2026 has no meeting listed
    # leap years
    ("2027-03-01 10:00", "29 februari", day("2028-02-29")),
    ("2028-01-31 10:00", "om en månad", day("2028-02-29")),
]


@pytest.mark.parametrize(
    ("now", "text", "expected"), CLOCK_CASES, ids=[f"{c[0]} {c[1]}" for c in CLOCK_CASES]
)
def test_parse_when_at(now: str, text: str, expected: When | None) -> None:
    result = parse_when(text, now=at(now), meetings=MEETINGS)
    assert result == expected
    if result is not None and expected is not None:
        assert result.start.utcoffset() == expected.start.utcoffset()
        _assert_well_formed(result)


def test_dst_offsets_are_those_of_the_day() -> None:
    before = parse_when("i morgon kl 9", now=at("2026-03-28 12:00"))
    assert before is not None
    assert before.start.utcoffset() == timedelta(hours=2)
    assert before.start.astimezone(UTC) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    after = parse_when("i morgon kl 9", now=at("2026-10-24 12:00"))
    assert after is not None
    assert after.start.utcoffset() == timedelta(hours=1)
    assert after.start.astimezone(UTC) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)


def test_now_in_another_zone_is_read_on_the_stockholm_clock() -> None:
    # 22:30 UTC on 9 April is already 10 April in Stockholm
    late = datetime(2025, 4, 9, 22, 30, tzinfo=UTC)
    assert parse_when("idag", now=late) == day("2025-04-10")
    assert parse_when("kl 9", now=late) == clock("2025-04-10 09:00")


def test_meetings_are_needed_for_meeting_phrases() -> None:
    assert parse_when("till nästa möte", now=NOW) is None
    assert parse_when("mötet i oktober", now=NOW) is None
    assert parse_when("inför SOR 7 maj", now=NOW) == day("2025-05-07")


def test_meetings_may_be_given_in_utc_and_unsorted() -> None:
    meetings = [at("2025-10-13 09:00").astimezone(UTC), at("2025-05-07 09:00").astimezone(UTC)]
    assert parse_when("nästa möte", now=NOW, meetings=meetings) == clock("2025-05-07 09:00")


def test_results_do_not_leak_between_calls_with_different_now() -> None:
    assert parse_when("8 april", now=NOW) == day("2026-04-08")
    assert parse_when("8 april", now=at("2025-04-01 10:00")) == day("2025-04-08")
    assert parse_when("8 april", now=NOW) == day("2026-04-08")


@pytest.mark.parametrize("year", range(2024, 2031))
def test_holidays_from_the_package_agree_with_our_rules(year: int) -> None:
    table = holiday_table(year)
    for key, (_, rule) in _HOLIDAY_RULES.items():
        assert table[key] == rule(year), key
    assert table["midsommarafton"].weekday() == 4
    assert table["alla helgons dag"].weekday() == 5
    assert table["påskdagen"].weekday() == 6


# --- find_when -----------------------------------------------------------------------------

FIND_CASES: list[tuple[str, str | None, When | None]] = [
    # action lines and sentences from the minutes
    (
        "Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner senast 15 maj",
        "senast 15 maj",
        day("2025-05-15"),
    ),
    (
        "Alla sonderar lämpliga namnförslag inför SOR 7 maj och då diskussion vilka av dessa "
        "som man vill nominera.",
        "inför SOR 7 maj",
        clock("2025-05-07 09:00"),
    ),
    (
        "Frågan har bordlagts och ska tas upp igen vid mötet den 7 maj.",
        "vid mötet den 7 maj",
        clock("2025-05-07 09:00"),
    ),
    ("Johanna kommer att delta på mötet 7/5.", "på mötet 7/5", clock("2025-05-07 09:00")),
    (
        "Catherine G, chef för barnkirurgin, deltar i SOR-mötet den 7 maj under en halvdag",
        "i SOR-mötet den 7 maj",
        clock("2025-05-07 09:00"),
    ),
    (
        "Det finns möjlighet att nominera. Sista datum för nominering är den 31 maj.",
        "den 31 maj",
        day("2025-05-31"),
    ),
    (
        "Projektet ska vara klart innan årsskiftet, annars kan kommunerna välja att upphöra.",
        "innan årsskiftet",
        day("2025-12-31"),
    ),
    (
        "Nomineringar till SOR:s möte i oktober.",
        "till SOR:s möte i oktober",
        clock("2025-10-13 09:00"),
    ),
    (
        "Frågan hinns inte med, utan den skjuts på till nästa möte i oktober.",
        "till nästa möte i oktober",
        clock("2025-10-13 09:00"),
    ),
    (
        "Niklas kommer att ta med sig frågan till nästa möte.",
        "till nästa möte",
        clock("2025-05-07 09:00"),
    ),
    (
        "**Förslag att** nästa SOR-möte bör användas för att identifiera personerna.",
        "nästa SOR-möte",
        clock("2025-05-07 09:00"),
    ),
    (
        "RPT föräldraskapsstöd tas upp vid nästa SOR-möte 13/10.",
        "vid nästa SOR-möte 13/10",
        clock("2025-10-13 09:00"),
    ),
    (
        "Endast en eller två läkare kommer att vara i tjänst från vecka 21 och framåt.",
        "från vecka 21",
        day("2025-05-19"),
    ),
    ("• Fredag 12 september, Stationshuset, Gbg", "Fredag 12 september", day("2025-09-12")),
    ("• Måndag 13 oktober, Teamsmöte", "Måndag 13 oktober", day("2025-10-13")),
    (
        "svaret kommer att publiceras på regeringens webbplats senast den 31 oktober.",
        "senast den 31 oktober",
        day("2025-10-31"),
    ),
    (
        "Vaccinet ska inkluderas i processen för ordnat införande, med deadline 28 april.",
        "deadline 28 april",
        day("2025-04-28"),
    ),
    (
        "Bestämmelserna föreslås träda i kraft den 1 januari 2028.",
        "den 1 januari 2028",
        day("2028-01-01"),
    ),
    (
        "HFS-nätverkets strategidagar 18-19 september 2024",
        "18-19 september 2024",
        days("2024-09-18", "2024-09-19"),
    ),
    ("Tid: 09:30 – 15:30", "09:30 – 15:30", clock("2025-04-10 09:30", "2025-04-10 15:30")),
    ("Datum: 2025-04-09", "2025-04-09", day("2025-04-09")),
    # commands as typed in chat
    (
        "fre 12 sep kl 09.30-15.30 Stationshuset, Bommen",
        "fre 12 sep kl 09.30-15.30",
        clock("2025-09-12 09:30", "2025-09-12 15:30"),
    ),
    ("Lisa S och Josefin R informerar om sömnapné v. 21", "v. 21", day("2025-05-23")),
    ("Karin ringer Maja i morgon kl 9 om SIP", "i morgon kl 9", clock("2025-04-10 09:00")),
    ("Anna skickar underlag om två veckor", "om två veckor", day("2025-04-23")),
    ("Lars återkommer på fredag med svar", "på fredag", day("2025-04-11")),
    ("Ring Karin B senast kl 14 idag", "senast kl 14 idag", clock("2025-04-09 14:00")),
    (
        "Karin tar fram underlag senast fredag 12 september kl 10",
        "senast fredag 12 september kl 10",
        clock("2025-09-12 10:00"),
    ),
    (
        "Nomineringsrundan pågår 9 februari - 30 mars",
        "9 februari - 30 mars",
        days("2026-02-09", "2026-03-30"),
    ),
    ("Lorna sammankallar gruppen inför midsommar", "inför midsommar", day("2025-06-19")),
    ("Beslut om RPT THS tas i slutet av maj", "i slutet av maj", day("2025-05-31")),
    (
        "Maja bjuder in Catherine till mötet 7 maj kl 13",
        "till mötet 7 maj kl 13",
        clock("2025-05-07 13:00"),
    ),
    ("Karin sammanställer förfrågan t.o.m. 3 juni", "t.o.m. 3 juni", day("2025-06-03")),
    ("Alla läser remissen torsdag v. 17", "torsdag v. 17", day("2025-04-24")),
    ("Send the report by 31 May please", "by 31 May", day("2025-05-31")),
    ("Anna presents next Friday at 10am", "next Friday at 10am", clock("2025-04-11 10:00")),
    ("Arbetsgruppen ses senast 18 maj 2-3 personer", "senast 18 maj", day("2025-05-18")),
    (
        "Karin bjuder in Johanna 13/10 kl 13-15 via Teams",
        "13/10 kl 13-15",
        clock("2025-10-13 13:00", "2025-10-13 15:00"),
    ),
    (
        "Planeringsdag 2025-10-13 kl 09.00-16.00, lokal Bommen",
        "2025-10-13 kl 09.00-16.00",
        clock("2025-10-13 09:00", "2025-10-13 16:00"),
    ),
    # a full date wins over the short weekday or relative day in front of it
    ("Anna ringer på fredag 18 april", "på fredag 18 april", day("2025-04-18")),
    ("Vi ses på tisdag v. 17", "på tisdag v. 17", day("2025-04-22")),
    ("Vi ses nästa fredag 18/4", "nästa fredag 18/4", day("2025-04-18")),
    ("Vi ses kommande fredag 18/4", "kommande fredag 18/4", day("2025-04-18")),
    ("Vi ses denna fredag 18/4", "denna fredag 18/4", day("2025-04-18")),
    ("See you on Friday 18 April", "on Friday 18 April", day("2025-04-18")),
    ("See you this Friday 18 April", "this Friday 18 April", day("2025-04-18")),
    ("Vi ses på måndag 13 oktober", "på måndag 13 oktober", day("2025-10-13")),
    (
        "Vi ses på fredag den 18 april kl 10",
        "på fredag den 18 april kl 10",
        clock("2025-04-18 10:00"),
    ),
    ("Anna ringer på fredag 11/4 kl 9", "på fredag 11/4 kl 9", clock("2025-04-11 09:00")),
    ("Vi ses i morgon 10/4 kl 9", "i morgon 10/4 kl 9", clock("2025-04-10 09:00")),
    ("Vi ses idag 9/4 kl 15", "idag 9/4 kl 15", clock("2025-04-09 15:00")),
    ("Vi ses på fredag 13 oktober", None, None),  # a Monday: not even "på fredag"
    ("Vi ses i morgon 11/4", None, None),
    # lead-in words, holidays, short units and years, lists, meetings
    ("Remissvar skickas i vecka 21", "i vecka 21", day("2025-05-23")),
    ("Remissvar skickas under v. 21", "under v. 21", day("2025-05-23")),
    ("Anna återkommer vid årsskiftet", "vid årsskiftet", day("2025-12-31")),
    ("Svar tills 15 maj", "tills 15 maj", day("2025-05-15")),
    ("Svar önskas innan jul.", "innan jul", day("2025-12-23")),
    ("Svar önskas före påsk", "före påsk", day("2025-04-17")),
    ("Anna återkommer efter påsk", None, None),
    ("God jul och gott nytt år!", None, None),
    ("Anna skickar in rapporten om 2 v", "om 2 v", day("2025-04-23")),
    ("Anna ringer om 30 min", "om 30 min", clock("2025-04-09 10:30")),
    ("Svar senast 13/10-25", "senast 13/10-25", day("2025-10-13")),
    ("Version 2.10.25 släpps", None, None),
    ("Möte 3 och 5 juni", "3 och 5 juni", day("2025-06-03")),
    ("Möte 3, 4 och 5 juni", "3, 4 och 5 juni", day("2025-06-03")),
    (
        "Återkoppling senast kl 24.00 den 31 maj",
        "senast kl 24.00 den 31 maj",
        clock("2025-05-31 23:59"),
    ),
    ("Svar senast 31 maj kl 24.00", "senast 31 maj kl 24.00", clock("2025-05-31 23:59")),
    ("Anna återkommer till nästa SOR", "till nästa SOR", clock("2025-05-07 09:00")),
    ("Frågan tas upp inför nästa SOR.", "inför nästa SOR", clock("2025-05-07 09:00")),
    (
        "Anna återkommer vid nästkommande möte",
        "vid nästkommande möte",
        clock("2025-05-07 09:00"),
    ),
    # A bare "13.10" in running text is an amount, a version or a ratio: a time needs
    # "kl", am/pm, a day, a range or "senast" ("mötet börjar 9.30" has none).
    ("Kostnaden är 13.10 kr per invånare", None, None),
    ("Priset är 12.50 kr", None, None),
    ("Ökning med 12.30 procent", None, None),
    ("Andelen var 10.15 %", None, None),
    ("Lönen 23.45 tkr", None, None),
    ("BMI 18.50", None, None),
    ("Totalt 11.45 miljoner", None, None),
    ("Se version 2.10 av dokumentet", None, None),
    ("Se avsnitt 3.10 i rapporten", None, None),
    ("Väntetid 1.30 timmar", None, None),
    ("Mötet varar 2.30 h", None, None),
    ("Förhållandet 1:10", None, None),
    ("Skala 1:50", None, None),
    ("Paragraf 2:10 i lagen", None, None),
    ("Mötet börjar 9.30", None, None),
    ("Mötet börjar kl 9.30", "kl 9.30", clock("2025-04-10 09:30")),
    ("Anmälan senast 12.00", "senast 12.00", clock("2025-04-09 12:00")),
    ("Lunch 12.00-13.00 i matsalen", "12.00-13.00", clock("2025-04-09 12:00", "2025-04-09 13:00")),
    ("9.30", "9.30", clock("2025-04-10 09:30")),  # alone it is still a time
    # not dates
    (
        "Den enda slutenvårdsavdelningen i regionen för BUP finns i Borås med 6 vårdplatser.",
        None,
        None,
    ),
    ("I förslaget ges åtkomst till journaler från 15 års ålder", None, None),
    ("Information åldersnivåer på 1177.", None, None),
    ("1,8 milj invånare – 1/6 av Sveriges befolkning", None, None),
    ("Maja B och Karin A, RPT THS, SIP och NAG", None, None),
    ("Beslut fattas snarast, vid behov löpande", None, None),
    ("Se Långvarig smärta Samordningsråd 250912 CG V2.pdf", None, None),
    (
        "Sprid information om behovet av specialistsjuksköterska 40 % till barnskyddsteamet",
        None,
        None,
    ),
    ("Karin Berg tar fram ett utkast till nominering av RPT.", None, None),
    ("ICD 11 införs 2026 och blir skarpt 2028", None, None),
    ("Ledamot 2026 – 2028", None, None),
    ("371 316 barn och unga 0 – 17 år (juli 2024)", None, None),
    ("Öppet måndag–fredag", None, None),
    ("fredag 13 oktober, Teams", None, None),  # wrong weekday: not even "fredag"
    ("Alla läser på till mötet i juli", None, None),  # no July meeting
    ("De andra mars-grupperna har redan svarat", None, None),  # "andra": the other ones
    # a month name one slip off, right after a day: read as that month
    ("Nomineringar senast 14 agusti, tack", "senast 14 agusti", day("2025-08-14")),
    ("Remissvar 12 febuari 2026", "12 febuari 2026", day("2026-02-12")),
    ("Ring regionen 3 setember kl 10", "3 setember kl 10", clock("2025-09-03 10:00")),
    ("Svar 20 novmber", "20 novmber", day("2025-11-20")),
    ("Vi var 12 personer på mötet", None, None),  # not a month, however near
    ("Kom 3 junl", None, None),  # short names are not guessed: juni or juli?
    # a time as it is said; at work an hour below 7 is in the afternoon
    ("Möte kl halv tio den 1 okt", "kl halv tio den 1 okt", clock("2025-10-01 09:30")),
    ("Ses i morgon kvart över nio", "i morgon kvart över nio", clock("2025-04-10 09:15")),
    ("Avstämning 3 okt kvart i tre", "3 okt kvart i tre", clock("2025-10-03 14:45")),
    ("Ta en halv dag ledigt", None, None),
    # whole hours before the date, after "mellan"/"från"
    (
        "Workshop mellan 10 och 12 den 24 sept",
        "mellan 10 och 12 den 24 sept",
        When(at("2025-09-24 10:00"), at("2025-09-24 12:00"), True),
    ),
    (
        "Vi ses från 13 till 15 på måndag",
        "från 13 till 15 på måndag",
        When(at("2025-04-14 13:00"), at("2025-04-14 15:00"), True),
    ),
    ("Barn mellan 10 och 12 år", None, None),
    # found in review: a said time in running text is no time without "kl" or a day
    (
        "Karin tar en kvart i två möten, klart senast 30 maj",
        "senast 30 maj",
        day("2025-05-30"),
    ),
    ("Vi jobbar i halv tio-grupper", None, None),
    ("Ring vid halv sju på torsdag", "halv sju på torsdag", clock("2025-04-10 18:30")),
    ("Ring kl kvart över sex", "kl kvart över sex", clock("2025-04-09 18:15")),
    # a month name one slip off, longer than the name: the phrase ends where the word does
    ("Remissvar 12 febbruari", "12 febbruari", day("2026-02-12")),
    ("Vi förlorade 3 match i rad", None, None),  # English "march" is not guessed
    # the first of several weeks is its Monday; a day after the week is that day
    ("Ledig vecka 29-32", "vecka 29-32", day("2025-07-14")),
    ("Semester v. 29 - v. 32", "v. 29 - v. 32", day("2025-07-14")),
    ("Utbildning vecka 21 onsdag", "vecka 21 onsdag", day("2025-05-21")),
    (
        "Möte den femtonde maj klockan 13",
        "Möte den femtonde maj klockan 13",
        clock("2025-05-15 13:00"),
    ),
    ("", None, None),
]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"), FIND_CASES, ids=[c[0][:50] or "<empty>" for c in FIND_CASES]
)
def test_find_when(text: str, phrase: str | None, expected: When | None) -> None:
    found = find_when(text, now=NOW, meetings=MEETINGS)
    if phrase is None:
        assert found is None
        return
    assert found is not None
    when, start, end = found
    assert text[start:end] == phrase
    assert when == expected
    _assert_well_formed(when)


def test_find_when_offsets_leave_the_action_text() -> None:
    text = "Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner senast 15 maj"
    found = find_when(text, now=NOW, meetings=MEETINGS)
    assert found is not None
    _, start, end = found
    assert (start, end) == (text.index("senast"), len(text))
    rest = (text[:start] + text[end:]).strip()
    assert rest == "Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner"


def test_find_when_skips_a_meeting_that_does_not_exist() -> None:
    text = "Karin bjuder in Johanna till nästa möte och svarar senast 15 maj"
    found = find_when(text, now=NOW)
    assert found is not None
    when, start, end = found
    assert text[start:end] == "senast 15 maj"
    assert when == day("2025-05-15")


def test_find_when_agrees_with_parse_when_on_the_phrase() -> None:
    for _, phrase, expected in FIND_CASES:
        if phrase is not None:
            assert parse_when(phrase, now=NOW, meetings=MEETINGS) == expected, phrase


def test_find_when_across_dst() -> None:
    found = find_when("Maja mejlar ut informationen i morgon kl 9", now=at("2026-03-28 20:00"))
    assert found is not None
    assert found[0] == clock("2026-03-29 09:00")
    assert found[0].start.utcoffset() == timedelta(hours=2)


def test_when_is_a_frozen_value() -> None:
    when = day("2025-05-07")
    with pytest.raises(AttributeError):
        when.start = at("2025-05-08 00:00")  # type: ignore[misc]
    assert {when, day("2025-05-07")} == {when}
    assert when.start.date() == date(2025, 5, 7)
