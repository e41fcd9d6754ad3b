"""quotex's one error table: every failure a user can meet, with its code and exit code.

Exit codes (documented in the README):
  0  success
  1  some claims not supported (`quotex check`)
  2  usage error (Typer/Click's own)
  3  input error: missing path, nothing to read, empty, binary or non-UTF-8 text
  4  model error: the spaCy pipeline could not be loaded or lacks a parser
  5  a batch finished but some inputs failed (each has an error record)
  6  gold file error (`quotex evaluate`)
"""

from __future__ import annotations

from enum import Enum

EXIT_OK = 0
EXIT_UNSUPPORTED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_PARTIAL = 5
EXIT_GOLD = 6


class Err(Enum):
    """(code, exit code, message template)."""

    MISSING_PATH = ("E101", EXIT_INPUT, "no such file or directory: {path}")
    NO_TEXT_FILES = ("E102", EXIT_INPUT, "no text files found in {path}")
    EMPTY_TEXT = ("E103", EXIT_INPUT, "input is empty or whitespace only: {path}")
    BINARY_DATA = ("E104", EXIT_INPUT, "input looks like binary data, not text: {path}")
    NOT_UTF8 = ("E105", EXIT_INPUT, "input is not valid UTF-8 ({detail}): {path}")
    UNREADABLE = ("E106", EXIT_INPUT, "cannot read {path}: {detail}")
    MODEL_NOT_FOUND = ("E201", EXIT_MODEL, "spaCy pipeline '{name}' is not installed: {detail}")
    MODEL_NO_PARSER = ("E202", EXIT_MODEL, "spaCy pipeline '{name}' has no dependency parser; quotex needs one")
    GOLD_INVALID = ("E301", EXIT_GOLD, "gold file {path} line {line}: {detail}")
    CLAIMS_INVALID = ("E302", EXIT_INPUT, "claims file {path} line {line}: {detail}")
    BAD_OPTION = ("E401", EXIT_USAGE, "{detail}")
    # Corpus records (`quotex extract CORPUS --out-dir DIR`): each stands in an error record.
    RECORD_UNREADABLE = ("E120", EXIT_INPUT, "{source}: cannot read the record: {detail}")
    RECORD_NOT_JSON = ("E121", EXIT_INPUT, "{source}: not a JSON object: {detail}")
    RECORD_NO_TEXT = ("E122", EXIT_INPUT, "{source}: no text in field '{field}'{detail}")
    RECORD_EMPTY_TEXT = ("E123", EXIT_INPUT, "{source}: the text is empty or whitespace only")
    RECORD_DUPLICATE_ID = ("E124", EXIT_INPUT, "{source}: duplicate id '{id}' (first seen at {first}); kept the first")
    RECORD_BAD_ROW = ("E125", EXIT_INPUT, "{source}: {detail}")
    RECORD_NO_MAIN_TEXT = ("E126", EXIT_INPUT, "{source}: no main text found in the HTML{detail}")
    RECORD_BAD_WARC = ("E127", EXIT_INPUT, "{source}: cannot read the WARC file past this point: {detail}")
    RECORD_BAD_ID = ("E128", EXIT_INPUT, "{source}: the id field '{field}' must be a string or an integer, not {kind}")
    RECORD_FAILED = ("E129", EXIT_INPUT, "{source}: extraction failed: {detail}")
    # Corpus runs as a whole.
    CORPUS_NEEDS_EXTRA = ("E130", EXIT_USAGE, "{what} needs the optional extra: pip install \"quotex[{extra}]\"")
    CORPUS_OUT_DIR = ("E131", EXIT_USAGE, "output directory {path}: {detail}")
    CORPUS_OPTION = ("E132", EXIT_USAGE, "{detail}")
    # Clusters (`--scheduler`).
    CLUSTER_UNREACHABLE = ("E501", EXIT_USAGE, "cannot reach the Dask scheduler {address}: {detail}")
    CLUSTER_BATCH_FAILED = ("E502", EXIT_PARTIAL, "{count} batches failed on the cluster ({detail}); their documents are not marked done: run the same command again to retry them")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def exit_code(self) -> int:
        return self.value[1]


class QuotexError(Exception):
    """The one domain exception: the CLI maps it to a one-line message and an exit code."""

    def __init__(self, err: Err, **fields: object) -> None:
        self.err = err
        self.code = err.code
        self.exit_code = err.exit_code
        self.message = err.value[2].format(**fields)
        super().__init__(f"{self.code} {self.message}")

    def __reduce__(self):
        # Picklable, so that a worker process (a pool's, Dask's) can send it back unchanged.
        return (_restore_error, (self.err.name, self.message))


def _restore_error(name: str, message: str) -> QuotexError:
    exc = QuotexError.__new__(QuotexError)
    exc.err = Err[name]
    exc.code, exc.exit_code, exc.message = exc.err.code, exc.err.exit_code, message
    Exception.__init__(exc, f"{exc.code} {message}")
    return exc
