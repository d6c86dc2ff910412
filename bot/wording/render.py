"""Result cards and details in words: every phrase comes from :mod:`bot.wording.copy`; this module
only chooses and joins them. ``at`` is the time opening hours are read at (the turn's time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot.languages import ENGLISH
from bot.wording import copy
from bot.wording.cards import (
    AnchorCard,
    Card,
    CashFirst,
    KindGap,
    NationalFinder,
    NoneLocal,
    OutsideLeeds,
    ResultCard,
    SectionTitle,
    SupplierCredit,
    TalkNow,
)
from bot.wording.dates import (
    FULL_DAYS,
    clock_time,
    day_month,
    decimal,
    full_day,
    month_year,
    short_day,
)
from bot.wording.i18n import current_language, gettext
from bot.wording.names import full_name, short_name
from bot.wording.phones import format_phone
from directory.communities import COMMUNITIES_BY_SLUG
from directory.details import ServiceDetail, WeeklySession
from directory.needs import KINDS_BY_SLUG
from directory.opening import runs_all_day
from directory.search import SearchResult

#: Details older than this say their year ("details from 2023").
STALE_AFTER = dt.timedelta(days=365)


def community_words(slug: str) -> str:
    """"older people", "LGBT+ people": a community's label as words in a sentence."""
    label = gettext(COMMUNITIES_BY_SLUG[slug].label)
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def kind_words(slug: str) -> str:
    """"a carers' service", "a food bank": a kind of help (or a need) as words in a sentence."""
    return gettext(KINDS_BY_SLUG[slug].words) if slug in KINDS_BY_SLUG \
        else copy.need_words(slug)


def age_text(checked: dt.date | None, at: dt.datetime) -> str:
    """"" for recent details; "details from 2023" for old ones; "date of details unknown"."""
    if checked is None:
        return copy.DATE_UNKNOWN
    if at.date() - checked > STALE_AFTER:
        return copy.details_from(checked.year)
    return ""


def _day_label(day: dt.date, at: dt.datetime) -> str:
    if day == at.date():
        return copy.TODAY
    if day == at.date() + dt.timedelta(days=1):
        return copy.TOMORROW
    if (day - at.date()).days >= 7:  # "Sat" said on a Saturday would read as today
        return day_month(day)
    return short_day(day.weekday())


def gap_when(when: str, at: dt.datetime) -> str:
    """A gap line's time in the words results use: "now", "today", "tomorrow" (a day asked
    that is tomorrow, as "Next open tomorrow" says it), or the day's name ("Sunday")."""
    try:
        day = dt.date.fromisoformat(when)
    except ValueError:
        return full_day(when)  # "", "now", "today", or a day's name kept before
    if day == at.date():
        return "today"
    if day == at.date() + dt.timedelta(days=1):
        return "tomorrow"
    return full_day(FULL_DAYS[day.weekday()])


def _all_day(opening) -> bool:
    """Open round the clock: a session from midnight to 23:59 (how "24 hours" is kept)."""
    return bool(opening.closes_at and opening.closes_at.strftime("%H:%M") == "23:59"
                and opening.next_open and opening.next_open.strftime("%H:%M") == "00:00")


def _line_hours_words(line_hours: str) -> str:
    """What a line with no weekly hours says of itself ("24h", "out-of-hours"); "" if nothing."""
    return {"24h": copy.OPEN_24_HOURS, "out-of-hours": copy.OUT_OF_HOURS_LINE}.get(
        line_hours, "")


def when_text(result: SearchResult, at: dt.datetime) -> str:
    """Open now (till when), when it next opens, or the day without times; "" if unknown."""
    opening = result.opening
    if opening.open_now:
        if _all_day(opening) or not opening.closes_at:
            return copy.OPEN_24_HOURS
        words = copy.open_till(clock_time(opening.closes_at))
        return copy.bank_holiday(words, opening.holiday) if opening.holiday else words
    if opening.next_open is None and opening.next_day is not None:
        words = copy.untimed_day(_day_label(opening.next_day, at), bool(result.phone))
    elif opening.next_open is None:
        return _line_hours_words(result.line_hours)
    else:
        words = copy.next_open(_day_label(opening.next_open.date(), at),
                               clock_time(opening.next_open))
    return copy.bank_holiday(words, opening.holiday) if opening.holiday else words


def _cost(kind: str) -> str:
    """The words for a cost kind with its own ("Free", "Pay as you feel"); "" for others."""
    return copy.FREE if kind == "free" else copy.PAY_AS_YOU_FEEL if kind == "pay-as-you-feel" \
        else ""


