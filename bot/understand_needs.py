"""Read what a resident needs from a free-text message: words, slang, typos, several at once.

The caller handles menu digits and places; this only names needs. A weighted lexicon of cue words
and phrases is matched token by token: exactly for short words; for words of 5+ letters also with
one slip of the thumb (a swap, a neighbouring key, a letter missed or doubled, measured with
rapidfuzz's edit distance); phrases in order with small gaps ("no gas on the meter"). A need counts
when its cues add up to at least 2; needs come back in the order the message first clearly names
them, so "skint and the electric is off" gives ["money", "energy"]. Nothing clear gives [], and
the caller shows the numbered menu.

A plain fuzz.ratio >= 85 was tried first and read hundreds of everyday words as cues ("starting"
as "starving", "heading" as "heating"); the slip rules plus _NO_FUZZ cut that to almost none on
a 60,000-word frequency list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from bot.normalise import normalise
from bot.textmodel import load_model

__all__ = ["detect_needs", "fused_main", "lexicon_needs", "need_probabilities",
           "need_scores"]

#: A need is named when its cues add up to this much.
THRESHOLD = 2
#: How many other words may sit between two words of a phrase.
MAX_GAP = 2
#: Below this length a word must match exactly; at or above it typos are tolerated.
FUZZY_MIN_LEN = 5

# Weights: 3 = decisive, 2 = enough on its own, 1 = only counts with another cue.
# Phrases are written as a resident types them; they pass through the same normaliser as the
# message ("can't" -> "cannot"). A trailing * matches any ending: "evict*" = evicted, eviction.
LEXICON: dict[str, dict[int, tuple[str, ...]]] = {
    "food": {
        3: (
            "grub", "scran", "nosh", "food bank*", "foodbank*", "food parcel*", "food voucher*",
            "food club*", "food pantry", "pantry", "pantries", "soup kitchen*", "nothing to eat",
            "no food", "not eaten", "not eating", "not had a meal", "hungry", "starving", "starvin",
            "hot meal*", "free meal*", "free food", "community fridge", "social supermarket",
            "free school meals", "feed the kids", "feed my kids", "feed my family",
            "feed the family", "feed my children", "feed us", "cupboard* empty", "fridge empty",
            "nothing in the cupboard*", "nothing in the fridge", "something to eat",
            "anything to eat", "no dinner", "no lunch", "no breakfast", "no meals",
            "got nothing in", "community cafe", "pay as you feel", "food",
        ),
        2: (
            "meal*", "groceries", "grocery", "breakfast", "dinners", "food shop*", "fruit and veg",
            "veg box*", "eaten", "tinned", "foods", "feed", "no tea", "to eat", "cupboard*",
        ),
        1: (
            "eat", "eating", "lunch", "dinner", "tea", "shopping", "tins", "pasta", "bread",
            "cereal", "toast", "noodles", "rice", "milk", "veg", "cafe", "halal", "kosher", "bare",
            "nothing left", "nothing in",
        ),
    },
    "money": {
        3: (
            "water bill*", "water rates", "yorkshire water", "final demand", "summons",
            "universal credit", "uc", "sanction*", "sanctoin*", "pip", "esa", "jsa", "dla",
            "pension credit", "child benefit", "council tax", "bailiff*", "enforcement agent*",
            "debt*", "ccj", "county court judgment", "payday loan*", "benefit*", "skint", "brassic",
            "potless", "no money", "stony broke", "overdrawn", "overdraft", "hardship",
            "local welfare", "crisis loan", "crisis payment", "budgeting loan",
            "mandatory reconsideration", "reconsideration", "attendance allowance",
            "carers allowance", "klarna", "clearpay", "buy now pay later", "credit card*",
            "credit union", "loan shark*", "doorstep lend*", "debt collector*", "cost of living",
            "money advice", "money buddies", "welfare rights", "stepchange", "step change",
            "tax credit*", "money", "am broke", "are broke", "so broke", "flat broke", "broke af",
            "proper broke", "dead broke", "totally broke", "completely broke", "broke till",
            "broke until", "bank charges", "cannot pay the bills", "cannot pay my bills",
            "universal", "benefits check", "owe",
        ),
        2: (
            "loan*", "arrears", "bills", "entitled", "grant*", "welfare", "allowance", "catalogue*",
            "lender*", "owing", "journal", "advance", "low income", "pension", "citizens advice",
            "tribunal", "cannot pay", "finances", "financial*", "cash", "payment*",
        ),
        1: (
            "cannot manage", "bill", "bank", "appeal", "claim*", "assessment", "broke", "cost*",
            "funeral", "income", "wages", "wage", "struggling", "payday", "not cover", "pay",
            "budget*", "pound*", "paid", "quid", "fiver", "tenner",
        ),
    },
    "housing": {
        3: (
            "b and b", "bed and breakfast", "roof over my head", "looking for a flat",
            "looking for a house", "looking for a council flat", "looking for a council house",
            "need a flat", "need a house", "find a flat", "find a house", "place to live",
            "place to stay", "landlord*", "landlady", "section 21", "section 8", "evict*",
            "homeless*", "sofa surf*", "sofa surfing", "sleeping rough", "sleep rough",
            "rough sleep*", "nowhere to sleep", "nowhere to stay", "nowhere to live",
            "nowhere to go", "somewhere to sleep", "somewhere to stay", "somewhere to live",
            "no fixed abode", "mould", "mold", "disrepair", "rent arrears", "behind on rent",
            "behind on the rent", "behind with rent", "behind with the rent", "pay the rent",
            "pay my rent", "put the rent up", "rent increase", "council housing", "council house",
            "social housing", "housing association", "leeds homes", "housing", "kicked out",
            "thrown out", "chucked out", "emergency accommodation", "temporary accommodation",
            "accommodation", "hostel*", "night shelter", "possession order", "overcrowd*",
            "lose my home", "lose our home", "losing my home", "losing our home", "lost my home",
            "living in my car", "sleeping in my car", "sleeping in a car", "sleeping in a tent",
            "living in a tent", "mates floor", "friends floor", "mates sofa", "friends sofa",
            "mates couch", "friends couch", "changed the locks", "wants me out", "want me out",
            "letting agent*", "bedroom tax", "mortgage*", "tenancy", "need to move", "pay rent",
            "rent is due", "rent money", "help with rent", "help with my rent", "rent help",
        ),
        2: (
            "damp", "repairs", "deposit", "tenant*", "possession", "shelter", "a room", "mice",
            "rats", "cockroach*", "bed bugs", "infest*", "locked out", "lodger", "tent", "streets",
            "moving out", "house move",
        ),
        1: (
            "council flat", "flat", "rent", "move", "hotel", "room", "out by", "home", "sleep",
            "waiting list", "for tonight", "leave my flat", "leave my house", "leave the flat",
            "leave the house",
        ),
    },
    "energy": {
        3: (
            "warm place*", "warm room", "warm bank*", "keep warm", "keep the house warm",
            "keep the flat warm", "gas", "electric*", "leccy", "lecky", "elec", "meter*", "prepay*",
            "pre payment", "emergency credit", "heating", "boiler*", "nithered", "warm space*",
            "warm hub*", "warm home discount", "energy bill*", "energy company", "energy supplier*",
            "gas bill*", "electric bill*", "electricity bill*", "heating bill*", "fuel bill*",
            "heat the house", "heat the flat", "fuel voucher*", "fuel bank", "fuel poverty",
            "fuel cost*", "hot water", "self disconnect*", "self disconnected", "top up the gas",
            "top up the meter", "edf", "eon", "e on", "octopus", "ovo", "scottish power",
            "so energy", "outfox", "utilita", "shell energy", "heater*", "radiator*", "power cut",
        ),
        2: (
            "energy", "fuel", "freezing", "top up", "disconnect*", "no power", "warm home*", "heat",
        ),
        1: ("cold", "warm", "power", "lights", "emergency", "cut off", "bulb"),
    },
    "mental-health": {
        3: (
            "dark thoughts", "intrusive thoughts", "mental health", "depress*", "anxious",
            "anxiety", "panic attack*", "feeling low", "feel low", "feeling down", "feel down",
            "feeling really low", "feeling really down", "feel so low", "really down", "low mood",
            "so down", "down in the dumps", "counsel*", "therap*", "bereave*", "grief", "griev*",
            "not coping", "cannot cope", "losing my mind", "breakdown", "ptsd", "ocd", "bipolar",
            "psychosis", "hearing voices", "leeds mind", "mind racing", "suicid*", "self harm*",
            "selfharm*", "eating disorder", "mentally", "struggling mentally", "not ok", "not okay",
            "feeling rubbish", "feel rubbish", "feel like crap", "feel like shit", "in a bad place",
            "hopeless", "everything is too much", "all too much", "it is too much",
            "bad time mentally",
        ),
        2: (
            "numb", "nerves", "on edge", "mental", "panic", "crying", "stress*", "sad", "losing it",
            "overwhelmed", "cannot sleep", "insomnia", "wellbeing", "passed away", "worthless",
            "tearful", "drowning", "feeling low", "low", "head is all over the place",
        ),
        1: (
            "worry*", "worried", "scared", "upset", "died", "passed", "struggling", "cry", "mind",
            "sleep", "someone to talk to", "talk to someone", "feeling", "rubbish", "down",
            "too much",
        ),
    },
    "social": {
        3: (
            "lonely", "loneliness", "lonliness", "isolated", "isolation", "no one to talk to",
            "nobody to talk to", "no friends", "make friends", "meet people", "meet other*",
            "social group*", "coffee morning*", "knit and natter", "mens shed*", "befriend*",
            "friendship*", "do not see anyone", "never see anyone", "nobody visits",
            "no one visits", "lunch club*", "alone",
        ),
        2: (
            "things to do", "on my own", "bored", "community centre", "get out of the house",
            "groups", "by myself", "natter", "chat", "see anyone",
        ),
        1: (
            "group", "social", "clubs", "club", "older people", "over 60s", "over 50s",
            "pensioner*", "elderly", "go out", "volunteer*", "meet", "talk to", "friends",
            "company", "no one", "nobody", "someone to talk to",
        ),
    },
    "family": {
        3: (
            "nappies", "nappy", "diaper*", "formula", "baby milk", "baby bank", "baby clothes",
            "school uniform*", "uniform*", "school shoes", "childcare", "child care", "parenting",
            "pram*", "pushchair*", "buggy", "cot", "cots", "holiday club*", "holiday activit*",
            "childrens centre", "family hub*", "young carer*", "baby stuff", "wipes",
        ),
        2: (
            "baby", "babies", "pregnan*", "nursery", "high chair", "car seat", "toddler*",
            "teenager*", "teen", "autism", "autistic", "adhd", "special needs", "summer holidays",
            "half term", "social worker", "social services", "kinship", "foster*", "newborn",
            "mums", "dads", "parents", "year old", "year olds", "go to school",
        ),
        1: (
            "kids", "children", "child", "son", "daughter", "school", "family", "holidays", "mum",
            "dad", "parent", "kid", "boy", "girl", "twins",
        ),
    },
    "health": {
        3: (
            "morning after pill", "methadone", "mobility scooter", "hearing aid*", "walking stick",
            "blue badge", "gp", "doctor*", "dentist*", "dental", "toothache", "prescription*",
            "medication", "meds", "medicine*", "pharmacy", "chemist", "hospital", "a and e",
            "walk in centre", "glasses", "optician*", "eye test", "alcohol*", "drink problem",
            "drinking problem", "drugs", "addict*", "heroin", "cocaine", "smoking", "sexual health",
            "contracepti*", "midwife", "health visitor", "sick note", "nhs", "drinking too much",
        ),
        2: (
            "script", "mobility", "cannot walk", "teeth", "tooth", "pain", "injur*", "drinking",
            "diabet*", "asthma", "cancer", "wheelchair", "physio*", "nurse", "vaccin*", "surgery",
            "health", "vape", "drs", "111", "poorly", "unwell", "clinic",
        ),
        1: ("ill", "sick", "appointment", "hurts", "disab*", "blood", "eyes"),
    },
    "work": {
        3: (
            "hours cut", "cut my hours", "cut hours", "reduced hours", "more hours", "job*", "cv",
            "cvs", "looking for work", "find work", "out of work", "need work", "back to work",
            "work experience", "employ*", "unemploy*", "redundan*", "sacked", "laid off",
            "zero hours", "apprentice*", "qualification*", "english classes", "english lessons",
            "esol", "career*", "self employed", "minimum wage", "unpaid wages", "not paying me",
            "cscs", "forklift", "want work", "look for work", "not paid me", "not been paid",
            "owed wages", "owes me wages", "get work", "help with work", "into work", "find a job",
        ),
        2: (
            "interview*", "fired", "dismissed", "shifts", "training", "courses", "college",
            "skills", "volunteer*", "resume", "boss",
        ),
        1: (
            "course", "classes", "lessons", "experience", "contract", "licence", "working", "work",
            "wage", "wages", "manager",
        ),
    },
    "immigration": {
        3: (
            "visa*", "asylum", "no recourse*", "nrpf", "home office", "refugee*", "leave to remain",
            "settled status", "pre settled", "euss", "immigration", "immigrant*", "aspen", "brp",
            "biometric residence", "deport*", "indefinite leave", "ilr", "migrant*", "nass",
            "citizenship", "right to remain",
        ),
        2: (
            "detention", "right to work", "move on period", "passport", "ukraine", "ukrainian*",
            "homes for ukraine",
        ),
        1: ("lawyer", "solicitor", "refused", "interpreter", "status", "documents", "papers"),
    },
    "domestic-abuse": {
        3: (
            "does not let me", "reads my messages", "reads all my messages", "checks my messages",
            "goes through my phone", "tracks my phone", "tracks my location", "left my husband",
            "left my partner", "left my boyfriend", "left my wife", "fled", "domestic abuse",
            "domestic violence", "dv", "abus*", "refuge", "womens aid", "controlling", "coercive",
            "violent", "violence", "hits me", "hit me", "beats me", "beat me", "hurts me",
            "kicks me", "kicked me", "punched me", "punches me", "slapped me", "slaps me",
            "choked me", "strangled me", "threatening me", "threatens me", "threatened me",
            "stalk*", "forced marriage", "fgm", "rape*", "raped", "sexual assault",
            "scared of my partner", "scared of my husband", "scared of my boyfriend",
            "scared of my ex", "scared of my wife", "scared of my girlfriend", "leave my partner",
            "leave my husband", "leave my boyfriend", "leave my wife", "takes my money",
            "controls my money", "checks my phone", "scared to go home", "afraid to go home",
            "frightened to go home", "walking on eggshells", "throws things", "gets angry",
        ),
        2: ("harass*", "leave me alone", "will not let me", "temper"),
        1: ("partner", "husband", "boyfriend", "ex", "wife", "girlfriend", "scared", "safely",
            "turning up"),
    },
    "digital": {
        3: (
            "phone contract", "phone bill*", "wifi", "wi fi", "internet", "broadband", "no data",
            "data bank", "mobile data", "free data", "get online", "sim", "sim card*", "laptop*",
            "computer*", "ipad*", "chromebook*", "smartphone*", "phone broke", "phone broken",
            "phone smashed", "phone stolen", "phone nicked", "phone got nicked", "phone cracked",
            "phones smashed", "need a phone", "new phone", "phone credit", "credit on my phone",
            "top up my phone", "screen smashed", "cracked screen", "smashed screen", "no signal",
            "digital",
        ),
        2: ("data", "charger"),
        1: ("screen", "printer", "printing", "app", "apps", "online", "tablet", "phone*",
            "mobile", "email"),
    },
    "essentials": {
        3: (
            "toiletries", "toiletry", "sanitary", "tampons", "period products", "period poverty",
            "clothes", "clothing", "bedding", "duvet*", "blanket*", "mattress*", "furniture",
            "cooker", "washing machine", "white goods", "pots and pans", "toothpaste",
            "toothbrush*", "shampoo", "deodorant", "washing powder", "cleaning products",
            "household items", "hygiene products", "winter coat*", "no bed", "no beds",
            "essentials", "toilet roll*", "loo roll*", "toilet paper",
        ),
        2: (
            "pads", "coat*", "shoes", "trainers", "bed", "beds", "towels", "pillow*", "oven",
            "fridge", "freezer", "microwave", "kettle", "curtains", "pans", "cutlery", "crockery",
            "soap", "razors", "hygiene", "jumper*", "wardrobe", "hoover", "vacuum",
        ),
        1: ("boots", "sheets", "socks", "sofa", "table", "chairs"),
    },
}

#: Cues that speak to two needs at once: (phrase, {need: weight}).
_SHARED: tuple[tuple[str, dict[str, int]], ...] = (
    ("housing benefit", {"money": 3, "housing": 2}),
    ("rent arrears", {"housing": 3, "money": 2}),
    ("behind on rent", {"housing": 3, "money": 2}),
    ("behind on the rent", {"housing": 3, "money": 2}),
    ("behind with rent", {"housing": 3, "money": 2}),
    ("behind with the rent", {"housing": 3, "money": 2}),
    ("behind on my rent", {"housing": 3, "money": 2}),
    ("lunch club*", {"food": 3, "social": 3}),
    ("job centre", {"work": 2, "money": 1}),
    ("jobcentre", {"work": 2, "money": 1}),
    ("work capability", {"money": 3}),
    ("school uniform grant", {"family": 3}),
    ("in debt", {"money": 3}),
    ("cannot afford", {"money": 1}),
    ("free dinners", {"food": 3}),
    ("baby formula", {"family": 3}),
)

#: Whole forms of stems that people misspell; typos are matched against whole words only.
_WHOLE_FORMS: dict[str, tuple[str, ...]] = {
    "food": ("foodbank", "foodbanks", "groceries"),
    "money": (
        "sanctioned", "sanction", "sanctions", "benefits", "bailiffs", "bailiff", "debts",
        "universal", "overdraft", "catalogues", "entitlement",
    ),
    "housing": (
        "homeless", "homelessness", "evicted", "eviction", "evicting", "landlord", "landlords",
        "hostel", "tenancy", "overcrowded", "accommodation",
    ),
    "energy": ("electricity", "electric", "prepayment", "boiler", "radiators", "heaters"),
    "mental-health": (
        "depressed", "depression", "counselling", "counsellor", "counseling", "therapy",
        "therapist", "bereavement", "bereaved", "grieving", "anxious", "anxiety",
    ),
    "social": ("befriending", "isolated", "loneliness"),
    "family": ("uniforms", "nappies", "pushchair", "pregnant", "pregnancy", "toddler"),
    "health": (
        "doctor", "doctors", "dentist", "dentists", "prescription", "prescriptions", "medicine",
        "medicines", "optician", "alcohol", "alcoholic", "addiction", "addicted",
    ),
    "work": (
        "employment", "unemployed", "employer", "redundancy", "redundant", "apprenticeship",
        "qualifications", "interview", "interviews",
    ),
    "immigration": ("refugee", "refugees", "deported", "deportation", "immigrant", "visas"),
    "domestic-abuse": ("abuse", "abused", "abusive", "stalking", "stalker", "harassment"),
    "digital": ("laptop", "computer", "smartphone"),
    "essentials": ("blankets", "blanket", "duvet", "mattress", "toothbrush"),
}

#: Common words one slip away from a cue, never taken as a typo of it ("playing" is not
#: "paying"). Found by running a frequency list of English words through the matcher.
_NO_FUZZ: frozenset[str] = frozenset({
    "babes", "barbies", "betas", "cares", "carters", "caters", "chanted", "chars", "charter",
    "chuckled", "cleansing", "clotting", "coker", "contact", "contrast", "cooing", "cooler",
    "copping", "copying", "country", "curse", "curses", "diner", "diners", "fiends", "freeing",
    "fried", "gasses", "hating", "heading", "heath", "heron", "hover", "hungary", "kingship",
    "layer", "licked", "looming", "loving", "manger", "mediation", "metal", "notching", "noting",
    "notting", "paging", "panties", "patent", "patenting", "patents", "pinched", "pinches",
    "playing", "praying", "prosper", "racking", "raving", "refute", "reused", "sacred", "scarred",
    "seeping", "shipping", "shirts", "sills", "simmer", "skulls", "smacked", "smelter", "stacked",
    "staring", "stats", "statues", "stopping", "surging", "thinned", "thins", "thongs", "tinged",
    "trainees", "tuning", "twinned", "vices", "wasting", "winger", "woking",
})


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    scores: tuple[tuple[str, int], ...]


def _cue_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as normalised words, keeping a trailing * on a word."""
    out: list[str] = []
    for word in phrase.split():
        star = word.endswith("*")
        toks = normalise(word.rstrip("*")).split()
        if star and toks:
            toks[-1] += "*"
        out += toks
    return tuple(out)


