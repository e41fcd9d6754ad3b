"""`quotex check`: is a quote in the article, and whose words does the article say they are?

Exit codes: 0 every claim supported; 1 (EXIT_UNSUPPORTED) some claim is not; 3 input errors
(E101–E109 for the article, E302 for a bad claims file); 4 model errors; 2 usage (E401).
Nothing here imports spaCy at module import time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from quotex.commands import model_options
from quotex.commands.failure import fail
from quotex.commands.options import ArticleArg, ModelDirOpt, ModelOpt, OutputOpt, RulesOnlyOpt, format_option
from quotex.formats import Format

if TYPE_CHECKING:  # models import Pydantic: not at start-up
    from quotex.models import CheckResult, Claim


def read_text(path: str) -> str:
    """The article (or `-` for stdin), validated like `quotex extract`'s inputs (E101, E103–E109)."""
    from quotex.chunking import DEFAULT_MAX_CHARS
    from quotex.inputs import max_bytes_for
    from quotex.inputs import read_text as read

    cap = max_bytes_for(DEFAULT_MAX_CHARS)
    return read(sys.stdin.buffer, "<stdin>", cap) if path == "-" else read(path, max_bytes=cap)


def _read_claims(claims: str, article: str) -> list[Claim]:
    """The claims file (or `-` for stdin), validated: E101, E106, E108 for the file, E302 for its lines."""
    from quotex.check import parse_claims
    from quotex.errors import Err, QuotexError

    if claims == "-" and article == "-":
        raise QuotexError(Err.BAD_OPTION, detail="the article and the claims cannot both come from stdin")
    if claims != "-":
        from quotex.inputs import check_regular_file

        check_regular_file(Path(claims), claims)  # E101, E106 a directory, E108 a FIFO or device
    try:
        data = sys.stdin.read() if claims == "-" else Path(claims).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuotexError(Err.CLAIMS_INVALID, path=claims, line="?", detail=f"not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise QuotexError(Err.UNREADABLE, path=claims, detail=exc.strerror or str(exc)) from None
    return parse_claims(data, claims)


def _table(results: list[CheckResult], source: str, out: TextIO) -> None:
    from rich.table import Table
    from rich.text import Text

    from quotex.views import console_for

    colours = {
        "supported": "green",
        "misattributed": "red",
        "paraphrase": "yellow",
        "unattributed": "magenta",
        "not-found": "red",
    }
    # Every piece of the article or the claim is a Text: `[/]` or `[red]` in a quote is words,
    # not Rich markup (issue 9).
    table = Table(title=Text(f"quotex check: {source}"), show_lines=True)
    for col in ("verdict", "score", "claimed", "article says", "passage", "cue", "conf."):
        table.add_column(col, overflow="fold")
    for r in results:
        claimed = Text("“" + r.quote.strip("“”\"' ") + "”" + (f"\n— {r.speaker}" if r.speaker else ""))
        if r.passage:
            passage = Text.assemble(r.passage.text, "\n", (f"@{r.passage.start}–{r.passage.end}", "dim"))
        else:
            passage = Text("—")
        says = Text(r.attributed_to or "—")
        if r.quotation:
            says.append(f"\n{r.quotation} {r.kind}", style="dim")
        table.add_row(
            Text(r.verdict, style=colours[r.verdict]),
            f"{r.score:g}",
            claimed,
            says,
            passage,
            Text(r.cue.text if r.cue else "—"),
            f"{r.confidence:.2f}" if r.confidence is not None else "—",
        )
    console_for(out).print(table)


def check(
    article: ArticleArg,
    quote: Annotated[str | None, typer.Option("--quote", "-q", help="The quote to check.")] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Who said it: surname, full name or title.")
    ] = None,
    claims: Annotated[
        str | None,
        typer.Option("--claims", "-c", help='JSON Lines file of claims, {"quote": …, "speaker": …} a line.'),
    ] = None,
    fmt: Annotated[
        Format, format_option((Format.json, Format.table), "json (one verdict a line) or table.", show_default=True)
    ] = Format.json,
    threshold: Annotated[
        float, typer.Option(min=0, max=100, help="Minimum similarity (0–100) for a passage to count as the quote.")
    ] = 85.0,
    model: ModelOpt = None,
    output: OutputOpt = None,
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
) -> None:
    """Check quotes against an article: supported, misattributed, paraphrase, unattributed or not-found.

    Exit code 0 when every claim is supported, 1 when any is not.
    """
    from quotex.check import check_claims, split_ellipses
    from quotex.errors import EXIT_OK, EXIT_UNSUPPORTED, Err, QuotexError
    from quotex.models import Claim

    model_options.apply(rules_only, model_dir)
    try:
        if quote is not None and claims is None:
            if not split_ellipses(quote):
                raise QuotexError(Err.BAD_OPTION, detail="--quote has no words")
            items = [Claim(quote=quote, speaker=speaker)]
        elif claims is not None and quote is None:
            if speaker is not None:
                raise QuotexError(
                    Err.BAD_OPTION, detail='--speaker goes with --quote; in --claims files give "speaker"'
                )
            items = _read_claims(claims, article)
        else:
            raise QuotexError(Err.BAD_OPTION, detail="give exactly one of --quote or --claims")
        text = read_text(article)
        from quotex import api
        from quotex.inputs import display_name

        result = api.extract(text, source="<stdin>" if article == "-" else display_name(article), model=model)
        results = check_claims(result, text, items, threshold=threshold)
    except QuotexError as exc:
        raise fail(exc) from None

    from quotex.commands.output import Sink, silence_stdout

    sink = Sink(output, strict_utf8=fmt is not Format.table)
    try:
        if fmt is Format.table:
            from quotex.inputs import display_name

            _table(results, display_name(article), sink.stream)
        else:
            for r in results:
                sink.stream.write(r.model_dump_json() + "\n")
            sink.stream.flush()
        sink.commit()
    except BrokenPipeError:  # `quotex check … | head`: stop quietly, as `extract` does
        from quotex.errors import EXIT_PIPE

        silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    finally:
        sink.discard()
    raise typer.Exit(EXIT_OK if all(r.verdict == "supported" for r in results) else EXIT_UNSUPPORTED)
