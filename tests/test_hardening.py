"""Issue 9: long documents, batches that never lose a record, no leak, clean process handling,
escaping, odd file names, atomic `-o`, and the smaller items. One section per numbered item.

Long documents here are made of the repo's samples with long runs of blank lines between
paragraphs: they pass spaCy's 1,000,000-character limit (and the windowing) while parsing
only a few thousand words, so the suite stays fast. Dense long documents are measured in
`benchmarks/long_docs.py`.
"""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from quotex.errors import EXIT_INPUT, EXIT_PARTIAL, EXIT_PIPE, EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE
from quotex.models import json_schema

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
QUOTE = '"We will not back down," said Maria Lopez, the union\'s president.\n'


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def sparse_document(size: int, gap: int = 40_000) -> str:
    """Sample paragraphs separated by blank stretches of `gap` characters, `size` characters long."""
    paragraphs = [p for text in SAMPLES for p in text.splitlines() if p.strip()]
    out, n, k = [], 0, 0
    while n < size:
        piece = paragraphs[k % len(paragraphs)] + "\n" + " " * gap + "\n"
        out.append(piece)
        n += len(piece)
        k += 1
    return "".join(out)[:size].rstrip() + "\n"


def _assert_offsets(text: str, doc: dict) -> int:
    spans = 0
    for q in doc["quotations"]:
        for span in [q["content"], *q["fragments"], q["cue"], q["speaker"]]:
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"], span
                spans += 1
    for e in doc["entities"]:
        for span in e["mentions"]:
            assert text[span["start"] : span["end"]] == span["text"], span
            spans += 1
    return spans


def _ids_consistent(doc: dict) -> None:
    qids = [q["id"] for q in doc["quotations"]]
    eids = [e["id"] for e in doc["entities"]]
    assert qids == [f"q{k + 1}" for k in range(len(qids))]
    assert eids == [f"e{k + 1}" for k in range(len(eids))]
    for q in doc["quotations"]:
        assert q["entity"] is None or q["entity"] in eids
        assert q["parent"] is None or q["parent"] in qids
        assert all(a in eids for a in q["about"])


# --- 1. long documents ------------------------------------------------------------------------


def test_windows_cover_the_text_and_respect_the_size():
    from quotex.chunking import windows

    rng = random.Random(7)
    for _ in range(50):
        text = "".join(
            rng.choice(["word ", "“Quoted words, ", "” he said. ", "\n", "\n\n", "x" * 30]) for _ in range(400)
        )
        size = rng.randint(20, 400)
        spans = windows(text, size)
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        for (_, e), (s2, _) in zip(spans, spans[1:]):
            assert e == s2
        assert all(0 < e - s <= size for s, e in spans)


def test_seams_fall_at_paragraphs_outside_open_quotations():
    from quotex.chunking import windows

    para = "The mayor said the budget was fine and nobody should worry about it at all.\n"
    multi = "“This quotation runs over two paragraphs,\n“and closes only here,” she said.\n"
    text = para * 3 + multi + para * 3
    inside = text.index(multi) + multi.index("\n") + 1  # the line break inside the quotation
    for size in range(len(para) * 3 + 30, len(text) - 1, 7):
        cuts = [e for _, e in windows(text, size)[:-1]]
        assert inside not in cuts, size
        for cut in cuts:  # whole lines whenever a safe line break is within reach
            assert text[cut - 1] == "\n", (size, cut)


def test_a_quotation_across_a_would_be_seam_is_kept_whole(run):
    """A multi-paragraph quote straddles the middle of a document cut into two windows: the
    quotation is found whole, with its speaker, exactly as in the uncut document."""
    from quotex.api import extract

    filler = "The council met on Tuesday to discuss the budget for the coming year in detail.\n"
    quote = (
        "“We have waited long enough for the bridge, and every month of delay costs the town money,\n"
        "“and I will not vote for another study,” said Ana Ruiz, who chairs the finance committee.\n"
    )
    text = filler * 6 + quote + filler * 6
    middle = text.index(quote) + quote.index("\n") + 1  # a naive cut would split the quote here
    whole = run(text)
    cut = extract(text, window=middle + 20)
    key = [(q.content.start, q.content.end, q.speaker and q.speaker.text) for q in whole.quotations]
    assert [(q.content.start, q.content.end, q.speaker and q.speaker.text) for q in cut.quotations] == key
    assert any(
        q.content.text.startswith("“We have waited") and q.content.text.endswith("study,”") for q in cut.quotations
    )