#: A fee's own words are shown when they are this short ("£3.50 a shop").
SHORT_COST = 30


def expect_text(result: SearchResult) -> str:
    """What is known at the door: the cost and whether a referral is needed; "" if nothing."""
    parts = []
    if _cost(result.cost_kind):
        parts.append(_cost(result.cost_kind))
    elif result.cost_kind == "fee":
        short = result.cost_text and len(result.cost_text) <= SHORT_COST
        parts.append(result.cost_text if short else copy.FEE)
    if result.referral_required is True:
        parts.append(copy.REFERRAL)
    elif result.referral_required is False:
        parts.append(copy.NO_REFERRAL)
    text = gettext(", ").join(parts)
    return text[:1].upper() + text[1:]


def where_text(result: SearchResult) -> str:
    if result.area_name:
        return copy.in_area(result.area_name)
    if result.distance_km is None:
        return copy.NATIONAL if result.area_kind == "national" else copy.CITY_WIDE
    km = result.distance_km
    if km < 0.1:
        return copy.VERY_CLOSE
    return copy.km(decimal(km, 1) if km < 10 else decimal(km, 0))


def web_text(url: str) -> str:
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def contact_text(result: SearchResult) -> str:
    """The phone number, if any: a results line stays short ("Reply 1" gives the website)."""
    return format_phone(result.phone) if result.phone else ""


def _aged(text: str, checked: dt.date | None, at: dt.datetime) -> str:
    age = age_text(checked, at)
    return f"{text} ({age})" if age else text


def result_text(card: ResultCard, at: dt.datetime, name: str = "") -> str:
    """One result on about one line: name (``name``, the reply's own for it, else its short
    name), what is known, when, where, phone."""
    result = card.result
    name = name or short_name(result)
    if card.for_whom:
        name = f"{name} ({copy.for_community(community_words(card.for_whom))})"
    parts = [f"{card.number}) {name}", expect_text(result), when_text(result, at),
             where_text(result), contact_text(result)]
    parts = [p[:1].upper() + p[1:] for p in parts]
    return _aged(sentences(p for p in parts if p), result.last_checked, at)


def sentences(parts: Iterable[str]) -> str:
    """Parts joined with ". ", but no second full stop after one that ends with its own (a
    name cut short with "...")."""
    text = ""
    for part in parts:
        if text:
            text += " " if text.endswith((".", "!", "?")) else ". "
        text += part
    return text


def card_text(card: Card, at: dt.datetime, name: str = "") -> str:
    """The words for one card of a results page (``name``: a result's name in this reply)."""
    match card:
        case ResultCard():
            return result_text(card, at, name)
        case OutsideLeeds(place_label=label):
            return copy.outside_leeds(label)
        case SectionTitle(need=need):
            return f"{copy.need_words(need).capitalize()}:"
        case NoneLocal(need=need, place_label=label):
            return copy.no_local(need, label)
        case KindGap(kind=kind, place_label=label, when=when, then=then, where=where):
            return copy.kind_gap(kind_words(kind), label, gap_when(when, at), then,
                                 where if where in ("", "in") else decimal(float(where), 0))
        case TalkNow(contact_line=line):
            return copy.talk_now(line)
        case SupplierCredit():
            return copy.SUPPLIER_CREDIT
        case NationalFinder(need=need):
            return copy.NATIONAL_FINDERS[need]
        case CashFirst(result=result):
            contact = contact_text(result) or web_text(result.website).split("/")[0]
            return _aged(copy.cash_first(short_name(result), contact), card.checked, at)
        case AnchorCard(anchor=found):
            contact = format_phone(found.phone) if found.phone else found.website
            return _aged(copy.anchor(found.name, contact), card.checked, at)
    raise TypeError(f"not a card: {card!r}")


def numbers_text(numbers: list[int]) -> str:
    """1, 2 or 3 / 4 or 5 / 6 (``join_numbers(..., "and")``: 1 and 3)."""
    return join_numbers(numbers, "or")


def join_numbers(numbers: list[int], joiner: str) -> str:
    words = [str(n) for n in numbers]
    if len(words) <= 1:
        return "".join(words)
    first, last = ", ".join(words[:-1]), words[-1]
    return gettext("{first} or {last}", first=first, last=last) if joiner == "or" \
        else gettext("{first} and {last}", first=first, last=last)


