"""The conversation in one file: every message passes the guards in order, then its step's route.

The steps (``bot.steps.Step``) and how a resident moves between them:

    START --(need + place)--------------------------------> RESULTS
      |  \\--(need)--> ASK_PLACE --(place)------------------> RESULTS --MORE--> next page
      |                  ^  BACK                              |  1/2 -> details
      \\--(other)--> ASK_NEED --(6)--> ASK_OTHER_NEED --(need)-/   NEW -> ASK_NEED

Every transition a step's handler can make (``tests/handlers/test_transitions.py`` derives this
table from the handlers' code and checks that the two agree):

    START          -> ASK_NEED, ASK_PLACE, RESULTS
    ASK_NEED       -> ASK_NEED, ASK_OTHER_NEED, ASK_PLACE, RESULTS
    ASK_OTHER_NEED -> ASK_NEED, ASK_OTHER_NEED, ASK_PLACE, PERSON_OFFER, PERSON_OPEN,
                      PERSON_PLACE, RESULTS
    ASK_PLACE      -> ASK_PLACE, RESULTS
    RESULTS        -> ASK_PLACE, RESULTS
    PERSON_PLACE   -> ASK_NEED, PERSON_OFFER, PERSON_PLACE
    PERSON_OFFER   -> ASK_NEED, PERSON_OFFER, PERSON_OPEN, PERSON_PHONE, PERSON_PLACE
    PERSON_PHONE   -> ASK_NEED, PERSON_OPEN, PERSON_PHONE
    PERSON_OPEN    -> ASK_NEED, PERSON_OPEN
    ASK_LANGUAGE   -> ASK_LANGUAGE, ASK_NEED, ASK_OTHER_NEED, ASK_PLACE, RESULTS

Talking to a person (``handlers/person.py``): PERSON (or "can someone call me", or the last
choice of the second menu) -> PERSON_PLACE when no place is known -> PERSON_OFFER -> YES ->
PERSON_OPEN, where each message joins the request; CALL on Telegram asks for the number first
(PERSON_PHONE).

The resident's language (``handlers/language.py``): LANG (at any step) lists the languages,
one number each -> ASK_LANGUAGE; so does one tap when a guess is unsure ("Polski? 1 Polski,
2 English"); a pick carries on where the conversation was (results again, or its question).

Keywords work at every step: HELP, WRONG and CHECK (agree to a follow-up) stay; PERSON goes to
the offer (or its place question, or the open request); NEW and START go to ASK_NEED; BACK goes
one step back (RESULTS -> ASK_PLACE -> ASK_NEED); MORE stays or shows the next page (RESULTS);
STOP and FORGET start afresh (START); LANG goes to ASK_LANGUAGE.

The guards, in order (``GUARDS``), each one of: go on, done (nothing saved), or answered (saved):

    language -> safety line -> FORGET -> opted out -> pace -> SMS cap -> follow-up answers
    (1/2/3, YES to the offer) -> why a WRONG report was made (the words right after it) ->
    keyword -> empty -> crisis alone
    -> slots (need, place and communities from the message) -> language unsure (one tap)
    -> the step's route (``ROUTES``)

The first guard settles the turn's language (a choice, detection, the app's hint, English:
``handlers.language.settle``), so that everything said, the safety reply first, is in it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from enum import Enum

from sqlalchemy import Engine as DatabaseEngine

from bot.engine import DEFAULT_TTL, Context, Engine, Handler
from bot.records.followups import FollowUpConfig
from bot.records.limits import Limits, Pace, pace_for
from bot.records.requests import RequestOptions
from bot.steps import Step
from bot.wording import copy
from bot.wording.crisis import check_in_reply, crisis_replies
from core.clock import Clock
from handlers import followup, keywords, language, need, person, place, report, results, start
from handlers.slots import fill_slots

log = logging.getLogger(__name__)

ROUTES: dict[Step, Handler] = {
    Step.START: start.handle,
    Step.ASK_NEED: need.ask_need,
    Step.ASK_OTHER_NEED: need.ask_other_need,
    Step.ASK_PLACE: place.ask_place,
    Step.RESULTS: results.after_results,
    Step.PERSON_PLACE: person.ask_place,
    Step.PERSON_OFFER: person.answer_offer,
    Step.PERSON_PHONE: person.answer_phone,
    Step.PERSON_OPEN: person.join,
    Step.ASK_LANGUAGE: language.answer,
}

KEYWORD_ROUTES: dict[str, Handler] = {
    "help": keywords.help_,
    "new": keywords.new,
    "back": keywords.back,
    "more": keywords.more,
    "stop": keywords.stop,
    "start": keywords.start,
    "forget": keywords.forget,
    "wrong": report.wrong,
    "person": person.ask,
    "check": followup.check,
    "lang": language.offer,
}


class Verdict(Enum):
    GO_ON = "go on"
    #: The turn ends here and the conversation is left as it was.
    DONE = "done"
    #: The message was answered: the turn ends and the conversation is saved.
    ANSWERED = "answered"


Guard = Callable[[Context], Verdict]


def language_first(ctx: Context) -> Verdict:
    """The turn's language, settled before anything is said (``handlers.language.settle``)."""
    language.settle(ctx)
    return Verdict.GO_ON