def test_windowed_extraction_keeps_offsets_and_merges_entities(run):
    from quotex.api import extract

    text = "\n".join(SAMPLES * 3)
    whole = extract(text, window=len(text))
    cut = extract(text, window=2500)
    doc = json.loads(cut.model_dump_json())
    assert _assert_offsets(text, doc) > 100
    _ids_consistent(doc)
    # one person named in every window is one entity, with mentions from every window
    (whitlock,) = [e for e in cut.entities if e.name == "Dana Whitlock"]
    starts = [m.start for m in whitlock.mentions]
    assert min(starts) < 2500 and max(starts) > len(text) - 10_000
    # but two `A senior EU diplomat`s are two people, in windows as in one piece
    assert sum(e.name == "A senior EU diplomat" for e in whole.entities) >= 2
    assert sum(e.name == "A senior EU diplomat" for e in cut.entities) == sum(
        e.name == "A senior EU diplomat" for e in whole.entities
    )
    assert abs(len(cut.quotations) - len(whole.quotations)) <= 0.1 * len(whole.quotations)


def test_a_5mb_document_extracts_with_offsets_that_hold(cli, tmp_path):
    text = sparse_document(5_000_000)
    assert len(text) > 4_900_000
    p = _write(tmp_path / "five-mb.txt", text)
    result = cli(["extract", p])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["quotations"]) > 20
    assert doc["quotations"][-1]["content"]["start"] > 4_000_000  # the end of the text was read
    assert _assert_offsets(text, doc) > 100
    _ids_consistent(doc)


def test_max_chars_gives_an_error_record_and_the_batch_goes_on(cli, tmp_path):
    long = _write(tmp_path / "a-long.txt", QUOTE * 20)  # 1,360 characters: under the byte cap, over 500
    short = _write(tmp_path / "b-short.txt", QUOTE)
    result = cli(["extract", long, short, "--max-chars", "500"])
    assert result.exit_code == EXIT_PARTIAL
    err, ok = (json.loads(x) for x in result.stdout.splitlines())
    assert err["error"]["code"] == "E107" and "500" in err["error"]["message"]
    assert ok["quotations"]
    alone = cli(["extract", long, "--max-chars", "500"])
    assert alone.exit_code == EXIT_INPUT and alone.stderr.startswith("quotex: error E107: ")


# --- the batch of the "Done when" ----------------------------------------------------


def test_batch_of_50_good_a_2mb_a_fifo_a_binary_and_latin1(cli, tmp_path):
    names = ["Maria Lopez", "Ana Ruiz", "Tom Baker", "Lena Ortiz", "Sam Okafor"]
    for k in range(50):
        who = names[k % len(names)]
        _write(tmp_path / f"good-{k:02d}.txt", f"“We will decide on item {k} next week,” said {who}, the chair.\n")
    big = sparse_document(2_000_000)
    _write(tmp_path / "huge.txt", big)
    os.mkfifo(tmp_path / "pipe.txt")
    _write(tmp_path / "binary.txt", bytes(range(256)) * 40)
    _write(tmp_path / "latin1.txt", "Le ministre a déclaré que « tout va bien ».\n".encode("latin-1"))
    started = time.monotonic()
    result = cli(["extract", tmp_path])
    assert time.monotonic() - started < 120  # the FIFO does not stall the batch
    assert result.exit_code == EXIT_PARTIAL, result.stderr
    docs = [json.loads(x) for x in result.stdout.splitlines()]
    validator = jsonschema.Draft202012Validator(json_schema())
    for d in docs:
        validator.validate(d)
    results = [d for d in docs if "error" not in d]
    errors = {Path(d["source"]).name: d["error"]["code"] for d in docs if "error" in d}
    assert len(results) == 51 and len(errors) == 3
    assert errors == {"pipe.txt": "E108", "binary.txt": "E104", "latin1.txt": "E105"}
    huge = next(d for d in results if d["source"].endswith("huge.txt"))
    assert _assert_offsets(big, huge) > 50
    assert "3 of 54 inputs failed" in result.stderr


