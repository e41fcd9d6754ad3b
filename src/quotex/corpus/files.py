"""Find and open corpus files: local paths or fsspec URLs (s3://, memory://, ...), `.gz` on the fly,
and count their records cheaply for the progress bar. Nothing here parses a record."""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, cast

from quotex.errors import Err, QuotexError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".csv.gz")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = (".txt", ".md", ".text")
CORPUS_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + TEXT_SUFFIXES
STDIN = "-"
# Files that hold many records (one output document each), not one document.
MULTI_RECORD_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + WARC_SUFFIXES
# Files read as records, not as one text: everything but plain text.
RECORD_SUFFIXES = MULTI_RECORD_SUFFIXES + HTML_SUFFIXES


def is_url(path: str) -> bool:
    return "://" in path


def url_fs(url: str) -> tuple[Any, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what=f"reading {url}", extra="dask") from None
    return url_to_fs(url)


def open_binary(path: str) -> BinaryIO:
    """A binary stream for a local path or an fsspec URL; `.gz` is decompressed on the fly."""
    stream = open_raw(path)
    if path.lower().endswith(".gz"):
        return cast(BinaryIO, gzip.open(stream))  # a GzipFile reads like any binary stream
    return stream


def open_raw(path: str) -> BinaryIO:
    if is_url(path):
        fs, root = url_fs(path)
        return fs.open(root, "rb")
    return open(path, "rb")


def has_suffix(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.lower().endswith(suffixes)


def list_corpus(arg: str) -> list[tuple[str, str]]:
    """`(path, name used in ids)` for every corpus file an argument names, in sorted order.

    Raises `QuotexError` (E101/E102) when the argument names nothing."""
    if arg == STDIN:
        return [(STDIN, "<stdin>")]
    if is_url(arg):
        fs, root = url_fs(arg)
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if has_suffix(p, CORPUS_SUFFIXES) and not _hidden(p, root))
            if not found:
                raise QuotexError(Err.NO_TEXT_FILES, path=arg)
            proto = arg.split("://", 1)[0]
            return [(f"{proto}://{p}", os.path.relpath(p, root)) for p in found]
        if not fs.exists(root):
            raise QuotexError(Err.MISSING_PATH, path=arg)
        return [(arg, arg.rstrip("/").rsplit("/", 1)[-1])]
    path = Path(arg)
    if path.is_dir():
        found = []
        for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.startswith(".") and has_suffix(name, CORPUS_SUFFIXES):
                    full = Path(dirpath, name)
                    found.append((str(full), full.relative_to(path).as_posix()))
        if not found:
            raise QuotexError(Err.NO_TEXT_FILES, path=arg)
        return found
    if not path.exists():
        raise QuotexError(Err.MISSING_PATH, path=arg)
    return [(arg, path.name)]


def _hidden(path: str, root: str) -> bool:
    return any(part.startswith(".") for part in os.path.relpath(path, root).split("/"))


# --- counting, for the progress bar's ETA ------------------------------------------------------


def count_records(args: Iterable[str]) -> int | None:
    """How many records the arguments hold, when that is cheap to know (None for WARC files)."""
    total = 0
    for arg in args:
        for path, _ in list_corpus(arg):
            if has_suffix(path, WARC_SUFFIXES):
                return None
            if path == STDIN or not (has_suffix(path, JSONL_SUFFIXES) or has_suffix(path, CSV_SUFFIXES)):
                total += 1
                continue
            try:
                with open_binary(path) as f:
                    if has_suffix(path, JSONL_SUFFIXES):
                        total += sum(1 for line in f if line.strip())
                    else:
                        text = io.TextIOWrapper(f, encoding="utf-8", errors="replace", newline="")
                        total += max(0, sum(1 for row in csv.reader(text) if row) - 1)
            except (OSError, EOFError, csv.Error):
                return None
    return total
