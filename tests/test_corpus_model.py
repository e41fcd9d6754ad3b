"""The corpus fields of the JSON contract (`id`, `meta`, `text`): present in corpus shards,
absent from plain `quotex extract` output, and round-tripping through JSON."""

from __future__ import annotations

import json

from quotex.models import ErrorDetail, ErrorRecord, ExtractionResult


def _result(**corpus) -> ExtractionResult:
    return ExtractionResult(source="a.jsonl:3", model="en_x 1.0", quotations=[], entities=[], **corpus)


def test_corpus_fields_are_left_out_when_unset():
    plain = json.loads(_result().model_dump_json())
    assert not {"id", "meta", "text"} & plain.keys()
    err = json.loads(ErrorRecord(source="s", error=ErrorDetail(code="E101", message="m")).model_dump_json())
    assert not {"id", "meta"} & err.keys()


def test_corpus_fields_round_trip():
    result = _result(id="doc-7", meta={"date": "2024-05-01", "n": 3, "tags": ["a"]}, text="Hi.\r\n")
    line = result.model_dump_json()
    assert json.loads(line)["id"] == "doc-7"
    assert ExtractionResult.model_validate_json(line) == result
    err = ErrorRecord(source="a.jsonl:4", id="doc-8", meta={"url": "u"}, error=ErrorDetail(code="E121", message="m"))
    assert ErrorRecord.model_validate_json(err.model_dump_json()) == err
