"""The crisis rules' words: typo-tolerant text, and the hand-written patterns of each kind.

``STRONG`` patterns name danger plainly ("kill myself", "he hits me"); ``safety.py`` lets them
raise the crisis reply alone unless the words around them say past, grief, a figure of speech
or a joke (``crisis_context.py``). ``WEAK`` patterns are topic words as often said about the
past, a service or a topic as about danger now: they alarm only when the classifier agrees.
The warning signs of suicide and the medical signs are data (``warning_signs.py``,
``medical.py``). Everything here runs on ``canonical`` text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from bot.understanding.normalise import normalise
from bot.understanding.signs import CRISIS_KINDS

__all__ = ["CRISIS_KINDS", "STRONG", "WEAK", "canonical"]

# --- typo tolerance for the few words that carry a crisis -------------------------------------

_CRISIS_WORDS: tuple[str, ...] = (
    "suicide", "suicidal", "myself", "overdose", "overdosed", "overdosing", "killing",
    "harming", "cutting", "hurting", "strangled", "abused", "abusive", "violence", "violent",
    "paracetamol", "unalive",
)
_SHORT_TYPOS: dict[str, str] = {
    "kil": "kill", "kll": "kill", "kils": "kills", "slef": "self", "sefl": "self",
    "myslef": "myself", "mysefl": "myself", "suside": "suicide", "2": "to", "sel": "self",
    "pils": "pills", "tuk": "took", "smel": "smell", "smeel": "smell", "smels": "smells",
}
#: Everyday words that sit close to a crisis word and must stay as typed.
_LEAVE_ALONE: frozenset[str] = frozenset({
    "abuse", "abuses", "abusing", "amused", "overdue", "overdone", "overdraft", "overdrawn",
    "cutlery", "putting", "hunting", "killin", "violet", "suited",
    # "strange smell" and "court hearing" are not "strangled" or "harming".
    "strange", "stranger", "strangers", "strangely", "hearing", "hearings", "harping",
    "hamming", "harding", "hurling", "cuttings", "strangle", "strangles",
})


@lru_cache(maxsize=8192)
def _canonical_token(tok: str) -> str:
    if tok in _SHORT_TYPOS:
        return _SHORT_TYPOS[tok]
    if re.fullmatch(r"d+i+e+", tok):
        return "die"
    if len(tok) < 5 or tok in _LEAVE_ALONE or tok in _CRISIS_WORDS:
        return tok
    for word in _CRISIS_WORDS:
        if word[0] == tok[0] and fuzz.ratio(tok, word) >= 85:
            return word
    return tok


def canonical(text: str) -> str:
    """The message as the crisis rules read it: normalised, with crisis words' typos mended."""
    return " ".join(_canonical_token(tok) for tok in normalise(text).split())


# --- patterns, on canonical text ---------------------------------------------------------------

_ME = r"(?:myself|my self)"
_OTHER = r"(?:himself|herself|themselves|themself)"
_PILLS = r"(?:pills|tablets|paracetamol|paracetamols|meds|medication|medicine|painkillers)"
_PERSON = (
    r"(?:he|she|they|someone|somebody|some one|him|her|partner|husband|wife|boyfriend|girlfriend"
    r"|bf|gf|ex|dad|father|stepdad|mum|mother|stepmum|brother|sister|uncle|son|daughter|carer"
    r"|man|men|people|landlord|neighbour|family|fella|missus)"
)
_HARM_VERB = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|slap\w*|strangl\w*|chok\w*"
    r"|rape\w*|raping|touch\w*|hurt|hurts|hurting|threw|throws|throwing|push\w*|shov\w*"
    r"|grab\w*|bit|bites|headbutt\w*|attack\w*|assault\w*|abus\w*|batter\w*|threaten\w*"
    r"|molest\w*|burn\w*|stab\w*)"
)

_QUANTITY = (
    r"(?:all|load|loads|lot|lots|handful|box|boxes|packet|packets|pack|packs|whole|too many"
    r"|bunch|bottle|rest|\d{2,})"
)

