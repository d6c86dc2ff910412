"""The answer to a need and place: searched once, kept in the conversation as ids
(``bot.records.kept``), and shown page by page (MORE) or result by result ("Reply 2") without
searching again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from bot.engine import Context
from bot.records import store
from bot.records.kept import Kept, KeptAnchor, KeptMoney, KeptNote, KeptPage, KeptResult
from bot.understanding.kinds import kinds_for_need
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
from bot.wording.crisis import talk_line
from bot.wording.pages import RESULTS_PER_PAGE, pack, page_text, result_names
from bot.wording.render import card_text
from directory.details import result_again
from directory.fitting import NEAR_KM, Answer, Ask, answer, fit_of, reach_of
from directory.items import ITEMS_NEED
from directory.places import ResolvedPlace
from directory.search import SearchResult, find_anchor
from directory.timing import open_in_time
from handlers.slots import known_place

#: Results kept for one need: more than anyone reads by SMS, few enough to keep. With several
#: needs, each keeps a page's worth, so every need is reached in a page or two.
KEPT_PER_NEED = 12
KEPT_PER_NEED_OF_SEVERAL = 3

#: The money line beside food answers is one of these (cash first): money advice, not a
#: service that happens to be tagged "money".
MONEY_ADVICE = ("benefits-advice", "debt-advice")


def _money_option(ctx: Context, place: ResolvedPlace) -> SearchResult | None:
    """One money advice option to sit beside food answers: a service made for benefits or debt
    advice (or a place near that gives it), one you can phone if possible, Leeds's own before
    national ones, and the shortest line of those (it shares the first page's SMS budget)."""
    ask = Ask("money", MONEY_ADVICE)
    found = answer(ctx.session, ask, place, ctx.at).results
    options = [r for r in found if fit_of(r, ask) == 2 or (
        r.distance_km is not None and r.distance_km <= NEAR_KM)]
    options = [r for r in options if r.phone or r.website]
    options.sort(key=lambda r: (not r.phone, r.area_kind == "national",
                                len(card_text(CashFirst(r), ctx.at))))
    return options[0] if options else None


def _ask(ctx: Context, need: str) -> Ask:
    """What the resident asked for this need: its kinds, how soon, which day."""
    day = dt.date.fromisoformat(ctx.state.day) if ctx.state.day else None
    return Ask(need, kinds_for_need(ctx.state.kinds, need), ctx.state.urgent, day,
               tuple(ctx.state.communities),
               tuple(ctx.state.items) if need == ITEMS_NEED else ())


def _community(result: SearchResult, communities: list[str]) -> str:
    return next((c for c in communities if c in result.for_whom), "")


def _answers(ctx: Context, needs: list[str],
             place: ResolvedPlace) -> list[tuple[str, Ask, Answer]]:
    """Each need's ask and answer, in the order named; a need whose kinds were all asked under
    an earlier one is not searched again (baby items are family and essentials)."""
    found: list[tuple[str, Ask, Answer]] = []
    asked: set[str] = set()
    for need in needs:
        ask = _ask(ctx, need)
        if found and ask.kinds and set(ask.kinds) <= asked:
            continue
        asked.update(ask.kinds)
        found.append((need, ask, answer(ctx.session, ask, place, ctx.at)))
    return found


def search_cards(ctx: Context, count: bool) -> list[Card]:
    """Answer every remembered need near the place; ``count`` tallies the asks and the gaps."""
    place = known_place(ctx)
    needs = [ctx.state.need, *ctx.state.other_needs]
    answers = _answers(ctx, needs, place)
    seen: set[str] = set()
    sections, open_then = [], []
    for i, (need, ask, found) in enumerate(answers):
        if count and ctx.counted:
            ctx.later(partial(store.count_need, now=ctx.now, need=need,
                              ward_code=place.ward_code, found=not found.gap))
        keep = KEPT_PER_NEED if len(answers) == 1 else KEPT_PER_NEED_OF_SEVERAL
        results = [r for r in found.results if r.service_id not in seen][:keep]
        seen.update(r.service_id for r in results)
        sections.append(_section(ctx, need, ask, found, results, place, needs, seen))
        # A need read with no finer kind is too loose to lead; one whose first result is open
        # when asked (one that fits, a little farther away, or food of another kind) may.
        open_then.append(found.leads_open(results) and (bool(ask.kinds) or i == 0))
    lead = _lead([ask for _, ask, _ in answers], open_then, ctx.state.urgent)
    if len(sections) > 1 and lead:
        sections = _heads_first(sections, lead)
    cards: list[Card] = [OutsideLeeds(place.label)] if not place.in_leeds else []
    for section in sections:  # each starts with its heading; one need needs none
        cards += section if len(answers) > 1 else section[1:]
    number = 0
    for i, card in enumerate(cards):
        if isinstance(card, ResultCard):
            number += 1
            cards[i] = replace(card, number=number)
    return cards


#: The kind that leads an urgent answer asking for it beside another need: somewhere to sleep
#: tonight (with the line answering now) matters more than a meal, and a first SMS holds about
#: one need's results.
SHELTER_KIND = "housing-tonight"


def _lead(asks: list[Ask], open_then: list[bool], urgent: bool) -> int:
    """Which need's first result leads a page of several needs (0: the order named stands):
    an urgent ask for somewhere to sleep tonight; else, when the first need has nothing open
    when asked, the first other need that has."""
    shelter = next((i for i, ask in enumerate(asks) if SHELTER_KIND in ask.kinds), None)
    if urgent and shelter is not None:
        return shelter  # first already, it keeps the lead even with nothing open
    if open_then[0] or not any(open_then[1:]):
        return 0
    return open_then.index(True)


def _section(ctx: Context, need: str, ask: Ask, found: Answer, results: list[SearchResult],
             place: ResolvedPlace, needs: list[str], seen: set[str]) -> list[Card]:
    """One need's cards: the gap line, its results (numbered later), and the lines beside."""
    section: list[Card] = []
    if found.say_gap:
        where = _where(found, results, place)
        when = ask.day.isoformat() if ask.day and found.not_open not in ("", "now", "today") \
            else found.not_open  # the date, said "tomorrow" when it is, as results say it
        section.append(KindGap(ask.kinds[0] if ask.kinds else need, place.label, when,
                               _then(found, results, place, ctx.at, where), where))
    section += [ResultCard(0, r, _community(r, ctx.state.communities)) for r in results]
    if need == "mental-health":
        section.insert(1 if found.say_gap else 0, TalkNow(talk_line()))
    if "energy-bills" in ask.kinds and found.not_open == "now":
        # Nothing for energy bills is open: the supplier can still add temporary credit.
        section.insert(0, SupplierCredit())
    if not place.in_leeds and need in copy.NATIONAL_FINDERS:
        section.insert(0, NationalFinder(need))
    if need == "food" and "money" not in needs:
        money = _money_option(ctx, place)
        if money is not None and money.service_id not in seen:
            # After the first page's results: one short line, never before the nearest.
            section.insert(min(3 + found.say_gap, len(section)), CashFirst(money))
    if found.gap and found.anchor is not None and \
            not any(isinstance(c, ResultCard) for c in section):
        section.append(AnchorCard(found.anchor))
    return [SectionTitle(need), *section] if section else []


def _farther(result: SearchResult, found: Answer, place: ResolvedPlace) -> bool:
    """A place that fits the ask, farther than near (so a gap line said "near" would not
    hold with it listed under it)."""
    return result.distance_km is not None and found.fits(result) and \
        result.distance_km > reach_of(place).near_km


def _where(found: Answer, results: list[SearchResult], place: ResolvedPlace) -> str:
    """Where the gap line says nothing fits (``KindGap.where``): "in" Leeds as a whole; with
    no time asked, nothing that fits near and the first page listing places that fit farther
    away, the distance that counts as near ("3"); else "" (near the place)."""
    if found.gap and not found.not_open and \
            any(_farther(r, found, place) for r in results[:RESULTS_PER_PAGE]):
        return f"{reach_of(place).near_km:g}"
    return "in" if place.is_city else ""


def _then(found: Answer, results: list[SearchResult], place: ResolvedPlace, at: dt.datetime,
          where: str) -> str:
    """What follows a gap line (``KindGap.then``): with no time asked, "nearest" when the
    line says a distance and the first result is a place; for a time, "farther" when the
    first result fits, is open now and is farther than near, "open" when it is open now all
    the same ("open-first" for either when not every result on the first page is),
    "untimed" when none of the first page's results publishes its times, else ""."""
    if not results:
        return ""
    if not found.not_open:
        return "nearest" if where not in ("", "in") and results[0].distance_km is not None \
            else ""
    first = results[:RESULTS_PER_PAGE]
    if found.not_open == "now" and open_in_time(results[0], at):
        if not all(open_in_time(r, at) for r in first):
            return "open-first"
        return "farther" if _farther(results[0], found, place) else "open"
    if all(r.opening.open_now is None and r.opening.next_open is None
           and r.opening.next_day is None and not r.line_hours for r in first):
        return "untimed"
    return ""


def _heads_first(sections: list[list[Card]], lead: int) -> list[list[Card]]:
    """Each need's heading and first result, the ``lead`` need's leading, then the first
    need's (with its gap line), then the others'; then each need's other results under its
    heading again. So the first page holds what leads and the nearest for the first need. A
    section with no second result stays whole (its money line is not lost)."""
    heads, tails = [], []
    for section in sections:
        first = next((i for i, c in enumerate(section) if isinstance(c, ResultCard)),
                     len(section) - 1)
        tail = section[first + 1:]
        if any(isinstance(c, ResultCard) for c in tail):
            heads.append(section[:first + 1])
            tails.append([section[0], *tail])
        else:
            heads.append(section)
            tails.append([])
    order = [lead, *(i for i in range(len(sections)) if i != lead)]
    return [heads[i] for i in order] + [tails[i] for i in order if tails[i]]


def kept(card: Card, ward_code: str | None, need: str) -> Kept:
    """The card as ids, to keep in the conversation (``need``: the search that found it)."""
    match card:
        case ResultCard(number=number, result=r, for_whom=community):
            distance = None if r.distance_km is None else round(r.distance_km, 3)
            return KeptResult(number, r.service_id, r.location_id, distance, need, community)
        case OutsideLeeds(place_label=label):
            return KeptNote("outside", (label,))
        case SectionTitle(need=title_need):
            return KeptNote("title", (title_need,))
        case NoneLocal(need=none_need, place_label=label):
            return KeptNote("none_local", (none_need, label))
        case KindGap(kind=kind, place_label=label, when=when, then=then, where=where):
            return KeptNote("gap", (kind, label, when, then, where))
        case TalkNow():
            return KeptNote("talk")
        case SupplierCredit():
            return KeptNote("supplier")
        case NationalFinder(need=finder_need):
            return KeptNote("finder", (finder_need,))
        case CashFirst(result=r):
            return KeptMoney(r.service_id, r.location_id)
        case AnchorCard():
            return KeptAnchor(ward_code)
    raise TypeError(f"not a card: {card!r}")


NOTES = {"outside": OutsideLeeds, "title": SectionTitle, "none_local": NoneLocal,
         "gap": KindGap, "finder": NationalFinder}


def card_again(ctx: Context, item: Kept) -> Card | None:
    """The kept card with fresh details; None if its service has left the directory."""
    match item:
        case KeptResult():
            result = result_again(ctx.session, item.need, item.service_id, item.location_id,
                                  item.distance_km, ctx.at)
            return ResultCard(item.number, result, item.for_whom) if result else None
        case KeptMoney():
            result = result_again(ctx.session, "money", item.service_id, item.location_id,
                                  None, ctx.at)
            return CashFirst(result) if result else None
        case KeptAnchor():
            anchor = find_anchor(ctx.session, item.ward_code)
            return AnchorCard(anchor) if anchor else None
        case KeptNote(kind="talk"):
            return TalkNow(talk_line())
        case KeptNote(kind="supplier"):
            return SupplierCredit()
        case KeptNote():
            return NOTES[item.kind](*item.words)
    raise TypeError(f"not a kept card: {item!r}")


def header(ctx: Context) -> str:
    """The first line, neutral on a lock screen, saying the place understood."""
    place = known_place(ctx)
    return copy.ACROSS_LEEDS if place.is_city else copy.near(place.label)


def after(ctx: Context) -> str:
    """For Leeds as a whole, the last line: a postcode or area brings places nearer."""
    return copy.NEARER_PLACES if known_place(ctx).is_city else ""


def new_answer(ctx: Context) -> list[Card] | None:
    """Search, keep the answer as ids, and give the first page's cards (None: nothing found)."""
    cards = search_cards(ctx, count=True)
    pages = pack(cards, ctx.at, header(ctx), after(ctx))
    place = known_place(ctx)
    needs, need = [], ctx.state.need
    for card in cards:  # which search found each card: the section it sits in
        if isinstance(card, SectionTitle):
            need = card.need
        needs.append(need)
    ctx.state.answer = [kept(card, place.ward_code, need) for card, need in zip(cards, needs,
                                                                              strict=True)]
    index = {id(card): i for i, card in enumerate(cards)}
    ctx.state.pages = [KeptPage(tuple(index[id(card)] for card in page)) for page in pages]
    ctx.state.page = 0
    return pages[0] if pages else None


def page_cards(ctx: Context, page: int) -> list[Card]:
    """A kept page's cards with fresh details (any that left the directory are skipped)."""
    cards = (card_again(ctx, ctx.state.answer[i]) for i in ctx.state.pages[page].positions)
    return [card for card in cards if card is not None]


def show_page(ctx: Context, cards: list[Card], choices: tuple[str, ...]) -> None:
    """Say one page, with a button for each result's details where the channel has them."""
    more = ctx.state.page < len(ctx.state.pages) - 1
    names = result_names(cards)
    results = [c for c in cards if isinstance(c, ResultCard)]
    # The button names the place as its SMS line does (the same name, in the same order).
    buttons = tuple((f"{c.number}) {names[id(c)]}", str(c.number)) for c in results)
    ctx.say(page_text(cards, ctx.at, header(ctx), more, after=after(ctx)), choices,
            buttons=buttons, emphasis=tuple(names[id(c)] for c in results))


def shown_name(ctx: Context, number: int) -> str | None:
    """The name result ``number`` has on the page the resident is looking at, if it is there."""
    if not ctx.state.pages:
        return None
    cards = page_cards(ctx, min(ctx.state.page, len(ctx.state.pages) - 1))
    names = result_names(cards)
    return next((names[id(c)] for c in cards
                 if isinstance(c, ResultCard) and c.number == number), None)


def kept_result(ctx: Context, number: int) -> KeptResult | None:
    """The kept result with this number, if the answer has one."""
    return next((item for item in ctx.state.answer
                 if isinstance(item, KeptResult) and item.number == number), None)


def page_results(ctx: Context) -> list[KeptResult]:
    """The kept results on the page the resident is looking at (kept, not searched)."""
    if not ctx.state.pages:
        return []
    page = ctx.state.pages[min(ctx.state.page, len(ctx.state.pages) - 1)]
    return [item for i in page.positions
            if isinstance(item := ctx.state.answer[i], KeptResult)]
