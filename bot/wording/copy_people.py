"""The catalogue's after-words: "Was this useful?", WRONG reports, follow-ups ("Did you get
help?") and talking to a person (:mod:`bot.wording.copy` is the whole catalogue)."""

from __future__ import annotations

from bot.wording.copy_results import need_words
from bot.wording.i18n import N_, Sentences, gettext, ngettext

SAY = Sentences(
    # --- Feedback -------------------------------------------------------------------------
    FEEDBACK_QUESTION=N_("Was this useful? Reply YES or NO."),
    # TRANSLATORS: Buttons for "Was this useful?": pressing one sends its words.
    FEEDBACK_YES=N_("Yes"),
    FEEDBACK_NO=N_("No"),
    THANKS_USEFUL=N_("Thank you. Glad it helped. Text NEW any time to start again."),
    THANKS_NOT_USEFUL=N_("Thank you for telling us. It helps show what is missing in Leeds. "
                         "Reply NEW to try again."),
    # --- Residents' reports ---------------------------------------------------------------
    WRONG_THANKS=N_("Thank you for telling us. We will ask the people who keep the list to "
                    "check it. Reply MORE for more, or NEW to start again."),
    #: After a WRONG report, the message that says why: heard, and honest that only the report
    #: (a count) goes on, not the words.
    WRONG_REASON_THANKS=N_("Thank you. Your report is in, and the people who keep the list "
                           "will check that place. Reply MORE for more, or NEW to start "
                           "again."),
    WRONG_WHICH=N_("Which one is closed or wrong? Reply WRONG and its number, like WRONG 2."),
    WRONG_NO_RESULTS=N_("Thank you. To tell us a place is closed or wrong, reply WRONG and "
                        "its number while you can see the list, like WRONG 2."),
    # --- Follow-ups -----------------------------------------------------------------------
    FOLLOW_UP_AGREED=N_("Thank you. We will text you once to ask if you got help. Reply STOP "
                        "before then to cancel, or FORGET to delete it."),
    FOLLOW_UP_NOTHING_TO_CHECK=N_("We can check in after we have sent you some places. Tell "
                                  "us what you need, or reply NEW for the menu."),
    FOLLOW_UP_ALREADY=N_("You already asked us to check in about this. Reply NEW to start "
                         "again."),
    FOLLOW_UP_THANKS=N_("Thank you, that's good to hear. Text NEW any time if you need more "
                        "help."),
    FOLLOW_UP_WHAT_HAPPENED=N_("Sorry to hear that. What happened? Reply 1 closed, 2 details "
                               "wrong, 3 turned away, 4 other."),
    FOLLOW_UP_NEXT_PLACES=N_("Thank you for telling us. Other places you could try:"),
    FOLLOW_UP_NO_OTHERS=N_("Thank you for telling us. We will ask the people who keep the list "
                           "to check it. Reply NEW to search again."),
    FOLLOW_UP_STILL_NEED=N_("Thank you for letting us know. Do you still need help? Reply NEW "
                            "to search again, or HELP to talk to someone."),
    #: Who a follow-up asks about when the place's name was not kept.
    THE_PLACE_WE_SUGGESTED=N_("the place we suggested"),
    # --- Talking to a person --------------------------------------------------------------
    SHARE_PHONE_BUTTON=N_("Share my phone number"),
    PERSON_ASK_PLACE=N_("We can pass a message to someone near you. Where are you? Send a "
                        "postcode (like LS9 8RU), part of one (LS9), or your area."),
    PERSON_NOBODY=N_("Sorry, we cannot pass on a message for that area yet. Reply HELP for "
                     "other ways to get help, or NEW for the menu."),
    PERSON_UNCLEAR=N_("Reply YES to send it, CALL if you would rather have a phone call, or NO "
                      "to leave it."),
    PERSON_NOT_SENT=N_("OK, nothing was sent."),
    PERSON_SHARE_PHONE=N_("To get a call, press Share my phone number below. Or reply YES to "
                          "get their answer here instead, or NO to leave it."),
    PERSON_NOTED=N_("Added to your message. They will see it."),
    PERSON_ENDED=N_("That message is closed now. What can we help you find?"),
    #: Where a request is from when no area is known ("near you").
    YOU=N_("you"),
)


def follow_up_offer(day: str) -> str:
    """Offered once after an answer: the resident agrees with CHECK (or YES just after)."""
    return gettext("Reply CHECK and we'll text you on {day} to see if you got help.", day=day)


def follow_up_question(need_words: str, name: str) -> str:
    """The follow-up itself: one GSM-7 segment (the name is shortened to fit)."""
    return gettext("Leeds Signpost: did you get help with {need} from {name}? Reply 1 yes, 2 "
                   "no, 3 didn't go. STOP to end.", need=need_words, name=name)


def _buttons(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((gettext(label), value) for label, value in pairs)


def person_offer(helper: str, need: str | None, area: str, days: int) -> str:
    """What happens if the resident agrees: who, what they see, how soon, and the choices."""
    about = gettext("that you want {need} near {area}", need=need_words(need), area=area) \
        if need else gettext("that you want to talk, near {area}", area=area)
    sees = gettext("Someone at {helper} can get back to you. They will see {about}, and "
                   "nothing else: no name, no number.", helper=helper, about=about)
    soon = ngettext("They usually answer within {n} working day.",
                    "They usually answer within {n} working days.", days)
    choices = gettext("Reply YES to send, CALL if you would rather they phoned you, or NO.")
    return f"{sees} {soon}\n{choices}"


def person_sent(helper: str, days: int, call: bool) -> str:
    """The request is on its way."""
    sent = ngettext("Sent. Someone at {helper} will call you within {n} working day.",
                    "Sent. Someone at {helper} will call you within {n} working days.", days,
                    helper=helper) if call else \
        ngettext("Sent. Someone at {helper} will answer here within {n} working day.",
                 "Sent. Someone at {helper} will answer here within {n} working days.", days,
                 helper=helper)
    rest = gettext("Write here anything you want them to know. NEW to search again, STOP to "
                   "end. In danger? Call 999.")
    return f"{sent} {rest}"


def from_helper(helper: str, text: str) -> str:
    """A keeper's reply, passed on through the bot (the first line stays neutral)."""
    return gettext("Leeds Signpost: a message from {helper}:\n{text}\nReply here to answer "
                   "them.", helper=helper, text=text)


MADE = {
    "FOLLOW_UP_BUTTONS": lambda: _buttons((N_("1 Yes"), "1"), (N_("2 No"), "2"),
                                          (N_("3 Didn't go"), "3")),
    "FOLLOW_UP_REASON_BUTTONS": lambda: _buttons((N_("1 Closed"), "1"),
                                                 (N_("2 Details wrong"), "2"),
                                                 (N_("3 Turned away"), "3"),
                                                 (N_("4 Other"), "4")),
}
