"""The output directory of a corpus run: atomic shards and the manifest that makes runs resumable.

Layout of `--out-dir DIR`:

* `shard-000001.jsonl` (or `.parquet`), … : one per batch of documents. A shard is written under a
  temporary name and renamed into place, so a shard that exists is complete. JSON Lines shards
  hold one `ExtractionResult` or `ErrorRecord` a line (with `id`, `meta`, and `text` for HTML);
  Parquet shards one row per quotation (`PARQUET_COLUMNS`), with the batch's document ids and
  statuses in the file's metadata (so documents without quotations are accounted for too).
* `manifest.jsonl`: one line per document, `{"id", "shard", "status": "ok"|"error", "code",
  "source"}`, appended after the shard it names is in place. A re-run skips every id in it.

Invariant: a document id is in at most one shard. A shard is only ever (re)written under its own
name with its own batch, so a retried batch (a killed Dask worker) replaces, never duplicates; a
shard that reached the disk but not the manifest (the run was killed in between) is read back into
the manifest when the next run starts (`reconcile`).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from quotex.corpus.files import is_url, url_fs
from quotex.errors import Err, QuotexError
from quotex.models import ErrorRecord, ExtractionResult

MANIFEST = "manifest.jsonl"
SHARD_RE = re.compile(r"^shard-(\d{6,})\.(jsonl|parquet)$")
TMP_MARK = ".tmp-"
PARQUET_DOCS_KEY = b"quotex.documents"

Outcome = ExtractionResult | ErrorRecord


@dataclass(frozen=True)
class DocStatus:
    """One manifest line: where a document's output is, and whether it succeeded."""

    id: str
    shard: str
    status: str
    code: str | None
    source: str

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "shard": self.shard, "status": self.status, "code": self.code, "source": self.source},
            ensure_ascii=False,
        )


def status_of(outcome: Outcome, shard: str) -> DocStatus:
    if isinstance(outcome, ErrorRecord):
        return DocStatus(outcome.id or outcome.source, shard, "error", outcome.error.code, outcome.source)
    return DocStatus(outcome.id or outcome.source, shard, "ok", None, outcome.source)


def shard_name(index: int, fmt: str) -> str:
    return f"shard-{index:06d}.{fmt}"


def join(root: str, name: str) -> str:
    return f"{root.rstrip('/')}/{name}" if is_url(root) else str(Path(root, name))


# --- atomic writes ---------------------------------------------------------------------------


def write_atomic(root: str, name: str, data: bytes) -> None:
    """Write `root/name` so that it either exists complete or not at all."""
    tmp = f"{name}{TMP_MARK}{uuid.uuid4().hex}"
    if is_url(root):
        # Object stores (s3://) make an object visible only once its upload completes.
        fs, base = url_fs(root)
        fs.pipe_file(f"{base.rstrip('/')}/{tmp}", data)
        fs.mv(f"{base.rstrip('/')}/{tmp}", f"{base.rstrip('/')}/{name}")
        return
    tmp_path, final = Path(root, tmp), Path(root, name)
    with open(tmp_path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp_path, final)


def encode_jsonl(outcomes: Iterable[Outcome]) -> bytes:
    return "".join(o.model_dump_json() + "\n" for o in outcomes).encode("utf-8")


# --- Parquet: one row per quotation ----------------------------------------------------------

PARQUET_COLUMNS = (
    ("doc_id", "string"),
    ("source", "string"),
    ("meta", "string"),  # the record's meta as a JSON object (fields differ between corpora)
    ("quotation_id", "string"),
    ("kind", "string"),
    ("speaker", "string"),
    ("speaker_start", "int64"),
    ("speaker_end", "int64"),
    ("entity_id", "string"),
    ("entity_name", "string"),
    ("entity_kind", "string"),
    ("cue", "string"),
    ("cue_start", "int64"),
    ("cue_end", "int64"),
    ("cue_class", "string"),
    ("content", "string"),
    ("content_start", "int64"),
    ("content_end", "int64"),
    ("confidence", "float64"),
    ("method", "string"),
    ("parent", "string"),
)


def parquet_rows(outcomes: Iterable[Outcome]) -> list[dict]:
    rows = []
    for o in outcomes:
        if isinstance(o, ErrorRecord):
            continue
        entities = {e.id: e for e in o.entities}
        meta = json.dumps(o.meta, ensure_ascii=False) if o.meta is not None else None
        for q in o.quotations:
            entity = entities.get(q.entity) if q.entity else None
            rows.append(
                {
                    "doc_id": o.id or o.source,
                    "source": o.source,
                    "meta": meta,
                    "quotation_id": q.id,
                    "kind": q.kind,
                    "speaker": q.speaker.text if q.speaker else None,
                    "speaker_start": q.speaker.start if q.speaker else None,
                    "speaker_end": q.speaker.end if q.speaker else None,
                    "entity_id": q.entity,
                    "entity_name": entity.name if entity else None,
                    "entity_kind": entity.kind if entity else None,
                    "cue": q.cue.text if q.cue else None,
                    "cue_start": q.cue.start if q.cue else None,
                    "cue_end": q.cue.end if q.cue else None,
                    "cue_class": q.cue_class,
                    "content": q.content.text,
                    "content_start": q.content.start,
                    "content_end": q.content.end,
                    "confidence": q.confidence,
                    "method": q.method,
                    "parent": q.parent,
                }
            )
    return rows