_FEAR = r"(?:scared|terrified|frightened|afraid|petrified)"
#: Words that only make fear stronger: "im proper scared", "so so scared".
_VERY = r"(?:(?:so|really|very|absolutely|proper|dead|well|right|that|too|just|bloody) )*"
#: The writer said to be afraid ("im", "we are", "me and the kids are").
_I_AM = r"(?:i am|im|we are|were|i feel|am|me and the kids are|me and my kids are|i was)"

STRONG: dict[str, tuple[str, ...]] = {
    "suicide": (
        r"\bsuicid\w*", r"\bkms\b", r"\bunalive\w*",
        # Fear of what one might do to oneself, or of the voices: present danger, whatever
        # else fear is said of (the plain "I'm scared" is a topic word, below).
        rf"\b{_FEAR} (?:of )?what i (?:might|could|am going to|may|would) do\b"
        r"(?! (?:with|about|without|for|if|when|next|now|after))",
        rf"\b{_FEAR} (?:of )?(?:the |my )?voices\b",
        r"\bvoices (?:are |keep )?(?:scaring|frightening|terrifying) me\b",
        r"\b(?:i|i have|i am|just|have|has|he|she|they|he has|she has|they have|i think i|he is"
        r"|she is|am|been) (?:just |already |now )?overdos(?:ed|ing)\b(?! on (?:netflix|caffeine"
        r"|coffee|sugar|chocolate|telly|tv|sweets|carbs|cake|christmas|sun|love))",
        r"\b(?:took|taken|take|taking|had|done|do|did|doing|try|tried|trying|planning|plan|want"
        r"|thinking about|thought about|thinking of|going to) (?:an? |another )?overdose\b"
        r"(?! (?:of|on) (?:caffeine|coffee|sugar|chocolate|netflix|telly|vitamins?)\b)",
        r"\b(?:going to|want to|wanna|gonna|about to|planning to|will|could|might) overdose\b",
        rf"\b(?:kill|kills|killing|end|ending|top|topping|hang|hanging|off|offing|shoot|drown"
        rf"|poison|gas)\s+{_ME}(?!\s+laugh)",
        rf"\b(?:kill|kills|killing|end|ending|hang|hanging)\s+{_OTHER}(?!\s+laugh)",
        r"\b(?:i am|i|me|just) (?:\w+ )?(?:going|about|planning|trying|gonna|meant) to die\b"
        r"(?!\s+(?:my|her|his|your|their|the)\s+hair)|\blet me die\b",
        r"\b(?:want|wanted|wants|wanting|wish|wishing|ready) to be dead\b"
        r"|\bi (?:just )?want death\b",
        r"\b(?:vanish|disappear) (?:and never come back|forever|for ever|for good|off the face of"
        r" the earth)\b",
        r"\b(?:want|wanted|wants|wanting|wish|wishing|ready|deserve) (?:to )?die\b"
        r"(?!\s+(?:my|her|his|your|their|the)\s+hair)",
        r"\bwish i (?:could |would |had )?(?:die|died|be dead|was dead|were dead|was gone"
        r"|were gone|was not here|was not alive|never been born|never woke up|not wake up)\b",
        r"\b(?:better off|be better) (?:dead|without me|if i (?:was|were) (?:gone|dead))",
        r"\b(?:end|ending|finish|finishing) (?:it all|my (?:own )?life|things|everything"
        r"|this life)\b",
        r"\b(?:take|taking|took) my (?:own )?life\b",
        r"\b(?:end|ending) it\b(?!\s+with)",
        r"\bno (?:point|reason|purpose) (?:in |of )?(?:living|life|to live|going on|carrying on"
        r"|being alive|being here|anymore|any more|to go on|to carry on|to be here)",
        r"\bwhat is (?:even )?the point (?:in |of )?(?:living|life|anything|anymore|any more"
        r"|going on|carrying on|being alive|me)\b",
        r"\bnot worth (?:living|it anymore|it any more|being alive)",
        r"\bcannot go on\b(?!\s+(?:the|a|an|holiday|holidays|my|our|your|his|her|their|that|to"
        r"|trip|it|them|there|here|online|at|in|this website|facebook|rides?)\b)",
        r"\bcannot (?:take|do|handle|cope|bear|stand|live)(?: with)?(?: it| this| life| living"
        r"| like this)?\s*(?:anymore|any more|any longer)\b",
        r"\bcannot (?:live|carry on|keep going) like this\b",
        r"\b(?:do not|never) want to (?:be here|be alive|exist|wake up|carry on|go on|live\b"
        r"(?!\s+(?:in|here|there|with|near|on|at|like that|round|around)\b))",
        r"\bnever wake up\b",
        r"\b(?:took|taken|take|taking|swallowed|swallow|had|done|did|do) (?:an )?od\b",
        rf"\b(?:took|taken|take|taking|swallowed|swallow|necked|downed|had)\b(?:\s+\w+){{0,3}}?"
        rf"\s+{_QUANTITY}\b(?:\s+\w+){{0,3}}?\s+{_PILLS}\b",
        rf"\btoo many {_PILLS}\b",
        r"\b(?:jump|jumping) (?:off|from|in front|under|out of)\b",
        r"\bgoing to jump\b(?!\s+(?:on|in|into|at|up|the|ahead|through|queue))",
        r"\bthrow (?:myself|my self)\b",
        r"\b(?:jump|step|walk|run|lie|lay) (?:out )?in front of (?:a|the) (?:train|bus|car|lorry)",
        r"\b(?:goodbye|suicide) (?:letter|letters|note|notes)\b",
        r"\bhave a rope\b|\bnoose\b",
        r"\bwant (?:it all|it|everything|this|all this|the pain|life) to (?:end|stop|be over)\b",
        rf"\b(?:got|have|saved|saving|stockpil\w*|hoard\w*)\b(?:\s+\w+){{0,3}}?\s+{_PILLS}"
        r"(?: \w+)? (?:ready|saved|up)\b|\bstockpil\w*",
        r"\b(?:no one|nobody|noone|no body) (?:would|will|is going to|gonna) (?:miss|care|notice)"
        r"\b",
        r"\bif i (?:was|were|am) (?:gone|dead|not here|not around)\b|\bwhen i am gone\b",
        r"\b(?:on|off|at|to) (?:the|a) (?:bridge|roof|ledge|edge|railway|railway line|tracks"
        r"|cliff|multi storey)\b(?=.*\b(?:jump|standing|stood|stand|sat|sitting|going|end|die"
        r"|goodbye)\b)|\b(?:standing|stood|sat|sitting) on (?:the|a) (?:bridge|roof|ledge"
        r"|edge|tracks|railway)\b",
        r"\b(?:given up|give up|giving up) on (?:life|living|everything)\b",
        r"\b(?:tired|sick|done|finished|worn out|exhausted) (?:of|with) (?:living|life|being alive"
        r"|it all)\b",
        r"\bcannot be bothered (?:living|with life|anymore|any more|being alive)\b",
        r"\bmight as well (?:be dead|die|not be here|end it)\b",
        r"\b(?:sleep|disappear|go to sleep) (?:forever|for ever|and not wake up)\b",
        r"\blife is (?:\w+ )?(?:pointless|meaningless|not worth)\b|\bpointless (?:life|living)\b",
        r"\b(?:drive|driving|crash|crashing|steer|walk|walking|step|stepping) (?:my car )?"
        r"(?:into|in front of|off) (?:a |the )?(?:wall|tree|traffic|cliff|river|canal|bridge"
        r"|lorry)",
        r"\b(?:jump|jumping|jumped|throw myself) (?:off|from|into|in|under|in front of|out of) "
        r"(?:\w+ ){0,2}(?:river|canal|bridge|roof|building"
        r"|train|tracks|motorway|cliff|reservoir|multi storey|car park|window|balcony)\b",
        r"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing) (?:the|a|my) (?:whole"
        r"|entire|full) (?:packet|box|bottle|lot|strip|pack)\b",
        r"\b(?:do not|cannot|can not|never) see (?:the|any) point\b(?! (?:in|of) (?:applying"
        r"|ringing|calling|going|asking|trying to get))",
        r"\b(?:after|when|once|before) i am (?:gone|dead|not here)\b",
        r"\b(?:do not|not|never) want(?:ing)? to exist\b|\bwish i did not exist\b",
        r"\b(?:happier|better|easier) (?:off )?without me\b",
        r"^(?=.*\b(?:died|passed|dead|lost|funeral|grave)\b).*\b(?:want|going|ready|about)"
        r" to join (?:him|her|them|my \w+)\b",
        r"^(?=.*\b(?:died|passed|dead|lost|funeral|grave|heaven)\b).*\b(?:better off|rather be"
        r"|belong|go be|go and be) with (?:him|her|them|my \w+)\b",
    ),
    "self-harm": (
        r"\bself ?harm\w*", r"\bselfharm\w*",
        rf"\b(?:cuts|cutting|burn|burns|burning|burnt|hurt|hurts|hurting|harm|harms|harming"
        rf"|scratch\w*|punch\w*|hit|hitting|starve|starving|bruise\w*)\s+{_ME}",
        # "Too thick to cut myself" (toenails, hair) is doing it oneself, not a cut.
        rf"^(?!.*\b(?:too \w+|hard|difficult|unable|able|struggl\w*) to cut {_ME}).*\bcut\s+{_ME}",
        rf"\b(?:cutting|burning|harming|hurting|scratching|starving) {_OTHER}",
        r"\b(?:cut|cuts|cutting|slit|slitting|slash\w*) (?:my|his|her|their) "
        r"(?:wrists?|arms?|legs?|thighs?|skin|stomach)\b",
        r"\b(?:cut|cutting|self harmed|harmed) again\b",
        r"\burges? to (?:cut|self harm|hurt myself|harm)\b",
        r"\b(?:started|start|relapsed|relapse) (?:on )?(?:cutting|sh)\b",
        r"\b(?:covered in|fresh|new|my|hide my|hiding my) (?:cuts|scars|burns)\b",
        r"\b(?:cuts|scars|burns) on my (?:arms?|legs?|wrists?|thighs?|stomach|body)\b",
        r"\b(?:until|till|so|til) (?:i|it|they|its) (?:bleed|bleeds|bled|bleeding)\b"
        r"|\bmake myself bleed\b",
        r"\b(?:scratch\w*|pick\w*|bit\w*|burn\w*|cut\w*) (?:at )?my (?:arms?|legs?|wrists?|thighs?"
        r"|skin)\b(?= .*\b(?:bleed\w*|blood|raw|scars?|again|on purpose)\b)",
        r"\brazor blades?\b|\bblades? to cut\b",
    ),
    "danger": (
        # Fear of what someone will do to the writer, fear at home said as the whole message, or
        # fear said with nothing else: present danger; fear of an assessment or a bill is not.
        rf"\b{_FEAR} (?:of )?what (?:my |me |her |his |our )?(?!they\b){_PERSON} (?:will |might "
        r"|could |would |is going to |is gonna |may )?do\b(?! (?:with|about|at|for|in|on|if|when"
        r"|next))",
        rf"\b{_FEAR} (?:of )?what (?:hell|shell|hed|shed) do\b",
        rf"\b{_FEAR} (?:of )?what (?:they|people) (?:will |might |could |would |are going to "
        r"|are gonna |may )?do to (?:me|us|the kids|my)\b",
        rf"^(?:\w+ )?(?:{_I_AM} )?{_VERY}{_FEAR} in (?:my|me|our) own (?:home|house|flat)$",
        rf"^(?:\w+ )?{_I_AM} {_VERY}{_FEAR} (?:all the time |every day |constantly |now )?"
        r"(?:at home|in (?:my|me|our) (?:own )?(?:home|house|flat))(?: (?:with (?:him|her|them)"
        r"|x+|please help|help))?$",
        rf"^(?:please |help |honestly )?{_I_AM} {_VERY}{_FEAR}(?: (?:x+|mate|hun|please|help"
        r"|please help|help me))*$",
        r"\b(?:going to|will|would|wants to|want to|threaten\w* to|trying to|tried to|said he"
        r"|said she|said they|gonna|about to) (?:kill|hurt|stab|murder|shoot|batter|strangle) "
        r"(?:me|us|my \w+|the kids|the children)\b",
        r"\bhell kill me\b",
        r"\b(?:i am|we are|i|we|me|(?:kids|children|baby|son|daughter|family|kid|child) "
        r"(?:are|is)) (?:not|never) safe\b",
        r"\b(?:do not|never|not) feel(?:ing)? safe\b", r"^not safe\b",
        r"\bnot safe (?:at home|here|with (?:him|her|them|my)|in my (?:house|home|flat))\b",
        r"\bunsafe (?:at home|here|with)\b|\bfeel(?:ing)? unsafe\b",
        r"\b(?:scared|afraid|fear|frightened|terrified) for (?:my|our|his|her) "
        r"(?:life|lives|safety)",
        r"\bkick\w* (?:in|down) (?:the|my|our) door\b|\bkick\w* the door (?:in|down)\b",
        r"\b(?:has|got|with|holding|pulled|waving) (?:a|an) (?:knife|gun|machete|weapon|blade"
        r"|hammer)\b"
        # a hammer in DIY: "hit my thumb with a hammer"
        r"(?<!thumb with a hammer)(?<!finger with a hammer)(?<!fingers with a hammer)"
        r"(?<!nail with a hammer)(?<!hand with a hammer)",
        r"\block\w* me (?:in|out)\b|\bwill not let me (?:leave|out|go)\b",
        r"\b(?:scared|afraid|frightened|terrified|too scared) (?:to|of) (?:go|going|get|getting)"
        r" (?:back )?home\b",
        r"\b(?:broke|broken|breaking|break) into (?:my|our|the) (?:house|home|flat|room)\b",
        r"\b(?:someone|somebody|some one|a man|a woman|an intruder|intruder|stranger|strangers"
        r"|people) (?:is |are )?(?:in|inside) (?:my|the|our) (?:house|flat|home|room|bedroom)\b",
        rf"\b{_PERSON}\b(?:\s+\w+){{0,5}}\s+(?:will not|refuses to|refusing to) "
        r"(?:leave|go away|get out)\b(?! (?:the|his|her|their|my) (?:house|flat|home|room|bed)\b)",
    ),
    "abuse": (
        rf"\b{_PERSON}\b(?:\s+\w+){{0,5}}\s+{_HARM_VERB}\s+(?:me|us)\b"
        r"(?!(?<=hit me) (?:up|back)\b)(?!(?<=kick me) out\b)(?!(?<=kick us) out\b)"
        r"(?!(?<=kicked me) out\b)(?!(?<=kicked us) out\b)(?!(?<=kicking me) out\b)"
        r"(?!(?<=kicking us) out\b)"
        r"(?! with (?:a |an |the )?(?:ccj|court|eviction|bailiffs?|legal action|solicitors?"
        r"|debt collectors?|section 21|notice|police)\b)"
        r"(?! with (?:a |the |another )?(?:\w+ )?(?:bill|fine|charge|letter|invoice|fee)s?\b)",
        r"\b(?:hands|hand|arm) (?:round|around|on|over) my (?:neck|throat|mouth)\b",
        r"\b(?:grabbed|grabs|squeezed|squeezes) (?:me by )?(?:my|the) (?:neck|throat|hair)\b",
        r"\b(?:force\w*|make|makes|made|making|pressur\w*) me (?:to )?(?:have sex|sleep with"
        r"|do sexual|do things)\b",
        # "he's not hurt, just miserable": a denial is no word between
        r"\b(?:being|been|was|am|getting|get|got|is|are) (?:(?!not |never |no )\w+ )?(?:abused"
        r"|beaten|raped"
        r"|assaulted|attacked|battered|strangled|choked|molested|groped|trafficked|hit|hurt)\b",
        r"\bcontrolling (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex|man|fella)",
        # "he's never violent", "she is not abusive": said not to be
        r"\b(?:partner|husband|wife|boyfriend|girlfriend|he|she|ex) is (?!(?:not|never|no longer"
        r"|hardly|hardly ever|rarely) )(?:\w+ )?(?:controlling"
        r"|violent|abusive)\b",
        r"\bviolent (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex|dad|mum)\b",
        r"\bwill not let me (?:see|leave|go|out|have|talk|speak)\b(?! (?:the|my|our) (?:kids"
        r"|children|son|daughter|baby|little \w+)\b)",
        r"\b(?:scared|afraid|frightened|terrified) of (?:my )?(?:partner|husband|wife|boyfriend"
        r"|girlfriend|ex|dad|stepdad|step dad|him|her)\b",
        r"\bforced (?:marriage|to marry)\b|\bfgm\b|\bhonour (?:based|violence)\b",
        r"\b(?:hits|hit|hitting|beats|beat|beating|hurts|hurting|punches|punched|kicks|kicked"
        r"|strangles|strangled|chokes|choked|attacks|attacked|batters|battered) (?:my|our) (?:mum"
        r"|mam|mother|dad|sister|brother|nan|gran|kids|children|son|daughter|baby|little \w+)\b",
        r"\b(?:take|taking|took|keep|keeping) (?:the|my|our) (?:kids|children|baby|son|daughter)"
        r" (?:if|away|off me|from me)\b",
        r"\b(?:took|taken|takes|keeps|kept|has|have got) my (?:passport|documents|papers|id)\b",
    ),
}

