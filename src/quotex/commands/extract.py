"""`quotex extract`: quotations, speakers, cues and entities with offsets; a corpus with --out-dir.

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

from typing import Annotated

from quotex.chunking import DEFAULT_MAX_CHARS  # plain Python: no spaCy
from quotex.commands import corpus, model_options
from quotex.commands.options import (
    PER_DOCUMENT_HELP,
    PLAIN,
    DebugOpt,
    MaxCharsOpt,
    ModelDirOpt,
    ModelOpt,
    OutputOpt,
    ProcessesOpt,
    RecordPaths,
    RulesOnlyOpt,
    format_option,
)
from quotex.formats import Format

FORMAT_HELP = PER_DOCUMENT_HELP[:-1] + ". With --out-dir: jsonl shards (default) or parquet (one row per quotation)."


def extract(
    paths: RecordPaths,
    format: Annotated[Format | None, format_option((*PLAIN, Format.parquet), FORMAT_HELP)] = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    debug: DebugOpt = False,
    out_dir: corpus.OutDirOpt = None,
    scheduler: corpus.SchedulerOpt = None,
    workers: corpus.WorkersOpt = 2,
    batch_size: corpus.BatchSizeOpt = 32,
    text_field: corpus.TextFieldOpt = "text",
    id_field: corpus.IdFieldOpt = "id",
) -> None:
    """Extract quotations, speakers, cues and entities, with character offsets."""
    from quotex import views

    model_options.apply(rules_only, model_dir)
    if out_dir is not None:  # corpus mode: quotex/commands/corpus.py
        if output is not None:
            corpus.reject("give --out-dir or --output, not both")
        fmt = format.value if format else None
        corpus.extract_corpus(
            paths, out_dir, fmt, model, processes, scheduler, workers, batch_size, text_field, id_field
        )
        return
    if given := corpus.first_given(scheduler=scheduler, workers=workers, batch_size=batch_size):
        corpus.reject(f"{given} needs --out-dir DIR")
    if format is Format.parquet:
        corpus.reject("--format parquet needs --out-dir DIR")
    from quotex.commands.documents import RunOptions, run_documents
    from quotex.corpus.files import CSV_SUFFIXES, JSONL_SUFFIXES, has_suffix
    from quotex.corpus.readers import ReadOptions
    from quotex.inputs import collect_inputs

    items = collect_inputs(paths)
    fields = corpus.first_given(text_field=text_field, id_field=id_field)
    if fields and not any(i.path and has_suffix(i.path.name, JSONL_SUFFIXES + CSV_SUFFIXES) for i in items):
        corpus.reject(f"{fields} needs a JSON Lines or CSV input, or --out-dir DIR")
    records = ReadOptions(text_field=text_field, id_field=id_field)
    options = RunOptions(format, model, processes, output, max_chars, debug)
    run_documents(items, options, as_json=lambda r: r, view=views.result_view, records=records)
