"""The language word lists (bot/understanding/data/languages/): the shipped files load, and a
broken file is refused with the file and the place named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.understanding.keywords import detect_keyword
from bot.understanding.language_data import (
    CODES,
    DATA_DIR,
    LanguageDataError,
    language,
    languages,
    load_language,
)
from bot.understanding.language_text import fold
from bot.understanding.safety import CRISIS_KINDS
from directory.needs import NEED_SLUGS


def test_every_shipped_file_loads_with_every_need_and_crisis_kind():
    assert tuple(languages()) == CODES
    for code in CODES[1:]:
        data = language(code)
        assert {c.label for c in data.needs} == set(NEED_SLUGS), code
        assert {c.label for c in data.crisis} == set(CRISIS_KINDS), code
        assert dict(data.keywords)["stop"] and dict(data.keywords)["help"], code


def test_the_lists_are_marked_as_drafts_until_a_fluent_reviewer_checks_them():
    assert language("en").reviewed
    assert not any(language(code).reviewed for code in CODES[1:])


def test_folding_evens_out_diacritics_and_keyboards():
    assert fold("Potrzebuję ŻYWNOŚCI, proszę!") == "potrzebuje zywnosci prosze"
    assert fold("mâncare și încălzire") == fold("mancare si incalzire")
    assert fold("كهرباء") == fold("کهرباء")  # Arabic kaf, Farsi keheh
    assert fold("مساعدة") == fold("مساعده")  # teh marbuta typed as heh
    assert fold("شوێنی خەوتن") == fold("شوینی خهوتن")  # Sorani on a Farsi keyboard
    assert fold("می\u200cخواهم") == "می خواهم"  # the Persian half-space splits words
    assert fold("طَعَامٌ") == fold("طعام")  # short vowels go


def test_own_stop_and_help_only_for_that_language():
    assert detect_keyword("POMOC") is None  # English messages read as before
    assert detect_keyword("POMOC", "pl") == "help"
    assert detect_keyword("koniec", "pl") == "stop"
    assert detect_keyword("کمک", "fa") == "help"
    assert detect_keyword("koniec", "ro") is None


GOOD = {
    "code": "xx", "name": "Test", "english_name": "Test", "script": "latin", "reviewed": False,
    "words": "ab cd",
    "keywords": {"stop": ["stopp"], "help": ["hilfe"]},
    "needs": {slug: {3: [f"cue{i}"]} for i, slug in enumerate(NEED_SLUGS)},
    "crisis": {kind: [f"danger{i}"] for i, kind in enumerate(CRISIS_KINDS)},
}


def _write(tmp_path: Path, data: dict | str, name: str = "xx") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True),
                    encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    data = load_language(_write(tmp_path, GOOD))
    assert data.code == "xx" and len(data.needs) == len(NEED_SLUGS)


def _broken(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(GOOD))
    for key, value in changes.items():
        data[key] = value
    return data


@pytest.mark.parametrize(("data", "says"), [
    (_broken(needs={**GOOD["needs"], "fod": ["x"]}), "needs: ['fod'] are not in the registry"),
    (_broken(needs={"food": ["jedzenie"]}), "needs: no cues for ['money'"),
    (_broken(needs={**GOOD["needs"], "food": {5: ["x"]}}), "needs.food.5: a weight is 1, 2 or 3"),
    (_broken(needs={**GOOD["needs"], "food": ["je*"]}), "the stem 'je' is shorter than 3"),
    (_broken(needs={**GOOD["needs"], "food": ["jed*zenie"]}), "a * may only end a word"),
    (_broken(needs={**GOOD["needs"], "food": ["طعام"]}), "is not in the latin script"),
    (_broken(needs={**GOOD["needs"], "food": []}), "needs.food.3: expected a non-empty list"),
    (_broken(crisis={"suicide": ["x"]}), "crisis: no cues for ['self-harm'"),
    (_broken(reviewed="no"), "reviewed: true or false"),
    (_broken(code="pl"), "code: 'pl' is not the file's name ('xx')"),
    (_broken(script="cyrillic"), "script: 'cyrillic' is not latin or arabic"),
    (_broken(keywords={"stop": ["x"]}), "keywords: expected stop, help"),
    (_broken(letters="ąب"), "letters: a string of letters of the latin script"),
    (_broken(colour="blue"), "unknown keys ['colour']"),
    (_broken(words=["ab", "cdef*"]), "words: whole words only"),
])
def test_a_broken_file_is_refused_with_the_place_named(tmp_path, data, says):
    with pytest.raises(LanguageDataError) as error:
        load_language(_write(tmp_path, data))
    assert str(error.value).startswith("xx.yaml: ")
    assert says in str(error.value)


def test_a_key_written_twice_is_refused(tmp_path):
    text = (DATA_DIR / "pl.yaml").read_text(encoding="utf-8").replace(
        "\nreviewed: false\n", "\nreviewed: false\nreviewed: true\n")
    with pytest.raises(LanguageDataError, match="pl.yaml: not valid YAML: .*written twice"):
        load_language(_write(tmp_path, text, "pl"))


def test_english_holds_only_what_detection_needs(tmp_path):
    data = _broken(code="en")
    with pytest.raises(LanguageDataError, match="English cues live in need_cues.yaml"):
        load_language(_write(tmp_path, data, "en"))
