"""Pure functions over a parsed `Doc` that find attributions (direct, indirect, mixed)."""

from __future__ import annotations

from quotex.extract.types import Attribution, EntityCluster


def find_attributions(doc) -> list[Attribution]:
    from quotex.extract.direct import find_direct
    return find_direct(doc)


__all__ = ["Attribution", "EntityCluster", "find_attributions"]
