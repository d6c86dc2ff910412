"""Read the finer kind of help, how soon it is needed, and the day asked, from a message.

Kinds (directory/needs.py KINDS) come from cue patterns in data/kind_cues.yaml, matched on the
normalised text. Urgency comes from the words (tonight, now, asap, "havent eaten", freezing,
sleeping rough...) and from the hour: a request for somewhere to sleep or for food made at
night, or for somewhere to sleep at the weekend, is urgent, and so is saying one is homeless
then. The day asked comes from "today", "tonight", "tomorrow" and a weekday name. The clock is
always passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.understanding.normalise import normalise
from bot.understanding.prefilter import Prefiltered
from directory.holidays import closing_day
from directory.needs import KINDS_BY_SLUG
from directory.timing import OFFICE_HOURS

__all__ = ["Timing", "kinds_for_need", "read_kinds", "read_timing"]

CUES_FILE = Path(__file__).resolve().parent / "data" / "kind_cues.yaml"


def _load(path: Path = CUES_FILE) -> tuple[tuple[str, Prefiltered], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["kinds"]
    unknown = set(data) - set(KINDS_BY_SLUG)
    if unknown:
        raise ValueError(f"{path.name}: cues for kinds that are not in the registry: {unknown}")
    return tuple((slug, Prefiltered(re.compile("|".join(f"(?:{cue})" for cue in cues))))
                 for slug, cues in data.items())


_CUES = _load()
_CUE_OF = dict(_CUES)


#: Kinds that, asked for now, lead whatever was said before them: "stressed out, cant stop
#: crying, who can I talk to" wants someone to talk to now more than wellbeing support in
#: general. Not said as now ("feeling low since losing my job, want to talk to someone"), they
#: come in the order named: a talking therapy or a group may be what is meant.
_LEADING_KINDS = ("talk-now",)


#: Words just before a cue that say it is not so: "not sleeping rough", "no longer homeless".
_NEGATED = re.compile(r"\b(?:not|no longer|never)\s+$")
#: Words just before a cue that say that kind is not wanted at all: "a pantry, not a food bank",
#: "somewhere cheap rather than a food bank".
_UNWANTED = re.compile(r"\b(?:rather than|instead of|not (?:a|an|the|to a|to the))\s+$")


#: Words just before a cue that name where the writer helps, not what is asked: "I volunteer
#: at a lunch club and one of our regulars...", "we run a toddler group".
_WHERE_I_HELP = re.compile(r"\b(?:i|we) (?:volunteer|work|help out|help|run|organise|lead)"
                           r"(?: \w+)? (?:at|in|with|for|on)? ?(?:a |an |the |our |my )?(?:\w+ )?$")
#: ...unless the writer needs it now: "I volunteer at a food bank but now I need one myself".
_NEED_IT_MYSELF = re.compile(r"\b(?:need|needing|use|using) one\b|\bmyself\b|\bourselves\b")


def _first_said(pattern: Prefiltered, said: str) -> re.Match[str] | None:
    """The first match of a cue that is not denied ("not sleeping rough, just no heating") nor
    where the writer helps ("I volunteer at a lunch club"); none when the kind is said not to
    be wanted ("cheap food, not a food bank")."""
    if pattern.search(said) is None:
        return None
    found = list(pattern.pattern.finditer(said))
    if any(_UNWANTED.search(said, 0, m.start()) for m in found):
        return None
    helping = _NEED_IT_MYSELF.search(said) is None
    return next((m for m in found if not _NEGATED.search(said, 0, m.start())
                 and not (helping and _WHERE_I_HELP.search(said, 0, m.start()))), None)


def read_kinds(text: str) -> tuple[str, ...]:
    """The kinds of help a message names, in the order it first names them (someone to talk
    to now first); a cue denied just before it ("not sleeping rough") does not count."""
    said = normalise(text or "")
    now = bool(_URGENT_ANY_DAY.search(said) or _URGENT.search(said))
    found = []
    for slug, pattern in _CUES:
        match = _first_said(pattern, said)
        if match and not _only_the_story(slug, match, said):
            found.append((not (now and slug in _LEADING_KINDS), match.start(), slug))
    return tuple(slug for *_order, slug in sorted(found))


#: Kinds read only from a word that sets the scene, beside the kind that word is the scene of:
#: "the landlord knows, no heating for 5 days" asks for a repair, not eviction advice.
_STORY_OF = {"eviction-advice": (
    re.compile(r"landlord|landlady|housing association|tenant|tenants|tenancy"), "repairs-damp")}


def _only_the_story(slug: str, match: re.Match[str], said: str) -> bool:
    story = _STORY_OF.get(slug)
    if story is None or not story[0].fullmatch(match.group(0)):
        return False
    words, beside = story
    if _first_said(_CUE_OF[beside], said) is None:
        return False
    # any stronger cue for this kind ("evicted", "section 21") keeps it
    return not any(not words.fullmatch(m.group(0)) for m in _CUE_OF[slug].pattern.finditer(said))


def kinds_for_need(kinds: tuple[str, ...] | list[str], need: str | None) -> tuple[str, ...]:
    """The kinds that count for ``need`` (baby items count for family and essentials)."""
    return tuple(k for k in kinds if need in KINDS_BY_SLUG[k].needs)


#: Words that make a request urgent whatever day it names.
_URGENT_ANY_DAY = re.compile("|".join((
    r"\btonight\b", r"\bnow\b", r"\basap\b", r"\burgent(?:ly)?\b",
    r"\bhave not eaten\b", r"\bnot eaten\b", r"\bstarving\b", r"\bhungry\b",
    r"\bnothing to eat\b", r"\bno food\b", r"\bfreezing\b", r"\bbaltic\b", r"\bperishing\b",
    r"\bsleeping (?:rough|out)\b", r"\brough sleep", r"\bon the streets?\b", r"\bin a tent\b",
    r"\bliving in (?:my|his|her|a|the) car\b", r"\bsleeping in (?:my|his|her|a|the) car\b",
    r"\bnowhere to (?:sleep|stay|kip|go|live)\b", r"\bno (?:where|were) to stay\b",
    r"\bno place to sleep\b", r"\bno money at all\b",
    r"\b(?:food|eat|something to eat|a meal) (?:today|tonight)\b",
)))
#: Words that make a request urgent unless it names a later day.
_URGENT = re.compile("|".join((
    r"\bemergency\b", r"\brun out\b", r"\bran out\b", r"\bused up\b",
    r"\bgone\b(?! on\b)(?! up\b)",  # "the money's gone", not "gone on the bills" or "gone up"
    r"\bblister", r"\bburnt\b(?! out)", r"\bcondom split\b", r"\bmorning after pill\b",
    r"\bno heating\b", r"\bcold\b", r"\bmiddle of the night\b", r"\bat night\b",
    r"\bits night\b", r"\b\d{1,2} ?am\b", r"\bunbearable\b", r"\bkilling me\b",
    r"\bswelling\b", r"\bswollen\b", r"\bthrobbing\b", r"\bin agony\b", r"\bspreading\b",
    r"\bstitch", r"\bshut\b",
    r"\bnot come\b", r"\bstolen\b", r"\bevicted today\b", r"\bshower\b",
    r"\bcannot stop\b", r"\bout of hours\b", r"\bafter 5\s?pm\b", r"\blocked out\b",
    r"\bkicked (?:me |him |her |us )?out\b", r"\bcome out of\b", r"\bgot out of\b",
    r"\b(?:changed|have changed|has changed) the locks\b",
    r"\bno money for (?:\w+ ){0,3}?(?:food|electric|electricity|gas|meter|heating)\b",
    # everything lost at once: "lost everything in a house fire"
    r"\blost everything\b", r"\b(?:house|flat) fire\b", r"\bburnt down\b",
    # the heat or the power is off now: "no gas on the meter", "emergency credit", "no leccy"
    r"\bno (?:gas|electric|electricity|leccy|lecky|heat|hot water)\b", r"\bemergency credit\b",
    r"\b(?:meter|meters) (?:is |are |has |have )?(?:nearly |almost )?(?:empty|gone off|run out|"
    r"ran out)\b",
    # water getting in now: "water coming through the ceiling", "a pipe has burst"
    r"\bwater (?:coming|pouring|dripping|leaking|running|gushing) (?:through|in|into|down)\b",
    r"\bburst (?:pipe|pipes|water main)\b", r"\bpipes? (?:have |has )?burst\b",
    # about to be without: "gas about to go", "cut off first thing monday", "no money till friday"
    r"\babout to (?:go|go off|run out|be cut off|get cut off|cut off)\b", r"\bcut off\b",
    r"\bno (?:money|cash|brass) (?:until|till|til)\b",
    # a few pounds to get through days: "3 quid to last 9 days", "a tenner to last the week"
    r"\bto last (?:me |us |them )?(?:\d+|a|the|two|three|four|five|six|seven|eight|nine|ten|"
    r"another) (?:more )?(?:days?|weeks?|fortnight)\b",
    # the heating has broken in winter
    r"\b(?:boiler|heating|hot water|radiator)s?\b(?:\s\w+){0,3}?\s(?:broke|broken|packed in|"
    r"packed up|not working|(?:do|does) not work|stopped working|died|conked out|bust)\b",
    # nothing to eat in now: "absolutely nothing in", "not had a proper meal all weekend",
    # "nothing left for food", a few coins to one's name ("got 60p", "down to a quid")
    r"\b(?:absolutely|got|have got|have) nothing in\b(?! (?:writing|my account|the bank|common|"
    r"return|particular))",
    r"\b(?:not|never) (?:had|eaten) (?:a |any )?(?:proper |hot )?(?:meal|food|dinner|tea|"
    r"breakfast|lunch|anything to eat)\b",
    r"\bnothing left for (?:food|the meter|my top up|the gas|the electric|gas|electric)\b",
    r"\b(?:got|have|have got|left with|down to) (?:only |just )?(?:\d{1,2}p|£[1-5](?:\.\d\d)?|"
    r"[1-5] quid|a quid|a fiver)\b(?! (?:off|discount|voucher|a week|a month))",
    # "got £2 till Friday" (normalising drops the pound sign)
    r"\b(?:got|have|have got|left with|down to) (?:only |just )?[1-5] (?:till|until|til|"
    r"to last)\b",
)))
#: Needs for which a request at night is urgent by itself (somewhere to sleep, food), and those
#: for which a request out of office hours or at the weekend is too (somewhere to sleep: the
#: council's housing desk is shut, its out-of-hours line answers).
_NIGHT_NEEDS = frozenset({"housing", "food"})
_NIGHT_KINDS = frozenset({"housing-tonight", "food-parcel", "hot-meal", "low-cost-food",
                          "nhs-111", "dentist", "energy-bills"})
_OUT_OF_HOURS_KINDS = frozenset({"housing-tonight"})
#: Words that say someone has no home now: at night or at the weekend, that is a request for
#: somewhere to sleep.
_HOMELESS_NOW = re.compile(r"\bhomeless\b|\bno home\b|\bno roof\b|\b(?:slept|sleeping|kipped|"
                           r"kipping) (?:rough|out|in (?:a|the) doorway)")
#: A bed wanted later, not tonight: "homeless next month", "a hostel for my brother next week".
_AHEAD = re.compile(r"\bnext (?:week|month|year)\b|\bend of (?:the |this |next )?month\b|"
                    r"\bin (?:a|two|three|four|\d+) (?:weeks?|months?)\b|\bsoon\b")
#: The writer without a home now: "I'm homeless", "me and the kids are", "just become
#: homeless", "threw me out", "what do I do" (not "donate to homeless people").
_ME_NOW = re.compile(r"^homeless\b|\b(?:i am|i have been|we are|we have been|"
                     r"me and (?:the|my) \w+ (?:are|have)|just (?:become|been made|been)|"
                     r"threw (?:me|us) out|kicked (?:me|us) out|slept rough|sleeping rough|"
                     r"what do i do|where do i go|where can i go)\b")
#: Night: from this hour until morning.
NIGHT_FROM = dt.time(21, 0)
MORNING = dt.time(7, 0)

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Weekdays as people type them: short forms and the commonest misspellings.
_SHORT = {d[:3]: d for d in _DAYS} | {
    "tues": "tuesday", "weds": "wednesday", "wensday": "wednesday", "wendsday": "wednesday",
    "wednsday": "wednesday", "thurs": "thursday", "thur": "thursday", "thursay": "thursday",
    "saterday": "saturday", "satuday": "saturday", "saturdy": "saturday", "sundy": "sunday",
    "munday": "monday", "fryday": "friday"}
#: A weekday said in the plural ("open saturdays") asks for the next one.
_DAY = re.compile(r"(?<!until )(?<!till )(?<!til )(?<!next )\b(today|tonight|tomorrow|"
                  + "|".join((*(f"{d}s?" for d in _DAYS), *_SHORT)) + r")\b")
#: "its saturday" said on a Saturday: today, not a day something happens.
_TODAY_IS = re.compile(r"\b(?:its|it is)\s+$")
#: Words before a day that make it the day something happens, not the day help is asked for:
#: "the eviction is tuesday", "it'll cut off first thing monday", "court is on friday",
#: "not eaten since sunday", "the hearing is this thursday", "mother's day sunday".
_EVENT_BEFORE = re.compile(r"\b(?:is|are|was|its|first thing|by|before|due|coming|arriving|"
                           r"turning up|booked|set for|since|last|day)\s+"
                           r"(?:(?:on|this|next)\s+)?$")
#: Later today: "open this afternoon", "anything this evening" ("this morning" mostly says when
#: something happened: "released this morning", "since this morning").
_LATER_TODAY = re.compile(r"(?<!since )\bthis (?:afternoon|evening)\b|\blater today\b")
#: The weekend asked for ("open weekends?", "anything on this weekend"): the Saturday next, or
#: today when it is the weekend. Not "till the weekend" or "last weekend".
_WEEKEND = re.compile(r"\b(?:open|on|this|at the)\s+(?:the\s+)?weekends?\b")
#: Days named for a holiday ("open christmas day?", "boxing day", "new years eve"), as (month,
#: day); asked when they fall within :data:`NAMED_DAY_AHEAD` days.
_NAMED_DAY = re.compile(r"\b(?:(christmas|xmas|boxing) (day|eve)|new ?years? (day|eve))\b")
_NAMED_DATES = {("christmas", "day"): (12, 25), ("xmas", "day"): (12, 25),
                ("christmas", "eve"): (12, 24), ("xmas", "eve"): (12, 24),
                ("boxing", "day"): (12, 26), ("new", "day"): (1, 1), ("new", "eve"): (12, 31)}
NAMED_DAY_AHEAD = 14
#: A holiday named as a bound, not the day asked: "open after boxing day?", "till new years day".
_NOT_THE_DAY = re.compile(r"\b(?:after|till|til|until)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class Timing:
    """How soon help is needed and which day was asked (None: no day said)."""

    urgent: bool = False
    day: dt.date | None = None


def _weekday(word: str) -> str:
    """A day word as written ("sat", "saturdays", "saterday") as its full name."""
    return _SHORT.get(word, word[:-1] if word[:-1] in _DAYS else word)


#: "sat" as a verb, not Saturday: "i'm sat in the dark", "we were sat waiting".
_SAT_VERB_BEFORE = re.compile(r"\b(?:i am|im|am|was|were|been|just|still|we|they|he|she|i|"
                              r"you|u)\s+$")
_SAT_VERB_AFTER = re.compile(r"\s+(?:in the (?:dark|cold|car|house|flat)|here|there|alone|"
                             r"waiting|freezing|shivering|crying|outside|on my own|on (?:the|a) "
                             r"(?:floor|bench|step|steps|doorstep|kerb|pavement|street))\b")


def _sat_as_a_verb(said: str, match: re.Match[str]) -> bool:
    return match.group(1) == "sat" and bool(
        _SAT_VERB_BEFORE.search(said, 0, match.start()) or _SAT_VERB_AFTER.match(said,
                                                                                  match.end()))


def _named_day(said: str, today: dt.date) -> dt.date | None:
    """A holiday's day named ("christmas day"), if it is today or within a fortnight."""
    found = _NAMED_DAY.search(said)
    if found is None or _TODAY_IS.search(said, 0, found.start()) \
            or _EVENT_BEFORE.search(said, 0, found.start()) \
            or _NOT_THE_DAY.search(said, 0, found.start()):
        return None  # "it's christmas eve", "the eviction is on boxing day", "after boxing day"
    first = "new" if found.group(3) else found.group(1)
    month, day = _NAMED_DATES.get((first, found.group(2) or found.group(3)), (0, 0))
    if not month:
        return None  # "boxing eve"
    for year in (today.year, today.year + 1):
        date = dt.date(year, month, day)
        if 0 <= (date - today).days <= NAMED_DAY_AHEAD:
            return date
    return None


