"""The adjective-cue learner on a tiny train file written for this test (no corpus text)."""

from __future__ import annotations

import json

from quotex.training.adjective_cues import count
from quotex.training.lexicon_tsv import arguments


def _quote(text: str, cue: str, content: str) -> dict:
    c, k = text.index(cue), text.index(content)
    return {"cue_spans": [[c, c + len(cue)]], "content_spans": [[k, k + len(content)]]}


def test_counts_adjectives_with_clause_or_preposition_and_person_subject(tmp_path):
    marked = "Ana Ruiz was sure that the council would approve the budget."
    unmarked = "Tom Kellogg was sure that the bridge would open."
    no_source = "It is sure that the vote will pass."
    attributive = "A sure bet is rare."
    critical = "The union was critical of the plan."
    docs = [
        {"text": marked, "quotes": [_quote(marked, "was sure", "that the council would approve the budget")]},
        {"text": unmarked, "quotes": []},
        {"text": no_source, "quotes": []},
        {"text": attributive, "quotes": []},
        {"text": critical, "quotes": [_quote(critical, "was critical of", "the plan")]},
    ]
    train = tmp_path / "tiny_train.jsonl"
    train.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    args = arguments("test").parse_args([str(train), str(tmp_path / "out.tsv")])
    as_cue, seen, pair_cue, pair_seen = count(args)
    # the `it` subject and the attributive use are not the rule's shape: only the two person subjects count
    assert (as_cue["sure"], seen["sure"]) == (1, 2)
    assert (pair_cue["critical", "of"], pair_seen["critical", "of"]) == (1, 1)
    assert "critical" not in seen
