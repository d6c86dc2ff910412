"""Every sentence a resident can read, in one place.

Plain words, short sentences, GSM-7 only (no curly quotes, dashes, emoji or ellipses), and
the wording rules of docs/CONVERSATION: no stigmatising words, never ask why, never ask a name.
The first line of every message is neutral, because a lock screen shows it.
"""

from __future__ import annotations

import datetime as dt

from bot.cards import (
    AnchorCard,
    Card,
    CashFirst,
    NoneLocal,
    OutsideLeeds,
    ResultCard,
    SectionTitle,
    TalkNow,
)
from bot.phones import format_phone
from directory.needs import NEEDS, NEEDS_BY_SLUG, Menu, menu_needs
from directory.search import SearchResult

NAME = "Leeds Signpost"

# --- Menus -------------------------------------------------------------------------------

#: The menus' labels and the words replies use for each need live in the need registry.
OTHER = "other"
SOMETHING_ELSE = "Something else"

#: The first menu: (label, need slug or "other").
MAIN_MENU: tuple[tuple[str, str], ...] = (
    *((need.label, need.slug) for need in menu_needs(Menu.MAIN)), (SOMETHING_ELSE, OTHER))

#: The second menu, behind "Something else".
OTHER_MENU: tuple[tuple[str, str], ...] = tuple(
    (need.label, need.slug) for need in menu_needs(Menu.OTHER))


def need_words(slug: str) -> str:
    """The short name of a need for replies: "food support", "money advice"."""
    need = NEEDS_BY_SLUG.get(slug)
    return need.words if need else slug


def numbered(menu: tuple[tuple[str, str], ...]) -> str:
    return "  ".join(f"{i} {label}" for i, (label, _) in enumerate(menu, 1))


HELLO = f"Hi, this is {NAME}. Free, private, no names needed."
HELLO_AGAIN = f"Hi again, this is {NAME}. Free, private, no names needed."
ASK_NEED_AGAIN = "What can we help you find?"
GREETING = f"{HELLO} {ASK_NEED_AGAIN}"
WELCOME_BACK = f"{HELLO_AGAIN} {ASK_NEED_AGAIN}"
MAIN_MENU_TEXT = numbered(MAIN_MENU)
OTHER_MENU_TEXT = "Which is closest? " + numbered(OTHER_MENU)
UNCLEAR_NEED = "Tell us in a few words, or reply with a number:"
UNCLEAR_OTHER = f"Reply with a number from 1 to {len(OTHER_MENU)}, or tell us in a few words."

# --- Place -------------------------------------------------------------------------------

ASK_PLACE = ("Where are you? Send a postcode (like LS9 8RU), part of one (LS9), "
             "or your area (like Harehills).")
ASK_PLACE_WITH_LOCATION = ASK_PLACE[:-1] + ", or share your location."
PLACE_NOT_FOUND = ("We could not find that place. Try a postcode like LS9 8RU, "
                   "or an area like Armley or Chapeltown.")
SHARE_LOCATION_BUTTON = "Share my location"


def outside_leeds(label: str) -> str:
    return (f"{label} looks like it is outside Leeds. We only know Leeds places, "
            "but these can help wherever you are:")


def near(label: str) -> str:
    return f"{NAME}: near {label}"


# --- Results -----------------------------------------------------------------------------

NORMALISE = "Lots of people in Leeds use these."
MORE_HINT = "Reply MORE for more, or NEW to start again."
NEW_HINT = "Reply NEW to start again."
FEEDBACK_QUESTION = "Was this useful? Reply 1 yes / 2 no"
CALL_AHEAD = "Call ahead for times"
OPEN_NOW = "Open now"
FREE = "Free"
PAY_AS_YOU_FEEL = "Pay as you feel"
FEE = "There is a cost"
NO_REFERRAL = "no referral needed"
REFERRAL = "referral needed"
ASK_ABOUT_COST = "Ask about cost and referral"
VERY_CLOSE = "Very close"
CITY_WIDE = "Leeds-wide"
NATIONAL = "UK-wide"