# --- 2. no leak ---------------------------------------------------------------------------------


def test_processed_docs_are_released(run):
    from quotex.api import extract_many
    from quotex.attribution import token_table

    list(extract_many((t, str(k)) for k, t in enumerate(SAMPLES * 4)))
    gc.collect()
    assert len(token_table._TABLES) == 0 and len(token_table._TEXTS) == 0


# --- 3. processes -------------------------------------------------------------------------------


def _quotex(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotex", *args]


def _descendants(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _still_running(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


@pytest.fixture
def corpus(tmp_path):
    # long enough that a loaded machine cannot finish it before a test's signal arrives
    for k in range(1000):
        _write(tmp_path / "in" / f"d{k:02d}.txt", SAMPLES[k % len(SAMPLES)])
    return tmp_path / "in"


def test_p2_into_head_ends_within_seconds_with_no_process_left(corpus):
    proc = subprocess.Popen(
        " ".join(_quotex("extract", str(corpus), "-p", "2")) + " | head -1",
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert json.loads(out.decode().splitlines()[0])["source"].endswith("d00.txt")
    assert b"Traceback" not in err
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(corpus)], capture_output=True, text=True).stdout.split()
    assert left == [], left


def _default_sigint() -> None:
    """In the child before exec: SIGINT back to its default. A test run started in the background
    by a shell without job control (`cmd &` in a script, as CI may be) ignores SIGINT, its
    children inherit that, and Python then installs no KeyboardInterrupt handler: the run would
    rightly ignore the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _where(pid: int) -> str:
    """What a process and its children are waiting in (kernel wait channel per thread), for a failure message."""
    parts = []
    for p in [pid, *_descendants(pid)]:
        try:
            chans = [(t / "wchan").read_text() for t in Path(f"/proc/{p}/task").iterdir()]
        except OSError:
            continue
        parts.append(f"{p}: {','.join(chans)}")
    return "; ".join(parts)


def _two_workers_of(proc) -> list[int]:
    """The pids of the run's two worker processes, once both have started (at most 60 s)."""
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = _descendants(proc.pid)
    assert len(workers) == 2, "workers never started"
    return workers


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, EXIT_SIGTERM), (signal.SIGINT, EXIT_SIGINT)])
def test_signals_end_every_worker_and_keep_the_old_output(corpus, tmp_path, sig, code):
    out = _write(tmp_path / "out.jsonl", "previous\n")
    err_path = tmp_path / "stderr.txt"
    # stderr to a file, not a pipe: a pipe nobody reads while waiting could fill and block the run
    with err_path.open("wb") as err_file:
        proc = subprocess.Popen(
            _quotex("extract", str(corpus), "-p", "2", "-o", str(out)),
            stderr=err_file,
            preexec_fn=_default_sigint,
        )
    try:
        workers = _two_workers_of(proc)
        time.sleep(0.5)
        assert proc.poll() is None, "the run ended before the signal: make the corpus longer"
        sent = time.monotonic()
        proc.send_signal(sig)
        try:
            returned = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail(f"no exit 15 s after the signal; {_where(proc.pid)}; stderr: {err_path.read_text()[-2000:]}")
        assert returned == code
        assert time.monotonic() - sent < 10
        err = err_path.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err
    time.sleep(0.3)
    assert _still_running(workers) == []
    assert out.read_text() == "previous\n"  # the old file survives an interrupted run
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temp file left


