"""Per-entity view of an article: what each actor holds, and what others report about it."""

from __future__ import annotations

from quotex.models import Entity, Position, PositionItem, Quotation


def _item(q: Quotation, speaker: str | None = None) -> PositionItem:
    return PositionItem(
        quotation=q.id,
        kind=q.kind,
        cue=q.cue.text if q.cue else None,
        cue_class=q.cue_class,
        text=q.content.text,
        speaker=speaker,
    )


def build_positions(quotations: list[Quotation], entities: list[Entity]) -> list[Position]:
    """One `Position` per entity that speaks or is spoken about, in order of first mention."""
    holds: dict[str, list[PositionItem]] = {}
    about: dict[str, list[PositionItem]] = {}
    for q in quotations:
        if q.entity:
            holds.setdefault(q.entity, []).append(_item(q))
        for eid in q.about:
            if eid != q.entity:
                about.setdefault(eid, []).append(_item(q, speaker=q.entity))
    return [
        Position(entity=e.id, name=e.name, holds=holds.get(e.id, []), reported_about=about.get(e.id, []))
        for e in entities
        if e.id in holds or e.id in about
    ]
