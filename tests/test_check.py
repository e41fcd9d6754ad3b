"""`quotex check`: unit tests on hand-built ExtractionResults, end-to-end tests on real text, CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotex.check import DEFAULT_THRESHOLD, Checker, check_claims, check_quote, parse_claims
from quotex.check.normalise import normalise
from quotex.check.speakers import speaker_matches
from quotex.errors import EXIT_INPUT, EXIT_OK, EXIT_UNSUPPORTED, Err, QuotexError
from quotex.models import CheckResult, Claim, Entity, ExtractionResult, Quotation, TextSpan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAVROV = SHARED / "articles" / "lavrov-summit.txt"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


# --------------------------------------------------------------------------- building results by hand


def span(text: str, sub: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return TextSpan(text=sub, start=start, end=start + len(sub))


def quotation(text, qid, kind, fragments, cue=None, speaker=None, entity=None, confidence=0.9, method="test:hand"):
    frags = [span(text, f) if isinstance(f, str) else f for f in fragments]
    content = TextSpan(text=text[frags[0].start : frags[-1].end], start=frags[0].start, end=frags[-1].end)
    return Quotation(
        id=qid,
        kind=kind,
        content=content,
        fragments=frags,
        cue=span(text, cue) if isinstance(cue, str) else cue,
        cue_class="speech" if cue else "none",
        speaker=span(text, speaker) if isinstance(speaker, str) else speaker,
        entity=entity,
        confidence=confidence,
        method=method,
    )


def entity(text, eid, name, mentions, titles=(), kind="person"):
    return Entity(
        id=eid,
        name=name,
        kind=kind,
        titles=list(titles),
        mentions=[span(text, m) if isinstance(m, str) else m for m in mentions],
    )


# A short article with one of everything: a split direct quote, indirect speech, a mixed quotation,
# a direct quote with no known speaker, and narrative text.
SHORT = (
    "Mayor Jane Smith said the budget was “a disaster for every family in this city.”\n"
    "“We will not raise taxes,” Smith told reporters, “and we will protect the libraries.”\n"
    "Her rival, councillor John O’Neill, said that the council’s reserves were almost empty.\n"
    "O’Neill called the plan “a reckless gamble with public money” on Tuesday.\n"
    "“Nobody reads the small print,” one sign at the protest read.\n"
    "The vote is scheduled for next week.\n"
)


def short_result() -> ExtractionResult:
    t = SHORT
    jane = entity(t, "e1", "Jane Smith", ["Jane Smith", "Smith", "Her"], titles=["Mayor"])
    john = entity(t, "e2", "John O’Neill", ["John O’Neill", "O’Neill"], titles=["councillor"])
    quotes = [
        quotation(
            t, "q1", "mixed", ["the budget was “a disaster for every family in this city.”"], "said", "Jane Smith", "e1"
        ),
        quotation(
            t,
            "q2",
            "direct",
            ["We will not raise taxes,", "and we will protect the libraries."],
            "told",
            span(t, "Smith", 1),
            "e1",
        ),
        quotation(t, "q3", "indirect", ["the council’s reserves were almost empty"], "said", "John O’Neill", "e2"),
        quotation(
            t, "q4", "mixed", ["the plan “a reckless gamble with public money”"], "called", span(t, "O’Neill", 1), "e2"
        ),
        quotation(t, "q5", "direct", ["Nobody reads the small print,"], "read", None, None, confidence=0.4),
    ]
    return ExtractionResult(source="short", model="hand", quotations=quotes, entities=[jane, john])


@pytest.fixture(scope="module")
def short():
    return Checker(short_result(), SHORT)


UNIT_CASES = [
    # quote, speaker, verdict, expected passage (None: don't care)
    ("We will not raise taxes", "Jane Smith", "supported", "We will not raise taxes"),
    ("we will not raise taxes", "Smith", "supported", "We will not raise taxes"),  # case
    ("We will protect the libraries", "Mayor", "supported", "we will protect the libraries"),  # title; small change
    ("We will not raise taxes, and we will protect the libraries", "Smith", "supported", None),  # across the cue
    ("We will not raise taxes … we will protect the libraries", "Smith", "supported", None),  # ellipsis
    (
        '"a disaster for every family in this city"',
        "Jane Smith",
        "supported",
        "a disaster for every family in this city",
    ),
    ("a disaster for every family in the city", "Smith", "supported", None),  # a changed word
    ("We will not raise taxes", "O'Neill", "misattributed", "We will not raise taxes"),
    ("a reckless gamble with public money", "Jane Smith", "misattributed", None),  # straight apostrophe in name
    ("a reckless gamble with public money", "John O'Neill", "supported", None),
    ("the council's reserves were almost empty", "O’Neill", "paraphrase", "the council’s reserves were almost empty"),
    ("the council's reserves were almost empty", "Smith", "paraphrase", None),
    ("the budget was", "Smith", "paraphrase", None),  # unquoted part of a mixed quotation
    ("Nobody reads the small print", "Smith", "unattributed", "Nobody reads the small print"),
    ("The vote is scheduled for next week", "Smith", "unattributed", "The vote is scheduled for next week"),
    ("We will cut every library in the city tomorrow", "Smith", "not-found", None),
    ("Taxes will rise sharply next year", None, "not-found", None),
]


@pytest.mark.parametrize(("quote", "speaker", "verdict", "passage"), UNIT_CASES)
def test_unit_verdicts(short, quote, speaker, verdict, passage):
    r = short.check(Claim(quote=quote, speaker=speaker))
    assert r.verdict == verdict, r.message
    if verdict != "not-found":
        assert r.passage is not None
        assert SHORT[r.passage.start : r.passage.end] == r.passage.text
        assert r.score >= DEFAULT_THRESHOLD
    else:
        assert r.score < DEFAULT_THRESHOLD
    if passage is not None:
        assert r.passage.text == passage


def test_unit_supported_details(short):
    r = short.check(Claim(quote="We will not raise taxes", speaker="Smith"))
    assert (r.quotation, r.kind, r.attributed_to, r.entity) == ("q2", "direct", "Jane Smith", "e1")
    assert r.cue.text == "told" and r.confidence == 0.9 and r.method == "test:hand"
    assert r.speaker_matches is True and r.match == "exact" and r.score == 100


def test_unit_misattributed_names_the_speaker(short):
    r = short.check(Claim(quote="We will not raise taxes", speaker="John O'Neill"))
    assert r.verdict == "misattributed" and r.attributed_to == "Jane Smith" and r.speaker_matches is False
    assert "Jane Smith" in r.message


def test_unit_near_verbatim_scores_below_100(short):
    r = short.check(Claim(quote="a disaster for every family in the city", speaker="Smith"))
    assert r.match == "near" and DEFAULT_THRESHOLD <= r.score < 100


def test_unit_no_speaker_claimed(short):
    r = short.check(Claim(quote="We will not raise taxes"))
    assert r.verdict == "supported" and r.attributed_to == "Jane Smith" and r.speaker_matches is None


def test_unit_threshold_is_respected():
    result = short_result()
    loose = check_quote(result, SHORT, "a disaster for each family in the town", "Smith", threshold=70)
    strict = check_quote(result, SHORT, "a disaster for each family in the town", "Smith", threshold=99)
    assert loose.verdict == "supported"
    assert strict.verdict == "not-found"


def test_unit_duplicate_passage_prefers_the_attributed_occurrence():
    text = "Nobody expected this.\n“Nobody expected this,” said Ann Lee.\n"
    ann = entity(text, "e1", "Ann Lee", ["Ann Lee"])
    q = quotation(text, "q1", "direct", ["Nobody expected this,"], "said", "Ann Lee", "e1")
    result = ExtractionResult(source="dup", model="hand", quotations=[q], entities=[ann])
    r = check_quote(result, text, "Nobody expected this", "Lee")
    assert r.verdict == "supported" and r.passage.start == text.index("“") + 1


def test_unit_loose_paraphrase_needs_the_same_speaker():
    text = "Lavrov said that the best option for a guarantee would be based on the talks held in 2022.\n"
    lav = entity(text, "e1", "Sergey Lavrov", ["Lavrov"])
    q = quotation(
        text,
        "q1",
        "indirect",
        ["the best option for a guarantee would be based on the talks held in 2022"],
        "said",
        "Lavrov",
        "e1",
    )
    result = ExtractionResult(source="p", model="hand", quotations=[q], entities=[lav])
    r = check_quote(result, text, "the best option would be the 2022 talks", "Lavrov")
    assert r.verdict == "paraphrase" and r.match == "loose" and r.quotation == "q1"
    assert check_quote(result, text, "the best option would be the 2022 talks", "Trump").verdict == "not-found"


def test_unit_empty_result_gives_unattributed_or_not_found():
    result = ExtractionResult(source="x", model="hand", quotations=[], entities=[])
    assert check_quote(result, SHORT, "The vote is scheduled", "Smith").verdict == "unattributed"
    assert check_quote(result, SHORT, "Completely different words here", "Smith").verdict == "not-found"


def test_unit_offsets_map_back_across_line_breaks_and_marks():
    text = "He said: “Twenty-four\nhours… that’s all.”"
    r = check_quote(
        ExtractionResult(source="x", model="m", quotations=[], entities=[]), text, "twenty four hours, that's all"
    )
    assert r.passage.text == "Twenty-four\nhours… that’s all"
    assert text[r.passage.start : r.passage.end] == r.passage.text


def test_normalise_keeps_offsets():
    text = "Straße “Café”—it’s\tFINE"
    norm, idx = normalise(text)
    assert norm == "strasse cafe its fine"
    assert len(idx) == len(norm)
    assert text[idx[norm.index("cafe")]] == "C"


def test_word_lists_of_check_are_there_for_every_rule_language():
    from quotex.assets import rule_languages, word_list

    for lang in rule_languages():
        for name in ("check_pronouns", "check_name_fillers", "check_stopwords"):
            assert word_list(lang, name), f"models/{lang}/{name}.txt is empty"


@pytest.mark.parametrize(
    ("claimed", "ok"),
    [
        ("Lavrov", True),
        ("Sergey Lavrov", True),
        ("Sergei Lavrov", True),  # transliteration
        ("Foreign Minister Sergey Lavrov", True),
        ("Russia's Foreign Minister", True),  # a title, straight apostrophe
        ("foreign minister", True),
        ("Trump", False),
        ("Vladimir Putin", False),
        ("he", False),
        ("Minister of Culture", False),
    ],
)
def test_speaker_matches(claimed, ok):
    text = "Russia’s Foreign Minister, Sergey Lavrov said … Lavrov added … he said"
    e = entity(text, "e1", "Sergey Lavrov", ["Sergey Lavrov", "Lavrov", "he"], titles=["Russia’s Foreign Minister"])
    assert speaker_matches(claimed, e) is ok


def test_speaker_title_possessor_is_not_the_speaker():
    text = "Whitlock’s budget director, Tom Kellogg"
    e = entity(text, "e1", "Tom Kellogg", ["Tom Kellogg"], titles=["Whitlock’s budget director"])
    assert not speaker_matches("Whitlock", e)
    assert speaker_matches("budget director", e) and speaker_matches("Whitlock's budget director", e)


def test_parse_claims_ok_and_errors():
    claims = parse_claims('{"quote": "a", "speaker": "B"}\n\n{"quote": "c", "id": 7}\n', "c.jsonl")
    assert claims == [Claim(quote="a", speaker="B"), Claim(quote="c", id="7")]
    for bad, line in [
        ('{"quote": "a"}\nnot json', 2),
        ('["a"]', 1),
        ('{"speaker": "B"}', 1),
        ('{"quote": ""}', 1),
        ('{"quote": "…"}', 1),
        ('{"quote": "a", "speaker": 3}', 1),
        ("", 1),
    ]:
        with pytest.raises(QuotexError) as info:
            parse_claims(bad, "c.jsonl")
        assert info.value.code == "E302" and f"line {line}" in info.value.message


# --------------------------------------------------------------------------- end to end: the Lavrov article

# What the finished extractor must deliver on this article (see the brief): the quote starting
# “Our President has repeatedly said…” is Sergey Lavrov's, direct; “I just want to see what happens
# at the meeting…” is Donald Trump's, direct; “Lavrov said that the best option…” is Lavrov's indirect
# speech; the headline has no attribution.
LAVROV_CASES = [
    ("our-president-verbatim", "Our President has repeatedly said that he is ready to meet", "Lavrov", "supported"),
    (
        "our-president-fullname",
        "Our President has repeatedly said that he is ready to meet",
        "Sergey Lavrov",
        "supported",
    ),
    (
        "our-president-title",
        "Our President has repeatedly said that he is ready to meet",
        "Russia's Foreign Minister",
        "supported",
    ),
    (
        "our-president-changed-word",
        "Our President has often said that he is ready to meet, including with Mr. Zelenskyy",
        "Lavrov",
        "supported",
    ),
    (
        "legitimacy-ellipsis",
        "when and if … it comes to signing future agreements, the issue of the legitimacy of the person who signs "
        "these agreements from the Ukrainian side will be resolved",
        "Lavrov",
        "supported",
    ),
    (
        "across-paragraphs",
        "experts and ministers will prepare appropriate recommendations. And, of course, with the understanding",
        "Lavrov",
        "supported",
    ),
    (
        "our-president-wrong-speaker",
        "Our President has repeatedly said that he is ready to meet",
        "Donald Trump",
        "misattributed",
    ),
    ("trump-verbatim", "I just want to see what happens at the meeting.", "Trump", "supported"),
    (
        "trump-straight-quotes",
        "So they're in the process of setting it up and we're going to see what happens",
        "Donald Trump",
        "supported",
    ),
    ("trump-as-lavrov", "I just want to see what happens at the meeting", "Lavrov", "misattributed"),
    ("trump-as-putin", "So they're in the process of setting it up", "Vladimir Putin", "misattributed"),
    (
        "best-option-indirect",
        "the best option for a security guarantee for Ukraine would be based on discussions that took place "
        "between Moscow and Kyiv in 2022",
        "Lavrov",
        "paraphrase",
    ),
    ("best-option-issue-example", "the best option would be the 2022 talks", "Lavrov", "paraphrase"),
    ("headline", "Lavrov Undermines Plans To Provide Ukraine With Security Guarantees", "Lavrov", "unattributed"),
    ("headline-lowercase", "lavrov undermines plans to provide ukraine with security guarantees", None, "unattributed"),
    ("invented", "We will never negotiate with Kyiv under any circumstances", "Lavrov", "not-found"),
    ("invented-2", "The summit in Budapest was a total success for everyone", "Trump", "not-found"),
]


@pytest.fixture(scope="module")
def lavrov():
    if not LAVROV.is_file():
        pytest.skip(f"shared article not available: {LAVROV}")
    from quotex.api import extract

    text = LAVROV.read_text(encoding="utf-8")
    return text, Checker(extract(text, source=str(LAVROV)), text)


@pytest.mark.parametrize(
    ("quote", "speaker", "verdict"), [c[1:] for c in LAVROV_CASES], ids=[c[0] for c in LAVROV_CASES]
)
def test_lavrov_verdicts(lavrov, quote, speaker, verdict):
    text, checker = lavrov
    r = checker.check(Claim(quote=quote, speaker=speaker))
    assert r.verdict == verdict, f"{r.verdict}: {r.message}"
    if r.passage is not None:
        assert text[r.passage.start : r.passage.end] == r.passage.text


def test_lavrov_passage_offsets_are_exact(lavrov):
    text, checker = lavrov
    r = checker.check(Claim(quote="I just want to see what happens at the meeting", speaker="Trump"))
    assert r.passage.text == "I just want to see what happens at the meeting"
    assert r.passage.start == text.index("I just want")


# --------------------------------------------------------------------------- end to end: short texts

SHORT_E2E = [
    # text, quote, speaker, verdict
    (
        "“We will win this election,” said Maria Lopez, the party leader.\n",
        "we will win this election",
        "Maria Lopez",
        "supported",
    ),
    (
        "“We will win this election,” said Maria Lopez, the party leader.\n",
        "We will win this election",
        "Lopez",
        "supported",
    ),
    (
        "“We will win this election,” said Maria Lopez, the party leader.\n",
        "We will win this election",
        "Tom Reed",
        "misattributed",
    ),
    (
        "Tom Reed said that the economy was growing faster than expected.\n",
        "the economy was growing faster than expected",
        "Reed",
        "paraphrase",
    ),
    (
        "The economy grew by two percent last year.\n",
        "The economy grew by two percent last year",
        "Reed",
        "unattributed",
    ),
    ("The economy grew by two percent last year.\n", "Unemployment fell to a record low", "Reed", "not-found"),
]


@pytest.mark.parametrize(("text", "quote", "speaker", "verdict"), SHORT_E2E)
def test_short_texts_end_to_end(text, quote, speaker, verdict):
    from quotex.api import extract

    r = check_claims(extract(text, source="short"), text, [Claim(quote=quote, speaker=speaker)])[0]
    assert r.verdict == verdict, f"{r.verdict}: {r.message}"


MARLOW = SAMPLES / "marlow-bay-budget.txt"
MARLOW_CASES = [
    ("Next year never comes", "Ana Ruiz", "supported"),
    ("Every spring the parks lose out and every spring we're told to wait", "Ruiz", "supported"),
    ("There is no more money. Anyone who tells you otherwise is selling something", "Dana Whitlock", "supported"),
    ('"Every figure in this document has been checked twice by outside auditors"', "Tom Kellogg", "supported"),
    ("Every figure in this document has been checked twice by outside auditors", "Whitlock", "misattributed"),
    ("the city could afford the stadium at all", "Ana Ruiz", "paraphrase"),
    ("Marlow Bay Council Delays Stadium Vote", "Whitlock", "unattributed"),
    ("The stadium will be cancelled next month", "Whitlock", "not-found"),
]


@pytest.fixture(scope="module")
def marlow():
    if not MARLOW.is_file():
        pytest.skip(f"sample not available: {MARLOW}")
    from quotex.api import extract

    text = MARLOW.read_text(encoding="utf-8")
    return Checker(extract(text, source=str(MARLOW)), text)


@pytest.mark.parametrize(("quote", "speaker", "verdict"), MARLOW_CASES)
def test_sample_marlow_verdicts(marlow, quote, speaker, verdict):
    r = marlow.check(Claim(quote=quote, speaker=speaker))
    assert r.verdict == verdict, f"{r.verdict}: {r.message}"


# --------------------------------------------------------------------------- CLI (deterministic: extraction stubbed)

runner = CliRunner()


@pytest.fixture
def stub_extract(monkeypatch, tmp_path):
    import quotex.api

    monkeypatch.setattr(quotex.api, "extract", lambda text, source="<text>", model=None: short_result())
    article = tmp_path / "short.txt"
    article.write_text(SHORT, encoding="utf-8")
    return article


def _app():
    from quotex.cli import app

    return app


def test_cli_quote_supported_exit_0(stub_extract):
    res = runner.invoke(
        _app(), ["check", str(stub_extract), "--quote", "We will not raise taxes", "--speaker", "Smith"]
    )
    assert res.exit_code == EXIT_OK, res.output
    out = CheckResult.model_validate_json(res.stdout.strip())
    assert out.verdict == "supported" and out.passage.text == "We will not raise taxes"


def test_cli_quote_misattributed_exit_1(stub_extract):
    res = runner.invoke(_app(), ["check", str(stub_extract), "-q", "We will not raise taxes", "-s", "O'Neill"])
    assert res.exit_code == EXIT_UNSUPPORTED
    assert json.loads(res.stdout)["verdict"] == "misattributed"


def test_cli_claims_file_one_verdict_a_line(stub_extract, tmp_path):
    claims = tmp_path / "claims.jsonl"
    rows = [
        {"quote": "We will not raise taxes", "speaker": "Smith"},
        {"quote": "a reckless gamble with public money", "speaker": "O’Neill"},
    ]
    claims.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = runner.invoke(_app(), ["check", str(stub_extract), "--claims", str(claims)])
    assert res.exit_code == EXIT_OK, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["verdict"] for x in lines] == ["supported", "supported"]

    rows.append({"quote": "The vote is scheduled for next week", "speaker": "Smith"})
    claims.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = runner.invoke(_app(), ["check", str(stub_extract), "--claims", str(claims)])
    assert res.exit_code == EXIT_UNSUPPORTED
    assert [json.loads(x)["verdict"] for x in res.stdout.splitlines()] == ["supported", "supported", "unattributed"]


def test_cli_bad_claims_file_E302(stub_extract, tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"quote": "ok", "speaker": "Smith"}\n{"quote": 3}\n', encoding="utf-8")
    res = runner.invoke(_app(), ["check", str(stub_extract), "--claims", str(claims)])
    assert res.exit_code == Err.CLAIMS_INVALID.exit_code == EXIT_INPUT
    assert res.stdout == ""
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and "E302" in err[0] and "line 2" in err[0]


def test_cli_usage_errors(stub_extract, tmp_path):
    res = runner.invoke(_app(), ["check", str(stub_extract)])
    assert res.exit_code == Err.BAD_OPTION.exit_code and "E401" in res.stderr
    res = runner.invoke(_app(), ["check", str(tmp_path / "missing.txt"), "-q", "x"])
    assert res.exit_code == EXIT_INPUT and "E101" in res.stderr


def test_cli_table_format(stub_extract):
    res = runner.invoke(
        _app(), ["check", str(stub_extract), "-q", "We will not raise taxes", "-s", "Smith", "--format", "table"]
    )
    assert res.exit_code == EXIT_OK and "supported" in res.stdout


def test_cli_real_extractor_subprocess(tmp_path):
    """The installed `quotex check` runs end to end (the verdict itself depends on the extractor)."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("The vote is scheduled for next week.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "quotex", "check", str(article), "-q", "the vote is scheduled", "-s", "Smith"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == EXIT_UNSUPPORTED, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "unattributed"


