"""The JSON contract: a snapshot of the schema, and real CLI output validated against it.

The snapshot makes every schema change visible in review. After an intended change to
`quotex.models`, refresh it with:

    QUOTEX_UPDATE_SNAPSHOTS=1 pytest tests/test_schema.py

and commit `tests/snapshots/schema.json` together with the model change (and bump
`SCHEMA_VERSION` if the change is not backwards compatible).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from quotex.models import ErrorRecord, ExtractionResult, check_json_schema, json_schema

SNAPSHOT = Path(__file__).parent / "snapshots" / "schema.json"
UPDATE = os.environ.get("QUOTEX_UPDATE_SNAPSHOTS") == "1"


def _dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_schema_matches_snapshot():
    current = _dump(json_schema())
    if UPDATE:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with QUOTEX_UPDATE_SNAPSHOTS=1"
    assert current == SNAPSHOT.read_text(encoding="utf-8"), (
        "the JSON schema changed; if intended, run QUOTEX_UPDATE_SNAPSHOTS=1 pytest tests/test_schema.py"
    )


CHECK_SNAPSHOT = Path(__file__).parent / "snapshots" / "check-schema.json"


def test_check_schema_matches_snapshot():
    current = _dump(check_json_schema())
    if UPDATE:
        CHECK_SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == CHECK_SNAPSHOT.read_text(encoding="utf-8"), (
        "the check verdict schema changed; if intended, run QUOTEX_UPDATE_SNAPSHOTS=1 pytest tests/test_schema.py"
    )


def test_schema_command_prints_the_schema(cli):
    result = cli(["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


TEXTS = {
    "lopez.txt": '"We will not back down," said Maria Lopez, the union\'s president.\n',
    "minister.txt": (
        "The minister said on Tuesday that the talks had failed.\r\n\r\n"
        '"It is over," he added. According to officials, costs rose by 12\u00a0%.\r\n'
    ),
}


def _validator(schema: dict):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_extract_output_validates_against_schema(cli, tmp_path, fmt):
    paths = []
    for name, text in TEXTS.items():
        p = tmp_path / name
        p.write_bytes(text.encode("utf-8"))
        paths.append(p)
    result = cli(["extract", *paths, "-f", fmt])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout) if fmt == "json" else [json.loads(x) for x in result.stdout.splitlines()]
    assert len(docs) == len(TEXTS)
    validator = _validator(json_schema())
    for doc in docs:
        validator.validate(doc)


def test_error_records_validate_against_their_schema(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXTS["lopez.txt"], encoding="utf-8")
    result = cli(["extract", good, tmp_path / "missing.txt"])
    ok, err = (json.loads(x) for x in result.stdout.splitlines())
    # error records are part of the schema `quotex schema` prints (issue 9) ...
    _validator(json_schema()).validate(ok)
    _validator(json_schema()).validate(err)
    assert err["error"]["code"] == "E101"
    # ... and the two shapes are told apart
    _validator(ErrorRecord.model_json_schema()).validate(err)
    with pytest.raises(jsonschema.ValidationError):
        _validator(ExtractionResult.model_json_schema()).validate(err)
    with pytest.raises(jsonschema.ValidationError):
        _validator(ErrorRecord.model_json_schema()).validate(ok)


def test_schema_names_its_dialect_and_covers_positions(cli, tmp_path):
    schema = json.loads(cli(["schema"]).stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    good = tmp_path / "good.txt"
    good.write_text(TEXTS["lopez.txt"], encoding="utf-8")
    result = cli(["positions", good, tmp_path / "missing.txt"])
    assert result.exit_code == 5
    docs = [json.loads(x) for x in result.stdout.splitlines()]
    positions_schema = json.loads(cli(["schema", "positions"]).stdout)
    assert positions_schema == json_schema("positions")
    for doc in docs:
        _validator(positions_schema).validate(doc)
    assert docs[0]["positions"] and docs[1]["error"]["code"] == "E101"
    with pytest.raises(jsonschema.ValidationError):  # a positions document is not an extract one
        _validator(json_schema()).validate(docs[0])
