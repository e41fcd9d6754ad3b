"""`quotex evaluate`: gold reading, scoring definitions (hand-computed figures), CLI wiring.

Gold files under tests/data/eval/ are hand-made (texts written for these tests).
PolNeAR is only read from ../shared at run time, and those tests skip without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotex.attribution.cue_classes import classify_cue
from quotex.errors import Err, QuotexError
from quotex.evaluation import PredQuote, load_gold, parse_gold_lines, score, trim
from quotex.models import ExtractionResult, Quotation, TextSpan

DATA = Path(__file__).parent / "data" / "eval"
SMALL, HALF, MALFORMED = DATA / "small.jsonl", DATA / "half.jsonl", DATA / "malformed.jsonl"
POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear"


def perfect(docs):
    """Predictions equal to the gold, with the gold cue class."""
    return [
        [
            PredQuote(
                kind=q.type,
                content=q.content,
                cue=q.cue,
                speaker=q.speaker,
                cue_class=classify_cue(d.text[q.cue[0] : q.cue[1]] if q.cue else None),
            )
            for q in d.quotes
        ]
        for d in docs
    ]


def all_f1(ev) -> dict[str, float | None]:
    d = ev.to_dict()
    out = {f"exact.{r}": c["f1"] for r, c in d["roles"]["exact"].items()}
    out |= {f"overlap.{r}": c["f1"] for r, c in d["roles"]["overlap"].items()}
    for k in ("quotations", "attribution", "direct"):
        out |= {f"{k}.p": d[k]["p"], f"{k}.r": d[k]["r"], f"{k}.f1": d[k]["f1"]}
    out["speaker"] = d["speaker_accuracy"]["accuracy"]
    out["kind"] = d["kind_accuracy"]["accuracy"]
    return out


# ---------------------------------------------------------------- gold


def test_gold_reads_hand_made_file():
    docs = load_gold(SMALL)
    assert [d.id for d in docs] == ["small-1", "small-2"]
    q = docs[0].quotes[0]
    assert q.type == "direct" and len(q.content) == 2
    assert docs[0].text[slice(*q.speaker)] == "Mayor Ana Ruiz"
    assert docs[1].quotes[1].speaker is None
    assert load_gold(SMALL, limit=1)[0].id == "small-1"
    assert len(load_gold(SMALL, limit=1)) == 1


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"id": "x", "text": "Hi there.", "quotes": {}}', "'quotes' must be a list"),
        ('{"id": "x", "text": "", "quotes": []}', "'text'"),
        ('{"id": "x", "text": "Hi there.", "quotes": [{"type": "odd", "content_spans": [[0, 2]]}]}', "type"),
        ('{"id": "x", "text": "Hi there.", "quotes": [{"type": "direct", "content_spans": [[0, 99]]}]}', "outside"),
        ('{"id": "x", "text": "Hi there.", "quotes": [{"type": "direct", "content_spans": []}]}', "no content"),
        ('{"id": "x", "text": "Hi.", "quotes": [{"type": "direct", "content_spans": [["a", 2]]}]}', "integers"),
    ],
)
def test_gold_validation_errors(line, detail):
    with pytest.raises(QuotexError) as info:
        parse_gold_lines(['{"id": "ok", "text": "Fine.", "quotes": []}', line], path="g.jsonl")
    exc = info.value
    assert exc.err is Err.GOLD_INVALID and exc.exit_code == 6
    assert "g.jsonl line 2" in exc.message and detail in exc.message


def test_gold_duplicate_id_and_empty_file():
    with pytest.raises(QuotexError, match="duplicate document id"):
        parse_gold_lines(['{"id": "a", "text": "x", "quotes": []}'] * 2)
    with pytest.raises(QuotexError, match="no documents"):
        parse_gold_lines(["", "  "])


def test_gold_envelope_fallback_without_pieces():
    (doc,) = parse_gold_lines(
        [
            '{"id": "a", "text": "Ann said it rains.", "quotes": [{"type": "indirect", "content": [9, 17], '
            '"speaker": [0, 3], "cue": [4, 8]}]}'
        ]
    )
    assert doc.quotes[0].content == ((9, 17),) and doc.quotes[0].speaker == (0, 3)


# ---------------------------------------------------------------- trimming and lexicon


def test_trim():
    t = '  "We will not raise taxes,"  '
    assert t[slice(*trim(t, (0, len(t))))] == "We will not raise taxes"
    t = "said:"
    assert t[slice(*trim(t, (0, 5)))] == "said"
    t = " : "  # a cue that is only a colon keeps the colon
    assert t[slice(*trim(t, (0, 3)))] == ":"
    assert trim("   ", (0, 3)) is None
    t = "‘quoted’ words."
    assert t[slice(*trim(t, (0, len(t))))] == "quoted’ words"


@pytest.mark.parametrize(
    ("cue", "cls"),
    [
        ("said", "speech"),
        ("has told", "speech"),
        ("added:", "speech"),
        ("believes", "belief"),
        ("wants", "belief"),
        ("According to", "according_to"),
        (":", "punctuation"),
        ("―", "punctuation"),
        ("--", "punctuation"),
        (None, "none"),
    ],
)
def test_cue_lexicon(cue, cls):
    assert classify_cue(cue) == cls


# ---------------------------------------------------------------- scoring, hand-computed


def test_perfect_prediction_scores_one_everywhere():
    docs = load_gold(SMALL)
    ev = score(docs, perfect(docs))
    assert all(v == 1.0 for v in all_f1(ev).values()), all_f1(ev)
    d = ev.to_dict()
    # 6 quotations; 7 content pieces; speakers: 5 (one quote has none); cues: 6
    assert d["quotations"]["gold"] == 6
    assert d["roles"]["exact"]["content"]["gold"] == 7
    assert d["roles"]["exact"]["source"]["gold"] == 5
    assert d["roles"]["exact"]["cue"]["gold"] == 6
    assert d["direct"]["gold"] == 3  # two direct, one mixed
    for t, n in (("direct", 2), ("mixed", 1), ("indirect", 3)):
        assert d["by_type"][t]["quotations"]["gold"] == n and d["by_type"][t]["quotations"]["r"] == 1.0
    for c, n in (("speech", 3), ("belief", 1), ("according_to", 1), ("punctuation", 1)):
        assert d["by_cue_class"][c]["quotations"]["gold"] == n, c
        assert d["by_cue_class"][c]["attribution"]["p"] == 1.0
    assert ev.errors == []


def test_empty_prediction_scores_zero_recall():
    docs = load_gold(SMALL)
    ev = score(docs, [[] for _ in docs])
    d = ev.to_dict()
    for c in [
        *d["roles"]["exact"].values(),
        *d["roles"]["overlap"].values(),
        d["quotations"],
        d["attribution"],
        d["direct"],
    ]:
        assert c["r"] == 0.0 and c["f1"] == 0.0 and c["p"] is None
    assert d["speaker_accuracy"]["accuracy"] is None
    assert [e["error"] for e in ev.errors] == ["miss"] * 6


def test_quote_marks_and_trailing_punctuation_do_not_matter():
    docs = load_gold(SMALL)[:1]
    text = docs[0].text
    g = docs[0].quotes[0]
    (a0, a1), (b0, b1) = g.content
    # without the quote marks and the comma; the second fragment without its marks and period
    assert text[a0 + 1 : a1 - 2] == "We will not raise taxes"
    pred = PredQuote(
        kind="direct",
        content=((a0 + 1, a1 - 2), (b0 + 1, b1 - 2)),
        cue=g.cue,
        speaker=(g.speaker[0], g.speaker[1] + 1),  # a trailing space
        cue_class="speech",
    )
    ev = score(docs, [[pred]])
    d = ev.to_dict()
    assert d["roles"]["exact"]["content"]["hit_pred"] == 2
    assert d["roles"]["exact"]["source"]["hit_pred"] == 1
    assert d["roles"]["exact"]["cue"]["hit_pred"] == 1
    assert d["roles"]["exact"]["content"]["p"] == 1.0
    assert d["roles"]["exact"]["content"]["r"] == 2 / 4  # the other two quotations' content is missed


def test_half_overlap_hand_computed():
    # "Lee said the river is rising fast tonight."  gold content = "the river is rising fast tonight" (9, 41): 32 chars
    # prediction = "Lee said the river is rising" (0, 28): 28 chars, of which "the river is rising" (19) shared
    (doc,) = load_gold(HALF, limit=1)
    assert doc.quotes[0].content == ((9, 41),)
    pred = PredQuote(kind="indirect", content=((0, 28),), cue=(4, 8), speaker=(0, 3), cue_class="speech")
    d = score([doc], [[pred]]).to_dict()
    content = d["roles"]["overlap"]["content"]
    assert (content["hit_pred"], content["pred"], content["gold"]) == (19, 28, 32)
    assert content["p"] == pytest.approx(19 / 28)
    assert content["r"] == pytest.approx(19 / 32)
    assert content["f1"] == pytest.approx(38 / 60)
    assert d["roles"]["exact"]["content"]["f1"] == 0.0
    assert d["roles"]["exact"]["source"]["f1"] == 1.0 and d["roles"]["exact"]["cue"]["f1"] == 1.0
    # 19 >= half of min(28, 32): the quotations are linked, speaker right
    assert d["quotations"]["f1"] == 1.0 and d["attribution"]["f1"] == 1.0
    assert d["speaker_accuracy"]["accuracy"] == 1.0

    # shift the prediction so that it shares less than half of the shorter: no link
    far = PredQuote(kind="indirect", content=((0, 20),), cue=(4, 8), speaker=(0, 3))  # shares 11 of 20
    d = score([doc], [[far]]).to_dict()
    assert d["quotations"]["hit_gold"] == 1  # 11 >= 10
    far = PredQuote(kind="indirect", content=((0, 18),), cue=(4, 8), speaker=(0, 3))  # shares 9 of 18
    d = score([doc], [[far]]).to_dict()
    assert d["quotations"]["hit_gold"] == 1  # 9 >= 9
    far = PredQuote(kind="indirect", content=((0, 17),), cue=(4, 8), speaker=(0, 3))  # shares 8 of 17
    d = score([doc], [[far]]).to_dict()
    assert d["quotations"]["hit_gold"] == 0 and d["quotations"]["p"] == 0.0
    # partial overlap characters still count per role, one-to-one
    assert d["roles"]["overlap"]["content"]["hit_pred"] == 8


def test_direct_quote_80_percent_rule():
    # 'Kim said: "Rain is coming, so stay home tonight."'  trimmed gold = (11, 47), 36 chars
    doc = load_gold(HALF)[1]
    assert doc.text[11:47] == "Rain is coming, so stay home tonight"
    short = PredQuote(kind="direct", content=((11, 39),), speaker=(0, 3), cue=(4, 8))  # 28/36 = 77.8 %
    d = score([doc], [[short]]).to_dict()["direct"]
    assert (d["hit_gold"], d["hit_pred"], d["f1"]) == (0, 0, 0.0)
    longer = PredQuote(kind="direct", content=((16, 47),), speaker=(0, 3), cue=(4, 8))  # 31/36 = 86.1 %
    d = score([doc], [[longer]]).to_dict()["direct"]
    assert (d["hit_gold"], d["gold"], d["hit_pred"], d["pred"]) == (1, 1, 1, 1)
    # recall counts a prediction of any kind; precision only counts predicted direct/mixed
    as_indirect = PredQuote(kind="indirect", content=((16, 47),), speaker=(0, 3), cue=(4, 8))
    d = score([doc], [[as_indirect]]).to_dict()["direct"]
    assert (d["r"], d["p"], d["f1"]) == (1.0, None, 0.0)
    # two predictions over one gold quote: one-to-one, the second is a false positive
    d = score([doc], [[longer, longer]]).to_dict()["direct"]
    assert (d["hit_pred"], d["pred"], d["hit_gold"]) == (1, 2, 1)


def test_speakerless_gold_needs_speakerless_prediction():
    docs = load_gold(SMALL)
    g = docs[1].quotes[1]  # "It was announced that the plant will reopen." — no source
    assert g.speaker is None
    with_speaker = PredQuote(kind="indirect", content=g.content, cue=g.cue, speaker=(13, 34))
    d = score(docs[1:], [[with_speaker]]).to_dict()
    assert d["quotations"]["hit_gold"] == 1
    assert d["attribution"]["hit_gold"] == 0 and d["speaker_accuracy"]["accuracy"] == 0.0
    without = PredQuote(kind="indirect", content=g.content, cue=g.cue, speaker=None)
    d = score(docs[1:], [[without]]).to_dict()
    assert d["attribution"]["hit_gold"] == 1 and d["speaker_accuracy"]["accuracy"] == 1.0
    # a gold speaker with a speakerless prediction is wrong too
    g0 = docs[1].quotes[0]
    d = score(docs[1:], [[PredQuote(kind="mixed", content=g0.content, cue=g0.cue, speaker=None)]]).to_dict()
    assert d["quotations"]["hit_gold"] == 1 and d["attribution"]["hit_gold"] == 0


def test_linking_is_one_to_one_and_errors_are_listed():
    docs = load_gold(SMALL)[1:]
    text, g = docs[0].text, docs[0].quotes[0]
    # a speaker overlapping the gold one ("Union" in "Union leader Tom Berg") is right
    assert text[13:18] == "Union"
    part = PredQuote(kind="mixed", content=g.content, cue=g.cue, speaker=(13, 18), cue_class="speech")
    assert score(docs, [[part]]).to_dict()["attribution"]["hit_gold"] == 1
    # the "Berg" of the last line does not overlap it: wrong speaker
    b = text.index("Berg:")
    dup = PredQuote(kind="mixed", content=g.content, cue=g.cue, speaker=(b, b + 4), cue_class="speech")
    ev = score(docs, [[dup, dup]])
    d = ev.to_dict()
    assert (d["quotations"]["hit_pred"], d["quotations"]["pred"]) == (1, 2)
    kinds = sorted(e["error"] for e in ev.errors)
    assert kinds == ["false_positive", "miss", "miss", "wrong_speaker"]
    wrong = next(e for e in ev.errors if e["error"] == "wrong_speaker")
    assert wrong["doc"] == "small-2" and wrong["pred"]["speaker"]["text"] == "Berg"
    assert wrong["gold"]["speaker"]["text"] == "Union leader Tom Berg"


def test_extraction_results_are_accepted_and_nested_ones_skipped():
    docs = load_gold(HALF, limit=1)
    text = docs[0].text

    def span(s, e):
        return TextSpan(text=text[s:e], start=s, end=e)

    def quote(qid, s, e, parent=None):
        return Quotation(
            id=qid,
            kind="indirect",
            content=span(s, e),
            fragments=[span(s, e)],
            cue=span(4, 8),
            cue_class="speech",
            speaker=span(0, 3),
            entity=None,
            confidence=0.9,
            method="test",
            parent=parent,
        )

    result = ExtractionResult(
        source="half-1", model="test", entities=[], quotations=[quote("q1", 9, 41), quote("q2", 13, 28, parent="q1")]
    )
    d = score(docs, [result]).to_dict()
    assert d["quotations"]["pred"] == 1 and d["quotations"]["f1"] == 1.0
    assert d["roles"]["exact"]["content"]["p"] == 1.0


def test_score_rejects_misaligned_predictions():
    with pytest.raises(ValueError):
        score(load_gold(SMALL), [[]])


# ---------------------------------------------------------------- CLI


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "quotex", "evaluate", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_malformed_gold_exits_6_with_one_line():
    proc = _run_cli(str(MALFORMED))
    assert proc.returncode == 6, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "E301" in lines[0] and "line 2" in lines[0]
    assert proc.stdout == ""


def test_cli_json_output_shape(tmp_path):
    errors = tmp_path / "errors.jsonl"
    proc = _run_cli(str(SMALL), "--json", "--errors", str(errors), "--limit", "2")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["documents"] == 2 and out["gold_quotations"] == 6 and out["gold"] == str(SMALL)
    assert set(out["roles"]) == {"exact", "overlap"}
    for kind in ("exact", "overlap"):
        assert set(out["roles"][kind]) == {"source", "cue", "content"}
    for key in ("quotations", "attribution", "direct"):
        assert {"p", "r", "f1", "pred", "gold"} <= set(out[key])
    assert "accuracy" in out["speaker_accuracy"]
    assert set(out["by_type"]) >= {"direct", "mixed", "indirect"}
    assert set(out["by_cue_class"]) >= {"speech", "belief", "according_to", "punctuation", "none"}
    assert isinstance(out["seconds"], float) and out["model"]
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert all(r["error"] in {"miss", "false_positive", "wrong_speaker"} and r["doc"] for r in records)
    assert sum(r["error"] == "miss" for r in records) == out["quotations"]["gold"] - out["quotations"]["hit_gold"]


def test_cli_format_and_output_like_every_parsing_command(tmp_path):
    """`-f json -o FILE` writes what `--json` prints; `-o FILE` alone writes the tables there."""
    as_flag = _run_cli(str(SMALL), "--json", "--limit", "2")
    proc = _run_cli(str(SMALL), "-f", "json", "-o", str(tmp_path / "scores.json"), "--limit", "2")
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    flag, written = json.loads(as_flag.stdout), json.loads((tmp_path / "scores.json").read_text())
    flag.pop("seconds"), written.pop("seconds")
    assert written == flag
    proc = _run_cli(str(SMALL), "-o", str(tmp_path / "scores.txt"), "--limit", "2")
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    assert "attribution" in (tmp_path / "scores.txt").read_text()
    assert _run_cli(str(SMALL), "-f", "jsonl").returncode == 2  # a format evaluate cannot write


# ---------------------------------------------------------------- PolNeAR (skips without ../shared)


@pytest.mark.polnear
def test_polnear_dev_reads_and_self_scores_perfectly():
    dev = POLNEAR / "dev.jsonl"
    if not dev.is_file():
        pytest.skip("PolNeAR not available at ../shared/datasets/polnear")
    docs = load_gold(dev)
    assert len(docs) == 84
    assert sum(len(d.quotes) for d in docs) == 2192
    ev = score(docs, perfect(docs))
    assert all(v == 1.0 for v in all_f1(ev).values())
