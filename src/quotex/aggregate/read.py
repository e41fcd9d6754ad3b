"""Read stored `quotex extract` output: JSON Lines files, shard folders, `-f json` files, stdin.

What counts as extraction output (documented in docs/corpus-views.md): a JSON object
with `schema_version` and either `quotations` (a document) or `error` (an error record).
A file is read as JSON Lines (one document a line); a file whose first line is not a whole
JSON value (the pretty-printed `--format json` output) is read as one JSON value, an object
or an array of them. A folder is searched recursively for `*.jsonl`, `*.ndjson`, `*.json`
(each optionally `.gz`), hidden entries skipped, in sorted order; the corpus runner's
`manifest.jsonl` is skipped, and any other file in it whose first record is not extraction
output is skipped and named on stderr by the caller. A file named explicitly must be extraction output; files a glob matches are treated
like a folder's.

Fields beyond `ExtractionResult` (`id`, `meta`, `text`, added by the corpus readers) are read
defensively: used when present, never required; the id falls back to `source`.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from quotex.errors import Err, QuotexError
from quotex.models import SCHEMA_VERSION, ErrorDetail, ExtractionResult

STDIN = "-"
SHARD_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt", ".md", ".text")
# The corpus runner's manifest (`quotex extract --out-dir`): bookkeeping, skipped without a note.
MANIFESTS = frozenset({"manifest.jsonl"})
# Keys a stored document may carry beyond ExtractionResult (the corpus readers add them).
EXTRA_KEYS = ("id", "meta", "text")
_MAJOR = SCHEMA_VERSION.split(".")[0]


@dataclass(frozen=True)
class StoredDocument:
    """One document of the extraction output, or the error record of one that failed."""

    index: int
    """Position in the input, from 0: the tie-breaker of every ordering."""
    id: str
    """`id` when the output has one, else `source`."""
    source: str
    meta: dict[str, Any]
    where: str
    """`file:line`, for messages."""
    result: ExtractionResult | None = None
    error: ErrorDetail | None = None
    raw_date: Any = field(default=None, compare=False)


@dataclass
class ReadLog:
    """What the reader passed over, so the command can say so on stderr (nothing silently)."""

    skipped_files: list[str] = field(default_factory=list)
    documents: int = 0
    failed: int = 0


def _is_shard_name(name: str) -> bool:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(SHARD_SUFFIXES)


def _walk(root: Path, want: Callable[[str], bool]) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath, n) for n in sorted(filenames) if not n.startswith(".") and want(n))
    return found


def shard_files(root: Path) -> list[Path]:
    return _walk(root, _is_shard_name)


def text_files(root: Path) -> list[Path]:
    return _walk(root, lambda n: n.lower().endswith(TEXT_SUFFIXES))


def _open(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def is_quotex_record(obj: Any) -> bool:
    return isinstance(obj, dict) and "schema_version" in obj and ("quotations" in obj or "error" in obj)


def _first_record(path: Path) -> Any:
    """The first JSON value of a file (its first non-blank line, else the whole file), or None."""
    try:
        with _open(path) as fh:
            for line in fh:
                if line.strip():
                    try:
                        return json.loads(line)
                    except ValueError:
                        break
            else:
                return None
        with _open(path) as fh:
            whole = json.loads(fh.read())
        return whole[0] if isinstance(whole, list) and whole else whole
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        return None


def looks_like_output(path: Path) -> bool:
    """A JSON-named file whose first record is a quotex document or error record."""
    return _is_shard_name(path.name) and is_quotex_record(_first_record(path))


def classify(arg: str) -> str:
    """`output`, `text` or `mixed` (or `skip`, a manifest) for one command-line argument of
    `quotex positions`; a glob is what its matches are.

    A `.json`/`.jsonl`/`.ndjson` file whose first record is a quotex document is output;
    a folder is output when it holds such files and no `.txt`/`.md`/`.text` files, mixed
    when it holds both; anything else (a missing path, `-`, a glob) is article text, as
    before, so existing uses and their error messages are unchanged.
    """
    path = Path(arg)
    if arg != STDIN and not path.exists() and any(c in arg for c in "*?["):
        kinds = {classify(m) for m in glob.glob(arg, recursive=True) if not Path(m).name.startswith(".")}
        kinds.discard("skip")
        return kinds.pop() if len(kinds) == 1 else "mixed" if kinds else "text"
    if arg == STDIN or not path.exists():
        return "text"
    if path.is_file() and path.name in MANIFESTS:
        return "skip"
    if path.is_file():
        return "output" if looks_like_output(path) else "text"
    shards = [p for p in shard_files(path) if looks_like_output(p)]
    if not shards:
        return "text"
    return "mixed" if text_files(path) else "output"


def collect(args: list[str]) -> list[tuple[str, Path | None, bool]]:
    """(name, path, explicit) per file to read, in argument order, each file once.
    `path` is None for stdin. Folders and globs expand to their shard files."""
    seen: set[str] = set()
    out: list[tuple[str, Path | None, bool]] = []

    def add(name: str, path: Path | None, explicit: bool) -> None:
        key = STDIN if path is None else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append((name, path, explicit))

    for arg in args:
        path = Path(arg)
        if arg == STDIN:
            add("<stdin>", None, True)
        elif path.is_dir():
            files = shard_files(path)
            if not files:
                raise QuotexError(Err.NO_OUTPUT, path=arg, detail="no .jsonl, .ndjson or .json files in it")
            for f in files:
                add(str(f), f, False)
        elif path.exists():
            add(arg, path, True)
        elif any(c in arg for c in "*?["):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise QuotexError(Err.MISSING_PATH, path=arg)
            for m in matches:
                mp = Path(m)
                for f in shard_files(mp) if mp.is_dir() else [mp]:
                    add(str(f), f, False)  # like a folder's files: `out/*.jsonl` also matches the manifest
        else:
            raise QuotexError(Err.MISSING_PATH, path=arg)
    return out


def _decoded(name: str, fh: Iterable[bytes]) -> Iterator[str]:
    """Lines decoded one by one, so that a bad byte is reported with its own line number."""
    for lineno, raw in enumerate(fh, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QuotexError(
                Err.BAD_RECORD, path=name, line=lineno, detail=f"not UTF-8 (byte {exc.start} of the line)"
            ) from None
        yield line.removeprefix("\ufeff") if lineno == 1 else line


def _records(name: str, fh: Iterable[bytes]) -> Iterator[tuple[int, Any]]:
    """(line, value) pairs: JSON Lines, or one JSON value (object or array) for a whole file."""
    lines = _decoded(name, fh)
    lineno = 0
    for line in lines:
        lineno += 1
        if not line.strip():
            continue
        try:
            first = json.loads(line)
        except json.JSONDecodeError as exc:
            if line.lstrip()[:1] not in "{[":
                raise QuotexError(Err.NOT_OUTPUT, path=name, line=lineno, detail=f"not JSON ({exc.msg})") from None
            # Pretty-printed `--format json` output: the whole file is one JSON value.
            rest = line + "".join(lines)
            try:
                whole = json.loads(rest)
            except json.JSONDecodeError as exc2:
                raise QuotexError(
                    Err.BAD_RECORD, path=name, line=lineno - 1 + exc2.lineno, detail=f"not JSON ({exc2.msg})"
                ) from None
            items = whole if isinstance(whole, list) else [whole]
            for item in items:
                yield lineno, item
            return
        yield lineno, first
        break
    for line in lines:
        lineno += 1
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuotexError(Err.BAD_RECORD, path=name, line=lineno, detail=f"not JSON ({exc.msg})") from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "document"
    return f"{where}: {err['msg']}"


def _document(index: int, name: str, line: int, raw: dict, date_field: str) -> StoredDocument:
    where = f"{name}:{line}"
    version = str(raw.get("schema_version"))
    if version.split(".")[0] != _MAJOR:
        raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail=f"schema_version {version} is not {_MAJOR}.x")
    meta = raw.get("meta")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail="meta is not an object")
    doc_id = raw.get("id")
    source = raw.get("source")
    if not isinstance(source, str):
        raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail="source: missing or not a string")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail="id is not a string or number")
    doc_id = source if doc_id is None else str(doc_id)
    raw_date = meta.get(date_field)
    if "error" in raw and "quotations" not in raw:
        err = raw.get("error")
        try:
            detail = ErrorDetail.model_validate(err)
        except ValidationError as exc:
            reason = f"error record: {_first_error(exc)}"
            raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail=reason) from None
        return StoredDocument(index, doc_id, source, meta, where, error=detail, raw_date=raw_date)
    payload = {k: v for k, v in raw.items() if k not in EXTRA_KEYS}
    try:
        result = ExtractionResult.model_validate(payload)
    except ValidationError as exc:
        raise QuotexError(Err.BAD_RECORD, path=name, line=line, detail=_first_error(exc)) from None
    return StoredDocument(index, doc_id, source, meta, where, result=result, raw_date=raw_date)


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def read_documents(
    args: list[str], stdin: BinaryIO | None = None, log: ReadLog | None = None, date_field: str = "date"
) -> Iterator[StoredDocument]:
    """Every stored document under `args`, in order; raises QuotexError (E80x) on bad input.

    A document id seen twice is an error (E805): a corpus view must not count a document
    twice, and the reader cannot tell which copy is right.
    """
    log = log if log is not None else ReadLog()
    seen: dict[str, str] = {}
    index = 0
    for name, path, explicit in collect(args):
        if not explicit and path is not None and path.name in MANIFESTS:
            continue
        try:
            fh = (stdin or _stdin()) if path is None else _open(path)
        except OSError as exc:
            raise QuotexError(Err.UNREADABLE, path=name, detail=exc.strerror or str(exc)) from None
        try:
            first = True
            for line, raw in _records(name, fh):
                if first and not is_quotex_record(raw):
                    if not explicit:
                        log.skipped_files.append(name)
                        break
                    raise QuotexError(
                        Err.NOT_OUTPUT,
                        path=name,
                        line=line,
                        detail="not a quotex document (no schema_version and quotations)",
                    )
                first = False
                if not is_quotex_record(raw):
                    raise QuotexError(
                        Err.BAD_RECORD,
                        path=name,
                        line=line,
                        detail="not a quotex document (no schema_version and quotations)",
                    )
                doc = _document(index, name, line, raw, date_field)
                if doc.id in seen:
                    raise QuotexError(Err.DUPLICATE_DOCUMENT, id=doc.id, first=seen[doc.id], second=doc.where)
                seen[doc.id] = doc.where
                index += 1
                log.documents += 1
                log.failed += doc.error is not None
                yield doc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise QuotexError(Err.UNREADABLE, path=name, detail=getattr(exc, "strerror", None) or str(exc)) from None
        finally:
            if path is not None:
                fh.close()
    if index == 0:
        what = ", ".join(args)
        raise QuotexError(Err.NO_OUTPUT, path=what, detail="no quotex documents in it")