def no_local(need: str, label: str) -> str:
    return f"We don't know of {need_words(need)} near {label} yet."


def nothing_near(need: str, label: str) -> str:
    return f"{no_local(need, label)} {STILL_ADDING}"


def talk_now(contact_line: str) -> str:
    return f"Need to talk now? {contact_line}"


def checked(month_year: str) -> str:
    return f"Details checked {month_year}. Please call first."


def _dated(text: str, month_year: str | None) -> str:
    return f"{text} (checked {month_year})" if month_year else text


def cash_first(name: str, contact: str, month_year: str | None = None) -> str:
    return _dated(f"Worried about money? {name} - {contact}".rstrip(" -"), month_year)


def anchor(name: str, contact: str, month_year: str | None = None) -> str:
    return _dated(f"A friendly first door near you: {name} {contact}".rstrip(), month_year)


def referral_as_before(number: int) -> str:
    return f"as for {number}) above"


def no_more(label: str) -> str:
    return f"That is all we know near {label} for now. Reply NEW to start again."


STILL_ADDING = "We are still adding places. Reply NEW to look for something else, or HELP."

# --- Result cards ----------------------------------------------------------------------


def month_year(day: dt.date | None) -> str | None:
    return day.strftime("%b %Y") if day else None


def _clock(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def when_text(result: SearchResult, at: dt.datetime) -> str:
    """Open now (till when), or when it next opens, or call ahead."""
    opening = result.opening
    if opening.open_now:
        return f"{OPEN_NOW} till {_clock(opening.closes_at)}" if opening.closes_at else OPEN_NOW
    if opening.next_open is None:
        return CALL_AHEAD
    day = opening.next_open.date()
    if day == at.date():
        label = "today"
    elif day == at.date() + dt.timedelta(days=1):
        label = "tomorrow"
    else:
        label = opening.next_open.strftime("%a %d %b").replace(" 0", " ")
    return f"Next open {label} {_clock(opening.next_open)}"


_COST_WORDS = {"free": FREE, "pay-as-you-feel": PAY_AS_YOU_FEEL, "fee": FEE}


def expect_text(result: SearchResult) -> str:
    """What to expect at the door: cost and referral, or a nudge to ask."""
    parts = [_COST_WORDS[result.cost_kind]] if result.cost_kind in _COST_WORDS else []
    if result.referral_required is True:
        parts.append(REFERRAL)
    elif result.referral_required is False:
        parts.append(NO_REFERRAL)
    if not parts:
        return ASK_ABOUT_COST
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def where_text(result: SearchResult) -> str:
    if result.distance_km is None:
        return NATIONAL if result.area_kind == "national" else CITY_WIDE
    km = result.distance_km
    if km < 0.1:
        return VERY_CLOSE
    return f"{km:.1f} km" if km < 10 else f"{km:.0f} km"


def contact_text(result: SearchResult) -> str:
    if result.phone:
        return format_phone(result.phone)
    if result.address:
        return f"{result.address} {result.postcode}".strip()
    return result.website.removeprefix("https://").removeprefix("http://").rstrip("/")


def result_text(card: ResultCard, at: dt.datetime) -> str:
    """One numbered result; a referral route told earlier is pointed back to."""
    result = card.result
    name = result.name
    if result.organisation and result.organisation.lower() not in name.lower():
        name = f"{name} ({result.organisation})"
    lines = [f"{card.number}) {name}", f"{expect_text(result)}. {when_text(result, at)}.",
             f"{where_text(result)}. {contact_text(result)}"]
    if result.referral_required and result.referral_how:
        how = result.referral_how if card.referral_as_in is None \
            else referral_as_before(card.referral_as_in)
        lines.insert(2, f"Referral: {how}")
    return "\n".join(lines)


def card_text(card: Card, at: dt.datetime) -> str:
    """The words for one card of a results page (``at``: the time opening hours are read at)."""
    match card:
        case ResultCard():
            return result_text(card, at)
        case OutsideLeeds(place_label=label):
            return outside_leeds(label)
        case SectionTitle(need=need):
            return f"{need_words(need).capitalize()}:"
        case NoneLocal(need=need, place_label=label):
            return no_local(need, label)
        case TalkNow(contact_line=line):
            return talk_now(line)
        case CashFirst(result=result):
            return cash_first(result.name, contact_text(result), month_year(card.checked))
        case AnchorCard(anchor=found):
            contact = format_phone(found.phone) if found.phone else found.website
            return anchor(found.name, contact, month_year(card.checked))
    raise TypeError(f"not a card: {card!r}")


# --- Feedback ----------------------------------------------------------------------------

THANKS_USEFUL = "Thank you. Glad it helped. Text NEW any time to start again."
THANKS_NOT_USEFUL = ("Thank you for telling us. It helps show what is missing in Leeds. "
                     "Reply NEW to try again.")

# --- Residents' reports ----------------------------------------------------------------

WRONG_THANKS = ("Thank you for telling us. We will ask the people who keep the list to check "
                "it. Reply MORE for more, or NEW to start again.")
WRONG_WHICH = ("Which one is closed or wrong? Reply WRONG and its number, like WRONG 2.")
WRONG_NO_RESULTS = ("Thank you. To tell us a place is closed or wrong, reply WRONG and its "
                    "number while you can see the list, like WRONG 2.")

# --- Keywords ----------------------------------------------------------------------------

HELP = (f"{NAME} finds free and low-cost support in Leeds: food, money, housing, heating "
        "and more. It is free and private. Reply NEW to start, BACK to go back, MORE for "
        "more, FORGET to delete what we hold, STOP to stop. In danger? Call 999.")
STOPPED = f"You will not get more messages from {NAME}. Reply START if you want us again."
FORGOTTEN = ("Done. We have deleted everything we held about you. "
             "If you text again, we start fresh.")
FORGOTTEN_AND_STOP_CLEARED = ("Done. We have deleted everything we held about you, your STOP "
                              "too, so we will answer if you text again. Reply STOP to stop.")
NOTHING_TO_GO_BACK_TO = "You are at the start."
NO_RESULTS_YET = "Tell us what you need first, then MORE shows more places."

# --- Safety ------------------------------------------------------------------------------

CRISIS_OPENING = f"{NAME} here. You don't have to face this alone."
CRISIS_DANGER_FIRST = "If you are in danger now, call 999."
CRISIS_CARRY_ON = "We are still here if you want help finding support. Reply NEW for the menu."

# --- Anything we cannot read -------------------------------------------------------------

NOT_TEXT = ("We can only read text. Tell us in a few words what you need, "
            "or reply NEW for the menu.")
EMPTY = "Tell us in a few words what you need, or reply NEW for the menu."
TOO_FAST = "You are sending messages very fast. Please wait a minute, then try again."
#: Sent first when a message might be a crisis but is not clear (a classifier's middle score).
CHECK_IN = ("If you are not safe right now, call 999. To talk to someone, Samaritans are free on "
            "{samaritans}, any time.")
#: Said once, when a sender reaches the day's SMS reply cap; silence follows until tomorrow.
DAILY_CAP_REACHED = ("That is all the texts we can send you today. Please text again tomorrow. "
                     "In danger? Call 999.")
SOMETHING_WENT_WRONG = ("Sorry, something went wrong our end. Please try again in a minute. "
                        "In danger? Call 999.")


def all_sentences() -> list[str]:
    """Every fixed string and a sample of every template, for the wording tests."""
    fixed = [value for name, value in globals().items()
             if name.isupper() and isinstance(value, str)]
    menus = [label for menu in (MAIN_MENU, OTHER_MENU) for label, _ in menu]
    samples = [
        outside_leeds("M1 1AE"), near("Harehills"), no_local("food", "Harehills"),
        checked("Aug 2026"), cash_first("Example Advice", "01632 960000", "Jan 2020"),
        anchor("Example Centre", "01632 960000", "Aug 2026"), no_more("LS9"),
        nothing_near("food", "LS9"), referral_as_before(1),
        talk_now("Samaritans: call 116 123, free, 24 hours"),
        *(need.words for need in NEEDS),
    ]
    return fixed + menus + samples
