"""Small typed records passed between the extraction functions (character offsets into doc.text)."""

from __future__ import annotations

from typing import NamedTuple

from quotex.models import CueClass, QuotationKind

Offsets = tuple[int, int]


class Attribution(NamedTuple):
    """One quotation as every stage of the attribution pass sees it (a `Quotation` once stored)."""

    fragments: tuple[Offsets, ...]
    cue: Offsets | None
    cue_class: CueClass
    speaker: Offsets | None
    kind: QuotationKind
    confidence: float
    method: str
    parent: int | None = None


class EntityCluster(NamedTuple):
    name: str
    kind: str
    titles: tuple[str, ...]
    mentions: tuple[Offsets, ...]