def encode_parquet(outcomes: list[Outcome], shard: str) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what="--format parquet", extra="parquet") from None
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in PARQUET_COLUMNS])
    docs = [[s.id, s.status, s.code, s.source] for s in (status_of(o, shard) for o in outcomes)]
    schema = schema.with_metadata({PARQUET_DOCS_KEY: json.dumps(docs, ensure_ascii=False).encode("utf-8")})
    table = pa.Table.from_pylist(parquet_rows(outcomes), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def encode_shard(outcomes: list[Outcome], shard: str, fmt: str) -> bytes:
    return encode_parquet(outcomes, shard) if fmt == "parquet" else encode_jsonl(outcomes)


# --- reading a shard back (resume, and tests) ------------------------------------------------


def shard_statuses(root: str, name: str) -> list[DocStatus]:
    """The documents a complete shard holds, from the shard itself."""
    path = join(root, name)
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        if is_url(root):
            fs, p = url_fs(path)
            meta = pq.read_schema(p, filesystem=fs).metadata
        else:
            meta = pq.read_schema(path).metadata
        return [DocStatus(i, name, st, code, src) for i, st, code, src in json.loads(meta[PARQUET_DOCS_KEY])]
    out = []
    for line in _read_bytes(path).decode("utf-8").splitlines():
        doc = json.loads(line)
        status = "error" if "error" in doc else "ok"
        code = doc["error"]["code"] if status == "error" else None
        out.append(DocStatus(doc.get("id") or doc["source"], name, status, code, doc["source"]))
    return out


def _read_bytes(path: str) -> bytes:
    if is_url(path):
        fs, p = url_fs(path)
        return fs.cat_file(p)
    return Path(path).read_bytes()


# --- the output directory as a whole (driver side only) -------------------------------------


class OutDir:
    """The driver's view of `--out-dir`: the manifest, existing shards, the next shard index.

    Only the driver writes the manifest. On a local directory a lock (flock, released when the
    process dies, however it dies) keeps two runs from sharing one directory."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.remote = is_url(root)
        self._lock: TextIO | None = None
        self._pending: list[str] = []  # remote manifests are rewritten whole, see flush()
        try:
            if self.remote:
                fs, base = url_fs(root)
                fs.makedirs(base, exist_ok=True)
            else:
                Path(root).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QuotexError(Err.CORPUS_OUT_DIR, path=root, detail=exc.strerror or str(exc)) from None

    def lock(self) -> None:
        if self.remote:
            return
        import fcntl

        self._lock = held = open(Path(self.root, ".lock"), "w")
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise QuotexError(Err.CORPUS_OUT_DIR, path=self.root, detail="another quotex run is using it") from None

    def names(self) -> list[str]:
        if self.remote:
            fs, base = url_fs(self.root)
            return [p.rsplit("/", 1)[-1] for p in fs.ls(base, detail=False)]
        return os.listdir(self.root)

    def shards(self) -> list[str]:
        return sorted(n for n in self.names() if SHARD_RE.match(n))

    def remove_temporaries(self) -> None:
        """Leftovers of writes that were interrupted: never complete, never referenced."""
        for name in self.names():
            if TMP_MARK in name and name.startswith(("shard-", MANIFEST)):
                path = join(self.root, name)
                if self.remote:
                    fs, p = url_fs(path)
                    fs.rm(p)
                else:
                    Path(path).unlink(missing_ok=True)

    def read_manifest(self) -> dict[str, DocStatus]:
        path = join(self.root, MANIFEST)
        try:
            data = _read_bytes(path).decode("utf-8")
        except FileNotFoundError:
            return {}
        done: dict[str, DocStatus] = {}
        lines = data.split("\n")
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                status = DocStatus(
                    entry["id"], entry["shard"], entry["status"], entry.get("code"), entry.get("source", "")
                )
            except (json.JSONDecodeError, KeyError, TypeError):
                if n == len(lines):  # a line cut short by a kill: its shard is reconciled below
                    continue
                raise QuotexError(
                    Err.CORPUS_OUT_DIR, path=self.root, detail=f"{MANIFEST} line {n} is not a manifest entry"
                ) from None
            done[status.id] = status
        if data and not data.endswith("\n") and not self.remote:
            # Drop the torn last line so that the next append starts on a line of its own.
            with open(path, "r+b") as f:
                f.truncate(data.encode("utf-8").rfind(b"\n") + 1)
        if self.remote:
            self._pending = [s.to_json() for s in done.values()]
        return done

    def reconcile(self, done: dict[str, DocStatus]) -> list[DocStatus]:
        """Shards on disk that the manifest does not know (killed between rename and append)."""
        known = {s.shard for s in done.values()}
        found = []
        for name in self.shards():
            if name not in known:
                statuses = [s for s in shard_statuses(self.root, name) if s.id not in done]
                found.extend(statuses)
                for s in statuses:
                    done[s.id] = s
        if found:
            self.append(found)
        return found

    def next_index(self) -> int:
        indices = [int(m.group(1)) for n in self.shards() if (m := SHARD_RE.match(n))]
        return max(indices, default=0) + 1

    def append(self, statuses: Iterable[DocStatus]) -> None:
        lines = [s.to_json() for s in statuses]
        if not lines:
            return
        if self.remote:
            self._pending.extend(lines)
            return
        with open(Path(self.root, MANIFEST), "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def flush(self) -> None:
        """Object stores cannot append: the manifest is rewritten whole (at the end of a run; the
        shards themselves carry their ids, so a lost manifest is rebuilt by `reconcile`)."""
        if self.remote and self._pending:
            write_atomic(self.root, MANIFEST, ("\n".join(self._pending) + "\n").encode("utf-8"))
