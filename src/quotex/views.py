"""Output for `quotex extract` and `quotex positions`: JSON, JSON Lines and Rich tables.

Writers stream: each document is written as soon as it is ready, so a long batch shows
results (and a crash loses nothing already done). No spaCy here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from pydantic import BaseModel

from quotex.models import ErrorRecord, ExtractionResult, Position, PositionItem, PositionsResult

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

CONTENT_WIDTH = 160  # characters of a quotation shown in a table; the JSON has it all


def shorten(text: str, width: int = CONTENT_WIDTH) -> str:
    """One line of at most `width` characters: whitespace collapsed, an ellipsis if cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def positions_doc(result: ExtractionResult) -> PositionsResult:
    """What `quotex positions` emits per document."""
    return PositionsResult(source=result.source, positions=result.positions)


def _jsonable(obj: BaseModel | dict) -> dict:
    return obj.model_dump(mode="json") if isinstance(obj, BaseModel) else obj


# --- JSON writers -------------------------------------------------------------------------


class JsonWriter:
    """One document: a JSON object. Several: a JSON array, streamed item by item."""

    def __init__(self, out: TextIO, array: bool) -> None:
        self.out, self.array, self.count = out, array, 0

    def start(self) -> None:
        if self.array:
            self.out.write("[\n")

    def write(self, obj: BaseModel | dict) -> None:
        text = json.dumps(_jsonable(obj), ensure_ascii=False, indent=2)
        if self.array:
            text = ("" if self.count == 0 else ",\n") + text
        else:
            text += "\n"
        self.out.write(text)
        self.out.flush()
        self.count += 1

    def finish(self) -> None:
        if self.array:
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()


class JsonlWriter:
    """One compact JSON document per line (JSON Lines): easy to stream and `grep`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def write(self, obj: BaseModel | dict) -> None:
        self.out.write(json.dumps(_jsonable(obj), ensure_ascii=False, separators=(",", ":")) + "\n")
        self.out.flush()

    def finish(self) -> None:
        self.out.flush()


# --- Rich views -----------------------------------------------------------------------------


def _console(out: TextIO, width: int | None = None) -> Console:
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits 1 silently; the CLI's gives 141 like any closed pipe.
            raise BrokenPipeError()

    # Rich picks colour only for a terminal; a file or pipe gets plain text at 80 columns.
    return PipeAwareConsole(file=out, width=width, highlight=False, soft_wrap=False)


def console_for(out: TextIO) -> Console:
    """A Rich console for data on `out` (a closed pipe raises `BrokenPipeError`)."""
    return _console(out)


def _cells(*values: str) -> list[Text]:
    """Plain-text cells: quotations may contain `[...]`, which Rich would read as markup."""
    from rich.text import Text

    return [Text(v) for v in values]


def _entity_names(result: ExtractionResult) -> dict[str, str]:
    return {e.id: e.name for e in result.entities}


def _header(result: ExtractionResult | ErrorRecord) -> Rule:
    from rich.rule import Rule

    return Rule(f"[bold]{_escape(result.source)}[/]", align="left", style="cyan")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _error_line(record: ErrorRecord) -> Text:
    from rich.text import Text

    return Text.assemble(("✗ ", "bold red"), (f"{record.error.code} ", "red"), record.error.message)


CUE_CLASS_LABELS = {
    "speech": "speech",
    "belief": "belief",
    "according_to": "according",
    "punctuation": "punct.",
    "none": "",
}


def _cue_cell(cue: str | None, cue_class: str) -> Text:
    """The cue's words, with its class underneath (dim) so that narrow columns stay readable.
    No cue shows as a dim `(no cue)`: an em dash would read as the dash cue."""
    from rich.text import Text

    words = Text(shorten(cue, 40)) if cue else Text("(no cue)", style="dim")
    label = CUE_CLASS_LABELS.get(cue_class, cue_class)
    return Text.assemble(words, "\n", (label, "dim")) if label else words


def quotations_table(result: ExtractionResult) -> Table:
    """#, kind, speaker → entity, cue, content (shortened); wraps to fit the console."""
    from rich.table import Table
    from rich.text import Text

    names = _entity_names(result)
    table = Table(title=f"Quotations ({len(result.quotations)})", title_justify="left", expand=True)
    table.add_column("#", no_wrap=True, style="dim")
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker → entity", ratio=2, min_width=16, overflow="fold")
    table.add_column("cue", width=12, overflow="fold")
    table.add_column("content", ratio=5, overflow="fold")
    for q in result.quotations:
        who = Text(shorten(q.speaker.text, 40) if q.speaker else "—")
        name = names.get(q.entity, q.entity) if q.entity else None
        if name and (not q.speaker or name != q.speaker.text):  # "Lopez → Maria Lopez", not "X → X"
            who.append(f" → {shorten(name, 40)}", style="bold")
        table.add_row(
            Text(q.id),
            Text(q.kind),
            who,
            _cue_cell(q.cue.text if q.cue else None, q.cue_class),
            Text(shorten(q.content.text)),
        )
    return table