def test_processes_are_capped_at_the_cores(cli, tmp_path):
    from quotex.workers import available_cores

    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "b.txt", QUOTE)
    result = cli(["extract", a, b, "-p", str(available_cores() + 5)])
    assert result.exit_code == 0, result.stderr
    assert f"capped at {available_cores()}" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_workers_give_the_same_records_as_one_process(corpus):
    from quotex.api import extract_stream

    items = [(p.read_text(encoding="utf-8"), p.name) for p in sorted(corpus.iterdir())[:12]]
    one = [r.model_dump() for r in extract_stream(items)]
    two = [r.model_dump() for r in extract_stream(items, n_process=2, batch_size=2)]
    assert one == two


# --- 4. linear time -----------------------------------------------------------------------------


def test_link_parents_matches_the_all_pairs_definition():
    from quotex.attribution.nesting import _size, link_parents
    from quotex.attribution.types import Attribution

    def reference(atts):
        out = []
        for i, a in enumerate(atts):
            anchor = a.cue or a.fragments[0]
            parent = None
            for j, b in enumerate(atts):
                if (
                    j != i
                    and any(f[0] <= anchor[0] and anchor[1] <= f[1] for f in b.fragments)
                    and (_size(b) > _size(a) or b.kind == "direct")
                ):
                    if parent is None or _size(atts[parent]) > _size(b):
                        parent = j
            out.append(parent)
        return out

    rng = random.Random(3)
    fields = Attribution._fields
    for _ in range(200):
        atts = []
        for _ in range(rng.randint(0, 25)):
            s = rng.randint(0, 300)
            frags = []
            for _ in range(rng.randint(1, 3)):
                e = s + rng.randint(1, 80)
                frags.append((s, e))
                s = e + rng.randint(1, 40)
            c = rng.randint(0, 400)
            values = {f: None for f in fields}
            values.update(
                fragments=tuple(frags),
                cue=(c, c + rng.randint(1, 8)) if rng.random() < 0.8 else None,
                kind=rng.choice(["direct", "indirect", "mixed"]),
            )
            atts.append(Attribution(**values))
        atts.sort(key=lambda a: (a.fragments[0][0], -a.fragments[-1][1]))
        assert [a.parent for a in link_parents(atts)] == reference(atts)


def test_paragraph_boundaries_scale_linearly():
    """40,000 short lines through the tokenizer and `quotex_paragraphs` (289 s before)."""
    from quotex.pipeline.loader import load_pipeline

    nlp = load_pipeline(None)
    text = "A line.\n" * 40_000
    nlp.max_length = len(text) + 1
    try:
        with nlp.select_pipes(enable=["quotex_paragraphs"]):
            started = time.perf_counter()
            doc = nlp(text)
            seconds = time.perf_counter() - started
    finally:
        nlp.max_length = 1_000_000
    assert sum(1 for t in doc if t.is_sent_start) == 40_000
    assert seconds < 20, seconds


# --- 5. special files ---------------------------------------------------------------------------


def test_special_files_are_refused_before_reading(cli, tmp_path):
    fifo = tmp_path / "named.pipe"
    os.mkfifo(fifo)
    good = _write(tmp_path / "good.txt", QUOTE)
    result = cli(["extract", fifo, "/dev/urandom", good])
    assert result.exit_code == EXIT_PARTIAL
    codes = [json.loads(x).get("error", {}).get("code") for x in result.stdout.splitlines()]
    assert codes == ["E108", "E108", None]
    alone = cli(["extract", "/dev/urandom"])
    assert alone.exit_code == EXIT_INPUT and "E108" in alone.stderr and "character device" in alone.stderr


def test_size_cap_on_files_and_stdin(cli, tmp_path):
    from quotex.inputs import max_bytes_for

    cap = max_bytes_for(100)
    big = _write(tmp_path / "big.txt", "x " * cap)
    result = cli(["extract", big, "--max-chars", "100"])
    assert result.exit_code == EXIT_INPUT and "E109" in result.stderr
    result = cli(["extract", "-", "--max-chars", "100"], input=b"word " * cap)
    assert result.exit_code == EXIT_INPUT and "E109" in result.stderr


