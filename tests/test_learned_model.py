"""The learned attribution model: `quotex train` end to end, the shipped weights, --rules-only."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotex.cli import app

# Short texts written for these tests. [S ...] source, [C ...] cue, [Q ...] content.
TINY = [
    "[S The mayor] [C said] [Q the bridge will open in May].\n\nTraffic was light on Monday.",
    "[S Critics] [C fear] [Q the cost will double].\n\n[S The council] [C expects] [Q a vote next week].",
    "[Q Taxes will rise], [S the minister] [C warned] on Friday.\n\nThe market closed early.",
    "[S Ms Okafor] [C told] reporters [Q she would run again].\n\n[S Union leaders] [C endorsed] [Q the plan].",
    "The weather was calm.\n\n[C According to] [S the auditor], [Q the budget is short by a third].",
]


def gold_line(doc_id: str, marked: str) -> dict:
    """Turn the bracket markup into a PolNeAR-format record with exact offsets."""
    text, quotes, stack = "", {}, []
    i = 0
    while i < len(marked):
        if marked[i] == "[" and marked[i + 1] in "SCQ" and marked[i + 2] == " ":
            stack.append((marked[i + 1], len(text)))
            i += 3
        elif marked[i] == "]":
            role, start = stack.pop()
            quotes.setdefault(role, []).append([start, len(text)])
            i += 1
        else:
            text += marked[i]
            i += 1
    # one attribution per cue, in order; sources and contents paired by position
    records = []
    for k, cue in enumerate(quotes["C"]):
        records.append(
            {
                "type": "indirect",
                "cue": cue,
                "speaker": quotes["S"][k],
                "content": quotes["Q"][k],
                "content_spans": [quotes["Q"][k]],
            }
        )
    return {"id": doc_id, "text": text, "quotes": records}


def write_gold(path, docs) -> None:
    path.write_text("".join(json.dumps(gold_line(f"d{i}", d)) + "\n" for i, d in enumerate(docs)), encoding="utf-8")


def test_gold_markup_offsets_are_exact(tmp_path):
    rec = gold_line("x", TINY[0])
    q = rec["quotes"][0]
    assert rec["text"][slice(*q["speaker"])] == "The mayor"
    assert rec["text"][slice(*q["cue"])] == "said"
    assert rec["text"][slice(*q["content"])] == "the bridge will open in May"


def test_conversion_keeps_every_span(tmp_path):
    from quotex.training.polnear_docs import convert

    gold = tmp_path / "g.jsonl"
    write_gold(gold, TINY)
    stats = convert(gold, tmp_path / "g.spacy")
    assert stats.documents == len(TINY)
    assert stats.spans["CUE"] == 7 and stats.spans["SOURCE"] == 7 and stats.spans["CONTENT"] == 7
    assert not stats.unaligned and not stats.overlapping


def test_train_end_to_end_and_use_the_result(tmp_path):
    gold, dev, out = tmp_path / "train.jsonl", tmp_path / "dev.jsonl", tmp_path / "run"
    write_gold(gold, TINY)
    write_gold(dev, TINY[:2])
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "train",
            str(gold),
            "--dev",
            str(dev),
            "-o",
            str(out),
            "--seed",
            "3",
            "--max-steps",
            "4",
            "--eval-frequency",
            "2",
        ],
    )
    assert res.exit_code == 0, res.output
    exported = out / "attribution"
    assert (exported / "config.cfg").is_file() and (exported / "attrib").is_dir()
    assert "seed = 3" in (exported / "config.cfg").read_text()

    from quotex.api import extract

    text = "Officials said the road would close. The road is long."
    result = extract(text, model_dir=str(out))
    for q in result.quotations:
        for f in q.fragments:
            assert text[f.start : f.end] == f.text


def test_train_rejects_bad_gold(tmp_path):
    bad, dev = tmp_path / "bad.jsonl", tmp_path / "dev.jsonl"
    bad.write_text('{"id": "a", "text": "x", "quotes": [{"type": "nope"}]}\n', encoding="utf-8")
    write_gold(dev, TINY[:1])
    res = CliRunner().invoke(app, ["train", str(bad), "--dev", str(dev), "-o", str(tmp_path / "o")])
    assert res.exit_code == 6
    assert "E703" in res.output


def test_model_dir_missing_is_one_line_error(tmp_path):
    res = CliRunner().invoke(app, ["extract", "--model-dir", str(tmp_path / "nowhere"), "-"], input="He said so.")
    assert res.exit_code == 4
    assert "E701" in res.output


def test_rules_only_and_model_dir_exclude_each_other(tmp_path):
    res = CliRunner().invoke(app, ["extract", "--rules-only", "--model-dir", str(tmp_path), "-"], input="x")
    assert res.exit_code == 2


TEXT = (
    "His aides are convinced the poll numbers will improve.\r\n\r\n"
    "Polls show the senator ahead in\tthree states, and her rivals fear a landslide.\r\n\r\n"
    "The union endorsed the plan on Monday. “It is a good deal,” its leader said."
)


def test_shipped_model_loads_and_tags():
    from quotex.pipeline.loader import load_pipeline
    from quotex.textnorm import for_parsing

    nlp = load_pipeline(None, learned=True)
    assert nlp.pipe_names.index("quotex_model") < nlp.pipe_names.index("parser")
    doc = nlp(for_parsing(TEXT))
    labels = {s.label_ for s in doc.spans["quotex_model"]}
    assert {"CUE", "CONTENT"} <= labels
    # the host pipeline's own entities are untouched by the tagger
    rules = load_pipeline(None, learned=False)(for_parsing(TEXT))
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in rules.ents]
    assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in rules]
    assert [s.start for s in doc.sents] == [s.start for s in rules.sents] and len(list(doc.sents)) >= 4


def test_rules_only_is_exactly_the_rules(monkeypatch):
    """--rules-only == the full pipeline with the model's spans ignored."""
    import quotex.attribution.learned as learned
    from quotex.api import extract
    from quotex.pipeline.loader import _load_pipeline

    rules_only = extract(TEXT, rules_only=True)
    monkeypatch.setattr(learned, "model_spans", lambda doc: None)
    with_model_ignored = extract(TEXT, rules_only=False)
    assert rules_only.model_dump() == with_model_ignored.model_dump()
    assert not any(q.method.startswith("learned:") for q in rules_only.quotations)
    assert _load_pipeline.cache_info().currsize >= 2


