"""Output formats, kept apart from `quotex.views` so that the CLI's start-up stays light."""

from enum import Enum


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
