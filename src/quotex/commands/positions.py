"""`quotex positions`: per entity, what it holds and what others report about it; reads articles,
or extraction output without re-parsing (`quotex.commands.actors`).

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

from quotex.chunking import DEFAULT_MAX_CHARS  # plain Python: no spaCy
from quotex.commands import actors, model_options
from quotex.commands.options import (
    DebugOpt,
    FormatOpt,
    MaxCharsOpt,
    ModelDirOpt,
    ModelOpt,
    OutputOpt,
    Paths,
    ProcessesOpt,
    RulesOnlyOpt,
)


def positions(
    paths: Paths,
    format: FormatOpt = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    debug: DebugOpt = False,
    entity: actors.EntityOpt = None,
    about: actors.AboutOpt = None,
    date_field: actors.DateFieldOpt = "date",
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
) -> None:
    """Per entity: what it holds and what others report about it; reads articles, or extraction output without re-parsing (--entity: one actor across documents)."""
    from quotex import views

    if actors.reads_output(paths, entity, about, date_field):  # extraction output: no parsing
        if entity is not None:
            return actors.corpus_positions(paths, entity, about, date_field, format, output)
        return actors.stored_positions(paths, format, output)
    model_options.apply(rules_only, model_dir)
    from quotex.commands.documents import RunOptions, run_documents
    from quotex.corpus.readers import ReadOptions
    from quotex.inputs import collect_inputs

    options = RunOptions(format, model, processes, output, max_chars, debug)
    # articles in JSON Lines, CSV, HTML or WARC are read as records, as `quotex extract` reads them
    records = ReadOptions()
    run_documents(
        collect_inputs(paths), options, as_json=views.positions_doc, view=views.positions_view, records=records
    )
