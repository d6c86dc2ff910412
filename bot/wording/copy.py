"""Every sentence a resident can read, in one catalogue (this module and its two topic modules,
``copy_results`` for answers and details, ``copy_people`` for feedback, follow-ups and people).

Plain words, short sentences, GSM-7 only in English (no curly quotes, dashes, emoji or
ellipses), and the wording rules of docs/CONVERSATION: no stigmatising words, never ask why,
never ask a name. The first line of every message is neutral, because a lock screen shows it.

Each sentence is said in the turn's language (:mod:`bot.wording.i18n`): ``copy.HELLO`` is looked
up when it is read, like every constant here, and a template (``copy.near``) is translated and
then filled in. The English here is the source of the catalogues (docs/languages.md); keywords
(NEW, MORE, STOP, HELP, FORGET, CHECK...), service names and numbers stay as they are in every
language.
"""

from __future__ import annotations

import unicodedata

from bot.languages import LANGUAGES, Language
from bot.sms.gsm import is_gsm7
from bot.wording import copy_people, copy_results
from bot.wording.copy_people import (  # noqa: F401 (the catalogue's templates, by topic)
    follow_up_offer,
    follow_up_question,
    from_helper,
    person_offer,
    person_sent,
)
from bot.wording.copy_results import (  # noqa: F401
    after_details,
    anchor,
    bank_holiday,
    cash_first,
    details_checked,
    details_dated,
    details_from,
    for_community,
    in_area,
    kind_gap,
    km,
    labelled,
    need_label,
    need_words,
    next_open,
    no_local,
    no_more,
    nothing_near,
    open_till,
    place_words,
    results_footer,
    seasonal,
    short_footer,
    talk_now,
    times_not_published_for,
    untimed_day,
)
from bot.wording.i18n import N_, Sentences, gettext, module_words
from directory.needs import NEEDS, Menu, menu_needs

NAME = "Leeds Signpost"

#: The menus' labels and the words replies use for each need live in the need registry.
OTHER = "other"
#: The last choice of the second menu: ask for a person rather than a kind of help.
PERSON = "person"

SAY = Sentences(
    # --- Menus and greetings --------------------------------------------------------------
    SOMETHING_ELSE=N_("Something else"),
    TALK_TO_PERSON=N_("Talk to a person"),
    HELLO=N_("Hi, this is Leeds Signpost. Free, private, no names needed."),
    HELLO_AGAIN=N_("Hi again, this is Leeds Signpost. Free, private, no names needed."),
    ASK_NEED_AGAIN=N_("What can we help you find?"),
    WHICH_IS_CLOSEST=N_("Which is closest?"),
    UNCLEAR_NEED=N_("Tell us in a few words, or reply with a number:"),
    # --- Place ----------------------------------------------------------------------------
    ASK_PLACE=N_("Where are you? Send a postcode (like LS9 8RU), part of one (LS9), "
                 "or your area (like Harehills)."),
    ASK_PLACE_WITH_LOCATION=N_("Where are you? Send a postcode (like LS9 8RU), part of one "
                               "(LS9), or your area (like Harehills), or share your location."),
    PLACE_NOT_FOUND=N_("We could not find that place. Try a postcode like LS9 8RU, "
                       "or an area like Armley or Chapeltown."),
    SHARE_LOCATION_BUTTON=N_("Share my location"),
    #: A first message that was only "Leeds": the whole city was understood.
    CITY_HEARD=N_("Across Leeds."),
    # --- Keywords -------------------------------------------------------------------------
    HELP=N_("Leeds Signpost finds free and low-cost support in Leeds: food, money, housing, "
            "heating and more. It is free and private. Reply NEW to start, BACK to go back, "
            "MORE for more, FORGET to delete what we hold, STOP to stop. In danger? Call 999."),
    STOPPED=N_("You will not get more messages from Leeds Signpost. Reply START if you want us "
               "again."),
    FORGOTTEN=N_("Done. We have deleted everything we held about you. If you text again, we "
                 "start fresh."),
    FORGOTTEN_AND_STOP_CLEARED=N_("Done. We have deleted everything we held about you, your "
                                  "STOP too, so we will answer if you text again. Reply STOP "
                                  "to stop."),
    NOTHING_TO_GO_BACK_TO=N_("You are at the start."),
    NO_RESULTS_YET=N_("Tell us what you need first, then MORE shows more places."),
    # --- Language -------------------------------------------------------------------------
    CHOOSE_LANGUAGE=N_("Which language? Reply with a number:"),
    # TRANSLATORS: Said in the language just chosen; LANG stays as it is.
    LANGUAGE_CHOSEN=N_("OK, we will write in English. Reply LANG to change."),
    # --- Safety ---------------------------------------------------------------------------
    CRISIS_OPENING=N_("Leeds Signpost here. You don't have to face this alone."),
    CRISIS_DANGER_FIRST=N_("If you are in danger now, call 999."),
    # TRANSLATORS: Only said in translations: 999 can bring an interpreter on the line.
    CRISIS_INTERPRETER=N_("999 can get an interpreter: say your language in English."),
    #: A medical emergency: the ambulance first, then NHS 111 for urgent help that is not one.
    CRISIS_MEDICAL_OPENING=N_("Leeds Signpost here. This sounds like it could be a medical "
                              "emergency."),
    CRISIS_MEDICAL_FIRST=N_("Call 999 now and ask for an ambulance if someone has chest pain, "
                            "is not breathing properly, is unconscious, is bleeding heavily, "
                            "or has signs of a stroke."),
    CRISIS_MEDICAL_NOT_EMERGENCY=N_("If it is urgent but not an emergency:"),
    CRISIS_CARRY_ON=N_("We are still here if you want help finding support. Reply NEW for the "
                       "menu."),
    # --- Anything we cannot read ----------------------------------------------------------
    NOT_TEXT=N_("We can only read text. Tell us in a few words what you need, or reply NEW for "
                "the menu."),
    EMPTY=N_("Tell us in a few words what you need, or reply NEW for the menu."),
    TOO_FAST=N_("You are sending messages very fast. Please wait a minute, then try again."),
    #: Sent first when a message might be a crisis but is not clear (a classifier's middle
    #: score); {samaritans} is their number.
    CHECK_IN=N_("If you are not safe right now, call 999. To talk to someone, Samaritans are "
                "free on {samaritans}, any time."),
    #: Said once, when a sender reaches the day's SMS reply cap; silence follows until tomorrow.
    DAILY_CAP_REACHED=N_("That is all the texts we can send you today. Please text again "
                         "tomorrow. In danger? Call 999."),
    SOMETHING_WENT_WRONG=N_("Sorry, something went wrong our end. Please try again in a "
                            "minute. In danger? Call 999."),
)


