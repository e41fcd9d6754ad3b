"""Output formats, kept apart from `quotex.views` so that the CLI's start-up stays light."""

from enum import Enum


class Format(str, Enum):
    """What a command writes; each command accepts the subset it can write (`commands.options`)."""

    json = "json"
    jsonl = "jsonl"
    table = "table"
    parquet = "parquet"
    """Parquet shards, one row per quotation: `quotex extract --out-dir` only."""
