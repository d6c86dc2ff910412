"""Every sentence a resident can read, in one place.

Plain words, short sentences, GSM-7 only (no curly quotes, dashes, emoji or ellipses), and
the wording rules of docs/CONVERSATION: no stigmatising words, never ask why, never ask a name.
The first line of every message is neutral, because a lock screen shows it.
"""

from __future__ import annotations

from directory.needs import NEEDS, NEEDS_BY_SLUG, Menu, menu_needs

NAME = "Leeds Signpost"

# --- Menus -------------------------------------------------------------------------------

#: The menus' labels and the words replies use for each need live in the need registry.
OTHER = "other"
SOMETHING_ELSE = "Something else"
#: The last choice of the second menu: ask for a person rather than a kind of help.
TALK_TO_PERSON = "Talk to a person"
PERSON = "person"

#: The first menu: (label, need slug or "other").
MAIN_MENU: tuple[tuple[str, str], ...] = (
    *((need.label, need.slug) for need in menu_needs(Menu.MAIN)), (SOMETHING_ELSE, OTHER))

#: The second menu, behind "Something else".
OTHER_MENU: tuple[tuple[str, str], ...] = (
    *((need.label, need.slug) for need in menu_needs(Menu.OTHER)), (TALK_TO_PERSON, PERSON))


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


def place_heard(label: str) -> str:
    """A first message that was only a place: say what was understood, then ask the need."""
    return f"Near {label}. {ASK_NEED_AGAIN}"


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
    """The place (a postcode, or "your location") starts the sentence, so with a capital."""
    return (f"{label[:1].upper()}{label[1:]} looks like it is outside Leeds. We only know "
            "Leeds places, but these can help wherever you are:")


def near(label: str) -> str:
    return f"{NAME}: near {label}"


# --- Results -----------------------------------------------------------------------------

NORMALISE = "Lots of people in Leeds use these."
MORE_HINT = "Reply MORE for more, or NEW to start again."
NEW_HINT = "Reply NEW to start again."
FEEDBACK_QUESTION = "Was this useful? Reply YES or NO."
FEEDBACK_YES, FEEDBACK_NO = "Yes", "No"
OPEN_NOW = "Open now"
OPEN_24_HOURS = "Open 24 hours"
#: A line whose own words say it answers evenings, nights and weekends (no hours published).
OUT_OF_HOURS_LINE = "Answers out of hours"
FREE = "Free"
PAY_AS_YOU_FEEL = "Pay as you feel"
FEE = "There is a cost"
NO_REFERRAL = "no referral needed"
REFERRAL = "referral needed"
VERY_CLOSE = "Very close"
CITY_WIDE = "Leeds-wide"
NATIONAL = "UK-wide"
TODAY, TOMORROW = "today", "tomorrow"
DATE_UNKNOWN = "date of details unknown"
NO_FIXED_PLACE = "No address to visit: by phone or online."
TIMES_NOT_PUBLISHED = "Times not published: call first."
#: The same where a result has no number to call: never "call" without one.
TIMES_NOT_PUBLISHED_NO_PHONE = "Times not published."
HOURS_NOT_PUBLISHED = "not published, call first"
HOURS_NOT_PUBLISHED_NO_PHONE = "not published"


def open_till(closes: str) -> str:
    return f"{OPEN_NOW} till {closes}"


def next_open(day: str, opens: str) -> str:
    return f"Next open {day} {opens}"


#: National finders for residents outside Leeds, by need (real, public services).
NATIONAL_FINDERS = {
    "food": "To find a food bank anywhere in the UK: givefood.org.uk",
}


def untimed_day(day: str, can_call: bool = True) -> str:
    """A day the service opens, with no published times: "Open Thu, call for times" (or "Open
    Thu, times not published" where there is no number to call)."""
    return f"Open {day}, call for times" if can_call else f"Open {day}, times not published"


def for_community(words: str) -> str:
    """After a result's name when it is for the community the resident named."""
    return f"for {words}"


def in_area(name: str) -> str:
    """Where a place known only by its area is: "in Meanwood" (never a made-up distance)."""
    return f"in {name}"


def details_from(year: int) -> str:
    return f"details from {year}"


def times_not_published_for(numbers: str, can_call: bool = True) -> str:
    """Which results publish no times; "call first" only when each of them has a number."""
    return f"Times not published for {numbers}: call first." if can_call \
        else f"Times not published for {numbers}."


def results_footer(numbers: str, more: bool) -> str:
    """The end of a results page: how to get details, more, or start again."""
    rest = "MORE for more" if more else "NEW to start again"
    return f"Reply {numbers} for the address and times, or {rest}." if numbers \
        else f"Reply {rest}."