def entities_table(result: ExtractionResult) -> Table:
    from rich.table import Table

    table = Table(title=f"Entities ({len(result.entities)})", title_justify="left", expand=True)
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("name", ratio=2, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("titles", ratio=3, overflow="fold")
    table.add_column("mentions", justify="right", no_wrap=True)
    for e in result.entities:
        table.add_row(*_cells(e.id, e.name, e.kind, shorten("; ".join(e.titles), 120) or "—", str(len(e.mentions))))
    return table


def result_view(result: ExtractionResult) -> list[RenderableType]:
    """The renderables for one document of `quotex extract --format table`."""
    from rich.text import Text

    parts: list[RenderableType] = [_header(result)]
    if result.quotations:
        parts.append(quotations_table(result))
    else:
        parts.append(Text("no quotations found", style="dim"))
    if result.entities:
        parts.append(entities_table(result))
    return parts


def _items_table(title: str, items: list[PositionItem], names: dict[str, str], by: bool) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("#", no_wrap=True, style="dim")
    if by:
        table.add_column("by", ratio=2, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", width=12, overflow="fold")
    table.add_column("content", ratio=5, overflow="fold")
    for it in items:
        row = _cells(it.quotation)
        if by:
            row += _cells(names.get(it.speaker, it.speaker) if it.speaker else "unknown source")
        row += [*_cells(it.kind), _cue_cell(it.cue, it.cue_class), *_cells(shorten(it.text))]
        table.add_row(*row)
    return table


def position_view(position: Position, names: dict[str, str]) -> list[RenderableType]:
    """One entity: what it holds, in order, then what others report about it."""
    from rich.text import Text

    parts: list[RenderableType] = [Text.assemble((position.name, "bold"), (f"  ({position.entity})", "dim"))]
    if position.holds:
        parts.append(_items_table("holds", position.holds, names, by=False))
    if position.reported_about:
        parts.append(_items_table("reported about it", position.reported_about, names, by=True))
    return parts


def positions_view(result: ExtractionResult) -> list[RenderableType]:
    """The renderables for one document of `quotex positions --format table`."""
    from rich.text import Text

    names = _entity_names(result)
    parts: list[RenderableType] = [_header(result)]
    if not result.positions:
        parts.append(Text("no positions found", style="dim"))
    for p in result.positions:
        parts.extend(position_view(p, names))
    return parts


class TableWriter:
    """Rich tables for people; a batch ends with a summary table, one row per input."""

    def __init__(self, out: TextIO, view: Callable[[ExtractionResult], list], width: int | None = None) -> None:
        self.console = _console(out, width)
        self.view = view
        self.rows: list[tuple[str, str]] = []

    def start(self) -> None:
        pass

    def write(self, obj: ExtractionResult | ErrorRecord) -> None:
        if isinstance(obj, ErrorRecord):
            parts = [_header(obj), _error_line(obj)]
            self.rows.append((obj.source, f"[red]{obj.error.code}[/] {_escape(obj.error.message)}"))
        else:
            parts = self.view(obj)
            self.rows.append(
                (
                    obj.source,
                    f"{len(obj.quotations)} quotations, {len(obj.entities)} entities, {len(obj.positions)} positions",
                )
            )
        for part in parts:
            self.console.print(part)
        self.console.print()

    def finish(self) -> None:
        if len(self.rows) < 2:
            return
        from rich.table import Table

        table = Table(title="Summary", title_justify="left", expand=True)
        table.add_column("input", ratio=2, overflow="fold")
        table.add_column("result", ratio=3, overflow="fold")
        for source, status in self.rows:
            table.add_row(_escape(source), status)
        self.console.print(table)


# --- progress ---------------------------------------------------------------------------------


def show_progress(n_inputs: int, stderr_tty: bool, stdout_tty: bool, to_file: bool) -> bool:
    """A progress bar only helps for several documents, and only on a terminal.

    It goes to stderr; when the data also goes to that terminal the two would garble each
    other, so the bar is shown only when the data is redirected (pipe, file or `-o`).
    """
    return n_inputs > 1 and stderr_tty and (to_file or not stdout_tty)


@contextmanager
def progress(total: int | None, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yields an `advance()` callable; a no-op when the bar is disabled."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("quotex"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        # Never capture stdout: it carries only the data.
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with bar:
        task = bar.add_task("extract", total=total)
        yield lambda: bar.advance(task)
