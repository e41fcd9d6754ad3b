"""Where a command's data goes: stdout (UTF-8) or `-o FILE` written atomically, and the writer
of each `--format`. No spaCy here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from quotex.commands.failure import fail
from quotex.errors import Err, QuotexError
from quotex.formats import Format

if TYPE_CHECKING:
    from pydantic import BaseModel

    from quotex.models import ErrorRecord, ExtractionResult


class DocumentWriter:
    """Writes one record per document in `fmt`: a result's tables (`view`) for `table`, else the
    JSON of `as_json(result)`; an error record as itself. `array`: several documents (JSON array)."""

    def __init__(
        self,
        fmt: Format,
        out: TextIO,
        view: Callable[[ExtractionResult], list],
        as_json: Callable[[ExtractionResult], BaseModel],
        array: bool,
    ) -> None:
        from quotex.views import JsonlWriter, JsonWriter, TableWriter  # pydantic: not at start-up

        self.as_json = as_json
        self.writer: JsonWriter | JsonlWriter | TableWriter
        if fmt is Format.table:
            self.writer = TableWriter(out, view)
        elif fmt is Format.jsonl:
            self.writer = JsonlWriter(out)
        else:
            self.writer = JsonWriter(out, array=array)

    def start(self) -> None:
        self.writer.start()

    def write(self, outcome: ExtractionResult | ErrorRecord) -> None:
        from quotex.models import ErrorRecord
        from quotex.views import TableWriter

        if isinstance(self.writer, TableWriter):
            self.writer.write(outcome)  # the tables are made from the result itself
        else:
            self.writer.write(outcome if isinstance(outcome, ErrorRecord) else self.as_json(outcome))

    def finish(self) -> None:
        self.writer.finish()


class Sink:
    """stdout, or `-o FILE` written atomically: a temporary file in the same directory,
    renamed over FILE by `commit()`; `discard()` removes it if the run did not complete, so
    an interrupted or failed run leaves the previous FILE as it was."""

    def __init__(self, output: Path | None, strict_utf8: bool = True) -> None:
        self.output, self.tmp = output, None
        self.stream: TextIO
        if output is None:
            utf8_stdout(strict_utf8)
            self.stream = sys.stdout
            return
        import tempfile

        if output.is_dir():
            raise fail(QuotexError(Err.BAD_OPTION, detail=f"cannot write {output}: Is a directory"))
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent or ".")
        except OSError as exc:
            raise fail(cannot_write(output, exc)) from None
        self.tmp = tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as `open(FILE, "w")` would have made it
        self.stream = open(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        if self.tmp is None or self.output is None:
            return
        self.stream.close()
        try:
            os.replace(self.tmp, self.output)
        except OSError as exc:
            raise fail(cannot_write(self.output, exc)) from None
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is None:
            return
        try:
            self.stream.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def cannot_write(output: Path | str, exc: OSError) -> QuotexError:
    """A path that cannot be written is a usage error (E401, exit 2), whichever command."""
    return QuotexError(Err.BAD_OPTION, detail=f"cannot write {output}: {exc.strerror or exc}")


def utf8_stdout(strict: bool) -> None:
    """JSON is UTF-8 whatever the locale says; a table degrades (`?`) rather than crash."""
    enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if enc != "utf8" and hasattr(sys.stdout, "reconfigure"):
        if strict:
            sys.stdout.reconfigure(encoding="utf-8")
        else:
            sys.stdout.reconfigure(errors="replace")


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file descriptor (e.g. under tests)
        pass
