"""The honest figures: crisis and needs understanding on the frozen held-out messages.

The held-out files were split once from the rest (see their headers) and are never used to tune
the rules, the lexicon or the classifiers. Their fingerprints are pinned here, so editing them
fails the suite; the shipped models must have been trained on the training files as they are.

Measured 2026-12-06 after issue 24 (``make bench`` prints them with 95% intervals), TF-IDF and
MiniLM embeddings fused, rules that know context; first pass -> second pass (warning signs and
medical signs as data, three tiers, 1,351 more training messages, models retrained):
- crisis reply first: recall 0.505 -> 0.850 -> 0.828 (420/507), false alarms 0.020 -> 0.032 ->
  0.018 (9/501);
- safety numbers (crisis reply or the check-in line): recall 0.988 -> 0.937 -> 0.929 (471/507),
  on other messages 0.194 -> 0.076 -> 0.054;
- needs: main need right 0.784 -> 0.870 -> 0.868 (the held-out file still labels baby items and
  school uniform "family", which are "essentials" now).
A third pass (danger to someone else, self-harm told casually and more medical signs as data,
417 more training messages) reached 0.838 (425/507) at 0.022 false alarms, safety numbers 0.933.
The second pass traded 11 held-out crisis replies for half the false alarms: the new training
look-alikes are harder than the held-out ones, so the alarm threshold chosen by cross-validation
within the 0.03 budget rose (0.79 -> 0.88). Both blind rounds improved on every figure (below).
The fourth pass (mixed messages in training, 643 + 79 more crisis-file messages, 353 needs
messages, carers relabelled social; alarm budget 0.04 on the twins) moved the held-out crisis
reply 0.838 -> 0.828 (420/507) at 0.022 -> 0.020 false alarms, safety numbers 0.933 -> 0.897
(455/507: the check-in threshold rose 0.37 -> 0.55), on other messages 0.054 -> 0.040; the main
need 0.868 -> 0.851 (the held-out file keeps the older labels: carers' breaks "health", baby
items "family"). Every blind round rose by 6 to 10 points of full replies (below).
The floors below guard what was reached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.understanding import crisis_figures, load_crisis, load_needs, needs_figures
from bot.understanding.textmodel import load_model

# Scores whole corpora (bench figures guarded): slow, so make test-fast leaves it out.
pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
FROZEN = {
    "crisis_heldout.yaml": "90c4977ffd74b91b5bf6e5e92417daf17cce90fba09009031830f642b4f002f1",
    "needs_heldout.yaml": "39ae7b10f708aec460666e12d2859a4c638114dcdf82a088c549c97958e7a433",
}
MAX_ALARM_FALSE_ALARMS = 0.025
MIN_SAFETY_RECALL = 0.895
MIN_ALARM_RECALL = 0.825
MAX_CHECK_IN_ON_OTHER_MESSAGES = 0.06
MIN_NEEDS_MAIN = 0.865  # seventh pass: 0.856 -> 0.873; 0.868 retrained with place answers


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_held_out_files_are_frozen():
    assert {name: _sha256(DATA / name) for name in FROZEN} == FROZEN


def test_the_held_out_set_is_big_and_apart_from_training():
    crisis, other = load_crisis("crisis_heldout")
    train_crisis, train_other = load_crisis("crisis_train")
    needs, train_needs = load_needs("needs_heldout"), load_needs("needs_train")
    assert len(crisis) + len(train_crisis) >= 1500 and len(other) + len(train_other) >= 1500
    assert len(needs) + len(train_needs) >= 2000
    held = {c["text"].lower() for c in crisis} | {t.lower() for t in other}
    held |= {i["text"].lower() for i in needs}
    seen = {c["text"].lower() for c in train_crisis} | {t.lower() for t in train_other}
    seen |= {i["text"].lower() for i in train_needs}
    assert held & seen == set()


def test_the_shipped_models_were_trained_on_the_training_files_as_they_are():
    for model, data in (("crisis_model", "crisis_train.yaml"), ("needs_model", "needs_train.yaml")):
        assert load_model(model).meta["trained_on"]["sha256"] == _sha256(DATA / data), model


def test_crisis_on_held_out_messages():
    figures = crisis_figures(*load_crisis("crisis_heldout"))
    assert figures.safety_recall.value >= MIN_SAFETY_RECALL, figures.missed
    assert figures.alarm_false_alarms.value <= MAX_ALARM_FALSE_ALARMS
    assert figures.alarm_recall.value >= MIN_ALARM_RECALL
    assert figures.safety_false_alarms.value <= MAX_CHECK_IN_ON_OTHER_MESSAGES


def test_needs_on_held_out_messages():
    figures = needs_figures(load_needs("needs_heldout"))
    assert figures.main_right.value >= MIN_NEEDS_MAIN, figures.misses


# --- The blind round of 2026-12-06 ---------------------------------------------------------
#
# Drafted on 2026-12-06 by a fresh writer who never read the corpus, while the models were being
# built; kept sealed from the models' author, added here only once the models were frozen, and
# scored once (``python -m bench.blind tests/data/blind_crisis_2026-12-06.yaml``). Nothing was
# tuned on it. Measured 2026-12-06 (95% Wilson intervals), before -> after issue 24:
# - full crisis reply: 0.627 -> 0.839 -> 0.870 (329/378, 0.833-0.901); medical 0.311 -> 0.797 ->
#   0.865 (64/74);
# - crisis reply or check-in line: 0.987 -> 0.905 -> 0.950 (359/378, 0.923-0.968);
# - ordinary messages: false alarms 0.077 -> 0.062 -> 0.038 (16/416), check-in line 0.197 ->
#   0.043 -> 0.029 (12/416);
# - main need right: 0.745 -> 0.821 -> 0.856 (315/368).
# (first figure: before issue 24; then its first and second passes.) Third pass: full reply
# 0.899, reply or check-in 0.974, medical 0.959, false alarms 0.034, check-in line 0.026.
# The targets (0.93 full reply, every crisis at least the check-in line, 0.03 false
# alarms, 0.95 medical and needs) are NOT met; the floors below guard what was reached. This
# round's messages were read after its first scoring (its misses were printed), so it is no
# longer blind.

# --- The second blind round, frozen 2026-12-06 ------------------------------------------------
#
# Drafted on 2026-12-06 by another fresh writer who never read the project's corpus or code (400
# crises, 93 of them written to look ordinary, "# understated"; 345 ordinary messages, 171 of
# them near-misses and 174 plain, about 90 of those short replies to the bot's questions, places
# and postcodes alone; 357 needs messages). Sealed (sha256 noted) while the second pass was
# built, and copied here and scored once after the models were retrained and committed; nothing
# was tuned on it. Before -> after the second pass (95% Wilson intervals for after):
# - full crisis reply: 0.725 -> 0.757 (303/400, 0.713-0.797); medical 0.722 -> 0.767 (69/90,
#   0.669-0.842); the understated crises 41/93 (0.44), the rest 262/307 (0.853);
# - crisis reply or check-in line: 0.807 -> 0.875 (350/400, 0.839-0.904);
# - ordinary messages: false alarms 0.046 -> 0.035 (12/345, 0.020-0.060), check-in line 0.046 ->
#   0.023 (8/345, 0.012-0.045); replies, keywords and places alone: safety lines 2/174 -> 0/174;
# - main need right: 0.843 -> 0.868 (310/357, 0.829-0.900).
# Then, after the third pass (it was no longer blind: its aggregate figures had been read):
# full reply 0.807 (323/400), medical 0.856 (77/90), reply or check-in 0.892, false alarms 0.035,
# check-in line 0.035, plain messages 0/174 (after "sorry?" joined the bare replies).
# The targets are NOT met on it; the floors guard what was reached. (An earlier second
# round drafted in another session was lost with work that never landed; it never saw these
# models.)
# --- The third blind round, frozen 2026-12-06 -------------------------------------------------
#
# Drafted by a third fresh writer who never read the corpus or the code (397 crises, 98
# understated; 339 ordinary, 171 near-misses; 387 needs messages), sealed at 08:49 while the third
# pass was built, and scored once after it was committed. Second pass -> third pass:
# - full crisis reply: 0.763 -> 0.814 (323/397, 0.772-0.849); medical 0.851 -> 0.943 (82/87,
#   0.872-0.975); danger 0.556 -> 0.681;
# - crisis reply or check-in line: 0.884 -> 0.899 (357/397, 0.866-0.925);
# - ordinary messages: false alarms 0.062 -> 0.068 (23/339, 0.046-0.100), check-in line 0.065 ->
#   0.068 (23/339); plain messages 2/168 get the check-in line ("option 3 please", a menu pick
#   in words, then joined the bare replies; "I want to stop smoking" still does);
# - main need right: 0.884 -> 0.884 (342/387, 0.848-0.912).
# Its false alarms were then read to write training look-alikes, so it is no longer blind.
#
# The fourth pass (no longer blind on any of these three; the fourth round below is the measure),
# full reply / at least check-in / medical / false alarms / check-in line / main need:
# - first round: 0.963 / 0.987 / 0.959 / 0.038 / 0.031 / 0.875;
# - second round: 0.905 / 0.968 / 0.933 / 0.046 / 0.029 / 0.882 (one plain message, "hows it
#   work, do i just tell u what i need?", got the check-in line; asking how the bot works
#   then joined the trying-out replies);
# - third round: 0.912 / 0.967 / 0.943 / 0.074 / 0.038 / 0.907.
# --- The fourth blind round, frozen 2026-12-06 ------------------------------------------------
#
# Drafted by two fresh writers who never read the corpus, the code or the earlier rounds (371
# crises; 390 ordinary, 189 near-misses and 201 plain: requests, replies to the bot, places and
# postcodes alone; 420 needs messages), sealed (sha256 below) after the fourth pass's models were
# committed, and scored once on them; the model as this session began scored for comparison.
# Third pass -> fourth pass (95% Wilson intervals for the fourth):
# - full crisis reply: 0.871 -> 0.954 (354/371, 0.928-0.971); medical 0.927 -> 0.927 (76/82,
#   0.849-0.966); danger 0.708 -> 0.875; abuse 0.934 -> 1.000; self-harm 0.865 -> 1.000;
# - crisis reply or check-in line: 0.933 -> 0.978 (363/371, 0.958-0.989);
# - ordinary messages: false alarms 0.031 -> 0.036 (14/390, 0.022-0.059), check-in line 0.046 ->
#   0.031 (12/390, 0.018-0.053); plain messages 3/201 -> 1/201 get the check-in line;
# - main need right: 0.845 -> 0.867 (364/420, 0.831-0.896).
# Met: the full reply (0.93) and the check-in line's ceiling (0.07). NOT met: every crisis at
# least the check-in line (8 without), false alarms at most 0.03 (0.036, the interval spans it),
# medical 0.95 (0.927), the main need 0.95 (0.867), no safety line on a plain message (1).
# --- The fifth pass (2026-12-06, later) ------------------------------------------------------
#
# The fourth round's misses were read (it is a development set now), and the rules and needs
# changed: present-danger signs (gas, fumes, people taken or trapped, plans beside a request,
# stroke and hypo signs in dialect), fewer rule alarms on everyday words ("again" and "today"
# no longer outweigh a joke), 408 needs training messages and what is asked for first. Figures
# now (full / at least check-in / medical / false alarms / check-in line / main need):
# - first round: 0.966 / 0.987 / 0.973 / 0.034 / 0.034 / 0.883;
# - second round: 0.907 / 0.968 / 0.933 / 0.026 / 0.032 / 0.877 (one needs message fewer: the
#   floor moved from 0.88 to 0.875; false alarms 0.046 -> 0.026);
# - third round: 0.917 / 0.970 / 0.943 / 0.059 / 0.038 / 0.904 (one fewer; 0.905 -> 0.90);
# - fourth round (development now): 1.000 / 1.000 / 1.000 / 0.018 / 0.036 / 0.895.
# A false alarm the rules raised on a joke now often gets the check-in line instead, so that
# ceiling rose a little on three rounds (at most 0.039, the ceiling is 0.07).
# --- The sixth blind round, frozen 2026-12-06 -------------------------------------------------
#
# Drafted by two fresh writers told the needs' meanings and conventions (baby items and school
# uniform essentials first; ESOL work; carers' support social; bereavement mental-health), who
# never read the corpus, the code or the earlier rounds (336 crises; 336 ordinary, 178
# near-misses and 158 plain; 417 needs messages), sealed (sha256 above), scored on main as the
# sixth pass began (6de591d) and once after it (f3c0bf3), 95% Wilson intervals for the after:
# - full crisis reply: 0.970 -> 0.973 (327/336, 0.950-0.986); medical 0.985 -> 0.985 (67/68,
#   0.921-0.997); danger 0.909 -> 0.924;
# - crisis reply or check-in line: 0.985 -> 0.988 (332/336, 0.970-0.995): 4 crises without;
# - ordinary messages: false alarms 0.033 -> 0.030 (10/336, 0.016-0.054), check-in line
#   0.027 -> 0.027 (9/336); plain messages 0/158 get a line;
# - main need right: 0.871 -> 0.875 (365/417, 0.840-0.904), 0.873 (364/417) once the last
#   answers commits landed (416b3d4; crisis figures the same); every need right 0.717 -> 0.674.
# Met: the full reply 0.93, medical 0.95, false alarms at most 0.03 (just: the interval spans
# it), the check-in ceiling 0.07, no line on plain messages. NOT met: every crisis at least the
# check-in line (4 without), the main need 0.95 (0.875). Round 5, read as development, moved
# far more (full reply 0.931 -> 1.000, false alarms 0.051 -> 0.017): the gains on what was read
# overstate the truth, again.
# --- The fifth blind round, frozen 2026-12-06 -------------------------------------------------
#
# Drafted by two fresh writers who never read the corpus, the code or the earlier rounds, while
# the fifth pass began (390 crises; 354 ordinary, 175 near-misses and 179 plain; 486 needs
# messages), sealed (sha256 above), and scored once on main as the session began and once after
# the fifth pass (95% Wilson intervals for the after; bench.blind, places resolved):
# - full crisis reply: 0.926 -> 0.931 (363/390, 0.901-0.952); medical 0.950 -> 0.950 (96/101,
#   0.889-0.979); danger 0.797 -> 0.828;
# - crisis reply or check-in line: 0.967 -> 0.972 (379/390, 0.950-0.984): 11 crises without;
# - ordinary messages: false alarms 0.065 -> 0.051 (18/354, 0.032-0.079), check-in line
#   0.051 -> 0.054 (19/354); plain messages 1/179 get the check-in line;
# - main need right: 0.817 -> 0.821 (399/486, 0.784-0.853). The writer was told, in error,
#   that baby items and school uniform are [family, essentials]; the training files' convention
#   is essentials first. With those 12 labels swapped mechanically (texts unread): 0.842 ->
#   0.846. The floors below read messages without places, as the other rounds do.
# Met: the full reply 0.93 (just; the interval spans it), medical 0.95 (just), the check-in
# line's ceiling 0.07. NOT met: false alarms at most 0.03 (0.051), every crisis at least the
# check-in line (11 without), the main need 0.95 (0.821). The fourth round overstated the
# truth again (there: full reply 0.954, false alarms 0.036, main need 0.867).
# --- The sixth pass (safety, development rounds 4 and 5) ----------------------------------------
#
# Round 5's misses were read: context that wrongly took rule alarms as present ('last week',
# 'in prison for', old scars, 'I'm an adult now', memes, end-of-life care, a rumour, a hammer
# in DIY), present-danger signs it lacked (the cold, fire, crashes, falls, being chased, method
# questions, a girl taken to be cut, a child missing). Scored once at the end (aggregate only),
# full / at least check-in / medical / false alarms / check-in line:
# - first round: 0.966 / 0.987 / 0.973 / 0.034 / 0.034 (unchanged; but one plain message now
#   gets the full reply from a new sign, and one near-miss no longer does);
# - second round: 0.9075 / 0.968 / 0.933 / 0.026 / 0.032 (unchanged);
# - third round: 0.917 -> 0.919 / 0.970 -> 0.972 / 0.943 / 0.059 / 0.038;
# - round 5 (development): 0.931 -> 1.000 / 0.972 -> 1.000 / 0.950 -> 1.000 / 0.051 -> 0.017 /
#   0.054 -> 0.059; round 4 unchanged; held-out unchanged (0.828 at 0.016, safety 0.897).
# --- The sixth pass, needs (2026-12-06, later) ------------------------------------------------
#
# Rounds 4 and 5 read for the main need (their misses grouped by labelled and read main need).
# The commonest cause was the kinds of help overturning the main need (56 of 119 misses): a kind
# now leads only when the main need is not backed by both layers (message.needs_with_kinds).
# Then lexicon gaps, money yielding to food unless asked, adult carers social, a crisis about
# abuse keeping domestic abuse as its need when the classifier agrees, and 297 training messages
# written afresh on the patterns; the needs model retrained alone (the crisis model is the one
# shipped before: retrained on the grown needs file it moved its floors, see the report). Main
# need, session start -> after (blind rounds read as below, held-out by ``needs_figures``):
# held-out 0.854 -> 0.856; first round 0.880 -> 0.918; second 0.877 -> 0.877; third 0.904 ->
# 0.928; fourth (development) 0.895 -> 0.957; fifth (development) as labelled 0.790 -> 0.844,
# 0.815 -> 0.868 with its baby-items labels swapped (counted as the test counts: its 15 messages
# labelled unclear never count as read right; bench.blind counts them, 0.821 -> 0.874).
# Crisis figures unchanged.
# --- The seventh pass, needs (2026-12-06, branch needs7) -------------------------------------
#
# Rounds 5 and 6 read for the main need (rounds 4-6 development). Causes that recurred: a kind
# named in passing overturning a main need the classifier was sure of and no cue touched
# (digital help asked for around a job or a benefit, abuse told through money or English
# classes); lexicon gaps (accounts and passwords, economic and immigration abuse, trauma and
# numbness, children's clubs, dementia, children alone seeking asylum, work kit and carpets,
# bank accounts, adaptations, gambling, insulation, fares, health visitors); low mood told
# before "can I talk to someone" read as the PERSON keyword. 158 training messages written
# afresh; the needs model retrained alone. Main need, session start -> after (floors.py):
# held-out 0.856 -> 0.873; first round 0.918 -> 0.927; second 0.880 -> 0.891; third 0.933 ->
# 0.938; fourth (development) 0.957 -> 0.964; fifth (development) 0.846 -> 0.850; sixth
# (development) 0.919 -> 0.952. Crisis figures unchanged.
BLIND = {
    "blind_crisis_2026-12-06.yaml":
        "1c09bf5e7fb414228c52ef33b0b20099709c5b213956d3ac300646421c620863",
    "blind_needs_2026-12-06.yaml":
        "d64659f4ed6e56b0e1a5ee16fb419fa5edded89ada925434a823fe00e60341ae",
    "blind_crisis_round2.yaml":
        "f1a27dc5dfbb199a8db78397e1e578a190c4f352bd3c70a33a63d7e5bfd1579f",
    "blind_needs_round2.yaml":
        "d0fb7d20b68f6e83fabd8b305d13549ac1dc43a564ad743138ad5101c248717f",
    "blind_crisis_round3.yaml":
        "1aa857eafcd9605300284fc2ce6cd77950f1998db9b6e7270c6f4888bddaab5f",
    "blind_needs_round3.yaml":
        "b9ee241c17005eeaf7ab183f679d2ebd11d21138136208120a248a489e3dc914",
    "blind_crisis_round4.yaml":
        "60ebbfbafb606a2649ad084b38cc3ea0452818644c704048b7ef175ce7e2bbfe",
    "blind_needs_round4.yaml":
        "e02bfacd157cbb726d10a58c8b5d31c088d9f5093fe093799a7b72a07a94964e",
    "blind_crisis_round5.yaml":
        "d252609c044c02d5e2eeeb49673783661ce26525f426fb0643b69bab0738995a",
    "blind_needs_round5.yaml":
        "b1b74da0c7a03f7605df578c608dcb66a9e4a976c55a6d64b1d32763cbc607bd",
    "blind_crisis_round6.yaml":
        "16fb574eedc41ca041c0b562b0a588dc78bc7a7cbadd784f6f65b742c5f49105",
    "blind_needs_round6.yaml":
        "1366a87ec9efb7896532578f8f5696e7fb8aaee93f5a9cbfc7509534a12f1af8",
    "blind_crisis_round7.yaml":
        "4a28585550eae3fc92913f416d1d3d96794729cd878bc5ebadac2bbf071b3757",
    "blind_needs_round7.yaml":
        "6a89103847c8c5e173eee0cf8fda1d6fc3b96a63edf8c2a327c6e083aea91fb1",
    "blind_crisis_round8.yaml":
        "7f76b980e5a780c9c68d618a8faac4f3f9994e1f8e8806e21b2e0905264ad394",
    "blind_needs_round8.yaml":
        "db9c172903147d3b29afd9b65a30dd6834eca00dac71d564a62631d871664e32",
    "blind_crisis_round9.yaml":
        "3bf1e0f7e32db7ee8d663643482a98e86c2972b884bfc3de6bf76418e3dcda10",
    "blind_needs_round9.yaml":
        "9590a3b8a718de1d0a1e1ebcc091feb74c2d8936ce4f3e5ecfca02d6e750f44a",
    "blind_crisis_round10.yaml":
        "297ddec925729b6f6bca1b3105a126a3b011473dffc4205219d3a2ddd5dc35a0",
    "blind_needs_round10.yaml":
        "a7af9f1928b575614b6d9f4b7b13e6d1a307269c8b50049a5a7248bae6ad0e25",
    "blind_needs_round10_second_labels.yaml":
        "0f36eeade323a8f1dc84776f3bddfae451305e803b831c13e9e4b5baf50ae693",
    "blind_crisis_round11.yaml":
        "c13956eb749bffb227e5459651181cd6ef65c5d9c8b4ddf670cec0f128dabea7",
    "blind_needs_round11.yaml":
        "e2ff5fe52ba02f777cb01fb665c92d036b95685a5b80f8b769ba44a644559f10",
    "blind_crisis_round12.yaml":
        "5b1dc413d75eaf2786eaee18a301cbc9f762a691d7372e49974486d2ae76d91a",
    "blind_needs_round12.yaml":
        "bfc3ce237e9cda0a17e084f47f0fbf81ee73498957eafcbeef340e0b6c7b1b85",
    "blind_crisis_round13.yaml":
        "37c1cf67c703b36a7d77f3e471ce781b2c0dacb17ab5f349d7d106a888ed0a20",
    "blind_needs_round13.yaml":
        "5f0edf47515115b892523439333578cbf1fbb24afced6461c36b75a864553794",
}


@dataclass(frozen=True)
class Floors:
    """What a blind round must keep: recall floors, and ceilings on ordinary messages."""

    crisis_file: str
    needs_file: str
    full_reply: float
    safety_numbers: float
    medical: float
    false_alarms: float
    check_in: float
    main_need: float


ROUNDS = [
    Floors("blind_crisis_2026-12-06.yaml", "blind_needs_2026-12-06.yaml", full_reply=0.96,
           safety_numbers=0.985, medical=0.97, false_alarms=0.034, check_in=0.034,
           main_need=0.925),  # seventh pass: 0.918 -> 0.927
    # Eighth pass (the development rounds 4-7 joined the training files, both models retrained;
    # aggregate only): full 364 -> 368/378, medical 72 -> 73/74, false alarms 14 -> 14/416,
    # check-in 14 -> 10, main need 341 -> 342/368.
    # Seventh pass (aggregate only): full 0.9075 -> 0.9125, safety numbers 0.9675 -> 0.9700,
    # false alarms 0.0261 -> 0.0174; check-in 0.0319 -> 0.0406, as false alarms of doubted
    # words became check-in lines.
    # Eighth pass (grown training, retrained; aggregate only): full 365 -> 380/400 (0.9125 ->
    # 0.95), safety numbers 388 -> 395, medical 84 -> 86/90, false alarms 6 -> 7/345 (0.017 ->
    # 0.020), check-in 14 -> 13, main need 317 -> 320/357.
    Floors("blind_crisis_round2.yaml", "blind_needs_round2.yaml", full_reply=0.95,
           safety_numbers=0.985, medical=0.955, false_alarms=0.021, check_in=0.041,
           main_need=0.885),  # seventh pass: 0.880 -> 0.891; 0.888 retrained with place answers
    # Seventh pass (aggregate only): full 0.9194 -> 0.9244, main need 0.9328 -> 0.9354; false
    # alarms (0.0590) and check-in (0.0383) unchanged.
    # Eighth pass (grown training, retrained; aggregate only): full 367 -> 376/397 (0.924 ->
    # 0.947), medical 82 -> 86/87, false alarms 20 -> 14/339 (0.059 -> 0.041), check-in 13 -> 20
    # (0.038 -> 0.059; the ceiling is 0.07), main need 360 -> 364/387.
    Floors("blind_crisis_round3.yaml", "blind_needs_round3.yaml", full_reply=0.945,
           safety_numbers=0.974, medical=0.98, false_alarms=0.042, check_in=0.06,
           main_need=0.93),  # seventh pass: 0.933 -> 0.938; 0.930 retrained with place answers
    # Round 4 was demoted to a development set by the fifth pass (its misses were read).
    # Seventh pass: false alarms 0.0179 -> 0.0154, check-in 0.0359 -> 0.0385 ("end it with my
    # boyfriend tonight" is a figure of speech whatever the time: the check-in line, not the reply).
    Floors("blind_crisis_round4.yaml", "blind_needs_round4.yaml", full_reply=0.995,
           safety_numbers=0.995, medical=0.99, false_alarms=0.016, check_in=0.039,
           main_need=0.96),  # seventh pass: 0.957 -> 0.964
    # Round 5 was demoted to a development set as the sixth pass began (2026-12-06), while two
    # fresh writers drafted a sixth round, sealed outside the repository until it is scored.
    # The sixth pass read its misses: every crisis now gets the full reply, and rule false
    # alarms became check-in lines where the classifier was unsure (19 -> 21 of 354).
    # Seventh pass: false alarms 0.0169 -> 0.0113, check-in 0.0593 -> 0.0650 (two rule false
    # alarms beside a past became check-in lines: the classifier was not sure).
    Floors("blind_crisis_round5.yaml", "blind_needs_round5.yaml", full_reply=0.995,
           safety_numbers=0.995, medical=0.99, false_alarms=0.012, check_in=0.066,
           main_need=0.845),  # seventh pass: 0.846 -> 0.850
    # The sixth blind round: drafted by two fresh writers while the sixth pass began, sealed
    # outside the repository, scored once on main as it began (6de591d) and once after the
    # sixth pass (f3c0bf3), aggregate only. Scored a third time (aggregate) when branch needs6
    # was merged (main need 0.873 -> 0.919; crisis figures unchanged), then demoted to a
    # development set as the seventh pass began (2026-12-06), while fresh writers drafted a
    # seventh round, sealed outside the repository until it is scored.
    # The seventh pass read its misses: full 0.9732 -> 0.9940, safety numbers 0.9881 -> 1.0,
    # medical 0.9853 -> 1.0, false alarms 0.0298 -> 0.0119; check-in 0.0268 -> 0.0357 (false
    # alarms beside a past or information for others became check-in lines). Eighth pass: full
    # 0.9940 -> 1.0 ("finish my life", "my funeral" is no bereavement); floor 0.99 -> 0.995.
    Floors("blind_crisis_round6.yaml", "blind_needs_round6.yaml", full_reply=0.995,
           safety_numbers=0.995, medical=0.995, false_alarms=0.012, check_in=0.036,
           main_need=0.945),  # seventh pass (development now): 0.919 -> 0.952; 0.947 retrained
    # The seventh blind round: drafted by two fresh writers as the seventh pass began (one for
    # crises, one for needs), sealed outside the repository, scored, aggregate only, once on
    # main as it began (80c30e3) and once after the pass (9d1386b); the floors are the after
    # figures (bench.blind, 95% Wilson): full 0.976 -> 0.982 (0.962-0.992), at least check-in
    # 0.985 -> 0.991 (3 without), medical 1.000 -> 1.000, false alarms 0.050 -> 0.050
    # (0.032-0.079; the 0.03 target NOT met), check-in 0.018 -> 0.021, main need 0.818 -> 0.880
    # (0.842-0.909; the 0.95 target NOT met). Demoted to a development set as the eighth pass
    # began; the eighth pass read its misses (floors.py): full 0.9822 -> 1.0, safety numbers
    # 0.9911 -> 1.0, false alarms 0.0501 -> 0.0059 (17 -> 2 of 339), check-in 0.0206 -> 0.0383
    # (false alarms beside a denial, a past or a figure became check-in lines).
    # Rounds 4-7 joined the training files in the eighth pass (2026-12-07): their figures are
    # in-sample since, and their floors only guard against a regression.
    Floors("blind_crisis_round7.yaml", "blind_needs_round7.yaml", full_reply=0.995,
           safety_numbers=0.995, medical=0.995, false_alarms=0.006, check_in=0.039,
           main_need=0.875),
    # The eighth blind round: drafted by two fresh writers as the eighth pass began (one for
    # crises, one for needs; neither had read the project), sealed outside the repository, scored,
    # aggregate only, once on main as it began (42b867a), once after the pass (7ae7813) and a
    # third time on the crisis model as shipped (cff2d6d: the everyday-alarm bound); the floors
    # are the shipped figures (bench.blind, 95% Wilson): full 325 -> 331 -> 328/333 (0.976 ->
    # 0.985, 0.965-0.994), at least check-in 331 -> 333 (every crisis), medical 67 -> 68/68,
    # false alarms 7 -> 6 -> 5/368 (0.019 -> 0.014, 0.006-0.031), check-in 9 -> 12 (0.024 ->
    # 0.033), main need 319 -> 331/361 (0.884 -> 0.917, 0.884-0.941; the 0.95 target NOT met).
    # Ninth pass (needs model retrained with 2,165 messages drafted for training): main need
    # 331 -> 330 (0.914), floor 0.915 -> 0.914. Thirteenth pass (2,110 more): 336 -> 338 (0.936).
    Floors("blind_crisis_round8.yaml", "blind_needs_round8.yaml", full_reply=0.98,
           safety_numbers=1.0, medical=1.0, false_alarms=0.014, check_in=0.033,
           main_need=0.936),
    # The ninth blind round: drafted by two fresh writers as the ninth pass began (one for crises,
    # one for needs; neither had read the project), sealed outside the repository, scored,
    # aggregate only, on main as it began (c1d0afa) and after it (b177d2c); the floors are the
    # shipped figures (bench.blind, 95% Wilson): full 342 -> 343/351 (0.974 -> 0.977,
    # 0.956-0.988), at least check-in 349 -> 349 (0.994: two crises get no line; the target
    # "every crisis" NOT met), medical 70 -> 71/72, false alarms 11 -> 11/384 (0.029,
    # 0.016-0.051), check-in 8 -> 8 (0.021), main need 413 -> 423/497 (0.831 -> 0.851,
    # 0.817-0.880; the 0.95 target NOT met). Tenth pass (needs model retrained with 4,226
    # messages drafted for training): main need 423 -> 437/497 (0.851 -> 0.879). Eleventh pass
    # (2,209 more; a sure classifier keeps its main need against a kind in passing): 437 -> 441.
    # Twelfth pass (1,948 more): 441 -> 442. Thirteenth pass (2,110 more): 443 -> 446 (0.897).
    Floors("blind_crisis_round9.yaml", "blind_needs_round9.yaml", full_reply=0.977,
           safety_numbers=0.994, medical=0.986, false_alarms=0.029, check_in=0.021,
           main_need=0.897),
    # The tenth blind round: drafted by two fresh writers as the tenth pass began (one for crises,
    # one for needs; neither had read the project; the needs brief now says baby items and
    # school uniform are essentials first), sealed outside the repository, scored, aggregate
    # only, on main as it began (32ac3da) and after it; the floors are the after figures
    # (bench.blind, 95% Wilson): full 338 -> 338/345 (0.980, 0.959-0.990), at least check-in
    # 340 -> 340 (0.986: five crises get no line; the target "every crisis" NOT met), medical
    # 72 -> 72/72, false alarms 10 -> 10/376 (0.027, 0.015-0.048), check-in 8 -> 8 (0.021),
    # main need 426 -> 442/504 (0.845 -> 0.877, 0.845-0.903; the 0.95 target NOT met). Eleventh
    # pass: main need 442 -> 455/504 (0.903, 0.874-0.926). Twelfth: 455 -> 460 (0.913).
    Floors("blind_crisis_round10.yaml", "blind_needs_round10.yaml", full_reply=0.979,
           safety_numbers=0.985, medical=1.0, false_alarms=0.027, check_in=0.022,
           main_need=0.912),
    # The eleventh blind round: drafted by two fresh writers as the eleventh pass began (342
    # crises; 381 ordinary, 195 near-misses; 483 needs messages), sealed outside the repository,
    # scored, aggregate only, on main as it began (dcaa990) and after it; the floors are the after
    # figures (bench.blind, 95% Wilson): full 334 -> 334/342 (0.977, 0.955-0.988), at least
    # check-in 340 -> 340 (0.994: two crises get no line; the target "every crisis" NOT met),
    # medical 72 -> 72/72, false alarms 7 -> 7/381 (0.018, 0.009-0.037), check-in 8 -> 8
    # (0.021), main need 430 -> 439/483 (0.890 -> 0.909, 0.880-0.931; the 0.95 target NOT met).
    # Twelfth pass: main need 439 -> 441 (0.913). Thirteenth: 441 -> 444 (0.919).
    Floors("blind_crisis_round11.yaml", "blind_needs_round11.yaml", full_reply=0.976,
           safety_numbers=0.994, medical=1.0, false_alarms=0.019, check_in=0.022,
           main_need=0.919),
    # The twelfth blind round: drafted by two fresh writers as the twelfth pass began (350
    # crises; 371 ordinary, 186 near-misses; 403 needs messages), sealed outside the repository,
    # scored, aggregate only, on main as it began (f09a3b1) and after it (830846b); the floors are
    # the after figures (bench.blind, 95% Wilson): full 343 -> 343/350 (0.980, 0.959-0.990), at
    # least check-in 349 -> 349 (0.997: one crisis gets no line; the target "every crisis" NOT
    # met), medical 73 -> 73/74, false alarms 6 -> 5/371 (0.013, 0.006-0.031), check-in 15 -> 15
    # (0.040), main need 371 -> 375/403 (0.921 -> 0.931, 0.901-0.951; the 0.95 target NOT met).
    # Thirteenth pass (needs model retrained with 2,110 more messages): main need 375 -> 379
    # (0.940).
    Floors("blind_crisis_round12.yaml", "blind_needs_round12.yaml", full_reply=0.979,
           safety_numbers=0.997, medical=0.986, false_alarms=0.014, check_in=0.041,
           main_need=0.940),
    # The thirteenth blind round: drafted by two fresh writers as the thirteenth pass began (350
    # crises, 72 medical; 386 ordinary, 196 near-misses; 449 needs messages), sealed outside the
    # repository, scored, aggregate only, on main as it began (c8d6e3d) and after it (2d622a6);
    # the floors are the after figures (bench.blind, 95% Wilson): full 338 -> 338/350 (0.966,
    # 0.941-0.980; the 0.93 target met), at least check-in 346 -> 346 (0.989: four crises get no
    # line; the target "every crisis" NOT met), medical 66 -> 66/72 (0.917, 0.830-0.961; the 0.95
    # target NOT met), false alarms 9 -> 9/386 (0.023, 0.012-0.044), check-in 7 -> 7 (0.018),
    # main need 418 -> 419/449 (0.931 -> 0.933, 0.906-0.953; the 0.95 target NOT met).
    Floors("blind_crisis_round13.yaml", "blind_needs_round13.yaml", full_reply=0.965,
           safety_numbers=0.988, medical=0.916, false_alarms=0.024, check_in=0.019,
           main_need=0.933),
]


def _read_blind(name: str) -> dict:
    import yaml

    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _understood(texts: list[str]):
    from types import SimpleNamespace

    from bot.understanding.message import understand

    return [understand(text, lambda _: SimpleNamespace(found=False)) for text in texts]


def test_the_blind_rounds_are_frozen():
    assert {name: _sha256(DATA / name) for name in BLIND} == BLIND


@pytest.mark.parametrize("floors", ROUNDS, ids=lambda f: f.crisis_file)
def test_crisis_on_the_blind_rounds(floors: Floors):
    data = _read_blind(floors.crisis_file)
    crises = _understood([item["text"] for item in data["crisis"]])
    ordinary = _understood([item["text"] for item in data["non_crisis"]])
    medical = [u for u, item in zip(crises, data["crisis"], strict=True)
               if item["kind"] == "medical"]
    assert sum(u.crisis for u in crises) / len(crises) >= floors.full_reply
    assert sum(u.crisis or u.check_in for u in crises) / len(crises) >= floors.safety_numbers
    assert sum(u.crisis for u in medical) / len(medical) >= floors.medical
    assert sum(u.crisis for u in ordinary) / len(ordinary) <= floors.false_alarms
    assert sum(u.check_in and not u.crisis for u in ordinary) / len(ordinary) <= floors.check_in


@pytest.mark.parametrize("name, allowed", [("blind_crisis_round2.yaml", 0),
                                           ("blind_crisis_round3.yaml", 1),
                                           ("blind_crisis_round4.yaml", 1),
                                           ("blind_crisis_round5.yaml", 0),
                                           ("blind_crisis_round6.yaml", 0),
                                           ("blind_crisis_round7.yaml", 0),
                                           ("blind_crisis_round8.yaml", 1),
                                           ("blind_crisis_round9.yaml", 1),
                                           ("blind_crisis_round10.yaml", 3),
                                           ("blind_crisis_round11.yaml", 0),
                                           ("blind_crisis_round12.yaml", 2),
                                           ("blind_crisis_round13.yaml", 1)])
def test_plain_messages_of_the_blind_rounds_get_no_safety_line(name, allowed):
    """Replies to the bot, keywords, places alone and plain requests: never a safety line (the
    third round's one, before the fourth pass: "I want to stop smoking", a check-in line)."""
    plain = [item["text"] for item in _read_blind(name)["non_crisis"] if not item["near_miss"]]
    assert len(plain) >= 150
    flagged = [text for text, u in zip(plain, _understood(plain), strict=True)
               if u.crisis or u.check_in]
    assert len(flagged) <= allowed, flagged


@pytest.mark.parametrize("floors", ROUNDS, ids=lambda f: f.needs_file)
def test_needs_on_the_blind_rounds(floors: Floors):
    items = _read_blind(floors.needs_file)["items"]
    read = _understood([item["text"] for item in items])
    right = sum(1 for u, item in zip(read, items, strict=True)
                if u.needs and u.needs[0] == item["needs"][0])
    assert right / len(items) >= floors.main_need


#: A second labeller, who saw only the texts, labelled the tenth round's needs messages: the two
#: agree on the main need for 497 of 504 (0.986), so the main-need shortfall is the reader's,
#: not the labels'. Where they agree the main need is right for 436/497 (0.877) after the tenth
#: pass (420/497 before it); 449/497 (0.903) after the eleventh; 455/497 (0.915) after the
#: twelfth; 454/497 (0.913) after the thirteenth (the round's 504 stay at 460: one message where
#: the labellers differ gained, one where they agree lost).
SECOND_LABELS = "blind_needs_round10_second_labels.yaml"
MIN_MAIN_WHERE_LABELLERS_AGREE = 0.913


def test_needs_where_two_labellers_agree():
    items = _read_blind("blind_needs_round10.yaml")["items"]
    second = _read_blind(SECOND_LABELS)["items"]
    assert [s["id"] for s in second] == list(range(1, len(items) + 1))
    agreed = [item for item, other in zip(items, second, strict=True)
              if item["needs"][:1] == other["needs"][:1]]
    assert len(agreed) >= 0.98 * len(items)
    read = _understood([item["text"] for item in agreed])
    right = sum(1 for u, item in zip(read, agreed, strict=True)
                if u.needs and u.needs[0] == item["needs"][0])
    assert right / len(agreed) >= MIN_MAIN_WHERE_LABELLERS_AGREE
