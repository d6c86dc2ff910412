"""Signs of a medical emergency, for the crisis kind ``medical`` (999 for an ambulance first).

The signs follow the ambulance services' own lists of when to call 999: chest pain, difficulty
breathing, unconsciousness or collapse, fits that do not stop, stroke symptoms, severe bleeding,
severe allergic reactions, choking, serious burns and head injuries (see the sources of the
``ambulance-999`` entry in directory/data/crisis_contacts.json). Patterns run on the crisis
rules' canonical text. ``STRONG`` alone raises the crisis reply; ``WEAK`` words ("chest pains",
"ambulance", "stroke") are as often about a past or a routine matter, so the classifier decides.
"""

from __future__ import annotations

_WHO = (r"(?:i|he|she|they|we|my \w+|our \w+|the baby|baby|the \w+|someone|somebody|a man"
        r"|a woman|a lad|a girl|a boy|him|her|me)")

STRONG: tuple[str, ...] = (
    r"\bchest (?:pain|pains|is tight|tightness|hurts|hurting)\b.*\b(?:arm|jaw|sweat\w*|numb"
    r"|dizzy|sick|breath\w*|crushing|spreading|grey|clammy|collaps\w*)\b",
    r"\b(?:arm|jaw|sweat\w*|numb|crushing|clammy)\b.*\bchest (?:pain|pains|tight\w*|hurts)\b",
    r"\b(?:crushing|severe|really bad|terrible|bad) (?:pain in (?:my|his|her) chest|chest pain)",
    r"\b(?:having|is having|think (?:i am|he is|she is|it is) having|having a) (?:a )?(?:heart"
    r" attack|stroke|seizure|fit|asthma attack|anaphylactic|allergic reaction|hypo)\b",
    r"\b(?:face|mouth|smile) (?:is |has )?(?:dropp\w*|droop\w*|drooping|gone (?:funny|lopsided"
    r"|droopy|to one side))\b|\bslurr\w*\b",
    r"\b(?:cannot|can not|will not|struggling to|hard to|fighting to) (?:breathe|breath|catch"
    r" (?:my|his|her|their) breath)\b(?!\s+(?:in|with|for) (?:this|the|here|my|all|these))"
    r"|\bgasping\b|\bcannot get (?:my|his|her) breath\b",
    r"\b(?:not|stopped|isnt|is not) breathing\b|\bturn\w* (?:blue|grey)\b|\blips are blue\b",
    r"\b(?:unconscious|unresponsive|will not wake|cannot wake|not waking up|not responding"
    r"|collapsed|passed out and)\b",
    r"\b(?:fitting|seizure|convulsi\w*)\b(?!\s+(?:last|years|ago|as a))",
    r"\bchok(?:ing|ed) on\b|\bis choking\b|\bbaby (?:is )?choking\b",
    r"\b(?:throat|tongue|lips|face) (?:is |are )?(?:swelling|swollen|closing)\b|\banaphyla\w*"
    r"|\bepi ?pen\b",
    r"\b(?:bleeding|bleed) (?:heavily|a lot|badly|everywhere|loads|will not stop|wont stop"
    r"|through)\b|\b(?:heavy|lot of|loads of|so much|pouring) (?:bleeding|blood)\b"
    r"|\bwill not stop bleeding\b|\bblood everywhere\b",
    r"\b(?:pregnant|weeks gone|my bump)\b.*\b(?:bleed\w*|blood|waters|pain|contractions)\b",
    r"\b(?:bleed\w*|blood)\b.*\b(?:pregnant|weeks gone|my bump)\b",
    r"\basthma attack\b|\binhaler (?:is )?(?:empty|run out|ran out|finished|not working"
    r"|is not working)\b",
    r"\b(?:swallowed|drank|drunk|ate|eaten) (?:some |a |the |my |his |her )?(?:bleach|tablets"
    r"|pills|batter(?:y|ies)|washing (?:tablet|capsule|pod)s?|cleaner|medicine|weed killer)\b",
    r"\b(?:hit|banged|bashed) (?:his|her|my|their) head\b.*\b(?:sick|vomit\w*|drowsy|sleepy"
    r"|confused|blood|not right|passed out)\b",
    r"\b(?:severe|bad|serious) (?:burn|burns|scald|scalds)\b|\bscalded\b",
    r"\b(?:meningitis|sepsis|septic)\b|\brash\b.*\b(?:glass|floppy|will not fade)\b",
    r"\b(?:need|get|send|call|ring|phone) (?:an |a |the )?ambulance\b",
    r"\bheart attack\b(?=.*\b(?:now|think|having|right now|help)\b)",
    r"\b(?:overdosed|took too many|taken too many) by (?:accident|mistake)\b",
)

WEAK: tuple[str, ...] = (
    r"\bchest (?:pain|pains)\b", r"\bambulance\b", r"\bstroke\b", r"\bheart attack\b",
    r"\bcannot breathe\b",
)