def no_local(need: str, label: str) -> str:
    return f"We don't know of {need_words(need)} near {label} yet."


def kind_gap(words: str, label: str, when: str = "") -> str:
    """Nothing near fits the kind of help asked: "We don't list a carers' service near X.";
    or nothing that fits is open when asked: "... open now near X. These open soonest:"."""
    if not when:
        return f"We don't list {words} near {label}."
    when = "open now" if when == "now" else "open today" if when == "today" else f"open on {when}"
    return f"We don't list {words} {when} near {label}. The nearest, and when they open:"


def place_unknown(words: str) -> str:
    """A place we could not find, said back so the resident can put it another way."""
    return f"I don't know '{words}' - send a postcode or a nearby area (like Armley or LS9)."


def nothing_near(words: str, label: str) -> str:
    """Nothing at all that fits, and no line or anchor to give: ``words`` name what was asked
    ("a carers' service", or a need's words)."""
    return f"{kind_gap(words, label)} {STILL_ADDING}"


def talk_now(contact_line: str) -> str:
    return f"Need to talk now? {contact_line}"


def cash_first(name: str, contact: str) -> str:
    return f"Money worries? {name} {contact}".rstrip()


def anchor(name: str, contact: str) -> str:
    return f"A friendly first door near you: {name} {contact}".rstrip()


def no_more(label: str) -> str:
    return f"That is all we know near {label} for now. Reply NEW to start again."


STILL_ADDING = "We are still adding places. Reply NEW to look for something else, or HELP."
NO_SUCH_RESULT = "That number is not on the list. Reply with a number from the list, or MORE."
GONE = "Sorry, that place has just left our list. Reply NEW to look again."

# --- Details ("Reply 1") -------------------------------------------------------------------

ADDRESS, HOURS, PHONE, WEB = "Address", "Hours", "Phone", "Web"
REFERRAL_HOW = "Referral"


def labelled(label: str, value: str) -> str:
    return f"{label}: {value}"


CHECK_FIRST = "Please check before you go."
CALL_FIRST = "Please call first."


def details_checked(month_year: str, can_call: bool = True) -> str:
    return f"Details checked {month_year}. {CALL_FIRST if can_call else CHECK_FIRST}"


def details_dated(age: str, can_call: bool = True) -> str:
    """"Details from 2023" or "Date of details unknown", as a closing line."""
    return f"{age[0].upper()}{age[1:]}. {CALL_FIRST if can_call else CHECK_FIRST}"


def seasonal(first: str, last: str) -> str:
    return f"({first} to {last})"


def after_details(others: str) -> str:
    return f"Reply {others} for another, MORE for more, NEW to start again." if others \
        else MORE_HINT


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

# --- Follow-ups ("Did you get help?") ------------------------------------------------------


def follow_up_offer(day: str) -> str:
    """Offered once after an answer: the resident agrees with CHECK (or YES just after)."""
    return f"Reply CHECK and we'll text you on {day} to see if you got help."


FOLLOW_UP_AGREED = ("Thank you. We will text you once to ask if you got help. Reply STOP "
                    "before then to cancel, or FORGET to delete it.")
FOLLOW_UP_NOTHING_TO_CHECK = ("We can check in after we have sent you some places. Tell us "
                              "what you need, or reply NEW for the menu.")
FOLLOW_UP_ALREADY = "You already asked us to check in about this. Reply NEW to start again."


def follow_up_question(need_words: str, name: str) -> str:
    """The follow-up itself: one GSM-7 segment (the name is shortened to fit)."""
    return (f"{NAME}: did you get help with {need_words} from {name}? "
            "Reply 1 yes, 2 no, 3 didn't go. STOP to end.")


FOLLOW_UP_BUTTONS = (("1 Yes", "1"), ("2 No", "2"), ("3 Didn't go", "3"))
FOLLOW_UP_THANKS = "Thank you, that's good to hear. Text NEW any time if you need more help."
FOLLOW_UP_WHAT_HAPPENED = ("Sorry to hear that. What happened? Reply 1 closed, 2 details wrong, "
                           "3 turned away, 4 other.")
FOLLOW_UP_REASON_BUTTONS = (("1 Closed", "1"), ("2 Details wrong", "2"),
                            ("3 Turned away", "3"), ("4 Other", "4"))
FOLLOW_UP_NEXT_PLACES = "Thank you for telling us. Other places you could try:"
FOLLOW_UP_NO_OTHERS = ("Thank you for telling us. We will ask the people who keep the list to "
                       "check it. Reply NEW to search again.")
FOLLOW_UP_STILL_NEED = ("Thank you for letting us know. Do you still need help? Reply NEW to "
                        "search again, or HELP to talk to someone.")

