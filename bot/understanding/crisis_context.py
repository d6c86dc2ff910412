"""Does a crisis word speak of danger NOW? Past events, grief, figures of speech, jokes, denials.

The crisis rules (``safety.py``) match words; this reads the words around them. ("Figures" here
also covers talk about a thing rather than a person: a course, a leaflet, a ceiling.) A rule that
matched in a message about the past ("I was abused as a child"), a death ("my brother died by
suicide last year"), a figure of speech ("the gas bill nearly gave me a heart attack"), a joke
("lol I'll kill myself if they cancel it 😂") or a denial ("no one hurt, just the car") no
longer raises the full reply on its own: the classifier must agree, and otherwise the message
gets the check-in line. A sign of the present
("again", "tonight", "right now", "he is hitting me") always wins, so a present crisis
told with a past in it ("he was in prison, now he's back and hitting me") keeps the full reply.
All patterns run on the crisis rules' canonical text (lower case, apostrophes gone, "can't" as
"cannot", "I'm" as "i am").
"""

from __future__ import annotations

import re

from bot.understanding.prefilter import Prefiltered

__all__ = ["DOUBTS", "MARKERS", "doubts", "not_present", "present_now", "routine_health"]

_PAST = (
    r"\b(?:years?|months?|weeks?|decades?) ago\b",
    # "last winter", "in 2019", "in year 9"; "no coat in winter" is every winter, this one too
    r"\blast (?:year|summer|winter|spring|autumn|christmas|19\d\d|20[012]\d)\b"
    r"|\bin (?:year|19\d\d|20[012]\d)\b",
    # "last week", "last month", "in the summer", "in the 90s" ("last night" may still be now);
    # beside a death they date the death, and grief never quietens a warning sign
    r"^(?!.*\b(?:died|passed away|passed on|funeral|death|lost (?:my|our|her|his))\b).*"
    r"(?:(?<!since )\blast (?:week|month|fortnight|weekend|term)\b|\bin the (?:summer|winter"
    r"|spring|autumn|(?:19)?[5-9]0s|noughties)\b(?! (?:holidays?|hols|break|term))"
    r"|\ba (?:while|long time|few (?:years|months)) ago\b)",
    # a sentence served or a charge faced is about what was done: "in prison for stabbing someone"
    r"\b(?:(?:in|out of) (?:prison|jail)|locked up|jailed|sentenced|convicted|arrested"
    r"|done time|doing time|on remand) for\b|\bcharged with\b",
    # scars are healed wounds: "self harm scars", "old scars"
    r"\b(?:self harm|sh|old|faded|my old) scars\b|\bscars from\b",
    r"\bwhen i (?:was|were) (?:a |little|young|younger|small|a kid|a child|a teen|\d+)",
    r"\b(?:as|when) a (?:kid|child|teenager|teen|girl|boy)\b",
    r"\b(?:growing up|in the past|back then|used to|years back|a while back|long time ago)\b",
    # a life before this one: "abused at home before she came to us", "before we fostered him"
    r"\bbefore (?:she|he|they|i|we) (?:came|come|moved|was placed|were placed|got placed"
    r"|was adopted|were adopted|came into care|went into care|fostered|adopted)\b",
    r"\b(?:survivor|survived|got away|escaped|left him|left her|left them) ",
    r"\b(?:ex|former) (?:partner|husband|wife|boyfriend|girlfriend)\b.*\b(?:years|used to)\b",
    r"\b(?:recovering|recovery|recovered) from\b",
    r"\b(?:history of|have a history|past of)\b",
    r"\b(?:clean|free|stopped|sober)(?: (?:from|of) \w+(?: \w+)?)? (?:for|since) (?:\w+ )?"
    r"(?:years?|months?|weeks?|days?)\b|\b\w+ (?:days?|weeks?|months?|years?) (?:clean|sober|free"
    r"|self harm free)\b",
    r"\b(?:she is|he is|i am|they are|we are|shes|hes) (?:fine|ok|okay|better|good|doing (?:well"
    r"|better|ok|okay|fine)|safe|well) now\b",
    r"\bsince (?:his|her|my|their|the) (?:stroke|accident|operation|op|injury|fall|diagnosis"
    r"|heart attack|seizure)\b",
    r"\bover the (?:years|months)\b",
)
_BEREAVEMENT = (
    r"\b(?:died|passed away|passed on|lost (?:my|our|her|his) \w+|took (?:his|her|their) own"
    r" life|killed (?:himself|herself|themselves)|(?<!my )(?<!my own )funeral|bereave\w*"
    r"|grief|grieving|inquest|memorial|anniversary of)\b",
)
#: Figures of speech that no time word turns into danger: "gonna end it with him tonight", "a
#: goodbye card for tonight", "dying for a brew right now". A sign of the present outweighs the
#: other figures ("not suicidal right now" may not hold), never these.
_FIGURE_FIRM = (
    r"\b(?:nearly|almost|practically|about to) (?:gave|give|had|have) (?:me |us )?(?:a )?heart"
    r" attack\b",
    r"\bgave me (?:a )?heart attack\b|\bgive me (?:a )?heart attack\b",
    r"\b(?:dying|die) (?:for|of) (?:a |an )?(?:brew|cuppa|tea|coffee|pint|fag|wee|laugh"
    r"|embarrassment|shame|boredom|hunger)\b",
    r"\bend (?:it|things) with (?:him|her|my (?:boyfriend|girlfriend|partner|fella|bf|gf"
    r"|husband|wife))\b",
    r"\b(?:goodbye|leaving|retirement) (?:card|do|party|drinks|collection|speech)\b",
    r"\b(?:murder|kill) (?:a|for a) (?:brew|pint|takeaway|curry|chippy)\b",
    r"\bdead (?:tired|boring|funny|good|easy|cheap)\b",
)
_FIGURE = _FIGURE_FIRM + (
    r"\b(?:killing|kill) me\b(?=.*\b(?:feet|back|legs|head|prices|bills|rent|kids|noise|heat"
    r"|cold|wait|queue|boredom)\b)",
    r"\b(?:could|would|will) kill (?:for|him|her|them) (?:if|for)\b",
    r"\b(?:mum|mam|mother|nan|gran|cat|dog|boss|teacher|missus)s? (?:will|would|is going to"
    r"|going to|gonna) (?:kill|murder) me\b",
    r"\b(?:sister|brother|sis|bro|mate|mates|wife|missus|fella)s? (?:is )?(?:going to|will|gonna)"
    r" (?:kill|murder) me (?:because|cos|for|when (?:she|he|they) (?:sees|finds|hears))\b",
    r"\b(?:hungover|hangover|cringe|cringing|so embarrassed|mortified|so full)\b",
    # "hanging" as hungover ("I'm hanging"), not "hanging round the park" or "a wire hanging off"
    r"\b(?:i am|im|so|well|proper|absolutely|dead|bit|right) hanging\b(?! (?:on|onto|off|out"
    r"|from|around|round|about|over|up|by|in|down|loose|myself|himself|herself))",
    # information asked for others: "info on forced marriage I can give out at our centre"
    r"\b(?:info|information|leaflets?|resources?|materials?|guidance|advice) (?:on|about|for)\b"
    r"(?=.*\b(?:give out|hand out|to share|share with|put up|display|our (?:\w+ )?(?:community"
    r"|centre|center|group|school|church|mosque|temple|gurdwara|staff|members|clients|residents"
    r"|tenants|pupils|students|volunteers|service)|for (?:our|my) (?:\w+ )?(?:staff|members"
    r"|clients|residents|tenants|pupils|students|volunteers|group|team|class))\b)",
    # a scheme asked about: "is there a free alarm scheme I can tell my gran about"
    r"\b(?:is there|are there|is there any|any) (?:\w+ ){0,3}schemes?\b",
    r"\b(?:fake|pretend|plastic|toy) (?:blood|knife|gun|gore)\b|\b(?:halloween|fancy dress"
    r"|costume|zombie|face paint)\b",
    # said not to be: "I'm not suicidal or anything", "he's not threatening me"
    r"\b(?:i am|im|he is|she is|they are|it is) not (?:\w+ )?(?:suicidal|in (?:any )?danger"
    r"|threatening|violent|hurting|hitting)\b|\bnot in (?:any )?danger\b",
    r"\b(?:no|nothing|never any) (?:violence|violent|threatening|threats|physical)\b"
    r"|\b(?:nobody|no one|noone) (?:has been|is|was|got) hurt\b",
    # a rumour or a hoax: "someone said there's a gunman but the police say it's fake"
    r"\b(?:hoax|rumou?rs?|fake news|false alarm)\b|\b(?:it is|its|it was|was|turned out)"
    r" (?:fake|a hoax|a prank|not true)\b",
    # care at the end of life: "she wants to die peacefully at home, how do we arrange hospice"
    r"\b(?:terminal(?:ly ill)?|hospice|palliative|end of life|die peacefully|dying wish"
    r"|assisted dying|dignitas|do not resuscitate|dnr)\b",
    r"\b(?:care plan|safety plan in place|already (?:working with|under|seeing|known to)"
    r"|referral route|safeguarding (?:lead|policy|route|training|procedure))\b",
    r"\b(?:suicide|self harm|abuse|domestic abuse|knife crime) (?:prevention|awareness|charity"
    r"|talk|training|research|squad)\b|\b(?:film|movie|films|movies|box set|netflix|lyrics)\b",
    r"\b(?:i could|could) (?:strangle|kill|murder|throttle) (?:him|her|them|my \w+)\b",
    # a threat on a condition of everyday life: "I'll kill my brother if he eats my pizza again"
    r"\b(?:kill|murder|strangle|throttle) (?:him|her|them|you|(?:my|his|her|their) \w+) if"
    r" (?:he|she|they|you)"
    r" (?:\w+ ){0,2}(?:eats?|ate|eaten|drinks?|drank|borrows?|borrowed|nicks?|nicked|pinch\w*"
    r"|finish\w*|uses?|used|wears?|wore|breaks?|broke|loses?|lost|spoils?|spoilt|spoiled)"
    r" (?:my|our|the|all|another|that|his|her|them)\b",
    # never "if she leaves", "if he tells the police", "if he touches my kids": those are threats
    # a small child's tantrum: "says he wants to die when he doesn't get his own way"
    r"\btantrums?\b|\b(?:when|if) (?:he|she|they) (?:does not|do not|did not|cannot) get"
    r" (?:his|her|their) (?:own )?way\b",
    r"\bkill (?:my|me) (?:sister|brother|sis|bro|husband|wife|fella|missus|mate|kids|son"
    r"|daughter|landlord|boss)\b.*\b(?:borrowed|ate|eaten|broke|used|lost|nicked|pinched|forgot"
    r"|spilt|spilled|finished)\b",
    r"\b(?:have|having|had|throw|throwing|threw) (?:a )?(?:fit|heart attack) (?:about|over|at|when"
    r"|if)\b",
    r"\b(?:in|on) (?:the )?(?:film|book|show|programme|soap|telly|tv|game|news|episode)\b",
    r"\b(?:film|book|documentary|programme|show|video|article|podcast|play|song) (?:about|on)\b",
    r"\b(?:first aid|cpr) (?:course|training|class)\b",
    r"\b(?:ceiling|roof)\b(?=.*\b(?:leak\w*|fall\w*|fell|com\w* (?:down|in)|collaps\w*|cav\w*"
    r"|damp|mould\w*|drip\w*|crack\w*|repair\w*|landlord|council|fix\w*|hole|tiles?|water)\b)"
    r"|\b(?:damp|mould|mouldy|wiring|floorboards|lift is)\b",
    r"\bcannot go on (?:the|a|an|holiday|holidays|my|our|trip|it|them|there|online|rides?)\b",
    r"\bcharity (?:swim|walk|run|jump|skydive|abseil|dip)\b|\bsponsored (?:swim|walk|run)\b",
    r"\b(?:volunteer|volunteering|training|course|leaflets?|poster|posters|research|project"
    r"|essay|assignment|dissertation|awareness|presentation|homework|lesson|assembly|workshop)\b",
)
#: Danger said not to be there, of the whole message: "no one hurt", "there's nothing wrong",
#: "not in any state of emergency", "she's safe with us", "asking so I know". A denial of the
#: rule's own words ("no thoughts of hurting myself") is read in its clause (``crisis_denial``).
_DENIED = (
    r"\b(?:nobody|no one|noone|no body) (?:was |got |has been |is |were |else )?(?:hurt|injured"
    r"|harmed|in danger)\b|\bno (?:injuries|one injured)\b|\b(?:everyone|everybody) (?:is|was)"
    r" (?:safe|fine|ok|okay|alright|unhurt)\b(?! (?:except|but|apart))",
    # "there's nothing wrong", never "I've done nothing wrong" or "nothing wrong with me"
    r"\b(?:(?:there is|theres|there was) nothing|nothing (?:is|was)) (?:wrong|going on"
    r"|happening)\b(?! with)",
    r"\bnot (?:in )?(?:any |an )?(?:(?:state of )?emergency|urgent|immediate danger|crisis)\b",
    r"\b(?:she is|he is|they are|we are|i am|the kids are|everyone is|all) (?:now |all )?"
    r"(?:safe|fine|okay|ok) (?:with (?:us|me|them|her|him|my \w+)|here|now)\b",
    r"\b(?:asking|just asking) (?:so (?:i|we) know|for (?:the )?future|for reference)\b"
    r"|\bfor future reference\b",
)
_JOKE = (
    r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|only joking|just joking|joking|kidding"
    r"|banter|humou?r|memes?|having a laugh|taking the (?:piss|mick))\b",
    "[\U0001F602\U0001F923\U0001F606\U0001F605\U0001F61C\U0001F61D\U0001F92A\U0001F643]",
)
#: Everyday health, for a GP, a pharmacy or NHS 111 rather than an ambulance. These never quiet
#: a rule (a sign such as "lips going blue" alarms whatever else is said), but the classifier
#: alone then needs ROUTINE_SCORE (``safety.py``): it reads "can't breathe through my nose" close
#: to "can't breathe".
_ROUTINE = (
    r"\b(?:a cold|the flu|flu|hay ?fever|(?:blocked|runny|stuffy|bunged up) nose|through (?:my|his"
    r"|her) nose|sinus\w*|sore throat|toothache|tooth ache|headache|dentist|dental|gp|doctors"
    r" appointment|pharmacy|pharmacist|chemist|walk in centre|health visitor|opticians?"
    r"|sprain\w*)\b",
    r"\brepeat prescriptions?\b|\bprescriptions? (?:charges?|paper|form|ready|stuck|late"
    r"|delivered|ran out|run out)\b|\b(?:need|get|collect|order|lost) (?:a |my )?(?:new )?"
    r"prescription\b",
    r"\b(?:ran|run|running) out of (?:my|his|her) (?:\w+ ){0,2}(?:tablets|pills|meds|medication"
    r"|inhaler)\b|\bmeds? (?:delivered|delivery)\b|\b(?:doctor|gp) gave me\b",
)
#: Playing a present crisis down ("prob nothing but", "sorry to bother you", "I'll be fine",
#: "says it's nothing"): beside a sign, a "lol" here is nerves, not a joke, so it quietens nothing.
_MINIMISING = (
    r"\b(?:prob|probably|prolly|its|it is|maybe|likely) (?:just )?nothing\b",
    r"\b(?:says|said|thinks|insists) (?:it is|its|he is|she is) (?:nothing|fine|just)\b"
    r"(?! (?:humou?r|a joke|joking|banter|messing|a laugh|memes?)\b)",
    r"\bsorry (?:to|for) (?:bother|bothering|be a (?:pain|nuisance)|the bother|messaging)\b",
    r"\b(?:i will|ill|i am sure i will|i am sure i am) (?:be )?(?:fine|ok|okay|alright)\b",
    r"\bno (?:big )?(?:deal|biggie)\b|\bis (?:that|this|it) normal\b|\bnot being dramatic\b",
    r"\b(?:do not|dont) want to (?:make a fuss|be a nuisance|waste)\b",
    # "lol he only hit me a bit this time"
    r"\b(?:only|just) (?:hit|hurt|pushed|slapped|shoved|kicked|grabbed|strangled|choked|punched)"
    r" (?:me|us)\b|\bthis time\b",
)
#: Signs that the danger is happening now or about to: these keep the full reply.
_PRESENT = (
    r"\bnow (?:he|she|they|it|i am|i have|he is|she is|they are|hes|shes|im)\b(?! (?:is |are "
    r"|has |have |am )?(?:older"
    r"|an adult|a grown|grown|\d+|fine|ok|okay|better|safe|good|well|in my|settled|happy"
    r"|doing (?:a|an|well|better|fine|ok|okay|great|good|her|his|their|volunteer\w*|some)\b"
    r"|home\b|a (?:dad|mum|parent|grandad|grandma|nan|gran|mother|father)\b|married|divorced"
    r"|retired|at (?:uni|college|school|work)\b|training|volunteer\w*|studying|working"
    r"|recovered|recovering|clean|sober|in (?:a better|recovery|therapy|counselling|a good)\b"
    # a life rebuilt or a fear left behind: "now I'm on my own", "now I have my status",
    # "now I'm scared to go out" (the danger itself is past; the classifier decides)
    r"|on (?:my|our|his|her|their) own(?! with)|single|separated|free|(?:got )?(?:my|our|his"
    r"|her) (?:own )?(?:status|papers|visa|leave to remain|refugee status|citizenship|own place"
    r"|own flat|own home|tenancy)|(?:(?:too|so|really|very) )?(?:scared|afraid|frightened"
    r"|nervous|anxious|worried) (?:to|of) (?:go|going|leave|leaving|walk|walking|be|being|open"
    r"|answer)\b))",
    # "evicted in the summer and now my baby is ice cold": someone named, now
    r"\bnow (?:my|our|the|his|her) (?:\w+ ){1,2}(?:is|are|has|have|keeps|will not|cannot)\b"
    r"(?! (?:\w+ )?(?:older|old|an?|the|\d+|to|in|at|on|with|into|grown|fine|ok|okay|better|safe"
    r"|good|well|settled|happy|home|doing|married|divorced|retired|working|studying|training"
    r"|recovered|recovering|clean|sober|back|getting|going|learning|starting|started|asking"
    r"|wanting|looking|thinking|same|proud|grateful|fit|healthy|thriving|walking|talking|scared"
    r"|afraid|frightened|worried|nervous|anxious|upset|sad|angry)\b)",
    r"\b(?:right now|just now|tonight|this (?:morning|afternoon|evening|minute)|at the moment"
    r"|atm|currently|outside (?:my|the|our)|downstairs|upstairs|through the wall)\b"
    # a life since, told in the present: "abused years ago, currently on a waiting list for
    # counselling", "at the moment I'm studying" (the danger itself is past)
    r"(?! (?:i am |im |we are |he is |she is )?(?:on (?:a|the) (?:waiting list|list|course)"
    r"|waiting (?:for|on) (?:counselling|therapy|a referral|an appointment)|in (?:therapy"
    r"|counselling|recovery)|having (?:therapy|counselling)|seeing (?:a|my) (?:counsellor"
    r"|therapist)|studying|volunteering|training|working (?:at|as|in|for|part|full))\b)",
    # where it is happening, not who lives there: "the old lady next door is terrified of her
    # cooker since the gas scare last year" is a neighbour, "he is next door" a place
    r"(?<!lady )(?<!man )(?<!woman )(?<!fella )(?<!bloke )(?<!couple )(?<!family )(?<!people )"
    r"(?<!neighbour )(?<!neighbours )(?<!lad )(?<!kids )(?<!house )(?<!folk )(?<!gran )"
    r"(?<!nan )\bnext door\b",
    r"\bjust (?:thrown|threw|hit|punched|kicked|slapped|pushed|attacked|stabbed|cut|taken|took"
    r"|swallowed|did|done)\b",
    r"\b(?:he is|she is|they are|someone is|somebody is|i am|we are|hes|shes|theyre)"
    r" (?:(?!not |never |no )\w+ )?"
    r"(?:hitting|hurting|beating|threatening|following|watching|smashing|throwing|kicking"
    r"|coming|trying(?! to (?:find|get (?:help|support|advice|info\w*|in touch)|sort|help|apply"
    r"|look|understand|work out|contact|reach|book|join|learn|figure|organise|set up|raise"
    r"|support|access|claim|volunteer|move on|rebuild)\b)"
    # ("I'm trying to find a group" is an errand, not "he's trying to get in")
    r"|bleeding|cutting|choking|collapsing|fitting"
    # struggling to breathe is now; "struggling with PTSD" or "I'm struggling" after a death is
    # a life since, and does not outweigh the past or grief
    r"|struggling (?:to (?:breathe|stay awake|wake|get out|stay up|swim)|for (?:breath|air)"
    r"|in the water))\b",
    r"\b(?:about to|planning to|plan to) (?:kill|end|hurt|cut|jump|die|take|do it|join)\b",
    r"\b(?:cannot|will not) (?:breathe|wake|stop|feel|move|speak|talk|lift|cope)\b",
    r"\bjoin (?:him|her|them)\b",
    r"\b(?:he is|she is|they are|hes|shes|theyre) (?:still |now )?(?:looking|searching|hunting"
    r"|asking around) for (?:me|us|my (?:\w+ )?(?:kids|children|son|daughter|baby|new address))\b",
    # "I just got away from him but he has my baby": someone held from the writer now
    r"\b(?:he|she|they|he has|she has|they have) (?:still )?(?:has|have|got|has got|have got"
    r"|took|has taken|have taken|is keeping|are keeping) (?:my|our) (?:baby|babies|kids|children"
    r"|son|daughter|boy|girl|little \w+)\b(?! (?:for the|at the|this) weekend)",
    r"\b(?:not|no|i am not|im not) (?:joking|kidding|a joke|messing)\b|\bi mean it\b",
    r"\b(?:i am|we are|he is|she is|they are) (?!(?:(?!not |never |no )\w+ ){0,2}(?:an adult"
    r"|grown up|fine|ok|okay|safe|better|well|good|happy|settled|recovered|home|married"
    r"|divorced|retired|older"
    r"|a (?:dad|mum|parent)|(?:scared|afraid|nervous|anxious|worried|frightened) (?:to|of))\b)"
    r"(?:\w+ ){0,5}(?:right )?now\s*$",
    r"\b(?:wake up|waking up|be around|be here|be alive) (?:tomorrow|tonight|in the morning)\b",
    r"\b(?:better off|rather be|belong|go be|go and be) with (?:him|her|them|my \w+)(?: again"
    r"| now| up there| in heaven)?\b(?=.*\b(?:died|passed|dead|gone|heaven|lost|grave)\b)",
)

