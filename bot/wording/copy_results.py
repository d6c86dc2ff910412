"""The catalogue's answers: results pages, a result's details, gaps and notes
(:mod:`bot.wording.copy` is the whole catalogue; read its docstring first)."""

from __future__ import annotations

import re

from bot.wording.i18n import N_, Sentences, gettext
from directory.needs import NEEDS_BY_SLUG

SAY = Sentences(
    NORMALISE=N_("Lots of people in Leeds use these."),
    MORE_HINT=N_("Reply MORE for more, or NEW to start again."),
    NEW_HINT=N_("Reply NEW to start again."),
    OPEN_NOW=N_("Open now"),
    OPEN_24_HOURS=N_("Open 24 hours"),
    #: A line whose own words say it answers evenings, nights and weekends (no hours given).
    OUT_OF_HOURS_LINE=N_("Answers out of hours"),
    #: Beside help with energy bills asked for when none is open: what Citizens Advice says an
    #: energy supplier does for someone who cannot top up ("You can get temporary credit if
    #: you can't afford to top up your meter": citizensadvice.org.uk, "You can't afford to top
    #: up your prepayment meter", read 2026-12-06). No number: each supplier has its own.
    SUPPLIER_CREDIT=N_("Meter run out? Your energy supplier should give you temporary credit "
                       "if you can't top up: contact them and ask."),
    FREE=N_("Free"),
    PAY_AS_YOU_FEEL=N_("Pay as you feel"),
    FEE=N_("There is a cost"),
    NO_REFERRAL=N_("no referral needed"),
    REFERRAL=N_("referral needed"),
    VERY_CLOSE=N_("Very close"),
    CITY_WIDE=N_("Leeds-wide"),
    NATIONAL=N_("UK-wide"),
    TODAY=N_("today"),
    TOMORROW=N_("tomorrow"),
    DATE_UNKNOWN=N_("date of details unknown"),
    NO_FIXED_PLACE=N_("No address to visit: by phone or online."),
    TIMES_NOT_PUBLISHED=N_("Times not published: call first."),
    #: The same where a result has no number to call: never "call" without one.
    TIMES_NOT_PUBLISHED_NO_PHONE=N_("Times not published."),
    HOURS_NOT_PUBLISHED=N_("not published, call first"),
    HOURS_NOT_PUBLISHED_NO_PHONE=N_("not published"),
    STILL_ADDING=N_("We are still adding places. Reply NEW to look for something else, or "
                    "HELP."),
    NO_SUCH_RESULT=N_("That number is not on the list. Reply with a number from the list, or "
                      "MORE."),
    GONE=N_("Sorry, that place has just left our list. Reply NEW to look again."),
    # --- Details ("Reply 1") ----------------------------------------------------------------
    ADDRESS=N_("Address"),
    HOURS=N_("Hours"),
    PHONE=N_("Phone"),
    WEB=N_("Web"),
    REFERRAL_HOW=N_("Referral"),
    CHECK_FIRST=N_("Please check before you go."),
    CALL_FIRST=N_("Please call first."),
    # --- Leeds as a whole ("food bank in leeds"): said plainly, and a way to get nearer ----
    ACROSS_LEEDS=N_("Leeds Signpost: across Leeds"),
    NEARER_PLACES=N_("Send a postcode or area for places nearer you."),
)

#: National finders for residents outside Leeds, by need (real, public services).
_NATIONAL_FINDERS = {
    "food": N_("To find a food bank anywhere in the UK: givefood.org.uk"),
}


_NEAR_POSTCODE = re.compile(r"your location \(near (.+)\)")


def place_words(label: str) -> str:
    """A place as the directory names it ("LS9 8RU", "Harehills"), with a shared location's
    own words ("your location (near LS9 8RU)") in the turn's language."""
    if label == "your location":
        return gettext("your location")
    near = _NEAR_POSTCODE.fullmatch(label)
    return gettext("your location (near {postcode})", postcode=near.group(1)) if near else label