# --- Keywords ----------------------------------------------------------------------------

HELP = (f"{NAME} finds free and low-cost support in Leeds: food, money, housing, heating "
        "and more. It is free and private. Reply NEW to start, BACK to go back, MORE for "
        "more, FORGET to delete what we hold, STOP to stop. In danger? Call 999.")


def help_with_person(name: str, contact: str) -> str:
    """HELP once the place is known: the ward's community anchor, someone to talk to."""
    return f"{HELP}\nTo talk to someone near you: {name} {contact}".rstrip()


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
#: A medical emergency: the ambulance first, then NHS 111 for urgent help that is not an emergency.
CRISIS_MEDICAL_OPENING = f"{NAME} here. This sounds like it could be a medical emergency."
CRISIS_MEDICAL_FIRST = ("Call 999 now and ask for an ambulance if someone has chest pain, is not "
                        "breathing properly, is unconscious, is bleeding heavily, or has signs of "
                        "a stroke.")
CRISIS_MEDICAL_NOT_EMERGENCY = "If it is urgent but not an emergency:"
CRISIS_CARRY_ON = "We are still here if you want help finding support. Reply NEW for the menu."

# --- Talking to a person ----------------------------------------------------------------

SHARE_PHONE_BUTTON = "Share my phone number"
PERSON_ASK_PLACE = ("We can pass a message to someone near you. Where are you? Send a postcode "
                    "(like LS9 8RU), part of one (LS9), or your area.")
PERSON_NOBODY = ("Sorry, we cannot pass on a message for that area yet. Reply HELP for "
                 "other ways to get help, or NEW for the menu.")
PERSON_UNCLEAR = ("Reply YES to send it, CALL if you would rather have a phone call, "
                  "or NO to leave it.")
PERSON_NOT_SENT = "OK, nothing was sent."
PERSON_SHARE_PHONE = ("To get a call, press Share my phone number below. Or reply YES to "
                      "get their answer here instead, or NO to leave it.")
PERSON_NOTED = "Added to your message. They will see it."
PERSON_ENDED = "That message is closed now. What can we help you find?"


def person_offer(helper: str, need: str | None, area: str, days: int) -> str:
    """What happens if the resident agrees: who, what they see, how soon, and the choices."""
    about = f"that you want {need_words(need)} near {area}" if need \
        else f"that you want to talk, near {area}"
    return (f"Someone at {helper} can get back to you. They will see {about}, and nothing "
            f"else: no name, no number. They usually answer within {days} working days.\n"
            "Reply YES to send, CALL if you would rather they phoned you, or NO.")


def person_sent(helper: str, days: int, call: bool) -> str:
    """The request is on its way."""
    how = "will call you" if call else "will answer here"
    return (f"Sent. Someone at {helper} {how} within {days} working days. Write here anything "
            "you want them to know. NEW to search again, STOP to end. In danger? Call 999.")


def from_helper(helper: str, text: str) -> str:
    """A keeper's reply, passed on through the bot (the first line stays neutral)."""
    return f"{NAME}: a message from {helper}:\n{text}\nReply here to answer them."


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
        cash_first("Example Advice", "01632 960000"), anchor("Example Centre", "01632 960000"),
        no_more("LS9"), nothing_near("food support", "LS9"), place_heard("Chapeltown"),
        kind_gap("a carers' service", "Rothwell"), kind_gap("a food bank", "LS9", "now"),
        kind_gap("a pantry", "LS9", "Sunday"), place_unknown("Example Fields"),
        open_till("4pm"), next_open("Tue", "10am"), in_area("Meanwood"), untimed_day("Thu"),
        for_community("older people"),
        details_from(2023),
        times_not_published_for("1 and 3"), results_footer("1, 2 or 3", True),
        results_footer("4 or 5", False), results_footer("", True),
        details_checked("Aug 2026"), details_dated(details_from(2023)),
        details_dated(DATE_UNKNOWN), seasonal("1 Nov", "31 Mar"), after_details("2 or 3"),
        after_details(""), labelled(ADDRESS, "1 Example Street"),
        help_with_person("Example Centre", "01632 960000"),
        person_offer("Example Centre", "food", "Harehills", 2),
        person_offer("Example Centre", None, "Harehills", 2),
        person_sent("Example Centre", 2, True), person_sent("Example Centre", 2, False),
        from_helper("Example Centre", "Hello, we can help."),
        follow_up_offer("Thu"), follow_up_question("food", "Example Pantry"),
        talk_now("Samaritans: call 116 123, free, 24 hours"),
        *(need.words for need in NEEDS),
    ]
    return fixed + menus + samples
