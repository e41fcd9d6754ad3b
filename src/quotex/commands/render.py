"""`quotex render`: the article as one self-contained HTML page with its quotations highlighted.

No `from __future__ import annotations` here: Typer reads the annotations at run time.
Nothing here imports spaCy at module import time.
"""

from pathlib import Path
from typing import Annotated

import typer

from quotex.commands import model_options
from quotex.commands.options import ArticleArg, ModelDirOpt, ModelOpt, OutputOpt, RulesOnlyOpt


def render(
    article: ArticleArg,
    output: OutputOpt = None,
    title: Annotated[str | None, typer.Option(help="Page title (default: the article's path).")] = None,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
) -> None:
    """Render an article as a self-contained HTML page: quotations highlighted, speakers and cues marked."""
    from quotex.commands.check import read_text
    from quotex.commands.failure import fail
    from quotex.commands.output import Sink
    from quotex.errors import QuotexError

    model_options.apply(rules_only, model_dir)
    try:
        text = read_text(article)
        from quotex import api
        from quotex.inputs import display_name
        from quotex.render_html import render_html

        source = "<stdin>" if article == "-" else display_name(article)  # no lone surrogates in the page
        page = render_html(api.extract(text, source=source, model=model), text, title=title)
    except QuotexError as exc:
        raise fail(exc) from None
    to_file = output is not None and output != Path("-")  # `-o -`: stdout, as before
    sink = Sink(output if to_file else None)
    try:
        sink.stream.write(page)
        sink.stream.flush()
        sink.commit()
    finally:
        sink.discard()
    if to_file:
        typer.echo(f"wrote {output}", err=True)