def test_inputs_are_read_one_at_a_time(tmp_path, monkeypatch):
    from quotex import inputs

    for k in range(5):
        _write(tmp_path / f"{k}.txt", QUOTE)
    reads = []
    real = inputs.read_text
    monkeypatch.setattr(inputs, "read_text", lambda src, *a, **k: reads.append(src) or real(src, *a, **k))
    docs = inputs.iter_documents(inputs.collect_inputs([str(tmp_path)]))
    assert reads == []
    next(docs)
    assert len(reads) == 1


# --- 6. Rich markup in text ---------------------------------------------------------------------

MARKUP = "“The [red]plan[/red] is [/] [bold]dead[/],” said [/]Ana [b]Ruiz[/b], the mayor.\n"


def test_markup_in_extract_and_positions_tables(cli, tmp_path):
    p = _write(tmp_path / "[red]odd[/].txt", MARKUP)
    q = _write(tmp_path / "plain.txt", QUOTE)
    for command in ("extract", "positions"):
        result = cli([command, p, q, "-f", "table"])
        assert result.exit_code == 0, result.stderr
        assert "[red]plan[/red]" in result.stdout and "[/]" in result.stdout, command
        assert "[red]odd[/].txt" in result.stdout


def test_markup_in_check_table(cli, tmp_path):
    p = _write(tmp_path / "[/]article.txt", MARKUP)
    result = cli(["check", p, "-q", "The [red]plan[/red] is [/] [bold]dead[/]", "-s", "Ruiz", "-f", "table"])
    assert result.exit_code in (0, 1), result.output
    assert "MarkupError" not in result.output
    compact = "".join(c for c in result.stdout if c not in " \n│")  # the table folds long cells
    assert "[red]plan[/red]" in compact and "[/]article.txt" in compact


def test_markup_in_evaluate_table(cli, tmp_path):
    gold = _write(tmp_path / "[/]gold.jsonl", json.dumps({"id": "d1", "text": MARKUP, "quotes": []}) + "\n")
    result = cli(["evaluate", gold])
    assert result.exit_code == 0, result.output
    assert "[/]gold.jsonl" in result.stdout


# --- 7. file names that are not UTF-8 ------------------------------------------------------------


