"""`quotex extract FILE.jsonl|.csv|.html|.warc` without --out-dir: record files are read as records
(the corpus readers), one output document per record, streamed in input order.

Every text here is written for these tests.
"""

from __future__ import annotations

import json

from corpus_helpers import PAGE, REPORTED, SAID, shard_lines, write_jsonl, write_warc


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def spans(doc: dict):
    for q in doc["quotations"]:
        yield q["content"]
        yield from q["fragments"]
        yield from (q[k] for k in ("cue", "speaker") if q[k])
    for e in doc["entities"]:
        yield from e["mentions"]


def test_jsonl_records_in_order_with_ids_meta_and_error_records(cli, tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "a1", "text": SAID, "outlet": "Daily"},
            "not json",
            {"text": REPORTED},
            {"id": "a1", "text": REPORTED},  # a duplicate id keeps its place as an error
            {"id": 7, "text": 'She said: "Tea\r\nat\u00a0five."'},
        ],
    )
    result = cli(["extract", path])
    assert result.exit_code == 5, result.output
    docs = lines(result)
    assert [(d.get("id"), d.get("error", {}).get("code")) for d in docs] == [
        ("a1", None),
        ("news.jsonl:2", "E121"),
        ("news.jsonl:3", None),
        ("news.jsonl:4", "E124"),
        ("7", None),
    ]
    assert docs[0]["meta"] == {"outlet": "Daily"} and docs[0]["source"] == "news.jsonl:1"
    assert docs[0]["quotations"][0]["speaker"]["text"].startswith("Maria Lopez")
    texts = {"a1": SAID, "news.jsonl:3": REPORTED, "7": 'She said: "Tea\r\nat\u00a0five."'}
    for doc in docs:
        if "error" not in doc:
            text = texts[doc["id"]]
            assert all(text[s["start"] : s["end"]] == s["text"] for s in spans(doc))
    assert result.stderr.strip() == (
        "quotex: 2 of 5 inputs failed (E121, E124); each has an error record in the output"
    )


def test_csv_fields_json_array_and_output_file(cli, tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'guid,body,desk\ng1,"{SAID.replace(chr(34), chr(34) * 2)}",city\ng2,"{REPORTED}",state\n', "utf-8")
    out = tmp_path / "out.json"
    result = cli(["extract", path, "--text-field", "body", "--id-field", "guid", "-f", "json", "-o", out])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    docs = json.loads(out.read_text("utf-8"))
    assert [(d["id"], d["meta"]) for d in docs] == [("g1", {"desk": "city"}), ("g2", {"desk": "state"})]
    assert docs[0]["quotations"][0]["content"]["text"] == '"We will not back down,"'


def test_text_files_and_records_mix_in_argument_order(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(SAID + "\n", encoding="utf-8")
    alone = cli(["extract", note])
    assert alone.exit_code == 0
    records = write_jsonl(tmp_path / "r.jsonl", [{"id": "r1", "text": REPORTED}])
    result = cli(["extract", records, note, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    first, second = lines(result)
    assert first["id"] == "r1" and first["source"] == "r.jsonl:1"
    assert second == json.loads(alone.stdout)  # a text file is read as before, whole


def test_one_html_page_is_one_document_with_its_main_text(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    result = cli(["extract", page])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # one object, as for one text file
    assert doc["id"] == "page.html" and doc["meta"]["title"] == "Council rejects the budget"
    assert "Home | Sport" not in doc["text"] and doc["quotations"]
    assert all(doc["text"][s["start"] : s["end"]] == s["text"] for s in spans(doc))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"<html><body><script>var x;</script></body></html>")
    failed = cli(["extract", empty])
    assert failed.exit_code == 3 and failed.stdout == ""
    assert failed.stderr.startswith("quotex: error E126: ")


def test_stdout_matches_out_dir_for_every_record_kind(cli, tmp_path):
    """The two modes read the same records and write the same documents."""
    jsonl = write_jsonl(tmp_path / "a.jsonl", [{"id": "j1", "text": SAID}, {"id": "j2", "text": ""}])
    csv = tmp_path / "b.csv"
    csv.write_text(f'id,text\nk1,"{REPORTED}"\n', encoding="utf-8")
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("text/html", PAGE)])
    inputs = [jsonl, csv, warc]
    streamed = cli(["extract", *inputs])
    assert streamed.exit_code == 5, streamed.output
    out = tmp_path / "out"
    assert cli(["extract", *inputs, "--out-dir", out]).exit_code == 5
    assert sorted(lines(streamed), key=lambda d: d["id"]) == sorted(shard_lines(out), key=lambda d: d["id"])
    assert [d["id"] for d in lines(streamed)][:3] == ["j1", "j2", "k1"]


def test_record_options_need_a_record_file(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(SAID, encoding="utf-8")
    result = cli(["extract", note, "--text-field", "body"])
    assert result.exit_code == 2
    assert result.stderr == "quotex: error E132: --text-field needs a JSON Lines or CSV input, or --out-dir DIR\n"
    assert cli(["extract", note, "--batch-size", "3"]).stderr.endswith("--batch-size needs --out-dir DIR\n")


def test_worker_processes_keep_record_order(cli, tmp_path):
    rows = [{"id": f"n{i}", "text": f'"We will build {i} bridges," said Mayor Ana Ruiz.'} for i in range(6)]
    path = write_jsonl(tmp_path / "many.jsonl", rows)
    alone, pooled = cli(["extract", path]), cli(["extract", path, "-p", "2"])
    assert alone.exit_code == pooled.exit_code == 0, pooled.output
    assert [d["id"] for d in lines(pooled)] == [r["id"] for r in rows]
    assert pooled.stdout == alone.stdout


def test_output_to_a_directory_is_one_usage_error(cli, tmp_path):
    path = write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "text": SAID}])
    extracted = tmp_path / "out.jsonl"
    assert cli(["extract", path, "-o", extracted]).exit_code == 0
    for command in (["extract", path], ["actors", extracted], ["positions", extracted]):
        result = cli([*command, "-o", tmp_path])
        assert result.exit_code == 2, result.output
        assert result.stderr == f"quotex: error E401: cannot write {tmp_path}: Is a directory\n"


def test_positions_reads_article_records_too(cli, tmp_path):
    """`quotex positions news.jsonl` gives one document per article, not one for the JSON file."""
    path = write_jsonl(tmp_path / "news.jsonl", [{"id": "a1", "text": SAID}, {"id": "a2", "text": REPORTED}])
    result = cli(["positions", path, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    docs = lines(result)
    assert [d["source"] for d in docs] == ["news.jsonl:1", "news.jsonl:2"]
    held = [h["text"] for d in docs for p in d["positions"] for h in p["holds"]]
    assert held and all(text in SAID + REPORTED for text in held)