def _build_cues() -> tuple[_Cue, ...]:
    merged: dict[tuple[str, ...], dict[str, int]] = {}
    for need, by_weight in LEXICON.items():
        for weight, phrases in by_weight.items():
            for phrase in phrases:
                slot = merged.setdefault(_cue_words(phrase), {})
                slot[need] = max(slot.get(need, 0), weight)
    for need, forms in _WHOLE_FORMS.items():
        for form in forms:
            slot = merged.setdefault(_cue_words(form), {})
            slot[need] = max(slot.get(need, 0), 3)
    for phrase, scores in _SHARED:
        merged[_cue_words(phrase)] = dict(scores)
    cues = [_Cue(words, tuple(scores.items())) for words, scores in merged.items() if words]
    # Longest phrases claim their words first, so "food bank" is read before "food" or "bank".
    cues.sort(key=lambda c: (-len(c.words), -max(w for _, w in c.scores)))
    return tuple(cues)


_CUES = _build_cues()
_VOCAB: frozenset[str] = frozenset(w for cue in _CUES for w in cue.words if not w.endswith("*"))
_STEMS: frozenset[str] = frozenset(w[:-1] for cue in _CUES for w in cue.words if w.endswith("*"))
_FUZZY_TARGETS: tuple[str, ...] = tuple(sorted(w for w in _VOCAB if len(w) >= FUZZY_MIN_LEN))
_BY_FIRST_WORD: dict[str, list[int]] = {}
for _index, _cue in enumerate(_CUES):
    _BY_FIRST_WORD.setdefault(_cue.words[0], []).append(_index)
