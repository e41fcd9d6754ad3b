"""quotex's one error table: every failure a user can meet, with its code and exit code.

Exit codes (documented in docs/cli.md):
  0  success
  1  some claims not supported (`quotex check`); no actor matches (`quotex positions --entity`)
  2  usage error (Typer/Click's own)
  3  input error: missing path, nothing to read, empty, binary or non-UTF-8 text
  4  model error: the spaCy pipeline could not be loaded or lacks a parser
  5  a batch finished but some inputs failed (each has an error record)
  6  gold file error (`quotex evaluate`)
  130  interrupted (SIGINT, Ctrl-C); output stops at a record boundary, `-o FILE` is left as it was
  141  the reader of stdout went away (closed pipe, `| head`)
  143  terminated (SIGTERM); as for 130
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

EXIT_OK = 0
EXIT_UNSUPPORTED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_PARTIAL = 5
EXIT_GOLD = 6
# 128 + the signal's number, as a shell reports a process killed by it.
EXIT_SIGINT = 130
EXIT_PIPE = 141
EXIT_SIGTERM = 143


class Err(Enum):
    """(code, exit code, message template)."""

    MISSING_PATH = ("E101", EXIT_INPUT, "no such file or directory: {path}")
    NO_TEXT_FILES = ("E102", EXIT_INPUT, "no text files found in {path}")
    EMPTY_TEXT = ("E103", EXIT_INPUT, "input is empty or whitespace only: {path}")
    BINARY_DATA = ("E104", EXIT_INPUT, "input looks like binary data, not text: {path}")
    NOT_UTF8 = ("E105", EXIT_INPUT, "input is not valid UTF-8 ({detail}): {path}")
    UNREADABLE = ("E106", EXIT_INPUT, "cannot read {path}: {detail}")
    TOO_LONG = ("E107", EXIT_INPUT, "input has {chars:,} characters, more than --max-chars {limit:,}: {path}")
    SPECIAL_FILE = ("E108", EXIT_INPUT, "not a regular file ({detail}): {path}")
    TOO_LARGE = ("E109", EXIT_INPUT, "input is larger than {limit:,} bytes (4 per character of --max-chars): {path}")
    MODEL_NOT_FOUND = ("E201", EXIT_MODEL, "spaCy pipeline '{name}' is not installed: {detail}")
    MODEL_NO_PARSER = ("E202", EXIT_MODEL, "spaCy pipeline '{name}' has no dependency parser; quotex needs one")
    UNSUPPORTED_LANGUAGE = (
        "E203",
        EXIT_MODEL,
        "quotex has attribution rules for {supported} only; pipeline '{name}' is '{lang}'",
    )
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
    CORPUS_NEEDS_EXTRA = ("E130", EXIT_USAGE, '{what} needs the optional extra: pip install "quotex[{extra}]"')
    CORPUS_OUT_DIR = ("E131", EXIT_USAGE, "output directory {path}: {detail}")
    CORPUS_OPTION = ("E132", EXIT_USAGE, "{detail}")
    # Clusters (`--scheduler`).
    CLUSTER_UNREACHABLE = ("E501", EXIT_USAGE, "cannot reach the Dask scheduler {address}: {detail}")
    CLUSTER_BATCH_FAILED = (
        "E502",
        EXIT_PARTIAL,
        "{count} batches failed on the cluster ({detail}); their documents are not marked done: run the same command again to retry them",
    )
    # E701-E719: the learned attribution model (`quotex train`, `--model-dir`)
    ATTRIBUTION_MODEL_MISSING = ("E701", EXIT_MODEL, "attribution model not found in {path}: {detail}")
    ATTRIBUTION_MODEL_INVALID = ("E702", EXIT_MODEL, "attribution model in {path} cannot be used: {detail}")
    TRAINING_DATA_INVALID = ("E703", EXIT_GOLD, "training data {path}: {detail}")
    TRAINING_FAILED = ("E704", EXIT_MODEL, "training failed: {detail}")
    # `quotex serve` (HTTP): the status each maps to is `quotex.server.http_errors.STATUS`; the exit code is
    # only used when the server cannot start (E611).
    BODY_TOO_LARGE = ("E601", EXIT_INPUT, "request body is larger than the limit of {limit} bytes (max_body_bytes)")
    TEXT_TOO_LONG = ("E602", EXIT_INPUT, "{field} has {size} characters; the limit is {limit} (max_chars)")
    BATCH_TOO_LARGE = ("E603", EXIT_INPUT, "{field} has {size} items; the limit is {limit} ({setting})")
    BAD_REQUEST = ("E604", EXIT_INPUT, "invalid request: {detail}")
    TIMED_OUT = ("E605", EXIT_INPUT, "no answer within the time limit of {limit} s (timeout); {detail}")
    BUSY = ("E606", EXIT_INPUT, "server busy: {detail}; retry later")
    NOT_READY = ("E607", EXIT_INPUT, "the model is not loaded yet; retry later")
    NOT_FOUND = ("E608", EXIT_INPUT, "no such endpoint: {method} {path}")
    METHOD_NOT_ALLOWED = ("E609", EXIT_INPUT, "method {method} not allowed on {path}")
    INTERNAL = ("E610", EXIT_INPUT, "internal error ({detail}); the server log has the details")
    CANNOT_SERVE = ("E611", EXIT_USAGE, "cannot serve: {detail}")
    UNSUPPORTED_MEDIA = ("E612", EXIT_INPUT, "send JSON (Content-Type: application/json), not {media_type}")
    # Corpus views over extraction output (`quotex positions --entity`, `quotex actors`).
    NOT_OUTPUT = (
        "E801",
        EXIT_INPUT,
        "{path} line {line}: not quotex extraction output ({detail}); this reads what `quotex extract` writes",
    )
    BAD_RECORD = ("E802", EXIT_INPUT, "{path} line {line}: bad extraction record: {detail}")
    MIXED_INPUTS = ("E803", EXIT_USAGE, "cannot mix article text and extraction output in one run: {detail}")
    NO_ACTOR = ("E804", EXIT_UNSUPPORTED, "no actor matches {option} '{name}' in {documents} documents{hint}")
    DUPLICATE_DOCUMENT = ("E805", EXIT_INPUT, "document id '{id}' appears twice: {first} and {second}")
    NO_OUTPUT = ("E806", EXIT_INPUT, "{path}: {detail}")
    BAD_QUERY = ("E807", EXIT_USAGE, "{detail}")
    # Bugs, not bad input: the document gets an error record and the batch goes on (`--debug`
    # prints the traceback). Exit code 5, alone as in a batch: "a document could not be processed".
    EXTRACTOR_FAILED = ("E901", EXIT_PARTIAL, "internal error while extracting from {path}: {detail}")
    RESULT_FAILED = ("E902", EXIT_PARTIAL, "internal error while building the result for {path}: {detail}")

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

    def __reduce__(self) -> tuple[Callable[[str, str], QuotexError], tuple[str, str]]:
        # Picklable, so that a worker process (a pool's, Dask's) can send it back unchanged.
        return (_restore_error, (self.err.name, self.message))


def _restore_error(name: str, message: str) -> QuotexError:
    exc = QuotexError.__new__(QuotexError)
    exc.err = Err[name]
    exc.code, exc.exit_code, exc.message = exc.err.code, exc.err.exit_code, message
    Exception.__init__(exc, f"{exc.code} {message}")
    return exc
