"""Span overlap and greedy one-to-one matching, the comparisons scoring is built on."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quotex.evaluation.gold import Span


def chars(spans: Sequence[Span]) -> int:
    """Characters covered by a list of disjoint spans."""
    return sum(e - s for s, e in spans)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two lists of disjoint spans."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def greedy_match(n_pred: int, n_gold: int, weight: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """One-to-one matching: pairs with a weight (None = not a candidate), best weight first."""
    cands = []
    for i in range(n_pred):
        for j in range(n_gold):
            w = weight(i, j)
            if w is not None:
                cands.append((-w, j, i))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, j, i in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)