def test_learned_attributions_keep_offsets_exact():
    from quotex.api import extract

    result = extract(TEXT)
    learned = [q for q in result.quotations if q.method.startswith("learned:")]
    assert learned, [q.method for q in result.quotations]
    for q in result.quotations:
        for span in [*q.fragments, q.cue, q.speaker, q.content]:
            if span is not None:
                assert TEXT[span.start : span.end] == span.text
                assert span.text.strip() == span.text


def test_help_lists_train_and_rules_only():
    res = CliRunner().invoke(app, ["extract", "--help"])
    assert "--rules-only" in res.output and "--model-dir" in res.output
    res = CliRunner().invoke(app, ["train", "--help"])
    assert res.exit_code == 0


@pytest.mark.parametrize("flag", [["--rules-only"], []])
def test_cli_extract_with_and_without_model(flag):
    res = CliRunner().invoke(app, ["extract", *flag, "-"], input=TEXT)
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    methods = {q["method"] for q in out["quotations"]}
    assert any(m.startswith("learned:") for m in methods) == (not flag)


def test_evaluate_rules_only_flag(tmp_path):
    gold = tmp_path / "g.jsonl"
    write_gold(gold, TINY)
    runs = {}
    for flag in ([], ["--rules-only"]):
        res = CliRunner().invoke(app, ["evaluate", str(gold), "--json", *flag])
        assert res.exit_code == 0, res.output
        runs[bool(flag)] = json.loads(res.stdout)
    assert runs[True]["gold_quotations"] == runs[False]["gold_quotations"] == 7


def test_train_with_a_broken_config_is_one_line_error(tmp_path):
    gold, cfg = tmp_path / "g.jsonl", tmp_path / "bad.cfg"
    write_gold(gold, TINY[:2])
    cfg.write_text('[nlp]\nlang = "en"\npipeline = ["nope"]\n', encoding="utf-8")
    res = CliRunner().invoke(
        app, ["train", str(gold), "--dev", str(gold), "-o", str(tmp_path / "o"), "--config", str(cfg)]
    )
    assert res.exit_code == 4
    assert "E704" in res.output


def tagged_doc(text: str, spans: list[tuple[str, str]]):
    """`text` parsed by the rules' pipeline, with the tagger's spans set by hand as (label, words)."""
    from quotex.attribution.learned import SPANS_KEY
    from quotex.pipeline.loader import load_pipeline

    nlp = load_pipeline(None, learned=False)
    with nlp.select_pipes(disable=["quotex"]):
        doc = nlp(text)
    tagged = []
    for label, words in spans:
        start = text.index(words)
        tagged.append(doc.char_span(start, start + len(words), label=label))
    doc.spans[SPANS_KEY] = tagged
    return doc, tagged


