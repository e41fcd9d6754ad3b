"""`quotex render`: the article as one self-contained HTML page with its quotations highlighted.

Nothing here imports spaCy at module import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def render(
    article: Annotated[str, typer.Argument(help="The article: a UTF-8 text file, or - for stdin.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="HTML file to write (default: stdout).")] = None,
    title: Annotated[str | None, typer.Option(help="Page title (default: the article's path).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
) -> None:
    """Render an article as a self-contained HTML page: quotations highlighted, speakers and cues marked."""
    from quotex.commands.check import fail, read_text
    from quotex.errors import Err, QuotexError

    try:
        text = read_text(article)
        from quotex import api
        from quotex.inputs import display_name
        from quotex.render_html import render_html

        source = "<stdin>" if article == "-" else display_name(article)  # no lone surrogates in the page
        page = render_html(api.extract(text, source=source, model=model), text, title=title)
        if output is None or output == "-":
            typer.echo(page, nl=False)
        else:
            try:
                Path(output).write_text(page, encoding="utf-8")
            except OSError as exc:
                # a path that cannot be written is a usage error, as for `extract -o` (E401)
                raise QuotexError(Err.BAD_OPTION, detail=f"cannot write {output}: {exc.strerror or exc}") from None
            typer.echo(f"wrote {output}", err=True)
    except QuotexError as exc:
        raise fail(exc) from None
