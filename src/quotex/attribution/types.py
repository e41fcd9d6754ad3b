"""Small typed records passed between the extraction functions (character offsets into doc.text)."""

from __future__ import annotations

from typing import NamedTuple

Offsets = tuple[int, int]


class Attribution(NamedTuple):
    fragments: tuple[Offsets, ...]
    cue: Offsets | None
    cue_class: str
    speaker: Offsets | None
    kind: str
    confidence: float
    method: str
    parent: int | None = None


class EntityCluster(NamedTuple):
    name: str
    kind: str
    titles: tuple[str, ...]
    mentions: tuple[Offsets, ...]
