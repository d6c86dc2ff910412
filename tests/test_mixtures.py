"""The mixed training messages: a crisis told beside an everyday request, and no leaks."""

from tools.mixtures import mixtures, within

TEXTS = ["Can I get a food parcel in Armley?", "Is the warm space open today?",
         "I took all my tablets an hour ago", "He is hitting me right now",
         "Where can I get help with my gas bill?", "Do you know a cheap dentist?"]
LABELS = ["none", "none", "suicide", "abuse", "none", "none"]


def test_every_crisis_is_mixed_with_an_everyday_message_and_keeps_its_kind():
    mixed = mixtures(TEXTS, LABELS, "none")
    crisis_mixes = [m for m in mixed if m.label != "none"]
    assert sorted(m.label for m in crisis_mixes) == ["abuse", "suicide"]
    for m in crisis_mixes:
        crisis_at = next(i for i in m.parts if LABELS[i] != "none")
        other = next(i for i in m.parts if i != crisis_at)
        assert LABELS[other] == "none"
        assert TEXTS[crisis_at].rstrip(".")[1:] in m.text
        assert LABELS[crisis_at] == m.label


def test_as_many_everyday_pairs_as_crisis_mixes_all_labelled_none():
    mixed = mixtures(TEXTS, LABELS, "none")
    everyday = [m for m in mixed if m.label == "none"]
    assert len(everyday) == len(mixed) - len(everyday)
    assert all(LABELS[i] == "none" for m in everyday for i in m.parts)


def test_the_same_seed_gives_the_same_mixtures():
    assert mixtures(TEXTS, LABELS, "none") == mixtures(TEXTS, LABELS, "none")


def test_a_fold_only_keeps_mixtures_made_from_its_own_messages():
    mixed = mixtures(TEXTS, LABELS, "none")
    allowed = {0, 1, 2, 4}
    kept = within(mixed, allowed)
    assert all(set(m.parts) <= allowed for m in kept)
    assert not any(3 in m.parts for m in kept)
    assert len(kept) < len(mixed)
