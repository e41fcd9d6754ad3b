"""The last stage of `find_attributions`: which attribution is nested in which."""

from __future__ import annotations

from quotex.attribution.types import Attribution


def link_parents(atts: list[Attribution]) -> list[Attribution]:
    """An attribution whose cue lies inside another's content is nested in it."""
    from bisect import bisect_right

    # Fragments by start, so that only those that can contain an anchor are looked at
    # (comparing every pair was quadratic in the number of quotations).
    frags = sorted((f[0], f[1], j) for j, b in enumerate(atts) for f in b.fragments)
    starts = [f[0] for f in frags]
    longest = max((e - s for s, e, _ in frags), default=0)
    out = []
    for i, a in enumerate(atts):
        anchor = a.cue or a.fragments[0]
        parent = None
        k = bisect_right(starts, anchor[0])
        near = set()
        while k > 0 and starts[k - 1] >= anchor[0] - longest:
            k -= 1
            if frags[k][1] >= anchor[1]:
                near.add(frags[k][2])
        for j in sorted(near):
            b = atts[j]
            if j == i:
                continue
            if any(f[0] <= anchor[0] and anchor[1] <= f[1] for f in b.fragments) and (
                b.fragments[-1][1] - b.fragments[0][0] > a.fragments[-1][1] - a.fragments[0][0] or b.kind == "direct"
            ):
                if parent is None or _size(atts[parent]) > _size(b):
                    parent = j
        out.append(a._replace(parent=parent))
    return out


def _size(a: Attribution) -> int:
    return a.fragments[-1][1] - a.fragments[0][0]