# --------------------------------------------------------------------------- the Lavrov table on a hand-built result


def lavrov_hand_result(text: str) -> ExtractionResult:
    """What the finished extractor must deliver on the Lavrov article (the quotations the brief names, and more)."""
    p1 = text.index("Our President has repeatedly")
    p1_end = text.index("will be resolved.") + len("will be resolved.")
    lav = entity(
        text,
        "e1",
        "Sergey Lavrov",
        ["Sergey Lavrov", "Lavrov", span(text, "Sergey Lavrov", 1)],
        titles=["Russia’s Foreign Minister"],
    )
    trump = entity(text, "e2", "Donald Trump", ["Donald Trump", "Trump"], titles=["US President"])
    putin = entity(text, "e3", "Vladimir Putin", ["Vladimir Putin", "Putin"], titles=["Russian President"])
    quotes = [
        quotation(
            text,
            "q1",
            "mixed",
            [text[text.index("a bilateral meeting") : text.index("prepared.”") + 10]],
            "saying",
            "Sergey Lavrov",
            "e1",
        ),
        quotation(
            text,
            "q2",
            "direct",
            [TextSpan(text=text[p1:p1_end], start=p1, end=p1_end)],
            None,
            span(text, "Sergey Lavrov", 1),
            "e1",
        ),
        quotation(
            text,
            "q3",
            "direct",
            [
                "I just want to see what happens at the meeting. So they’re in the process of "
                "setting it up and we’re going to see what happens."
            ],
            None,
            span(text, "Donald Trump", 2),
            "e2",
        ),
        quotation(
            text,
            "q4",
            "indirect",
            [
                "the best option for a security guarantee for Ukraine would be based on "
                "discussions that took place between Moscow and Kyiv in 2022"
            ],
            "said",
            TextSpan(text="Lavrov", start=text.index("Lavrov said that"), end=text.index("Lavrov said that") + 6),
            "e1",
        ),
    ]
    return ExtractionResult(source="lavrov", model="hand", quotations=quotes, entities=[lav, trump, putin])


@pytest.mark.parametrize(
    ("quote", "speaker", "verdict"), [c[1:] for c in LAVROV_CASES], ids=[c[0] for c in LAVROV_CASES]
)
def test_lavrov_verdicts_on_hand_built_result(quote, speaker, verdict):
    if not LAVROV.is_file():
        pytest.skip(f"shared article not available: {LAVROV}")
    text = LAVROV.read_text(encoding="utf-8")
    r = Checker(lavrov_hand_result(text), text).check(Claim(quote=quote, speaker=speaker))
    assert r.verdict == verdict, f"{r.verdict}: {r.message}"
    assert r.passage is None or text[r.passage.start : r.passage.end] == r.passage.text
