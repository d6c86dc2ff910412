"""Shared by the hostile-input tests: the strategies, the hostile texts, and one app for
each test module (``hostile_app``, ``hostile_client`` and ``hostile_fake`` in conftest.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

HIGH_LIMITS = {"rate_limit_per_minute": 100_000, "sms_daily_reply_cap": 100_000}
PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])

# --- texts --------------------------------------------------------------------------------

#: Hand-picked nasties, each tried by every channel as well as whatever Hypothesis draws.
HOSTILE = [
    "", " ", "   \t \n  ", "\u00a0\u2003\u3000", "\n\n\n", "\r\n",
    "\x00", "\x00" * 40, "food\x00near LS9 8RU", "LS9\x008RU", "NU", "o",
    "".join(map(chr, range(1, 32))) + "\x7f\x80\x9f", "\x1b[31mred\x1b[0m", "\x08\x08\x07",
    "\U0001f600\U0001f35e\U0001f3e0", "\U0001f468\u200d\U0001f469\u200d\U0001f467 need food",
    "\U0001f1ec\U0001f1e7", "\ufe0f\u20e3", "\ufeff", "\u200b\u200c\u200d", "\uffff\ufffe",
    "\U0010ffff", "\ufffd",
    "\u0623\u062d\u062a\u0627\u062c \u0637\u0639\u0627\u0645",  # Arabic: "I need food"
    "\u05d0\u05e0\u05d9 \u05e6\u05e8\u05d9\u05da \u05d0\u05d5\u05db\u05dc",  # Hebrew
    "\u202eUR8 9SL raen doof\u202c", "\u200fLS9 8RU\u200e",
    "Z\u0335\u0321\u0322\u031b\u0317a\u0338l\u0337g\u0336o\u0334" * 20,
    "e" + "\u0301" * 500, "\u0915\u094d\u0937\u093f", "\u1100\u1161\u11a8",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]><Message>hi</Message>",
    "'; DROP TABLE conversation; --", "\" OR 1=1 --", "LS9 8RU' OR '1'='1",
    "food'); DELETE FROM opt_out; --", "%' AND 1=0 UNION SELECT * FROM service --",
    "{0} %s %(x)s", "{x!r} {0.__class__} %n %d %%", "${jndi:ldap://example.invalid/a}",
    "{{7*7}} {% raw %}", "\\x00\\u0000\\", "&amp; &lt; &#0; &#x110000;",
    "a" * 10_000, "food " * 2_000, "x" * 1_601, "LS98RU" * 1_500,
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 200,
    "\U0001f600" * 5_000, "\u0645" * 10_000,
    "STOP", "FORGET", "MORE", "HELP", "1", "99", "-1", "0", "1e309", "NaN",
    "i want to kill myself \U0001f494", "food near LS9 8RU <b>now</b>",
]

#: Pieces that Hypothesis strings together (and mixes with its own random text).
FRAGMENTS = ["food", "near", "LS9 8RU", "LS9", "Harehills", "help", "stop", "more", "1", "\x00",
             "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u0301",
             "\U0001f600", "<script>", "';--", "%s", "{0}", "\r\n", "\t", " ", "\u202e"]

#: Characters a form post can carry (no lone surrogates: they cannot be UTF-8).
FORM_CHARS = st.characters(codec="utf-8")
#: JSON can carry lone surrogates too, escaped ("\ud800").
JSON_CHARS = st.one_of(FORM_CHARS, st.characters(categories=["Cs"]))


def strings(chars: st.SearchStrategy[str], min_size: int = 0,
            max_size: int = 60) -> st.SearchStrategy[str]:
    """Strings of ``chars`` (st.text would quietly leave out the lone surrogates)."""
    return st.lists(chars, min_size=min_size, max_size=max_size).map("".join)


def texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        strings(chars),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), strings(chars, max_size=8)),
                 max_size=12).map("".join),
        # Long texts, up to 10,000 characters, from a short random pattern.
        st.tuples(strings(chars, min_size=1, max_size=12), st.integers(1, 10_000))
        .map(lambda pair: (pair[0] * pair[1])[:10_000]),
    )


SMS_TEXTS = texts(FORM_CHARS)
JSON_TEXTS = texts(JSON_CHARS)

# --- one app for the module ---------------------------------------------------------------


def not_5xx(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data(as_text=True))


#: Nested far deeper than any real request.
DEEP_LIST = b"[" * 100_000 + b"]" * 100_000