#: Words as often said about the past, a service or a topic as about danger now ("is there a
#: DV group", "we rang 999 last week"): they alarm only when the classifier agrees.
WEAK: dict[str, tuple[str, ...]] = {
    "suicide": (
        r"\b(?:i am|im|feel like|feel|being) (?:a |such a |just a )?burden\b",
        r"\bsorry for everything\b", r"\bdo (?:something|summat) (?:stupid|silly|daft)\b",
        r"\b(?:dark|intrusive|suicidal) thoughts\b",
        r"\b(?:hate|hating|despise) myself\b|\bwant to disappear\b",
        r"\b(?:no hope left|lost all hope|given up all hope|no hope anymore)\b",
        r"\bno way out\b|\bno way forward\b|\bno future for me\b",
        r"\b(?:cannot|can not|do not) see (?:a|any) way (?:forward|out)\b",
        r"\b(?:manage|cope|be fine|be ok|be okay|be alright|get on) (?:fine |better |ok )?without"
        r" me\b",
        r"\boverdos\w*", r"\bto die\b(?!\s+(?:my|her|his|your|their|the)\s+hair)",
        r"\b(?:make|making) it (?:all )?stop\b|\bend (?:the|my) (?:pain|suffering)\b",
        r"\b(?:this is|saying|say) (?:my )?goodbye\b(?! to (?:my |the |our |your )?(?:savings"
        r"|money|cash|deposit|holiday|car|job|weekend|social life|sleep|bonus|dinner|christmas"
        r"|summer|old|flat|house)\b)",
    ),
    "self-harm": (),
    "danger": (
        r"\b(?:following|stalking|watching) me\b",
        r"\b(?:call|ring|phone|get|phoned|called|rang) (?:the )?(?:police|999)\b|\b999\b",
        r"\b(?:break|breaking) in(?:to)?\b|\btrying to (?:break|get|kick) (?:in|into|the door)\b",
        r"\bin danger\b(?!\s+of)",
        # Fear said of oneself: as often of an assessment, the heating bill or going out as of
        # someone at the door.
        r"\b(?:i am|we are|i feel|am) (?:so |really |very |absolutely )?(?:scared|terrified"
        r"|frightened)\b(?! (?:of|about|that|to open|to ring|to call) (?:the |my |a )?(?:bill"
        r"|bills|debt|debts|money|bailiff|bailiffs|letter|letters|post|assessment|interview"
        r"|appointment|council|jobcentre|future|dentist|doctor))",
    ),
    "abuse": (
        r"\bdomestic (?:abuse|violence)\b", r"\bdv\b", r"\babus(?:ive|er|ers)\b",
        r"\b(?:child|sexual|emotional|financial|physical|verbal|economic) abuse\b",
        r"\bsexual(?:ly)? (?:abused|assault\w*)\b", r"\brap(?:e|ed|ist)\b",
        r"\b(?<!dog )(?<!dogs )groom(?:ed|ing)\b",
    ),
}
