"""The `quotex` command line: formats, exit codes, one-line errors, batches, offsets.

Runs in-process through Typer's CliRunner, so the real default spaCy pipeline is loaded
once for the whole session (the loader caches it). The extractor itself is still being
written: these tests check the CLI contract, never how many quotations are found.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_startup import run_fresh
from quotex.errors import EXIT_INPUT, EXIT_MODEL, EXIT_PARTIAL, EXIT_PIPE

QUOTE = '"We will not back down," said Maria Lopez, the union\'s president.\n'
OTHER = 'The minister said on Tuesday that the talks had failed. "It is over," he added.\n'


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _assert_one_line_error(result, code: str, exit_code: int) -> None:
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"quotex: error {code}: "), lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""  # no partial data for a failed single input


def _spans(doc: dict):
    """Every TextSpan in one extract document."""
    for q in doc["quotations"]:
        yield q["content"]
        yield from q["fragments"]
        for key in ("cue", "speaker"):
            if q[key]:
                yield q[key]
    for e in doc["entities"]:
        yield from e["mentions"]


# --- start-up -----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["positions", "--help"], ["--version"]])
def test_help_and_version_do_not_import_spacy(args):
    """Help must be instant: importing spaCy costs a second or more."""
    [output], modules = run_fresh(args)
    assert "spacy" not in modules, "spacy was imported"
    expected = "quotex " if "--version" in args else "usage"
    assert expected in output.lower()


def test_python_m_quotex_help_imports_no_spacy():
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quotex", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "spacy" not in imported and "extract" in proc.stdout


def test_version(cli):
    from quotex import __version__

    result = cli(["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"quotex {__version__}"


# --- bad input: one line on stderr, exit 3 ----------------------------------------------------


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("empty.txt", b"", "E103"),
        ("blank.txt", b"  \r\n\t \n", "E103"),
        ("nul.txt", b"text\x00with a NUL", "E104"),
        ("ctrl.txt", bytes(range(1, 9)) * 20, "E104"),
        ("latin1.txt", "Zoë said “non”.".encode("latin-1", errors="replace"), "E105"),
        ("utf16.txt", QUOTE.encode("utf-16"), "E105"),
    ],
)
def test_bad_single_file(cli, tmp_path, name, data, code):
    p = _write(tmp_path / name, data)
    _assert_one_line_error(cli(["extract", p]), code, EXIT_INPUT)


def test_missing_path(cli, tmp_path):
    _assert_one_line_error(cli(["extract", tmp_path / "nope.txt"]), "E101", EXIT_INPUT)


def test_glob_matching_nothing(cli, tmp_path):
    _assert_one_line_error(cli(["extract", str(tmp_path / "*.txt")]), "E101", EXIT_INPUT)


def test_directory_without_text_files(cli, tmp_path):
    _write(tmp_path / "d" / "data.json", "{}")
    _assert_one_line_error(cli(["extract", tmp_path / "d"]), "E102", EXIT_INPUT)


def test_unreadable_file(cli, tmp_path, monkeypatch):
    p = _write(tmp_path / "secret.txt", QUOTE)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # chmod 000 does not stop root; the module-level name shadows the builtin for inputs.py only
    monkeypatch.setattr("quotex.inputs.open", denied, raising=False)
    _assert_one_line_error(cli(["extract", p]), "E106", EXIT_INPUT)


def test_empty_stdin(cli):
    _assert_one_line_error(cli(["extract", "-"], input=b" \n"), "E103", EXIT_INPUT)


def test_output_file_untouched_when_single_input_fails(cli, tmp_path):
    out = _write(tmp_path / "out.json", "previous")
    _assert_one_line_error(cli(["extract", tmp_path / "nope.txt", "-o", out]), "E101", EXIT_INPUT)
    assert out.read_text() == "previous"


# --- model errors: exit 4 -----------------------------------------------------------------------


def test_model_not_installed(cli, tmp_path):
    p = _write(tmp_path / "a.txt", QUOTE)
    _assert_one_line_error(cli(["extract", p, "--model", "no_such_pipeline_xyz"]), "E201", EXIT_MODEL)


def test_model_without_parser(cli, tmp_path):
    p = _write(tmp_path / "a.txt", QUOTE)
    _assert_one_line_error(cli(["extract", p, "--model", "blank:en"]), "E202", EXIT_MODEL)


# --- formats ------------------------------------------------------------------------------------


def test_single_document_is_one_json_object(cli, tmp_path):
    p = _write(tmp_path / "a.txt", QUOTE)
    result = cli(["extract", p])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["source"] == str(p)
    assert doc["schema_version"] == "1.0" and isinstance(doc["quotations"], list)


def test_stdin(cli):
    result = cli(["extract", "-"], input=QUOTE.encode())
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"] == "<stdin>"
    for span in _spans(doc):
        assert QUOTE[span["start"] : span["end"]] == span["text"]


def test_several_documents_default_to_jsonl(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "sub" / "b.md", OTHER)
    result = cli(["extract", a, tmp_path / "sub"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    docs = [json.loads(line) for line in lines]  # each line is one JSON document
    assert [d["source"] for d in docs] == [str(a), str(b)]


def test_json_for_several_documents_is_an_array(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "b.txt", OTHER)
    result = cli(["extract", a, b, "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and [d["source"] for d in docs] == [str(a), str(b)]


def test_jsonl_for_one_document(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    result = cli(["extract", a, "-f", "jsonl"])
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["source"] == str(a)


def test_output_file(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    out = tmp_path / "out.json"
    result = cli(["extract", a, "-o", out])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"] == str(a)


def test_table_format(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    result = cli(["extract", a, "--format", "table"])
    assert result.exit_code == 0, result.output
    assert str(a.name) in result.stdout
    assert "Quotations" in result.stdout and "Maria Lopez" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


# --- batches: error records, exit 5 -------------------------------------------------------------


def test_batch_with_bad_files_keeps_going(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    bad = _write(tmp_path / "bad.txt", b"\x00\x01\x02")
    b = _write(tmp_path / "b.txt", OTHER)
    result = cli(["extract", a, bad, tmp_path / "missing.txt", b])
    assert result.exit_code == EXIT_PARTIAL, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in docs] == [str(a), str(bad), str(tmp_path / "missing.txt"), str(b)]
    assert docs[1]["error"]["code"] == "E104" and docs[2]["error"]["code"] == "E101"
    assert "quotations" in docs[0] and "quotations" in docs[3]
    (summary,) = result.stderr.strip().splitlines()
    assert summary.startswith("quotex: 2 of 4 inputs failed") and "E101" in summary and "E104" in summary
    assert "Traceback" not in result.output


def test_batch_errors_in_json_array_and_table(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    bad = _write(tmp_path / "bad.txt", b"caf\xe9")
    result = cli(["extract", a, bad, "-f", "json"])
    assert result.exit_code == EXIT_PARTIAL
    docs = json.loads(result.stdout)
    assert docs[1] == {"schema_version": "1.0", "source": str(bad), "error": docs[1]["error"]}
    assert docs[1]["error"]["code"] == "E105"
    result = cli(["extract", a, bad, "-f", "table"])
    assert result.exit_code == EXIT_PARTIAL
    assert "E105" in result.stdout and "Summary" in result.stdout


def test_batch_where_everything_fails(cli, tmp_path):
    result = cli(["extract", tmp_path / "x.txt", tmp_path / "y.txt"])
    assert result.exit_code == EXIT_PARTIAL
    assert [json.loads(line)["error"]["code"] for line in result.stdout.splitlines()] == ["E101", "E101"]


# --- positions ----------------------------------------------------------------------------------


def test_positions_json_jsonl_table(cli, tmp_path):
    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "b.txt", OTHER)
    result = cli(["positions", a])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"source", "positions"} and doc["source"] == str(a)
    result = cli(["positions", a, b, tmp_path / "missing.txt"])
    assert result.exit_code == EXIT_PARTIAL
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [sorted(d) for d in docs[:2]] == [["positions", "source"]] * 2
    assert docs[2]["error"]["code"] == "E101"
    result = cli(["positions", a, "-f", "table"])
    assert result.exit_code == 0 and a.name in result.stdout


# --- offsets on awkward input -------------------------------------------------------------------


AWKWARD = (
    "\ufeffParis,\tTuesday\u00a0— Talks stalled. 😀\r\n"
    "\r\n"
    '"We will not back down," said Maria Lopez, the union\'s president.\r\n'
    '"Nous ne céderons pas," said Zoe\u0301 Martin, the café\u2019s owner, in the rain 🌧️.\r\n'
)


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_offsets_on_crlf_bom_tabs_and_unicode(cli, tmp_path, via):
    raw = AWKWARD.encode("utf-8")
    if via == "file":
        p = _write(tmp_path / "awkward.txt", raw)
        from quotex.inputs import read_text

        assert read_text(p) == AWKWARD  # BOM and CRLF kept: offsets are into exactly this
        result = cli(["extract", p])
    else:
        result = cli(["extract", "-"], input=raw)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    for span in _spans(doc):
        assert AWKWARD[span["start"] : span["end"]] == span["text"], span
    # Content must also equal its fragments' extent.
    for q in doc["quotations"]:
        assert q["content"]["start"] == q["fragments"][0]["start"]
        assert q["content"]["end"] == q["fragments"][-1]["end"]


def test_closed_stdout_pipe_is_not_a_traceback(tmp_path):
    """`quotex extract dir | head` must end quietly when the reader goes away, with 141 as a
    shell reports a process ended by SIGPIPE (issue 9)."""
    for i in range(3):
        _write(tmp_path / f"d{i}.txt", QUOTE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotex", "extract", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # before the model has loaded: the first write meets a broken pipe
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_PIPE, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_json_is_utf8_whatever_the_locale(tmp_path):
    p = _write(tmp_path / "u.txt", '"Café ☕," she said.\n')
    env = {**__import__("os").environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "quotex", "extract", str(p)], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode("utf-8"))["source"] == str(p)


@pytest.mark.parametrize("command", [["actors"], ["positions", "--entity", "Lopez"]])
def test_corpus_views_into_a_closed_pipe_exit_141(cli, tmp_path, command):
    """`quotex actors OUT | head` ends as `extract` does: 141, no traceback."""
    result = cli(["extract", _write(tmp_path / "a.txt", QUOTE), "-f", "jsonl", "-o", tmp_path / "out.jsonl"])
    assert result.exit_code == 0, result.output
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotex", *command, str(tmp_path / "out.jsonl")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # before anything is written
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_PIPE, stderr
    assert "Traceback" not in stderr