def safety_line(ctx: Context) -> Verdict:
    """A crisis is answered first, every time: the full reply, or a short check-in line."""
    said = ctx.understanding
    if said.crisis:
        ctx.state.crisis = True  # no follow-up is offered in this conversation
        ctx.replies.extend(crisis_replies(said.crisis_kind))
    elif said.check_in and not person.answers_offer(ctx):
        ctx.replies.append(check_in_reply())
    return Verdict.GO_ON


def forget_always(ctx: Context) -> Verdict:
    """FORGET always works: after STOP, over the limits, at the cap."""
    if ctx.understanding.keyword != "forget":
        return Verdict.GO_ON
    KEYWORD_ROUTES["forget"](ctx)
    return Verdict.DONE


def opted_out(ctx: Context) -> Verdict:
    """After STOP: silence (but the safety line), until START; HELP is still answered."""
    if ctx.read.opted_out and ctx.understanding.keyword not in ("start", "help"):
        return Verdict.DONE
    return Verdict.GO_ON


def pace(ctx: Context) -> Verdict:
    """Too many messages a minute: a polite "slow down", then silence; nothing said is lost."""
    ctx.paced = True
    verdict = pace_for(ctx.read.this_minute + 1, ctx.limits)
    if verdict is Pace.OK:
        return Verdict.GO_ON
    if verdict is Pace.SLOW_DOWN:
        ctx.say(copy.TOO_FAST)
    return Verdict.DONE


def sms_cap(ctx: Context) -> Verdict:
    """The daily SMS reply cap: said once, then silence (the safety line still goes)."""
    if ctx.message.channel.value != "sms":
        return Verdict.GO_ON
    left = ctx.limits.sms_replies_per_day - ctx.read.replies_today
    if left == 0:
        log.warning("Daily SMS reply cap reached for one sender; saying so once")
        ctx.say(copy.DAILY_CAP_REACHED)
    return Verdict.DONE if left <= 0 else Verdict.GO_ON


def follow_up_answers(ctx: Context) -> Verdict:
    """An answer to a follow-up (1, 2, 3; then why), or YES just after the offer of one."""
    if followup.reply_to_follow_up(ctx) or followup.yes_to_offer(ctx):
        return Verdict.ANSWERED
    return Verdict.GO_ON


def wrong_reason(ctx: Context) -> Verdict:
    """The message right after a WRONG report says why: heard as part of it, not searched."""
    return Verdict.ANSWERED if report.why_wrong(ctx) else Verdict.GO_ON


def keyword(ctx: Context) -> Verdict:
    """A keyword works at every step."""
    route = KEYWORD_ROUTES.get(ctx.understanding.keyword or "")
    if route is None:
        return Verdict.GO_ON
    ctx.state.step = route(ctx)
    return Verdict.ANSWERED


def nothing_said(ctx: Context) -> Verdict:
    """An empty message or only a picture: say what we can read; the step stays."""
    if not ctx.message.is_empty:
        return Verdict.GO_ON
    ctx.say(copy.NOT_TEXT if ctx.message.has_media else copy.EMPTY)
    return Verdict.DONE


def crisis_alone(ctx: Context) -> Verdict:
    """A crisis with no need or place: after the crisis reply, a gentle way to carry on."""
    said = ctx.understanding
    if said.crisis and not (said.needs or said.place):
        ctx.say(copy.CRISIS_CARRY_ON)
        return Verdict.ANSWERED
    return Verdict.GO_ON


def slots(ctx: Context) -> Verdict:
    fill_slots(ctx)
    return Verdict.GO_ON


def language_unsure(ctx: Context) -> Verdict:
    """Detection was not sure of the language: ask in one tap (the need and place the message
    gave are kept by the slots, and the conversation carries on with them once answered)."""
    if ctx.unsure_language is None or ctx.state.step is Step.ASK_LANGUAGE:
        return Verdict.GO_ON
    ctx.state.step = language.confirm(ctx, ctx.unsure_language)
    return Verdict.ANSWERED


GUARDS: tuple[Guard, ...] = (language_first, safety_line, forget_always, opted_out, pace,
                             sms_cap, follow_up_answers, wrong_reason, keyword, nothing_said,
                             crisis_alone, slots, language_unsure)


def converse(ctx: Context) -> None:
    """One message through the guards, then its step's route; the handler names the next step."""
    for guard in GUARDS:
        verdict = guard(ctx)
        if verdict is Verdict.DONE:
            return
        if verdict is Verdict.ANSWERED:
            ctx.save = not ctx.forgotten
            return
    ctx.state.step = ROUTES[ctx.state.step](ctx)
    ctx.save = not ctx.forgotten


def build_engine(database: DatabaseEngine, secret_key: str, clock: Clock,
                 ttl: dt.timedelta = DEFAULT_TTL, limits: Limits | None = None,
                 requests: RequestOptions | None = None,
                 followups: FollowUpConfig | None = None) -> Engine:
    """The engine on this conversation; ``clock`` says when "now" is (tests pass a fake)."""
    return Engine(database, secret_key, converse, clock, ttl, limits, requests, followups)