def _asked_day(said: str, today: dt.date) -> dt.date | None:
    match = next((m for m in _DAY.finditer(said) if not _sat_as_a_verb(said, m) and (
                  m.group(1) in ("today", "tonight")
                  or not _EVENT_BEFORE.search(said, 0, m.start())
                  or (_TODAY_IS.search(said, 0, m.start())
                      and _weekday(m.group(1)) == _DAYS[today.weekday()]))), None)
    if match is None:
        named = _named_day(said, today)
        if named is not None:
            return named
        if _LATER_TODAY.search(said):
            return today
        if _WEEKEND.search(said):
            return today + dt.timedelta(days=max(5 - today.weekday(), 0))
        return None
    word = _weekday(match.group(1))
    if word in ("today", "tonight"):
        return today
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    ahead = (_DAYS.index(word) - today.weekday()) % 7
    return today + dt.timedelta(days=ahead)


def read_timing(text: str, at: dt.datetime, need: str | None = None,
                kinds: tuple[str, ...] = ()) -> Timing:
    """Urgency and the day asked, from the words and the hour ``at`` (local wall time)."""
    said = normalise(text or "")
    day = _asked_day(said, at.date())
    later = day is not None and day > at.date()
    if _URGENT_ANY_DAY.search(said) and re.search(r"\btonight\b", said):
        day, later = at.date(), False
    urgent = bool(_URGENT_ANY_DAY.search(said)) or (bool(_URGENT.search(said)) and not later)
    # Someone to talk to is wanted now, whatever the hour: a line answering now leads.
    urgent = urgent or ("talk-now" in kinds and not later)
    if not urgent and not later:
        night = at.time() >= NIGHT_FROM or at.time() < MORNING
        night_ask = set(kinds) & _NIGHT_KINDS if kinds else need in _NIGHT_NEEDS
        day_off = at.weekday() >= 5 or bool(closing_day(at.date()))  # a weekend or holiday
        # Out of office hours on a weekday (the council's housing desk is shut; its
        # out-of-hours line answers): somewhere to sleep is wanted tonight.
        shut = day_off or not OFFICE_HOURS[0] <= at.time() < OFFICE_HOURS[1]
        # A bed wanted later ("a hostel for my brother next week") is not wanted tonight;
        # "I'm homeless, council appointment next week" still is.
        me_now = _ME_NOW.search(said) is not None
        ahead = not me_now and _AHEAD.search(said) is not None
        homeless = not ahead and _HOMELESS_NOW.search(said) is not None
        urgent = bool(night and night_ask) \
            or bool(not ahead and shut and set(kinds) & _OUT_OF_HOURS_KINDS) \
            or (homeless and (night or day_off or (shut and me_now)))
    return Timing(urgent=urgent, day=day)