_NEGATORS: frozenset[str] = frozenset({"not", "never"})


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {
    ch: frozenset(
        _KEY_ROWS[r2][c2]
        for r2 in range(max(r - 1, 0), min(r + 2, 3))
        for c2 in range(c - 1, c + 2)
        if 0 <= c2 < len(_KEY_ROWS[r2]) and (r2, c2) != (r, c)
    )
    for r, row in enumerate(_KEY_ROWS)
    for c, ch in enumerate(row)
}


def _one_slip(typed: str, wanted: str) -> bool:
    """One slip of the thumb inside a word: two letters swapped, a neighbouring key hit, or
    (in longer words) a letter missed or doubled. The first and last letters must be right,
    which keeps most real words ("starting" is not "starving") from passing as typos."""
    if typed == wanted or typed[0] != wanted[0] or typed[-1] != wanted[-1]:
        return False
    if len(typed) == len(wanted):
        diff = [i for i, (x, y) in enumerate(zip(typed, wanted, strict=True)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return typed[diff[0]] == wanted[diff[1]] and typed[diff[1]] == wanted[diff[0]]
        return (
            len(diff) == 1
            and len(wanted) >= 6
            and typed[diff[0]] in _NEIGHBOURS.get(wanted[diff[0]], frozenset())
        )
    return len(wanted) >= 6 and Indel.distance(typed, wanted, score_cutoff=1) <= 1


def _stems_of(token: str) -> set[str]:
    return {token[:k] + "*" for k in range(1, len(token) + 1) if token[:k] in _STEMS}


@lru_cache(maxsize=16384)
def _words_for(token: str) -> frozenset[str]:
    """The lexicon words a message token stands for: itself, stems it starts with, or (for an
    unknown word of 5+ letters) the whole words it is one slip away from. A plural or "'s"
    ending is tried off as well ("leccys", "nans")."""
    forms = [token] + ([token[:-1]] if len(token) > 3 and token.endswith("s") else [])
    words: set[str] = set()
    for form in forms:
        if form in _VOCAB:
            words.add(form)
        words |= _stems_of(form)
    if words or len(token) < FUZZY_MIN_LEN or token in _NO_FUZZ:
        return frozenset(words)
    return frozenset(w for w in _FUZZY_TARGETS if _one_slip(token, w))


def _find(words: tuple[str, ...], known: list[frozenset[str]], used: list[bool]) -> list[int]:
    """Positions of the tightest in-order match of a phrase, with small gaps between words;
    [] when it is not there. "no heating no food" matches "no food" at its second "no"."""
    best: list[int] = []
    for start, here in enumerate(known):
        if best and start > best[-1]:
            break
        if used[start] or words[0] not in here:
            continue
        span = [start]
        for word in words[1:]:
            lo = span[-1] + 1
            nxt = next(
                (
                    i
                    for i in range(lo, min(lo + MAX_GAP + 1, len(known)))
                    if not used[i] and word in known[i]
                ),
                None,
            )
            if nxt is None:
                break
            span.append(nxt)
        else:
            if not best or span[-1] <= best[-1]:
                best = span
    return best


def need_scores(text: str) -> dict[str, tuple[int, int]]:
    """Each need with a cue in the text: (total weight, position of its first clear cue)."""
    tokens = normalise(text).split()
    known = [_words_for(token) for token in tokens]
    used = [False] * len(tokens)
    scores: dict[str, tuple[int, int]] = {}
    candidates = sorted({i for words in known for w in words for i in _BY_FIRST_WORD.get(w, ())})
    for cue in (_CUES[i] for i in candidates):
        span = _find(cue.words, known, used)
        if not span:
            continue
        for i in span:
            used[i] = True
        if len(span) == 1 and span[0] > 0 and tokens[span[0] - 1] in _NEGATORS:
            continue  # "not hungry, just skint": a single word straight after "not" is denied
        for need, weight in cue.scores:
            total, first = scores.get(need, (0, len(tokens)))
            # Order comes from where a need is first clearly named, not from a passing word.
            scores[need] = (total + weight, min(first, span[0]) if weight >= 2 else first)
    return scores


def fused_main(lexicon: list[str], probs: dict[str, float], trust: float, floor: float) -> str:
    """The main need from both layers, or "none" (show the menu).

    The lexicon's first need stands when the classifier gives it at least ``trust``; otherwise
    the classifier's best guess stands when it is at least ``floor`` sure; otherwise the
    lexicon's reading (or none) stands.
    """
    if lexicon and probs.get(lexicon[0], 0.0) >= trust:
        return lexicon[0]
    best = max(probs, key=probs.get)
    if probs[best] >= floor:
        return best
    return lexicon[0] if lexicon else "none"


def lexicon_needs(text: str) -> list[str]:
    """What the lexicon alone reads: need slugs in the order the message names them."""
    scores = need_scores(text)
    found = [(first, -total, need) for need, (total, first) in scores.items() if total >= THRESHOLD]
    return [need for _, _, need in sorted(found)]


@lru_cache(maxsize=4096)
def need_probabilities(text: str) -> dict[str, float]:
    """The classifier's probability for each need as the main one (and "none")."""
    return load_model("needs_model").scores(text)


def detect_needs(text: str) -> list[str]:
    """Need slugs in the text, main need first; [] when nothing is clear enough to act on.

    The lexicon names every need it sees; the classifier, trained on labelled messages, decides
    the main need when the lexicon's first guess is unlikely, and finds needs worded in ways the
    lexicon does not know ("my nan's on her own all day").
    """
    lexicon = lexicon_needs(text)
    if not text.strip():
        return lexicon
    meta = load_model("needs_model").meta
    main = fused_main(lexicon, need_probabilities(text), meta["lexicon_trust"],
                      meta["model_floor"])
    if main == "none":
        return lexicon
    return [main] + [need for need in lexicon if need != main]