#: Signs that it goes on ("again", "keeps", "every night", "today"): these outweigh
#: a past or grief ("he was in prison, now he's hitting me again"), but not a joke or a figure of
#: speech ("Leeds lost again, I want to die 😂", "my boss will kill me if I'm late again").
_ONGOING = (
    r"\b(?:again|any more|anymore|keeps|every day|every night|constantly|this time)\b",
    # "today" is now, but not in "five years ago today", "2 years free today" or "grateful today".
    r"^(?!.*\b(?:ago|free|clean|sober|anniversary|grateful|proud|thankful)\b).*\btoday\b",
)

MARKERS: dict[str, tuple[Prefiltered, ...]] = {
    name: tuple(Prefiltered(re.compile(p)) for p in patterns)
    for name, patterns in (("past", _PAST), ("bereavement", _BEREAVEMENT), ("figure", _FIGURE),
                           ("joke", _JOKE), ("denied", _DENIED), ("routine", _ROUTINE),
                           ("present", _PRESENT), ("firm figure", _FIGURE_FIRM),
                           ("ongoing", _ONGOING), ("minimising", _MINIMISING))
}


def _has(name: str, canon: str) -> bool:
    return any(p.search(canon) for p in MARKERS[name])


#: The kinds of doubt, in the order they are reported.
DOUBTS: tuple[str, ...] = ("past", "bereavement", "figure", "joke", "denied")