def need_label(slug: str) -> str:
    """A need's menu label in the turn's language: "Food", "Money & bills"."""
    return gettext(NEEDS_BY_SLUG[slug].label)


def need_words(slug: str) -> str:
    """The short name of a need for replies: "food support", "money advice"."""
    need = NEEDS_BY_SLUG.get(slug)
    return gettext(need.words) if need else slug


def open_till(closes: str) -> str:
    return gettext("Open now till {time}", time=closes)


def next_open(day: str, opens: str) -> str:
    return gettext("Next open {day} {time}", day=day, time=opens)


def bank_holiday(when: str, holiday: str = "shut") -> str:
    """Today is a bank holiday and the place usually opens today: "Bank holiday, may be shut.
    Next open Tue 9am" (``holiday`` "shut"), or for a place open all week, on its Sunday
    hours, "Bank holiday, hours may differ. Open now till 2pm" ("differ")."""
    if holiday == "differ":
        return gettext("Bank holiday, hours may differ. {when}", when=when)
    return gettext("Bank holiday, may be shut. {when}", when=when)


def untimed_day(day: str, can_call: bool = True) -> str:
    """A day the service opens, with no published times: "Open Thu, call for times" (or "Open
    Thu, times not published" where there is no number to call)."""
    return gettext("Open {day}, call for times", day=day) if can_call \
        else gettext("Open {day}, times not published", day=day)


def for_community(words: str) -> str:
    """After a result's name when it is for the community the resident named."""
    return gettext("for {community}", community=words)


def in_area(name: str) -> str:
    """Where a place known only by its area is: "in Meanwood" (never a made-up distance)."""
    return gettext("in {area}", area=name)


def km(distance: str) -> str:
    """How far, already written as a number ("1.2", "1,2"): "1.2 km"."""
    return gettext("{distance} km", distance=distance)


def details_from(year: int) -> str:
    return gettext("details from {year}", year=year)


def times_not_published_for(numbers: str, can_call: bool = True) -> str:
    """Which results publish no times; "call first" only when each of them has a number."""
    return gettext("Times not published for {numbers}: call first.", numbers=numbers) \
        if can_call else gettext("Times not published for {numbers}.", numbers=numbers)


def results_footer(numbers: str, more: bool) -> str:
    """The end of a results page: how to get details, more, or start again."""
    if not numbers:
        return gettext("Reply MORE for more.") if more else gettext("Reply NEW to start again.")
    if more:
        return gettext("Reply {numbers} for the address and times, or MORE for more.",
                       numbers=numbers)
    return gettext("Reply {numbers} for the address and times, or NEW to start again.",
                   numbers=numbers)


def short_footer(numbers: str, more: bool) -> str:
    """The end of a page that does not fit with the whole footer (one long place, in a
    language sent as UCS-2): the numbers and MORE or NEW, nothing else."""
    if not numbers:
        return gettext("Reply MORE for more.") if more else gettext("Reply NEW to start again.")
    return gettext("Reply {numbers} or MORE.", numbers=numbers) if more \
        else gettext("Reply {numbers} or NEW.", numbers=numbers)


def no_local(need: str, label: str) -> str:
    return gettext("We don't know of {need} near {place} yet.", need=need_words(need),
                   place=place_words(label))


#: The gap line's sentence for each time asked ("" none, "now", "today", "tomorrow", "day"),
#: near a place or in Leeds as a whole (``in_city``). Said with the days results use: a day
#: asked that is tomorrow is "tomorrow", as each result's "Next open tomorrow" is.
_GAPS = {
    ("", False): N_("We don't list {kind} near {place}."),
    ("", True): N_("We don't list {kind} in {place}."),
    ("now", False): N_("We don't list {kind} open now near {place}."),
    ("now", True): N_("We don't list {kind} open now in {place}."),
    ("today", False): N_("We don't list {kind} open today near {place}."),
    ("today", True): N_("We don't list {kind} open today in {place}."),
    ("tomorrow", False): N_("We don't list {kind} open tomorrow near {place}."),
    ("tomorrow", True): N_("We don't list {kind} open tomorrow in {place}."),
    ("day", False): N_("We don't list {kind} open on {day} near {place}."),
    ("day", True): N_("We don't list {kind} open on {day} in {place}."),
}