def test_non_utf8_file_names(cli, tmp_path):
    d = tmp_path / "names"
    d.mkdir()
    raw = os.fsencode(d) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(QUOTE.encode())
    _write(d / "plain.txt", QUOTE)
    bad = os.fsdecode(raw)
    out = tmp_path / "out.json"
    for args in (["extract", d], ["extract", bad], ["extract", d, "-o", out, "-f", "json"]):
        result = cli(args)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8") if "-o" in args else result.stdout
        text.encode("utf-8")  # no lone surrogates
        try:
            docs = json.loads(text)
        except json.JSONDecodeError:
            docs = [json.loads(x) for x in text.splitlines()]
        docs = docs if isinstance(docs, list) else [docs]
        assert any(doc["source"].endswith("caf\\xe9.txt") for doc in docs)
    checked = cli(["check", bad, "-q", "We will not back down", "-s", "Lopez"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["verdict"] == "supported"
    rendered = cli(["render", bad])
    assert rendered.exit_code == 0, rendered.output
    assert "caf\\xe9.txt" in rendered.stdout


# --- 8. atomic -o (the interrupted case is in the signal test above) ------------------------------


def test_output_replaced_only_when_complete(cli, tmp_path, monkeypatch):
    out = _write(tmp_path / "out.jsonl", "previous\n")
    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "b.txt", QUOTE)
    from quotex import views

    real = views.JsonlWriter.write
    calls = []

    def failing(self, obj):
        calls.append(obj)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as Ctrl-C in the middle of the batch
        real(self, obj)

    monkeypatch.setattr(views.JsonlWriter, "write", failing)
    result = cli(["extract", a, b, "-o", out])
    assert result.exit_code == EXIT_SIGINT
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.jsonl"]
    monkeypatch.setattr(views.JsonlWriter, "write", real)
    assert cli(["extract", a, b, "-o", out]).exit_code == 0
    assert len(out.read_text().splitlines()) == 2


# --- 9. the smaller items -------------------------------------------------------------------------


def test_utf16_without_bom_is_e105(cli, tmp_path):
    p = _write(tmp_path / "u16.txt", QUOTE.encode("utf-16-le"))
    result = cli(["extract", p])
    assert result.exit_code == EXIT_INPUT and "E105" in result.stderr and "UTF-16" in result.stderr
    p = _write(tmp_path / "u16be.txt", QUOTE.encode("utf-16-be"))
    assert "E105" in cli(["extract", p]).stderr


def test_render_to_a_directory_is_a_usage_error(cli, tmp_path):
    p = _write(tmp_path / "a.txt", QUOTE)
    result = cli(["render", p, "-o", tmp_path])
    assert result.exit_code == EXIT_USAGE and result.stderr.startswith("quotex: error E401: cannot write")


def test_table_into_head_exits_141(tmp_path):
    paths = [str(_write(tmp_path / f"{k}.txt", SAMPLES[k % 3])) for k in range(4)]
    proc = subprocess.run(
        " ".join(_quotex("extract", *paths, "-f", "table")) + " | head -1; exit ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == EXIT_PIPE, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_claims_path_that_is_a_fifo_or_a_directory(cli, tmp_path):
    p = _write(tmp_path / "a.txt", QUOTE)
    fifo = tmp_path / "claims.fifo"
    os.mkfifo(fifo)
    result = cli(["check", p, "--claims", fifo])
    assert result.exit_code == EXIT_INPUT and result.stderr.startswith("quotex: error E108: ")
    result = cli(["check", p, "--claims", tmp_path])
    assert result.exit_code == EXIT_INPUT and result.stderr.startswith("quotex: error E106: ")
    assert "is a directory" in result.stderr


# --- internal errors become records ------------------------------------------------------------


def test_an_extractor_exception_is_an_error_record(cli, tmp_path, monkeypatch):
    import quotex.pipeline.component as component

    real = component.find_attributions

    def fragile(doc, *a, **k):
        if "BOOM" in doc.text:
            raise RuntimeError("rule exploded")
        return real(doc, *a, **k)

    monkeypatch.setattr(component, "find_attributions", fragile)
    a = _write(tmp_path / "a.txt", QUOTE)
    b = _write(tmp_path / "b.txt", "BOOM. " + QUOTE)
    c = _write(tmp_path / "c.txt", QUOTE)
    result = cli(["extract", a, b, c])
    assert result.exit_code == EXIT_PARTIAL
    docs = [json.loads(x) for x in result.stdout.splitlines()]
    assert [d.get("error", {}).get("code") for d in docs] == [None, "E901", None]
    assert "rule exploded" in docs[1]["error"]["message"]
    assert "Traceback" not in result.stderr
    debug = cli(["extract", a, b, "--debug"])
    assert "Traceback" in debug.stderr and "rule exploded" in debug.stderr


def test_a_worker_that_dies_loses_no_document(monkeypatch, capsys):
    """A worker killed mid-run (here it exits on one text): its windows are parsed in the main
    process instead, and every document still gets its record, in order."""
    import quotex.pipeline.component as component
    from quotex.api import extract_stream

    main_pid = os.getpid()
    real = component.find_attributions

    def dies_in_a_worker(doc, *a, **k):
        if "DIE" in doc.text and os.getpid() != main_pid:
            os._exit(9)  # as the OOM killer would
        return real(doc, *a, **k)

    monkeypatch.setattr(component, "find_attributions", dies_in_a_worker)  # inherited by the fork
    items = [(QUOTE, "a"), ("DIE. " + QUOTE, "b"), (QUOTE, "c"), (SAMPLES[0], "d")]
    records = list(extract_stream(items, n_process=2, batch_size=1))
    assert [r.source for r in records] == ["a", "b", "c", "d"]
    assert all(r.quotations for r in records)
    assert "worker process ended" in capsys.readouterr().err


def test_workers_end_when_the_parent_is_killed(corpus):
    """SIGKILL gives the parent no chance to clean up: the kernel tells the workers."""
    proc = subprocess.Popen(
        _quotex("extract", str(corpus), "-p", "2"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        workers = _two_workers_of(proc)
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 10
    while _still_running(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _still_running(workers) == []
