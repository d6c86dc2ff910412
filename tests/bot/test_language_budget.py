"""No reply in any language takes more than 3 SMS segments (issue 29): every representative
conversation and every conversation script, played in each language through the real engine
(``bench/language_segments.py`` plays the same ones and prints the figures)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.language_segments import SECRET, Clock, conversations, play
from bot.languages import LANGUAGE_CODES, MULTIPLE, TRANSLATED
from bot.wording.i18n import speaking
from bot.wording.split import SMS_SEGMENTS, sms_segments
from handlers.conversation import build_engine


@pytest.mark.slow  # every script in every language: a bench's worth of conversations
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_reply_in_any_language_takes_more_than_three_segments(shipped_engine, code):
    clock = Clock()
    engine = build_engine(shipped_engine, SECRET, clock=clock)
    replies, over, languages = 0, [], Counter()
    for n, conversation in enumerate(conversations()):
        for said, reply in play(engine, clock, conversation, code, f"{code}-{n}"):
            replies += 1
            languages[reply.language] += 1
            segments = sms_segments(reply.text, reply.language)
            if segments > SMS_SEGMENTS:
                over.append((conversation.name, said, segments, reply.text))
    assert replies > 100
    assert over == []
    # Most replies are in the language the conversation started in; LANG's list is in every
    # language's own name, the scripts in each language pick theirs with LANG, and after FORGET
    # the language is forgotten.
    assert set(languages) <= {*LANGUAGE_CODES, MULTIPLE}
    assert languages.most_common(1)[0][0] == code


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_budget_is_the_languages_own(code):
    """The check can fail: 3 UCS-2 segments hold 201 characters, where GSM-7 holds 459."""
    with speaking(code):
        assert sms_segments("ą" * 201) == sms_segments("ع" * 201) == 3
        assert sms_segments("ą" * 202) == 4
    assert sms_segments("a" * 459, "en") == 3 and sms_segments("ą" * 459, "en") == 3