def kind_gap(words: str, label: str, when: str = "", then: str = "", where: str = "") -> str:
    """Nothing near fits the kind of help asked: "We don't list a carers' service near X.";
    or nothing that fits is open when asked: "... open now near X.", then what follows it:
    "Open now instead:" when the first result is open all the same (``then`` "open"), "Open
    now, farther away:" when it is of the kind asked, open, and farther ("farther"), "Open now
    first:" when others after it are not open ("open-first"), "The
    nearest:" when none of them publishes times ("untimed"), else "The nearest, and when
    they open:". ``when``: "", "now", "today", "tomorrow", or a day's name. ``where``: ""
    (near the place), "in" (Leeds as a whole), or a distance ("3"): nothing that fits is
    that near, and the nearest that do are farther ("We don't list a food bank within 3 km
    of Wetherby. The nearest:", ``then`` "nearest")."""
    place = place_words(label)
    if where not in ("", "in"):
        sentence = gettext("We don't list {kind} within {distance} of {place}.", kind=words,
                           distance=km(where), place=place)
    else:
        said = when if when in ("", "now", "today", "tomorrow") else "day"
        sentence = gettext(_GAPS[said, where == "in"], kind=words, place=place, day=when)
    if then == "open":
        nearest = gettext("Open now instead:")
    elif then == "open-first":
        nearest = gettext("Open now first:")
    elif then == "farther":
        nearest = gettext("Open now, farther away:")
    elif then in ("untimed", "nearest"):
        nearest = gettext("The nearest:")
    elif when:
        nearest = gettext("The nearest, and when they open:")
    else:
        return sentence
    return f"{sentence} {nearest}"


def nothing_near(words: str, label: str, where: str = "") -> str:
    """Nothing at all that fits, and no line or anchor to give: ``words`` name what was asked
    ("a carers' service", or a need's words); ``where`` "in" for Leeds as a whole."""
    return f"{kind_gap(words, label, where=where)} {SAY.STILL_ADDING}"


def talk_now(contact_line: str) -> str:
    return gettext("Need to talk now? {contact}", contact=contact_line)


def cash_first(name: str, contact: str) -> str:
    return gettext("Money worries? {name} {contact}", name=name, contact=contact).rstrip()


def anchor(name: str, contact: str) -> str:
    return gettext("A friendly first door near you: {name} {contact}", name=name,
                   contact=contact).rstrip()


def no_more(label: str, in_city: bool = False) -> str:
    """The end of the answer: all we know near the place (or in Leeds as a whole)."""
    if in_city:
        return gettext("That is all we know in {place} for now. Reply NEW to start again.",
                       place=place_words(label))
    return gettext("That is all we know near {place} for now. Reply NEW to start again.",
                   place=place_words(label))


def labelled(label: str, value: str) -> str:
    return f"{label}: {value}"


def details_checked(month_year: str, can_call: bool = True) -> str:
    checked = gettext("Details checked {month}.", month=month_year)
    return f"{checked} {SAY.CALL_FIRST if can_call else SAY.CHECK_FIRST}"


def details_dated(age: str, can_call: bool = True) -> str:
    """"Details from 2023" or "Date of details unknown", as a closing line."""
    return f"{age[0].upper()}{age[1:]}. {SAY.CALL_FIRST if can_call else SAY.CHECK_FIRST}"


def seasonal(first: str, last: str) -> str:
    return gettext("({first} to {last})", first=first, last=last)


def after_details(others: str) -> str:
    return gettext("Reply {numbers} for another, MORE for more, NEW to start again.",
                   numbers=others) if others else SAY.MORE_HINT


MADE = {
    "NATIONAL_FINDERS": lambda: {need: gettext(text) for need, text in
                                 _NATIONAL_FINDERS.items()},
}