# A CONTENT the tagger marks with no tagged cue: the verb that governs it is the cue, its subject
# the speaker. The tagger's spans are set by hand here, so the rows test the combination alone.
@pytest.mark.parametrize(
    "text, content, expected",
    [
        (
            "Ana Ruiz reckons that the council will fold.",
            "that the council will fold",
            ("Ana Ruiz", "reckons", "that the council will fold"),
        ),
        (
            "Tom Kellogg grumbled about the parking fees.",
            "the parking fees",
            ("Tom Kellogg", "grumbled about", "the parking fees"),
        ),
        ("Dana Whitlock painted the fence on Sunday.", "the fence", None),  # an object: not taken
        ("It seems that the council will fold.", "that the council will fold", None),  # no speaker
        ("Did Ana Ruiz really reckon that the council would fold?", "that the council would fold", None),
    ],
    ids=["clause", "prepositional-object", "object-no", "no-speaker", "writers-question"],
)
def test_tagged_content_takes_the_verb_that_governs_it(text, content, expected):
    from quotex.attribution import find_attributions

    doc, _ = tagged_doc(text, [("CONTENT", content)])
    found = [
        (text[a.speaker[0] : a.speaker[1]], text[a.cue[0] : a.cue[1]], text[a.fragments[0][0] : a.fragments[-1][1]])
        for a in find_attributions(doc).attributions
        if a.method == "learned:tagger+parse-cue" and a.speaker and a.cue
    ]
    assert found == ([expected] if expected else [])


# A passive cue's subject is what is reported on, not who reports it (PolNeAR marks the `by`
# agent, or no source): a SOURCE the tagger puts there is not taken. Spans set by hand.
@pytest.mark.parametrize(
    "text, source, cue, content, expected_speaker",
    [
        ("Mara Quist was accused of hiding the funds.", "Mara Quist", "was accused of", "hiding the funds", None),
        (
            "Mara Quist accused Tom Kellogg of hiding the funds.",
            "Mara Quist",
            "accused",
            "Tom Kellogg of hiding the funds",
            "Mara Quist",
        ),
    ],
    ids=["passive-subject-no-source", "active-subject-is-source"],
)
def test_passive_cue_subject_is_no_source(text, source, cue, content, expected_speaker):
    from quotex.attribution.learned import model_attributions

    doc, spans = tagged_doc(text, [("SOURCE", source), ("CUE", cue), ("CONTENT", content)])
    (att,) = model_attributions(doc, spans)
    assert (text[att.speaker[0] : att.speaker[1]] if att.speaker else None) == expected_speaker


# One cue, two readings: where the tagger links a rule's cue to words the rule's content does not
# share, the tagger's reading replaces the rule's (on PolNeAR dev and train it is right more often);
# a reading that overlaps the rule's leaves the rule's, and a direct quotation's cue is never re-read.
# The tagger's spans are set by hand, so the rows test the combination alone.
@pytest.mark.parametrize(
    "text, spans, expected",
    [
        (
            "Tom Kellogg said after the vote that the budget was sound.",
            [("SOURCE", "Tom Kellogg"), ("CUE", "said"), ("CONTENT", "after the vote")],
            [("Tom Kellogg", "said", "after the vote")],
        ),
        (
            "Tom Kellogg said after the vote that the budget was sound.",
            [("SOURCE", "Tom Kellogg"), ("CUE", "said"), ("CONTENT", "the budget was sound")],
            [("Tom Kellogg", "said", "that the budget was sound")],
        ),
        (
            "“The budget is sound,” Tom Kellogg said after the vote.",
            [("SOURCE", "Tom Kellogg"), ("CUE", "said"), ("CONTENT", "after the vote")],
            [("Tom Kellogg", "said", "“The budget is sound,”")],
        ),
    ],
    ids=["other-words-replace", "same-words-keep-the-rule", "direct-never-re-read"],
)
def test_one_reading_per_cue(text, spans, expected):
    from quotex.attribution import find_attributions

    doc, _ = tagged_doc(text, spans)
    found = [
        (text[a.speaker[0] : a.speaker[1]], text[a.cue[0] : a.cue[1]], " | ".join(text[s:e] for s, e in a.fragments))
        for a in find_attributions(doc).attributions
        if a.speaker and a.cue
    ]
    assert found == expected
