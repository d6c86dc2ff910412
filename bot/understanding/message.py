"""What a message says: needs, a place, a keyword, a menu number, and whether it is a crisis."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.understanding.in_language import read_in_language
from bot.understanding.keywords import before_person_ask, detect_keyword
from bot.understanding.kinds import kinds_for_need, read_kinds
from bot.understanding.language import ENGLISH, LanguageGuess, detect_language, neutral
from bot.understanding.needs import (
    detect_needs,
    lexicon_needs,
    need_probabilities,
    need_scores,
    needs_in_crisis,
)
from bot.understanding.normalise import normalise
from bot.understanding.safety import assess_crisis, rules_only
from bot.understanding.unknown_place import place_words
from directory.broad_areas import broad_area_in, parts_of
from directory.communities import communities_in
from directory.items import items_named
from directory.needs import KINDS_BY_SLUG
from directory.places import ResolvedPlace

PlaceResolver = Callable[[str], ResolvedPlace]
#: The cue weight that names a need plainly ("skint", "food bank"): a second need needs this
#: or a kind of help named, so a passing word does not fill the page with another need.
PLAIN_WEIGHT = 3
#: The classifier's probability at which its main need stays first against a kind named in
#: passing, even when no cue word names that need (``needs_with_kinds``).
CLASSIFIER_SURE = 0.75

#: The need a crisis of this kind is about: in a crisis it leads when the needs classifier
#: reads it too (``needs_in_crisis``).
_CRISIS_NEEDS = {"abuse": "domestic-abuse", "danger": "domestic-abuse"}

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True)
class Understanding:
    needs: tuple[str, ...] = ()
    place: ResolvedPlace | None = None
    crisis: bool = False
    crisis_kind: str | None = None
    keyword: str | None = None
    menu_number: int | None = None
    #: The classifier's probability that this is a crisis (the rules may alarm on their own).
    crisis_score: float = 0.0
    #: Not clear enough for the crisis reply, but worth a short "are you safe?" line.
    check_in: bool = False
    #: The classifier's probability for each need being the main one, for volunteers to see why.
    need_scores: tuple[tuple[str, float], ...] = ()
    #: Communities of interest the message says the person belongs to ("for my mum who is 80").
    communities: tuple[str, ...] = ()
    #: The finer kinds of help the message names (directory/needs.py KINDS), first named first.
    kinds: tuple[str, ...] = ()
    #: Things asked for within clothes and essentials (directory/items.py): furniture, toys...
    items: tuple[str, ...] = ()
    #: Words that look like a place the bot does not know ("Scholes Park"), when no place was
    #: found; "" otherwise.
    unknown_place: str = ""
    #: When that is a part of the city by compass ("south Leeds"): a few areas in it, to ask
    #: which one (directory/broad_areas.py).
    place_parts: tuple[str, ...] = ()
    #: The language the message is in, and whether that is sure (bot/understanding/language.py).
    language: LanguageGuess = ENGLISH

    @property
    def need(self) -> str | None:
        return self.needs[0] if self.needs else None

    @property
    def answer_needs(self) -> tuple[str, ...]:
        """The needs in the order an answer shows them: the need of the first kind of help
        named leads when the main need has none of the kinds named. The main need says what
        the message is about ("young carers group" is family); a kind names the help to show
        first (a carers' service), whether or not it is the story around the ask."""
        return needs_with_kinds(self.needs, self.kinds)

    def to_dict(self) -> dict:
        return {
            "need": self.need,
            "needs": list(self.needs),
            "location": self.place.to_dict() if self.place else None,
            "crisis": self.crisis,
            "crisis_kind": self.crisis_kind,
            "crisis_score": self.crisis_score,
            "check_in": self.check_in,
            "need_scores": dict(self.need_scores),
            "communities": list(self.communities),
            "kinds": list(self.kinds),
            "items": list(self.items),
            "keyword": self.keyword,
            "language": self.language.to_dict(),
        }


#: "I live in Chapeltown", "im in LS9", "based near Armley": a message that only says where the
#: resident is. The crisis model reads "live" and "I'm" warily, so such a message would get a
#: check-in; when the rest of it is exactly the place we found, it is not a worry to check on.
_WHERE_I_AM = re.compile(
    r"^\s*(?:(?:hi|hello|hiya|hey)[\s,!.]+)?(?:i\s+live|i\s+stay|i\s+am|i'?m|im|living|"
    r"staying|based|we\s+live|we\s+are|we'?re)\s+(?:in|at|near|around|round|on|by)?\s*"
    r"(?P<place>[^,.!?]+?)(?:\s+area)?\s*[.!]*\s*$", re.IGNORECASE)


def _only_says_where(text: str, place: ResolvedPlace | None,
                     place_resolver: PlaceResolver | None) -> bool:
    """True when the whole message is "I live in <the place we found>"."""
    match = _WHERE_I_AM.match(text)
    if match is None or place is None or place_resolver is None:
        return False
    if len(match.group("place").split()) > 3:  # "armley with nothing left" is more than a place
        return False
    said = match.group("place").strip().lower()
    alone = place_resolver(said)
    # The words must be the place itself (a typo allowed), not a place and more ("armley alone").
    return (alone.found and alone.label == place.label
            and fuzz.ratio(said, place.label.lower()) >= 80)


#: Replies to the bot's own questions ("Was this useful?", "Where are you?"): never a worry.
_ANSWERS: frozenset[str] = frozenset({
    "yes", "no", "yeah", "yep", "yes please", "no thanks", "no thank you", "nope", "nah", "ok",
    "okay", "k", "thanks", "thank you", "thanks a lot", "cheers", "ta", "sure", "fine", "maybe",
    "not really", "i do not know", "no idea", "not sure", "hi", "hello", "hiya", "hey", "morning",
    "yes thanks", "no ta", "great", "good", "brill", "lovely", "done", "sorted", "got it",
    # not following the question: "sorry?", "what?", "you what?"
    "sorry", "what", "pardon", "eh", "huh", "you what", "come again", "what do you mean",
    "i do not understand", "do not understand", "i do not get it",
})
#: A yes or a no to "Was this useful?" in a few more words ("no it did not help", "yes very
#: useful thanks"): only these words, so "not ok" or "no one cares" is not an answer.
_ANSWER_WORDS = re.compile(
    r"^(?:(?:yes|yeah|yea|yep|yup|aye|ye|ok|okay|sure|no|nope|nah|not really|not much|not at all"
    r"|not yet|not sure|not helpful|not useful|not very|kind of|kinda|sort of|a bit|a little"
    r"|a lot|very|very much|so much|really|thanks|thank you|cheers|ta|please|mate|love|hun|x+"
    r"|great|good|fine|brill|brilliant|lovely|sound|perfect|spot on|ace|grand|cool|nice|super"
    r"|excellent|helpful|useful|helped|it|that|was|is|did|did not|does not|help|all good|i do"
    r"|i do not know|dunno|no idea|maybe|done|sorted|got it|for now|anyway|bye|all|it is ok"
    r"|what i needed|i needed|sounds|will do|alright|all right|right|champion|magic"
    r"|smashing)\s*)+$")
#: A menu pick in words: "option 3 please", "number 2", "3 pls".
_MENU_PICK = re.compile(
    r"^(?:(?:option|number|choice|no|num) )?(\d{1,2})(?: (?:please|pls|plz|ta|thanks))?$")


def menu_pick(text: str) -> int | None:
    """The number a reply picks: "2", "3.", or in words, "option 3 please", "number 2"."""
    bare = _NUMBER.match(text)
    if bare:
        return int(bare.group(1))
    worded = _MENU_PICK.match(normalise(text))
    return int(worded.group(1)) if worded else None


#: "this is a practice message", "test", "testing 123", "is this working", "how does this
#: work?": trying the bot out.
_TRYING_OUT = re.compile(
    r"^(?:hi |hello |hiya )?(?:(?:this is |it is |its )?(?:just |only )?(?:a |an )?(?:test"
    r"|testing|practice|trial|dummy|pretend)(?: (?:message|text|msg|run|only|please|of this"
    r"|\d+|testing))*|is this (?:working|thing on|on|real)|does this (?:work|thing work)"
    r"|can you (?:see|read|hear) (?:this|me)|checking (?:this|it) works"
    # asking whether the last message arrived: "just checking you got my last message"
    r"|(?:just )?(?:checking|wondering) (?:if |whether |that )?you (?:got|received|have got"
    r"|can see) my (?:last |previous |other )?(?:message|text|msg)"
    r"|did you (?:get|receive) my (?:last |previous |other )?(?:message|text|msg)"
    r"|are you (?:still )?there"
    # asking how the bot works: "how does this work?", "hows it work, do i just tell u what i need"
    r"|(?:so )?(?:how (?:does|do) (?:it|this|this thing|you|u) work|how is (?:it|this) work"
    r"|hows (?:it|this) work|how do i use (?:it|this|you|u))(?: then| please| pls)?"
    r"(?: do i (?:just )?(?:tell|text|send|type|say to) (?:u|you|it)? ?(?:what i need|where i am"
    r"|my postcode|what i want))?)$")


def _is_answer(norm: str) -> bool:
    """True for a bare yes, no, thanks, a greeting or a number, a short answer to "Was this
    useful?", or a message trying the bot out (``norm``: the message normalised): a reply, not
    a worry. A menu pick in words is read by ``menu_pick``."""
    return (norm in _ANSWERS or norm.replace(" ", "").isdigit()
            or (len(norm.split()) <= 8 and _ANSWER_WORDS.match(norm) is not None)
            or _TRYING_OUT.match(norm) is not None)


def _alone_a_place(text: str, place: ResolvedPlace | None) -> bool:
    """True when the message is nothing but the place we found ("Armley", "ls9", "in seacroft")."""
    if place is None or not place.label:
        return False
    words = [w for w in normalise(text).split() if w not in {"in", "at", "near", "around", "the"}]
    return 0 < len(words) <= 3 and fuzz.ratio(" ".join(words), place.label.lower()) >= 80


def understand(text: str, place_resolver: PlaceResolver | None = None,
               language_hint: str | None = None) -> Understanding:
    """Read one message. The crisis rules always run; a menu number, a keyword or a bare reply
    skips the classifier (a reply to us is not a worry), and a place alone gets no check-in
    line. A message in another language is read with its own cues; ``language_hint``
    (Telegram's language_code, or the conversation's language) settles what a message alone
    cannot."""
    text = text or ""
    language = detect_language(text, language_hint)
    if language.code != "en":
        return _understand_in(text, language, place_resolver)
    number = menu_pick(text)
    keyword = detect_keyword(text)
    if keyword == "person" and _feeling_told(text):
        keyword = None  # "feel proper down, just want a chat with someone": a listening ear
    # A reply to us (a bare yes, a menu pick, "this is a practice message") is not a worry: the
    # rules still see present danger in it, but the classifier does not read it.
    norm = normalise(text)
    answer = number is not None or keyword is not None or _is_answer(norm)
    safety = rules_only(text) if answer else assess_crisis(text)
    needs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    scores: dict[str, float] = {}
    place = None
    unknown = ""
    alone = False  # the message is nothing but the place found
    if number is None and keyword is None and _TRYING_OUT.match(norm) is None:
        # In a crisis message only needs named in plain words count: a guess is not enough.
        needs = tuple(needs_in_crisis(text, _CRISIS_NEEDS.get(safety.kind or ""))
                      if safety.alarm else detect_needs(text))
        kinds = read_kinds(text)
        scores = need_probabilities(text) if text.strip() else {}
        said = need_scores(text)
        needs = needs_with_kinds(needs, kinds, (lexicon_needs(text), scores))
        if len(needs) > 1:  # another need is kept only when the words say it plainly
            needs = (needs[0], *(n for n in needs[1:] if kinds_for_need(kinds, n)
                                 or said.get(n, (0, 0))[0] >= PLAIN_WEIGHT))
        needs = _what_before_why(text, needs, kinds)
        if place_resolver is not None and text.strip():
            found = place_resolver(text)
            place = found if found.found else None
            unknown = "" if place is not None else broad_area_in(text) or place_words(text)
            alone = _alone_a_place(text, place)
            if alone:  # a place alone names no need the words do not
                needs = tuple(lexicon_needs(text))
    return Understanding(
        needs=needs,
        place=place,
        crisis=safety.alarm,
        crisis_kind=safety.kind,
        keyword=keyword,
        menu_number=number,
        crisis_score=safety.score,
        # A menu number or a keyword is an answer to us, not a worry to check on.
        check_in=(safety.check_in and not answer and not alone
                  and not _only_says_where(text, place, place_resolver)),
        need_scores=tuple(sorted(((k, round(v, 3)) for k, v in scores.items()),
                                 key=lambda kv: -kv[1])),
        communities=communities_in(text) if keyword is None and number is None else (),
        kinds=kinds,
        items=items_named(text) if needs else (),
        unknown_place=unknown,
        place_parts=parts_of(unknown),
        # A place's name alone ("New Pudsey") says nothing of the language, English words or not.
        language=(neutral(language_hint, "a place alone") if not language.sure
                  and alone else language),
    )


# --- another language: the hook into in_language.py ------------------------------------------

def _understand_in(text: str, language: LanguageGuess,
                   place_resolver: PlaceResolver | None) -> Understanding:
    """A message in another language: needs, kinds, crises and its own STOP and HELP from its
    word lists; English keywords and crisis rules still count, and places are read as ever.
    The English classifiers are not asked: they were trained on English only."""
    number = _NUMBER.match(text)
    keyword = detect_keyword(text, language.code)
    english = rules_only(text)
    reading = read_in_language(text, language.code)
    reply = number is not None or keyword is not None
    place = None
    if not reply and place_resolver is not None and text.strip():
        found = place_resolver(text)
        place = found if found.found else None
    return Understanding(
        needs=() if reply else needs_with_kinds(reading.needs, reading.kinds),
        place=place,
        crisis=reading.crisis_kind is not None or english.alarm,
        crisis_kind=reading.crisis_kind or english.kind,
        keyword=keyword,
        menu_number=int(number.group(1)) if number else None,
        communities=() if reply else communities_in(text),
        kinds=() if reply else reading.kinds,
        language=language,
    )


def _feeling_told(text: str) -> bool:
    """True when the words before an ask for a person say how one feels, so the ask is for
    someone to listen, not for our volunteer: low mood, anxiety or grief named plainly with
    mental health the main need ("feel proper down, just want a chat with someone"), or any
    such words beside a wish to talk now ("cant sleep, head all over the place, just need to
    talk to someone now"). "anxious about my rent, can someone call me" still asks for one."""
    told = before_person_ask(text)
    if not told.strip():
        return False
    if "talk-now" in read_kinds(text) and "mental-health" in lexicon_needs(told):
        return True
    return (need_scores(told).get("mental-health", (0, 0))[0] >= PLAIN_WEIGHT
            and detect_needs(text)[:1] == ["mental-health"])


def needs_with_kinds(needs: tuple[str, ...], kinds: tuple[str, ...],
                     backing: tuple[list[str], dict[str, float]] | None = None
                     ) -> tuple[str, ...]:
    """The needs, with the need of the first kind named put first when the main need has none
    of the kinds named ("toothache, no dentist" is health; "a hostel tonight" is housing), and
    the need of each other kind named after them: a kind is named plainly ("starving, sleeping
    out" asks for homelessness help too, not only a meal).

    ``backing`` is what the lexicon names and the classifier's probabilities: a main need they
    back (``_backed``) stays first. A kind cue is one phrase ("back to work", "on my own", "no
    money"), often the story around the ask: on the fourth and fifth blind rounds kinds
    overturned a right main need four times as often as they mended a wrong one ("need
    childcare so I can go back to work" is family, not a job search)."""
    if not kinds:
        return needs
    if not kinds_for_need(kinds, needs[0] if needs else None):
        first = KINDS_BY_SLUG[kinds[0]].need
        if not (needs and backing is not None and _backed(needs[0], first, backing)):
            needs = (first, *(n for n in needs if n != first))
    named = [KINDS_BY_SLUG[k].need for k in kinds]
    return (*needs, *dict.fromkeys(n for n in named if n not in needs))


def _backed(need: str, other: str, backing: tuple[list[str], dict[str, float]]) -> bool:
    """True when the classifier finds ``need`` at least as likely as ``other``, and the
    lexicon names it or the classifier alone is sure of it. Until the eleventh pass a weak cue
    word for ``other`` overruled a sure classifier; on the ninth and eleventh development sets
    that overturned a right main need 21 times and mended 4 ("he keeps threatening to post
    pictures of me online" is domestic abuse, not digital help)."""
    named, probabilities = backing
    mine, theirs = probabilities.get(need, 0.0), probabilities.get(other, 0.0)
    return mine >= theirs and (need in named or mine >= CLASSIFIER_SURE)


#: Words that say one has no money, not what help is wanted.
_SKINT = re.compile(r"\b(?:skint|broke|brassic|potless|penniless|hard up)\b")


def _what_before_why(text: str, needs: tuple[str, ...],
                     kinds: tuple[str, ...]) -> tuple[str, ...]:
    """Money read only from being skint or broke, with no kind of money help named, says why;
    another need named beside it says what is wanted, so it leads ("skint. food. ls4" asks
    for food; "money worries" still asks for money help)."""
    if len(needs) > 1 and needs[0] == "money" and not kinds_for_need(kinds, "money") \
            and _SKINT.search(normalise(text)):
        return (*needs[1:], "money")
    return needs