def doubts(canon: str, raw: str = "") -> tuple[str, ...]:
    """Every reason the words give to think a rule's match is not present danger (in DOUBTS
    order); none when a sign of the present outweighs them (a firm figure of speech, "end it with
    him tonight", it never does). A sign that it goes on ("again", "today") outweighs a past or
    grief, not a joke or a figure of speech."""
    found = tuple(name for name in DOUBTS
                  if _has(name, canon) or (name == "joke" and raw and _has("joke", raw)))
    if "joke" in found and _has("minimising", canon):
        found = tuple(name for name in found if name != "joke")
    if not found:
        return ()
    if _has("present", canon):
        return ("figure",) if "figure" in found and _has("firm figure", canon) else ()
    if _has("ongoing", canon):
        return tuple(name for name in found if name in ("figure", "joke", "denied"))
    return found


def present_now(canon: str) -> bool:
    """True when a sign of the present ("tonight", "right now", "he is hitting me") is there."""
    return _has("present", canon)


def routine_health(canon: str) -> bool:
    """True when the message speaks of everyday health (a cold, a GP, a prescription). Signs of
    the present do not outweigh it ("can't breathe through my nose"): it only ever raises the
    classifier's bar, and the rules still see "lips going blue" whatever else is said."""
    return _has("routine", canon)


def not_present(canon: str, raw: str = "") -> str | None:
    """Why a rule's match is probably not present danger ("past", "bereavement", "figure",
    "joke", "denied"), or None when nothing says so, or when a sign of the present outweighs it."""
    found = doubts(canon, raw)
    return found[0] if found else None
