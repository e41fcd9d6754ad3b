"""Input collection and validation (quotex.inputs) and the output helpers in quotex.views.

None of these load spaCy: they must stay fast.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from builders import quotation, span
from quotex import inputs, views
from quotex.errors import EXIT_INPUT, QuotexError
from quotex.inputs import Document, InputItem, collect_inputs, decode_text, iter_documents, read_text
from quotex.models import (
    Entity,
    ErrorRecord,
    ExtractionResult,
)
from quotex.positions import build_positions


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _codes(items):
    return [i.error.code if i.error else None for i in items]


# --- collect_inputs --------------------------------------------------------------------------


def test_collect_file_dir_and_stdin(tmp_path):
    a = _write(tmp_path / "a.csv", "explicit files are read whatever their extension")
    _write(tmp_path / "d" / "b.txt", "b")
    _write(tmp_path / "d" / "sub" / "c.MD", "c")
    _write(tmp_path / "d" / "sub" / "e.text", "e")
    _write(tmp_path / "d" / "skip.json", "{}")
    _write(tmp_path / "d" / ".hidden.txt", "hidden")
    _write(tmp_path / "d" / ".git" / "x.txt", "hidden dir")
    items = collect_inputs([str(a), str(tmp_path / "d"), "-"])
    names = [Path(i.source).name if i.path else i.source for i in items]
    assert names == ["a.csv", "b.txt", "c.MD", "e.text", "<stdin>"]
    assert items[-1].is_stdin and not items[0].is_stdin
    assert _codes(items) == [None] * 5


def test_collect_missing_and_empty_dir_become_error_items(tmp_path):
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "notext" / "data.json", "{}")
    items = collect_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), str(tmp_path / "notext")])
    assert _codes(items) == ["E101", "E102", "E102"]
    assert all(i.error.exit_code == EXIT_INPUT for i in items)


def test_collect_expands_globs_itself(tmp_path):
    _write(tmp_path / "x1.txt", "1")
    _write(tmp_path / "x2.txt", "2")
    _write(tmp_path / "deep" / "x3.txt", "3")
    items = collect_inputs([str(tmp_path / "x*.txt")])
    assert [Path(i.source).name for i in items] == ["x1.txt", "x2.txt"]
    items = collect_inputs([str(tmp_path / "**" / "*.txt")])
    assert sorted(Path(i.source).name for i in items) == ["x1.txt", "x2.txt", "x3.txt"]
    (none,) = collect_inputs([str(tmp_path / "nothing*.txt")])
    assert none.error.code == "E101"


def test_collect_dedupes_files_and_stdin(tmp_path):
    a = _write(tmp_path / "a.txt", "a")
    items = collect_inputs([str(a), str(tmp_path), str(tmp_path / "*.txt"), "-", "-"])
    assert [i.source for i in items] == [str(a), "<stdin>"]


# --- decode_text / read_text -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "E103"),
        (b" \n\t\r\n ", "E103"),
        ("\ufeff \u200b\n".encode(), "E103"),  # a BOM and a zero-width space are not text
        (b"abc\x00def", "E104"),
        (bytes(range(1, 32)) * 4 + b"abc", "E104"),  # mostly control characters
        (b"caf\xe9 au lait", "E105"),  # Latin-1, not UTF-8
        ("\ufeffhello".encode("utf-16"), "E105"),  # named as UTF-16 rather than 'binary'
        (b"\xff\xfeh\x00i\x00", "E105"),
    ],
)
def test_decode_rejects(data, code):
    with pytest.raises(QuotexError) as info:
        decode_text(data, "doc.txt")
    assert info.value.code == code
    assert info.value.exit_code == EXIT_INPUT
    assert "doc.txt" in info.value.message


def test_decode_keeps_bom_crlf_and_unicode_exactly():
    text = '\ufeff"Oui," dit Zoë\u0301.\r\n\tNBSP:\u00a0😀\r\n'
    assert decode_text(text.encode("utf-8"), "x") == text


def test_not_utf8_message_points_at_the_byte():
    with pytest.raises(QuotexError) as info:
        decode_text(b"abc\xe9", "x")
    assert "0xe9 at offset 3" in info.value.message


def test_read_text_path_stream_and_failures(tmp_path, monkeypatch):
    raw = "\ufeffline one\r\nline two\r\n".encode()
    p = _write(tmp_path / "a.txt", raw)
    assert read_text(p) == raw.decode("utf-8")  # no newline translation
    assert read_text(io.BytesIO(raw)) == raw.decode("utf-8")
    with pytest.raises(QuotexError) as info:
        read_text(tmp_path / "missing.txt")
    assert info.value.code == "E101"
    with pytest.raises(QuotexError) as info:
        read_text(tmp_path)
    assert info.value.code == "E106"

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # chmod 000 does not stop root; the module-level name shadows the builtin for inputs.py only
    monkeypatch.setattr("quotex.inputs.open", denied, raising=False)
    with pytest.raises(QuotexError) as info:
        read_text(p)
    assert info.value.code == "E106" and "Permission denied" in info.value.message


def test_iter_documents_keeps_order_and_failures(tmp_path):
    good = _write(tmp_path / "good.txt", "Some text.")
    bad = _write(tmp_path / "bad.txt", b"\x00\x00")
    items = collect_inputs([str(good), str(tmp_path / "missing.txt"), str(bad), "-"])
    loaded = list(iter_documents(items, stdin=io.BytesIO(b"From stdin.")))
    assert [e.text if isinstance(e, Document) else None for e in loaded] == ["Some text.", None, None, "From stdin."]
    assert [e.error.code if isinstance(e, ErrorRecord) else None for e in loaded] == [None, "E101", "E104", None]


def test_extract_all_does_not_load_a_model_when_nothing_is_readable(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("model loaded")

    monkeypatch.setattr("quotex.pipeline.loader.load_pipeline", boom)
    (record,) = list(inputs.extract_all([InputItem("x", error=QuotexError(inputs.Err.MISSING_PATH, path="x"))]))
    assert isinstance(record, ErrorRecord)
    assert record.error.code == "E101" and record.source == "x"


# --- views -------------------------------------------------------------------------------------


def _sample() -> ExtractionResult:
    text = (
        '"We will not back down," said Maria Lopez, the union\'s president. The ministry said Lopez '
        "was [wrong] and that the strike would cost millions of euros over a very long period of time."
    )

    c2 = "Lopez was [wrong] and that the strike would cost millions of euros over a very long period of time"
    q1 = quotation(
        text, "q1", "direct", '"We will not back down,"', "said", "Maria Lopez", "e1", 0.9, "direct:cue-after"
    )
    q2 = quotation(text, "q2", "indirect", c2, "said", "The ministry", "e2", 0.7, "indirect:ccomp", about=["e1"])

    def sp(s):
        return span(text, s)

    ents = [
        Entity(
            id="e1",
            name="Maria Lopez",
            kind="person",
            titles=["the union's president"],
            mentions=[sp("Maria Lopez"), sp("Lopez")],
        ),
        Entity(
            id="e2",
            name="The Ministry of Labour and Social Affairs",
            kind="organisation",
            titles=[],
            mentions=[sp("The ministry")],
        ),
    ]
    return ExtractionResult(
        source="sample.txt",
        model="en test 1",
        quotations=[q1, q2],
        entities=ents,
        positions=build_positions([q1, q2], ents),
    )


def _render(view, obj) -> str:
    out = io.StringIO()
    writer = views.TableWriter(out, view, width=80)
    writer.start()
    writer.write(obj)
    writer.finish()
    return out.getvalue()


def test_result_table_fits_80_columns_and_keeps_brackets():
    text = _render(views.result_view, _sample())
    assert max(len(line) for line in text.splitlines()) <= 80
    for needle in ("Quotations (2)", "Entities (2)", "Maria Lopez", "union's president", "[wrong]", "q2"):
        assert needle in text


def test_positions_table_shows_holds_and_reported_about():
    text = _render(views.positions_view, _sample())
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "holds" in text and "reported about it" in text
    assert text.index("Maria Lopez") < text.index("reported about it")


def test_table_writer_summary_lists_errors():
    out = io.StringIO()
    writer = views.TableWriter(out, views.result_view, width=80)
    writer.write(_sample())
    writer.write(ErrorRecord(source="bad.txt", error={"code": "E104", "message": "binary: bad.txt"}))
    writer.finish()
    text = out.getvalue()
    assert "Summary" in text and "E104" in text and "2 quotations" in text


@pytest.mark.parametrize("n", [0, 1, 3])
def test_json_array_writer_is_valid_json(n):
    out = io.StringIO()
    writer = views.JsonWriter(out, array=True)
    writer.start()
    for i in range(n):
        writer.write({"i": i})
    writer.finish()
    assert json.loads(out.getvalue()) == [{"i": i} for i in range(n)]


def test_shorten():
    assert views.shorten("a  b\n c") == "a b c"
    assert views.shorten("x" * 200, 10) == "x" * 9 + "…"


@pytest.mark.parametrize(
    "n, err_tty, out_tty, to_file, shown",
    [
        (1, True, False, False, False),  # one document: nothing to show
        (3, False, False, False, False),  # stderr not a terminal (CI, logs)
        (3, True, False, False, True),  # data piped, bar on the terminal
        (3, True, True, False, False),  # data on the same terminal: would garble it
        (3, True, True, True, True),  # data to -o FILE
    ],
)
def test_show_progress(n, err_tty, out_tty, to_file, shown):
    assert views.show_progress(n, err_tty, out_tty, to_file) is shown