def times_note(unknown: list[int], results: int, can_call: bool = True) -> str:
    """Said once a page: which results publish no times ("call first" only when each of them
    has a number to call)."""
    if not unknown:
        return ""
    if len(unknown) == results:
        return copy.TIMES_NOT_PUBLISHED if can_call else copy.TIMES_NOT_PUBLISHED_NO_PHONE
    return copy.times_not_published_for(join_numbers(unknown, "and"), can_call)


# --- Details -------------------------------------------------------------------------------


def _not_published(can_call: bool) -> str:
    return copy.HOURS_NOT_PUBLISHED if can_call else copy.HOURS_NOT_PUBLISHED_NO_PHONE


def _session_days(hours: tuple[WeeklySession, ...], can_call: bool) -> list[str]:
    by_day: dict[int, list[str]] = {}
    for session in hours:
        if session.opens_at is None or session.closes_at is None:
            span = _not_published(can_call)
        elif runs_all_day(session):
            span = copy.OPEN_24_HOURS.lower()
        else:
            span = f"{clock_time(session.opens_at)}-{clock_time(session.closes_at)}"
        by_day.setdefault(session.weekday, []).append(span)
    if current_language() == ENGLISH:
        return [f"{short_day(day)} {', '.join(spans)}" for day, spans in sorted(by_day.items())]
    return _day_runs(by_day)


def _day_runs(by_day: dict[int, list[str]]) -> list[str]:
    """Days in a row with the same hours as one run ("pon.-pt. 9:00-16:00"): SMS in a
    language written in its own letters holds 201 characters in 3 segments, not 459."""
    runs: list[tuple[int, int, list[str]]] = []
    for day, spans in sorted(by_day.items()):
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == spans:
            runs[-1] = (runs[-1][0], day, spans)
        else:
            runs.append((day, day, spans))
    return [f"{short_day(first)}{'-' + short_day(last) if last != first else ''} "
            f"{', '.join(spans)}" for first, last, spans in runs]


def _every_day_all_day(hours: tuple[WeeklySession, ...]) -> bool:
    return {s.weekday for s in hours if runs_all_day(s)} == set(range(7))


def hours_text(hours: tuple[WeeklySession, ...], can_call: bool = True,
               line_hours: str = "") -> str:
    """The weekly hours ("Mon 10am-12pm, 1pm-3pm; Thu 10am-12pm"), seasons noted; "Open 24
    hours" once rather than for each day; for a line with no weekly hours, what it says of
    itself (``line_hours``: "24h" or "out-of-hours") rather than "not published"."""
    if not hours:
        said = _line_hours_words(line_hours)
        return said.lower() if said else _not_published(can_call)
    if _every_day_all_day(hours) and not any(s.valid_from or s.valid_to for s in hours):
        return copy.OPEN_24_HOURS.lower()
    text = "; ".join(_session_days(hours, can_call))
    first = min((s.valid_from for s in hours if s.valid_from), default=None)
    last = max((s.valid_to for s in hours if s.valid_to), default=None)
    if first and last:
        text += " " + copy.seasonal(day_month(first), day_month(last, with_year=True))
    return text


def detail_text(number: int, detail: ServiceDetail, at: dt.datetime, others: list[int]) -> str:
    """Everything about one result: address, hours, cost and referral, contacts, age."""
    result = detail.result
    lines = [f"{number}) {full_name(result)}"]
    where = ", ".join(p for p in (detail.place_name if detail.place_name not in detail.address
                                  else "", detail.address, detail.postcode) if p)
    lines.append(copy.labelled(copy.ADDRESS, where) if where else copy.NO_FIXED_PLACE)
    can_call = bool(result.phone)
    lines.append(copy.labelled(copy.HOURS, hours_text(detail.hours, can_call,
                                                      result.line_hours or "")))
    expect = expect_text(result)
    if result.cost_kind == "fee" and result.cost_text and result.cost_text not in expect:
        expect = f"{expect}: {result.cost_text}" if expect else result.cost_text
    if expect:
        lines.append(f"{expect}.")
    if result.referral_required and result.referral_how:
        lines.append(copy.labelled(copy.REFERRAL_HOW, result.referral_how))
    if result.phone:
        lines.append(copy.labelled(copy.PHONE, format_phone(result.phone)))
    if result.website:
        lines.append(copy.labelled(copy.WEB, web_text(result.website)))
    if result.notes:
        lines.append(result.notes)  # "Winter only", "Bring ID": the record's note for residents
    age = age_text(result.last_checked, at)
    lines.append(copy.details_dated(age, can_call) if age
                 else copy.details_checked(month_year(result.last_checked), can_call))
    lines.append(copy.after_details(numbers_text(others)))
    return "\n".join(lines)
