"""The options commands share (`quotex/commands/options.py`): same names everywhere, each command's
`--format` limited to what it writes, and `serve` handing --rules-only to its workers."""

from __future__ import annotations

import pytest

from cli_startup import run_fresh

PARSING = ["extract", "positions", "check", "render", "evaluate", "serve"]


def test_every_parsing_command_has_the_model_options():
    outputs, modules = run_fresh(*[[command, "--help"] for command in PARSING])
    assert "spacy" not in modules
    for command, output in zip(PARSING, outputs):
        for option in ("--model", "-m", "--rules-only", "--model-dir"):
            assert option in output, (command, option)
        assert "Installed spaCy pipeline" in output, command


@pytest.mark.parametrize(
    "args",
    [
        ["positions", "x.txt", "-f", "parquet"],
        ["check", "x.txt", "-q", "a", "-f", "jsonl"],
        ["actors", "x.jsonl", "-f", "parquet"],
    ],
)
def test_a_format_a_command_cannot_write_is_a_usage_error(cli, args):
    result = cli(args)
    assert result.exit_code == 2 and "is not one of" in result.output


def test_serve_settings_carry_the_attribution_choice():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from quotex.server.app import create_app
    from quotex.server.settings import ServeSettings

    for learned in (False, True):
        with TestClient(create_app(ServeSettings(learned=learned))) as client:
            assert client.get("/readyz").status_code == 200
            assert ("quotex_model" in client.app.state.engine.nlp.pipe_names) is learned
