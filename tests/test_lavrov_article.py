"""End to end on the real article the product was specified from (../shared, skipped where absent).

Every quotation in it must come out right: the two direct statements, the quoted fragments
inside reported speech, about twenty reported statements with their speakers, the nested
attribution to Putin, and nothing from the headline, the sub-heading or the READ ALSO line.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "articles" / "lavrov-summit.txt"

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/articles/lavrov-summit.txt is not here")


@pytest.fixture(scope="module")
def article():
    from quotex.api import extract

    text = ARTICLE.read_text(encoding="utf-8")
    return text, extract(text, source=str(ARTICLE))


def entity_name(result, quotation):
    ent = next((e for e in result.entities if e.id == quotation.entity), None)
    return ent.name if ent else None


def find(result, needle, top_level=True):
    hits = [q for q in result.quotations if needle in q.content.text and (q.parent is None or not top_level)]
    assert hits, f"no quotation contains {needle!r}"
    return hits[0]


def test_offsets_hold_on_the_exact_input(article):
    text, r = article
    for q in r.quotations:
        for span in [q.content, *q.fragments, q.cue, q.speaker]:
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_lavrovs_two_paragraph_statement_is_one_direct_quotation(article):
    _, r = article
    q = find(r, "Our President has repeatedly said")
    assert q.kind == "direct"
    assert q.content.text.startswith("“Our President")
    assert q.content.text.endswith("will be resolved.”")
    assert "\n“And, of course," in q.content.text
    assert entity_name(r, q) == "Sergey Lavrov"
    lavrov = next(e for e in r.entities if e.id == q.entity)
    assert lavrov.kind == "person"
    assert "Russia’s Foreign Minister" in lavrov.titles


def test_trumps_statement_is_a_direct_quotation(article):
    _, r = article
    q = find(r, "I just want to see what happens at the meeting")
    assert q.kind == "direct"
    assert q.content.text.endswith("going to see what happens.”")
    assert entity_name(r, q) == "Donald Trump"
    trump = next(e for e in r.entities if e.id == q.entity)
    assert trump.kind == "person" and "US President" in trump.titles


@pytest.mark.parametrize(
    "fragment, cue",
    [
        ("“if all issues requiring discussion are thoroughly prepared.”", "saying"),
        ("“foreign intervention,”", "stated"),
    ],
)
def test_quoted_fragments_in_reported_speech_are_lavrovs(article, fragment, cue):
    _, r = article
    q = find(r, fragment)
    assert q.kind == "mixed"
    assert q.cue is not None and q.cue.text == cue
    assert entity_name(r, q) == "Sergey Lavrov"


# (cue, a piece of the content, speaker entity, kind): every attributed statement in the article
STATEMENTS = [
    ("saying", "a bilateral meeting at the highest level", "Sergey Lavrov", "mixed"),
    ("further questioned", "whether Volodymyr Zelenskyy had the legitimacy", "Sergey Lavrov", "indirect"),
    ("has repeatedly raised doubts about", "legitimacy", "Vladimir Putin", "indirect"),
    ("says", "Zelenskyy remains the legitimate President", "Kyiv", "indirect"),
    ("say", "they are worried", "Russian officials", "indirect"),
    ("suggesting", "Russia is retreating from the understandings", "Sergey Lavrov", "indirect"),
    ("claimed", "Putin had accepted western security guarantees", "Donald Trump", "indirect"),
    ("announced", "he was starting to prepare a face-to-face meeting", "Donald Trump", "indirect"),
    ("wrote", "This meeting will take place", "Donald Trump", "indirect"),
    ("has told", "he intends to host a trilateral meeting", "Donald Trump", "indirect"),
    ("also said", "he thought it would be better", "Donald Trump", "indirect"),
    ("has acknowledged", "ending the war in Ukraine has been more difficult", "Donald Trump", "indirect"),
    ("warned", "Moscow must have an effective veto", "Sergey Lavrov", "indirect"),
    ("stated", "European proposals to deploy troops", "Sergey Lavrov", "mixed"),
    ("called", "absolutely unacceptable", "Sergey Lavrov", "indirect"),
    ("said", "the best option for a security guarantee", "Sergey Lavrov", "indirect"),
    (
        "said",
        "Any attempts to depart from the failed Istanbul discussions would be hopeless",
        "Sergey Lavrov",
        "indirect",
    ),
    ("accusing", "European leaders of trying to undermine progress", "Sergey Lavrov", "indirect"),
]


@pytest.mark.parametrize("cue, piece, speaker, kind", STATEMENTS, ids=[f"{s[0]}:{s[1][:24]}" for s in STATEMENTS])
def test_every_attributed_statement(article, cue, piece, speaker, kind):
    _, r = article
    hits = [q for q in r.quotations if q.cue is not None and q.cue.text == cue and piece in q.content.text]
    assert len(hits) == 1, [
        (q.cue.text if q.cue else None, q.content.text[:60]) for q in r.quotations if piece in q.content.text
    ]
    q = hits[0]
    assert entity_name(r, q) == speaker
    assert q.kind == kind


def test_lavrov_quoting_his_president_is_nested_and_resolved_to_putin(article):
    _, r = article
    outer = find(r, "Our President has repeatedly said")
    inner = [q for q in r.quotations if q.parent == outer.id and q.speaker and q.speaker.text == "Our President"]
    assert len(inner) == 1
    assert entity_name(r, inner[0]) == "Vladimir Putin"
    assert inner[0].content.text.startswith("that he is ready to meet")


def test_headline_subheading_and_read_also_yield_nothing(article):
    text, r = article
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append((pos, pos + len(line)))
        pos += len(line)
    # the file opens with its lede; its headlines are the sub-heading and the READ ALSO line's
    furniture = [
        next(o for o, line in zip(offsets, lines) if line.startswith("Lavrov Undermines Plans")),
        next(o for o, line in zip(offsets, lines) if line.startswith("READ ALSO")),
    ]
    for q in r.quotations:
        for span in [q.content, q.cue, q.speaker]:
            if span is not None:
                assert not any(s <= span.start < e for s, e in furniture), (q.id, span.text)


def test_no_source_passive_is_no_attribution(article):
    _, r = article
    assert not any("Ukraine was asked" in q.content.text or (q.cue and "asked" in q.cue.text) for q in r.quotations)


def test_positions_on_the_command_line(article):
    from quotex.cli import app

    result = CliRunner().invoke(app, ["positions", str(ARTICLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    held = {p["name"]: len(p["holds"]) for p in doc["positions"]}
    assert held["Sergey Lavrov"] >= 8
    assert held["Donald Trump"] >= 7
    about_putin = next(p for p in doc["positions"] if p["name"] == "Vladimir Putin")["reported_about"]
    assert any(item["speaker"] for item in about_putin)


def test_about_lists_the_entities_a_quotation_mentions(article):
    _, r = article
    q = find(r, "whether Volodymyr Zelenskyy had the legitimacy")
    names = {e.id: e.name for e in r.entities}
    assert "Volodymyr Zelenskyy" in {names[i] for i in q.about}