def _menu(menu: Menu, last: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """A menu: (label, need slug, "other" or "person"), in the turn's language."""
    return (*((need_label(need.slug), need.slug) for need in menu_needs(menu)), last)


def main_menu() -> tuple[tuple[str, str], ...]:
    """The first menu: (label, need slug or "other")."""
    return _menu(Menu.MAIN, (SAY.SOMETHING_ELSE, OTHER))


def other_menu() -> tuple[tuple[str, str], ...]:
    """The second menu, behind "Something else"; its last choice asks for a person."""
    return _menu(Menu.OTHER, (SAY.TALK_TO_PERSON, PERSON))


def numbered(menu: tuple[tuple[str, str], ...]) -> str:
    return "  ".join(f"{i} {label}" for i, (label, _) in enumerate(menu, 1))


def place_heard(label: str, city: bool = False) -> str:
    """A first message that was only a place (``city``: Leeds as a whole): say what was
    understood, then ask the need."""
    heard = SAY.CITY_HEARD if city else gettext("Near {place}.", place=place_words(label))
    return f"{heard} {SAY.ASK_NEED_AGAIN}"


def outside_leeds(label: str) -> str:
    """The place (a postcode, or "your location") starts the sentence, so with a capital."""
    label = place_words(label)
    label = label[:1].upper() + label[1:]
    return gettext("{place} looks like it is outside Leeds. We only know Leeds places, but "
                   "these can help wherever you are:", place=label)


def near(label: str) -> str:
    return gettext("Leeds Signpost: near {place}", place=place_words(label))


def place_unknown(words: str, parts: tuple[str, ...] = ()) -> str:
    """A place we could not find, said back so the resident can put it another way; a part
    of the city by compass ("south Leeds") is too broad to search from: which part?"""
    if parts:
        first, second, third = parts
        return gettext("{words} is a big area, so tell us which part (like {first}, {second} or "
                       "{third}).", words=words, first=first, second=second, third=third)
    return gettext("I don't know '{words}' - send a postcode or a nearby area (like Armley or "
                   "LS9).", words=words)


def help_with_person(name: str, contact: str) -> str:
    """HELP once the place is known: the ward's community anchor, someone to talk to."""
    near = gettext("To talk to someone near you: {name} {contact}", name=name, contact=contact)
    return f"{SAY.HELP}\n{near}".rstrip()


# --- Language ------------------------------------------------------------------------------


def language_menu() -> tuple[Language, ...]:
    """The languages LANG offers, numbered in this order, each in its own name."""
    return LANGUAGES


def choose_language() -> str:
    """LANG: the question in the turn's language, then every language in its own name."""
    options = "  ".join(f"{i} {lang.own_name}" for i, lang in enumerate(language_menu(), 1))
    return f"{SAY.CHOOSE_LANGUAGE}\n{options}"


def confirm_language(guessed: Language, current: Language, plain: bool = False) -> str:
    """One tap when the language is not clear: "Polski? 1 Polski, 2 English" (own names only:
    we are not sure which the resident reads). ``plain``: the resident wrote without accents,
    so the names are too where that keeps the text GSM-7 ("Romana?", one cheap segment)."""
    guessed_name, current_name = guessed.own_name, current.own_name
    if plain:
        guessed_name, current_name = unaccented(guessed_name), unaccented(current_name)
    return f"{guessed_name}? 1 {guessed_name}, 2 {current_name}"


def unaccented(name: str) -> str:
    """``name`` without its accents when that leaves it GSM-7 ("Română" -> "Romana"), else as
    it is (a name in another script)."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch))
    return bare if is_gsm7(bare) else name


# --- Made afresh at each read ------------------------------------------------------------

_MADE = {
    "GREETING": lambda: f"{SAY.HELLO} {SAY.ASK_NEED_AGAIN}",
    "WELCOME_BACK": lambda: f"{SAY.HELLO_AGAIN} {SAY.ASK_NEED_AGAIN}",
    "MAIN_MENU": main_menu,
    "OTHER_MENU": other_menu,
    "MAIN_MENU_TEXT": lambda: numbered(main_menu()),
    "OTHER_MENU_TEXT": lambda: f"{SAY.WHICH_IS_CLOSEST} {numbered(other_menu())}",
    "UNCLEAR_OTHER": lambda: gettext("Reply with a number from 1 to {last}, or tell us in a "
                                     "few words.", last=len(other_menu())),
    **copy_results.MADE,
    **copy_people.MADE,
}

__getattr__ = module_words([SAY, copy_results.SAY, copy_people.SAY], _MADE, __name__)


def fixed_names() -> tuple[str, ...]:
    """The names of every fixed sentence, across the catalogue's modules."""
    return (*SAY.names, *copy_results.SAY.names, *copy_people.SAY.names)


def all_sentences() -> list[str]:
    """Every fixed string and a sample of every template, in the turn's language, for the
    wording tests."""
    fixed = [globals()["__getattr__"](name) for name in (*fixed_names(), *_MADE)]
    fixed = [value for value in fixed if isinstance(value, str)]
    menus = [label for menu in (main_menu(), other_menu()) for label, _ in menu]
    samples = [
        outside_leeds("M1 1AE"), near("Harehills"), no_local("food", "Harehills"),
        cash_first("Example Advice", "01632 960000"), anchor("Example Centre", "01632 960000"),
        no_more("LS9"), nothing_near("food support", "LS9"), place_heard("Chapeltown"),
        place_heard("Leeds", city=True),
        kind_gap("a carers' service", "Rothwell"), kind_gap("a food bank", "LS9", "now"),
        kind_gap("a pantry", "LS9", "Sunday"), kind_gap("a food bank", "LS9", "now", "open"),
        kind_gap("a food bank", "LS9", "now", "open-first"),
        kind_gap("a hot meal", "LS9", "now", "untimed"), place_unknown("Example Fields"),
        open_till("4pm"), next_open("Tue", "10am"), in_area("Meanwood"), untimed_day("Thu"),
        bank_holiday(next_open("Tue", "10am")), bank_holiday(open_till("2pm"), "differ"),
        for_community("older people"),
        details_from(2023),
        times_not_published_for("1 and 3"), results_footer("1, 2 or 3", True),
        results_footer("4 or 5", False), results_footer("", True),
        details_checked("Aug 2026"), details_dated(details_from(2023)),
        details_dated(copy_results.SAY.DATE_UNKNOWN), seasonal("1 Nov", "31 Mar"),
        after_details("2 or 3"), after_details(""),
        labelled(copy_results.SAY.ADDRESS, "1 Example Street"),
        help_with_person("Example Centre", "01632 960000"),
        person_offer("Example Centre", "food", "Harehills", 2),
        person_offer("Example Centre", None, "Harehills", 2),
        person_sent("Example Centre", 2, True), person_sent("Example Centre", 2, False),
        from_helper("Example Centre", "Hello, we can help."),
        follow_up_offer("Thu"), follow_up_question("food", "Example Pantry"),
        talk_now("Samaritans: call 116 123, free, 24 hours"),
        *(need_words(need.slug) for need in NEEDS),
    ]
    return fixed + menus + samples
