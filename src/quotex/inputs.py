"""Turn command-line paths into validated texts, and texts into results or error records.

Reading and validation are pure functions (no spaCy, no Typer) so they can be unit-tested
quickly; the CLI only maps a `QuotexError` to one stderr line and an exit code.

Rules (documented in docs/cli.md):

* a file named explicitly, or matched by a glob, is read whatever its extension (`quotex extract`
  reads JSON Lines, CSV, HTML and WARC files as records instead: `quotex.corpus.stream`);
* a directory is searched recursively for `*.txt`, `*.md` and `*.text` (case-insensitive),
  skipping hidden files and directories (`.git`, `.cache`, ...) and not following symlinked
  directories (no cycles); files come in sorted order so runs are reproducible;
* `-` is standard input (read once, even if given twice);
* a path that does not exist but contains `*`, `?` or `[` is expanded as a glob here, because
  the shell may not have done it (quoted argument, Windows);
* the same file reached twice (explicitly and through a directory, say) is processed once.
"""

from __future__ import annotations

import codecs
import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from quotex.errors import Err, QuotexError
from quotex.models import ErrorDetail, ErrorRecord, ExtractionResult


class Document(NamedTuple):
    """One document to extract from: its exact decoded text and how outputs name it.
    What any reader (files, stdin, corpus formats) hands to `quotex.api.extract_stream`."""

    text: str
    source: str


TEXT_SUFFIXES = (".txt", ".md", ".text")
STDIN = "-"
STDIN_SOURCE = "<stdin>"

# Bytes that never occur in text; above this share of the sample, the input is called binary.
_CONTROL_BYTES = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_BINARY_SAMPLE = 8192
_BINARY_RATIO = 0.10
# BOMs of encodings that are not UTF-8: name them instead of calling the file "binary".
_FOREIGN_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "UTF-32 byte order mark"),
    (codecs.BOM_UTF32_BE, "UTF-32 byte order mark"),
    (codecs.BOM_UTF16_LE, "UTF-16 byte order mark"),
    (codecs.BOM_UTF16_BE, "UTF-16 byte order mark"),
)
# Characters that carry no text; a file of only these is "empty" (BOM, zero-width space).
_INVISIBLE = "\ufeff\u200b"


@dataclass(frozen=True, eq=False)
class InputItem:
    """One document to process, or a path that already failed while being collected."""

    source: str
    """How outputs name it: the path as given/found, or `<stdin>`."""
    path: Path | None = None
    """The file to read; None for standard input (or for a failed item)."""
    error: QuotexError | None = field(default=None, compare=False)
    """Set when collection itself failed (missing path, directory without text files)."""

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.error is None


def display_name(path: str | os.PathLike) -> str:
    """A path as text that can always be printed and put in JSON: bytes that are not UTF-8
    (kept by Python as surrogate escapes) are shown as `\\xNN`."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def _is_glob(arg: str) -> bool:
    return any(c in arg for c in "*?[")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk_text_files(root: Path) -> list[Path]:
    """Text files under `root`, sorted, hidden entries skipped, symlinked dirs not followed."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for name in sorted(filenames):
            if not _is_hidden(name) and name.lower().endswith(TEXT_SUFFIXES):
                found.append(Path(dirpath, name))
    return found


def _expand_dir(arg: str, path: Path) -> list[InputItem]:
    files = _walk_text_files(path)
    if not files:
        return [InputItem(arg, error=QuotexError(Err.NO_TEXT_FILES, path=arg))]
    return [InputItem(display_name(f), f) for f in files]


