"""Helpers shared by the corpus tests (test_corpus.py, test_corpus_dask.py, test_cli_records.py)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

from quotex.corpus.shards import MANIFEST

SAID = '"We will not back down," said Maria Lopez, the union\'s president.'
REPORTED = "The minister said on Tuesday that the talks had failed."


def docs_in_shards(out: Path) -> Counter:
    """How often each document id occurs across all shards (JSON Lines or Parquet metadata)."""
    from quotex.corpus.shards import shard_statuses

    ids = Counter()
    for shard in sorted(p.name for p in out.iterdir() if p.name.startswith("shard-")):
        assert ".tmp-" not in shard, f"a temporary file was left behind: {shard}"
        ids.update(s.id for s in shard_statuses(str(out), shard))
    return ids


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]


def shard_lines(out: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(out.glob("shard-*.jsonl")) for line in p.read_text("utf-8").splitlines()]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def numbered_texts(n: int) -> list[dict]:
    return [
        {"id": f"doc-{i:03d}", "text": f'"We will open {i} new schools," said Mayor Ana Ruiz on day {i}.', "n": i}
        for i in range(n)
    ]


def manifest_ids(out: Path) -> list[str]:
    ids = []
    for line in (out / MANIFEST).read_text("utf-8").splitlines():
        try:
            ids.append(json.loads(line)["id"])
        except json.JSONDecodeError:
            pass  # a line being written
    return ids


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    """A WARC file of `response` records (gzip-compressed when the name ends in .gz)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=str(path).endswith(".gz"))
        for i, (ctype, body) in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.test/{i}", "response", payload=io.BytesIO(body), http_headers=http
                )
            )


PAGE = (
    "<html><head><title>Budget row</title></head><body><nav>Home | Sport | Weather</nav><article>"
    "<h1>Council rejects the budget</h1><p>" + SAID + " She spoke after a long meeting on Tuesday.</p>"
    "<p>"
    + REPORTED
    + " Officials expect a new round next month.</p></article><footer>Contact us</footer></body></html>"
).encode()
