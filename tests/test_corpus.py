"""The corpus path: `quotex extract CORPUS --out-dir DIR` (readers, shards, manifest, resume, Parquet).

Every text here is written for these tests. The Dask tests are in test_corpus_dask.py.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from cli_startup import run_fresh
from corpus_helpers import (
    PAGE,
    REPORTED,
    SAID,
    docs_in_shards,
    manifest,
    manifest_ids,
    numbered_texts,
    shard_lines,
    write_jsonl,
    write_warc,
)
from quotex.corpus.readers import ReadOptions, read_file
from quotex.corpus.shards import MANIFEST, PARQUET_COLUMNS

# --- readers: each kind with a bad record among good ones ----------------------------------------


def codes(records) -> list:
    return [(r.id, r.error[0] if r.error else None) for r in records]


def test_jsonl_reader_keeps_meta_and_turns_bad_lines_into_error_records(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "a", "text": SAID, "date": "2024-05-01", "url": "https://example.test/a"},
            "{not json",
            "[1, 2]",
            {"id": "b", "text": ""},
            {"id": "c", "body": SAID},
            {"id": ["x"], "text": SAID},
            {"id": 7, "text": REPORTED},
            {"text": REPORTED},
        ],
    )
    records = list(read_file(str(path), "news.jsonl", ReadOptions()))
    assert codes(records) == [
        ("a", None),
        ("news.jsonl:2", "E121"),
        ("news.jsonl:3", "E121"),
        ("b", "E123"),
        ("c", "E122"),
        ("news.jsonl:6", "E128"),
        ("7", None),
        ("news.jsonl:8", None),  # no id field: the record's position is its id
    ]
    assert records[0].meta == {"date": "2024-05-01", "url": "https://example.test/a"}
    assert records[0].text == SAID


def test_jsonl_reader_custom_fields_gzip_and_bad_utf8(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    lines = [
        json.dumps({"key": "k1", "body": "Line one.\r\nLine two.", "outlet": "X"}).encode(),
        b'{"key": "k2", "body": "\xff"}',
    ]
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    records = list(read_file(str(path), "news.jsonl.gz", ReadOptions(text_field="body", id_field="key")))
    assert codes(records) == [("k1", None), ("news.jsonl.gz:2", "E120")]
    assert records[0].text == "Line one.\r\nLine two." and records[0].meta == {"outlet": "X"}


def test_truncated_gzip_ends_in_an_error_record(tmp_path):
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in numbered_texts(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = list(read_file(str(path), "cut.jsonl.gz", ReadOptions()))
    assert records[-1].error[0] == "E120" and all(r.error is None for r in records[:-1])


def test_csv_reader_rows_with_quotes_newlines_bad_rows_and_bad_bytes(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,text,outlet\r\n"
        b'c1,"He said: ""Fine.""\r\nThen he left.",Daily\r\n'
        b"c2,only two\r\n"
        b'c3,"The mayor said that \xff was wrong.",Weekly\r\n'
        b'c4,"' + REPORTED.encode() + b'",Weekly\r\n'
    )
    records = list(read_file(str(path), "news.csv", ReadOptions()))
    assert codes(records) == [("c1", None), ("news.csv:4", "E125"), ("news.csv:5", "E120"), ("c4", None)]
    assert records[0].text == 'He said: "Fine."\r\nThen he left.' and records[0].meta == {"outlet": "Daily"}


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reader_keeps_html_responses_only_and_reports_a_torn_file(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [("text/html; charset=utf-8", PAGE), ("image/png", b"\x89PNG"), ("text/html", b"<html></html>")])
    records = list(read_file(str(path), name, ReadOptions()))
    assert [r.source for r in records] == ["https://example.test/0", "https://example.test/2"]
    assert records[0].id.startswith("<urn:uuid:") and records[0].meta["url"] == "https://example.test/0"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])  # a crawl cut short
    torn = list(read_file(str(path), name, ReadOptions()))
    assert torn[0].error is None and torn[-1].error[0] == "E127"


# --- end to end through the CLI ------------------------------------------------------------------


def test_extract_out_dir_every_input_kind_with_bad_records(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(
        corpus / "a.jsonl", [{"id": "j1", "text": SAID, "date": "2024-05-01"}, "oops", {"id": "j3", "text": REPORTED}]
    )
    (corpus / "b.csv").write_text(f'id,text\nk1,"{REPORTED}"\nk2\n', encoding="utf-8")
    (corpus / "page.html").write_bytes(PAGE)
    (corpus / "empty.html").write_bytes(b"<html><body><script>var x;</script></body></html>")
    write_warc(corpus / "crawl.warc.gz", [("text/html", PAGE), ("text/html", b"<html><body></body></html>")])
    (corpus / "note.txt").write_text(SAID + "\r\n", encoding="utf-8")
    (corpus / "blank.md").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli(["extract", corpus, "--out-dir", out, "--batch-size", "3"])
    assert result.exit_code == 5, result.output
    assert result.stdout == ""  # data goes to the shards
    entries = {e["id"]: e for e in manifest(out)}
    assert docs_in_shards(out) == Counter(entries.keys())  # every document once, in the shard it names
    statuses = {i: (e["status"], e["code"]) for i, e in entries.items()}
    assert statuses["j1"] == ("ok", None) and statuses["a.jsonl:2"] == ("error", "E121")
    assert statuses["k1"] == ("ok", None) and statuses["b.csv:3"] == ("error", "E125")
    assert statuses["page.html"] == ("ok", None) and statuses["empty.html"] == ("error", "E126")
    assert statuses["note.txt"] == ("ok", None) and statuses["blank.md"] == ("error", "E103")
    warc = [s for i, s in statuses.items() if i.startswith("<urn:uuid:")]
    assert sorted(warc) == [("error", "E126"), ("ok", None)]
    assert len(entries) == 11
    for doc in shard_lines(out):
        if "error" in doc:
            continue
        text = doc.get("text")
        if doc["id"] == "page.html" or doc["id"].startswith("<urn:uuid:"):
            assert text and "Contact us" not in text  # the main text, not the page furniture
        else:
            assert "text" not in doc  # the input itself is the text
        if text is not None:
            for q in doc["quotations"]:
                for span in [q["content"], q["cue"], q["speaker"], *q["fragments"]]:
                    if span:
                        assert text[span["start"] : span["end"]] == span["text"]
    import jsonschema

    from quotex.models import ErrorRecord, json_schema

    for doc in shard_lines(out):  # the shards speak the JSON contract
        jsonschema.validate(doc, ErrorRecord.model_json_schema() if "error" in doc else json_schema())
    j1 = next(d for d in shard_lines(out) if d.get("id") == "j1")
    assert j1["meta"] == {"date": "2024-05-01"} and j1["quotations"][0]["speaker"]["text"].startswith("Maria Lopez")


def test_duplicate_ids_keep_the_first_and_a_rerun_does_nothing(cli, tmp_path):
    path = write_jsonl(
        tmp_path / "dup.jsonl",
        [{"id": "x", "text": SAID}, {"id": "x", "text": REPORTED}, {"id": "y", "text": REPORTED}],
    )
    out = tmp_path / "out"
    first = cli(["extract", path, "--out-dir", out])
    assert first.exit_code == 5
    assert {(e["id"], e["code"]) for e in manifest(out)} == {("x", None), ("dup.jsonl:2", "E124"), ("y", None)}
    again = cli(["extract", path, "--out-dir", out])
    assert again.exit_code == 0 and "3 already done" in again.stderr
    assert len(manifest(out)) == 3 and sum(docs_in_shards(out).values()) == 3


def test_resume_adds_new_records_and_recovers_a_shard_the_manifest_missed(cli, tmp_path):
    rows = numbered_texts(9)
    path = write_jsonl(tmp_path / "c.jsonl", rows[:6])
    out = tmp_path / "out"
    assert cli(["extract", path, "--out-dir", out, "--batch-size", "2"]).exit_code == 0
    # As if killed after the last shard's rename but before its manifest lines, mid-line, and
    # while a shard was still being written:
    lines = (out / MANIFEST).read_text("utf-8").splitlines(keepends=True)
    (out / MANIFEST).write_text("".join(lines[:4]) + lines[4][:10], encoding="utf-8")
    (out / "shard-000004.jsonl.tmp-deadbeef").write_text('{"partial": ', encoding="utf-8")
    write_jsonl(path, rows)  # and the archive grew
    result = cli(["extract", path, "--out-dir", out, "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert docs_in_shards(out) == Counter(r["id"] for r in rows)
    assert Counter(e["id"] for e in manifest(out)) == Counter(r["id"] for r in rows)
    assert not list(out.glob("*.tmp-*"))


def test_resume_after_the_process_is_killed_part_way(tmp_path):
    """A real interruption: SIGKILL while shards are being written, then the same command again."""
    rows = numbered_texts(80)
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "quotex", "extract", str(path), "--out-dir", str(out), "--batch-size", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / MANIFEST).exists() and len(manifest_ids(out)) >= 5:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    done_before = len(manifest_ids(out))
    assert 5 <= done_before < len(rows)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert docs_in_shards(out) == Counter(r["id"] for r in rows)  # each id once, none lost
    assert sorted(manifest_ids(out)) == sorted(r["id"] for r in rows)
    assert "already done" in rerun.stderr


def test_processes_pool_gives_the_same_shards(cli, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", numbered_texts(6))
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli(["extract", path, "--out-dir", one, "--batch-size", "2"]).exit_code == 0
    assert cli(["extract", path, "--out-dir", two, "--batch-size", "2", "--processes", "2"]).exit_code == 0
    key = lambda d: d["id"]  # noqa: E731
    assert sorted(shard_lines(one), key=key) == sorted(shard_lines(two), key=key)


@pytest.mark.parametrize("flag", [[], ["--rules-only"]])
def test_rules_only_reaches_pool_workers(cli, tmp_path, flag):
    from quotex.pipeline.loader import use_attribution_model

    # a belief the rules miss and the learned tagger finds (tests/test_learned_model.py)
    rows = [{"id": f"b{i}", "text": "His aides are convinced the poll numbers will improve."} for i in range(4)]
    path = write_jsonl(tmp_path / "b.jsonl", rows)
    try:
        res = cli(["extract", path, "--out-dir", tmp_path / "out", "--batch-size", "2", "--processes", "2", *flag])
    finally:
        use_attribution_model()  # the CLI sets the choice for the whole (test) process
    assert res.exit_code == 0, res.output
    methods = {q["method"] for d in shard_lines(tmp_path / "out") for q in d["quotations"]}
    assert any(m.startswith("learned:") for m in methods) == (not flag), methods


def test_parquet_shards_one_row_per_quotation(cli, tmp_path):
    import pyarrow.parquet as pq

    rows = [
        {"id": "p1", "text": SAID + " " + REPORTED, "date": "2024-05-01"},
        {"id": "p2", "text": "No quotation here at all."},
        "bad",
    ]
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "out"
    result = cli(["extract", path, "--out-dir", out, "--format", "parquet", "--batch-size", "2"])
    assert result.exit_code == 5, result.output
    table = pq.read_table(sorted(out.glob("shard-*.parquet"))[0])
    assert table.column_names == [name for name, _ in PARQUET_COLUMNS]
    assert str(table.schema.field("content_start").type) == "int64"
    records = table.to_pylist()
    assert {r["doc_id"] for r in records} == {"p1"}  # p2 has no quotation: no row, but it is in the manifest
    direct = next(r for r in records if r["kind"] == "direct")
    assert direct["entity_name"] == "Maria Lopez" and direct["cue"] == "said" and direct["cue_class"] == "speech"
    text = rows[0]["text"]
    assert text[direct["content_start"] : direct["content_end"]] == direct["content"]
    assert text[direct["speaker_start"] : direct["speaker_end"]] == direct["speaker"]
    assert json.loads(direct["meta"]) == {"date": "2024-05-01"}
    assert docs_in_shards(out) == Counter(["p1", "p2", "c.jsonl:3"])
    assert {e["id"]: e["status"] for e in manifest(out)} == {"p1": "ok", "p2": "ok", "c.jsonl:3": "error"}


def test_stdin_and_plain_text_files(cli, tmp_path):
    out = tmp_path / "out"
    result = cli(["extract", "-", "--out-dir", out], input=SAID)
    assert result.exit_code == 0, result.output
    [doc] = shard_lines(out)
    assert doc["id"] == "<stdin>" and doc["quotations"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "local"], "--scheduler needs --out-dir"),
        (["--format", "parquet"], "--format parquet needs --out-dir"),
        (["--out-dir", "{out}", "--format", "table"], "cannot be used with --out-dir"),
        (["--out-dir", "{out}", "--scheduler", "nowhere"], "--scheduler takes"),
        (["--out-dir", "{out}", "--output", "x.json"], "--out-dir or --output"),
    ],
)
def test_option_errors_are_one_line(cli, tmp_path, args, message):
    path = write_jsonl(tmp_path / "c.jsonl", numbered_texts(1))
    result = cli(["extract", path, *[a.format(out=tmp_path / "out") for a in args]])
    assert result.exit_code == 2
    assert result.stderr.startswith("quotex: error E132: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_missing_corpus_and_locked_out_dir(cli, tmp_path):
    result = cli(["extract", tmp_path / "nope.jsonl", "--out-dir", tmp_path / "out"])
    assert result.exit_code == 3 and "E101" in result.stderr and not (tmp_path / "out").exists()
    import fcntl

    out = tmp_path / "busy"
    out.mkdir()
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        busy = cli(["extract", write_jsonl(tmp_path / "c.jsonl", numbered_texts(1)), "--out-dir", out])
    assert busy.exit_code == 2 and "E131" in busy.stderr and "another quotex run" in busy.stderr


def test_help_imports_no_corpus_extra():
    _, modules = run_fresh(["extract", "--help"])
    heavy = {"spacy", "dask", "distributed", "trafilatura", "warcio", "pyarrow", "fsspec"} & modules
    assert not heavy, heavy


def test_fsspec_urls_for_input_and_output(cli):
    """The URL code paths (what s3:// uses), on fsspec's in-process memory file system."""
    import fsspec

    fs = fsspec.filesystem("memory")
    rows = numbered_texts(5)
    fs.pipe_file("/qx-in/c.jsonl", "".join(json.dumps(r) + "\n" for r in rows).encode())
    try:
        result = cli(["extract", "memory://qx-in", "--out-dir", "memory://qx-out", "--batch-size", "2"])
        assert result.exit_code == 0, result.output
        names = sorted(p.rsplit("/", 1)[-1] for p in fs.ls("/qx-out", detail=False))
        assert names == ["manifest.jsonl", "shard-000001.jsonl", "shard-000002.jsonl", "shard-000003.jsonl"]
        lines = [json.loads(x) for x in fs.cat_file("/qx-out/manifest.jsonl").decode().splitlines()]
        assert sorted(e["id"] for e in lines) == [r["id"] for r in rows]
        fs.rm("/qx-out/manifest.jsonl")  # lost: the next run rebuilds it from the shards
        again = cli(["extract", "memory://qx-in", "--out-dir", "memory://qx-out", "--batch-size", "2"])
        assert again.exit_code == 0 and "5 already done" in again.stderr
        assert len(fs.ls("/qx-out", detail=False)) == 4
    finally:
        fs.rm("/qx-in", recursive=True)
        if fs.exists("/qx-out"):
            fs.rm("/qx-out", recursive=True)