def collect_inputs(paths: Iterable[str]) -> list[InputItem]:
    """Expand command-line arguments into documents, in argument order.

    Never raises for a bad path: it becomes an item with `error` set, so that a batch can
    report it as an error record and go on. The caller decides what a lone failure means.
    """
    items: list[InputItem] = []
    for arg in paths:
        if arg == STDIN:
            items.append(InputItem(STDIN_SOURCE))
            continue
        path = Path(arg)
        name = display_name(arg)
        if path.is_dir():
            items.extend(_expand_dir(name, path))
        elif path.exists() or path.is_symlink():
            items.append(InputItem(name, path))
        elif _is_glob(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                items.append(InputItem(name, error=QuotexError(Err.MISSING_PATH, path=name)))
            for m in matches:
                mp = Path(m)
                items.extend(_expand_dir(display_name(m), mp) if mp.is_dir() else [InputItem(display_name(m), mp)])
        else:
            items.append(InputItem(name, error=QuotexError(Err.MISSING_PATH, path=name)))
    return _dedupe(items)


def _dedupe(items: list[InputItem]) -> list[InputItem]:
    """Keep the first occurrence of each file (by resolved path) and of stdin."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.error is not None:
            key = None  # failures are all reported, even repeated ones
        elif item.path is None:
            key = STDIN
        else:
            try:
                key = str(item.path.resolve())
            except OSError:
                key = str(item.path)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(item)
    return out


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 text without a BOM: NULs in (nearly) every other byte, on one side only, and the
    other side mostly printable ASCII."""
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            if sum(32 <= b < 127 or b in (9, 10, 13) for b in other) >= 0.8 * len(other):
                return True
    return False


def decode_text(data: bytes, source: str) -> str:
    """Validate raw bytes and decode them as strict UTF-8, keeping a BOM and CR/LF as they are.

    Offsets in the output are into exactly this string, so nothing is normalised here.
    """
    if not data.strip():
        raise QuotexError(Err.EMPTY_TEXT, path=source)
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise QuotexError(Err.NOT_UTF8, path=source, detail=name)
    sample = data[:_BINARY_SAMPLE]
    if _looks_utf16(sample):
        raise QuotexError(Err.NOT_UTF8, path=source, detail="looks like UTF-16 without a byte order mark")
    if b"\x00" in sample or sum(b in _CONTROL_BYTES for b in sample) > _BINARY_RATIO * len(sample):
        raise QuotexError(Err.BINARY_DATA, path=source)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise QuotexError(Err.NOT_UTF8, path=source, detail=f"byte 0x{bad} at offset {exc.start}") from None
    if "\x00" in text:  # a NUL past the sample: still not text
        raise QuotexError(Err.BINARY_DATA, path=source)
    if not text.strip().strip(_INVISIBLE).strip():
        raise QuotexError(Err.EMPTY_TEXT, path=source)
    return text


def max_bytes_for(max_chars: int) -> int:
    """The byte cap that goes with a character cap: UTF-8 takes at most 4 bytes a character."""
    return 4 * max_chars + 3  # + a BOM


def _read_capped(stream: BinaryIO, limit: int | None, name: str) -> bytes:
    """Read a stream to its end, or to `limit` bytes (then E109): `/dev/urandom` never ends."""
    if limit is None:
        return stream.read()
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise QuotexError(Err.TOO_LARGE, path=name, limit=limit)


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular_file(path: Path, name: str) -> os.stat_result:
    """`stat` a path that must be a regular file: E101 missing, E106 a directory, E108 a named
    pipe, device or socket (refused before opening: reading it could block or never end)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise QuotexError(Err.MISSING_PATH, path=name) from None
    except OSError as exc:
        raise QuotexError(Err.UNREADABLE, path=name, detail=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise QuotexError(Err.UNREADABLE, path=name, detail="is a directory")
    for test, what in _SPECIAL:
        if test(info.st_mode):
            raise QuotexError(Err.SPECIAL_FILE, path=name, detail=what)
    return info


def read_text(src: str | os.PathLike | BinaryIO, source: str | None = None, max_bytes: int | None = None) -> str:
    """Read one input (a path, or a binary stream such as stdin) and validate it.

    Raises `QuotexError` (E101, E103-E106, E108 not a regular file, E109 over `max_bytes`);
    bytes are read raw so that no newline translation happens before offsets are computed.
    A named pipe or device given as a path is refused before it is opened (it could block
    or never end); standard input may be a pipe, and is read up to `max_bytes`.
    """
    if not isinstance(src, (str, os.PathLike)):  # a stream
        name = source or STDIN_SOURCE
        try:
            data = _read_capped(src, max_bytes, name)
        except OSError as exc:
            raise QuotexError(Err.UNREADABLE, path=name, detail=exc.strerror or str(exc)) from None
        if isinstance(data, str):  # a text stream slipped through: can't check its bytes
            data = data.encode("utf-8", errors="surrogateescape")
        return decode_text(data, name)
    path = Path(src)
    name = source or display_name(src)
    try:
        info = check_regular_file(path, name)
        if max_bytes is not None and info.st_size > max_bytes:
            raise QuotexError(Err.TOO_LARGE, path=name, limit=max_bytes)
        with open(path, "rb") as f:
            data = _read_capped(f, max_bytes, name)
    except FileNotFoundError:
        raise QuotexError(Err.MISSING_PATH, path=name) from None
    except IsADirectoryError:
        raise QuotexError(Err.UNREADABLE, path=name, detail="is a directory") from None
    except OSError as exc:
        raise QuotexError(Err.UNREADABLE, path=name, detail=exc.strerror or str(exc)) from None
    return decode_text(data, name)


def error_record(source: str, exc: QuotexError) -> ErrorRecord:
    """The record that takes a failed input's place in a batch's output."""
    return ErrorRecord(source=source, error=ErrorDetail(code=exc.code, message=exc.message))


Outcome = ExtractionResult | ErrorRecord


def iter_documents(
    items: Iterable[InputItem], stdin: BinaryIO | None = None, max_chars: int | None = None
) -> Iterator[Document | ErrorRecord]:
    """Read each item only when the consumer asks for it: a `Document`, or the `ErrorRecord`
    that stands for it (collection failed, unreadable, special file, too large, not text)."""
    max_bytes = max_bytes_for(max_chars) if max_chars is not None else None
    for item in items:
        if item.error is not None:
            yield error_record(item.source, item.error)
            continue
        try:
            if item.path is None:  # standard input (an item without path or error)
                stream = stdin if stdin is not None else sys.stdin.buffer
                text = read_text(stream, item.source, max_bytes)
            else:
                text = read_text(item.path, item.source, max_bytes)
        except QuotexError as exc:
            yield error_record(item.source, exc)
        else:
            yield Document(text, item.source)


def extract_all(
    items: list[InputItem],
    model: str | None = None,
    n_process: int = 1,
    stdin: BinaryIO | None = None,
    **options: Any,
) -> Iterator[Outcome]:
    """Results (or error records) for every input, in input order, reading lazily.

    The pipeline is loaded (and worker processes started) *before* this returns, so a model
    error (E201/E202) is raised before any output is written; it is not loaded at all when
    every input already failed while being collected.
    """
    documents = iter_documents(items, stdin=stdin, max_chars=options.get("max_chars"))
    if all(item.error is not None for item in items):
        return documents  # type: ignore[return-value]  # only error records
    from quotex.api import extract_stream

    return extract_stream(documents, model=model, n_process=n_process, **options)
