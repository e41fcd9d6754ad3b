"""Hand-built results for the tests of the layers after extraction (check, render, views, positions)."""

from __future__ import annotations

from quotex.models import Entity, Quotation, TextSpan


def span(text: str, sub: str, nth: int = 0) -> TextSpan:
    """`sub` as it stands in `text` (its `nth` occurrence)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return TextSpan(text=sub, start=start, end=start + len(sub))


def quotation(
    text, qid, kind, fragments, cue=None, speaker=None, entity=None, confidence=0.9, method="test:hand", about=None
) -> Quotation:
    """A quotation of `text` given by substrings (or spans); one string is a one-piece content."""
    frags = [
        span(text, f) if isinstance(f, str) else f for f in ([fragments] if isinstance(fragments, str) else fragments)
    ]
    content = TextSpan(text=text[frags[0].start : frags[-1].end], start=frags[0].start, end=frags[-1].end)
    return Quotation(
        id=qid,
        kind=kind,
        content=content,
        fragments=frags,
        cue=span(text, cue) if isinstance(cue, str) else cue,
        cue_class="speech" if cue else "none",
        speaker=span(text, speaker) if isinstance(speaker, str) else speaker,
        entity=entity,
        confidence=confidence,
        method=method,
        about=about or [],
    )


def entity(text, eid, name, mentions, titles=(), kind="person") -> Entity:
    return Entity(
        id=eid,
        name=name,
        kind=kind,
        titles=list(titles),
        mentions=[span(text, m) if isinstance(m, str) else m for m in mentions],
    )
