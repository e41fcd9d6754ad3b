"""Helpers shared by the gold tables: rows of `(kind, speaker entity name, cue, content)`.

`Alt(a, b)` accepts either value where PolNeAR's conventions allow both; `ANY` accepts
anything for a field the conventions leave open. Rows are matched order-free and exactly.
"""

from __future__ import annotations


class Alt:
    """Matches any of several values the conventions both allow."""

    def __init__(self, *options):
        self.options = options

    def __eq__(self, other):
        if isinstance(other, Alt):
            return self.options == other.options
        return other in self.options

    def __hash__(self):
        return hash(self.options)

    def __repr__(self):
        return "Alt(" + ", ".join(map(repr, self.options)) + ")"


class _Any:
    """Matches anything: a field the conventions do not specify."""

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0

    def __repr__(self):
        return "ANY"


ANY = _Any()


def entity_of(result, quotation):
    if quotation.entity is None:
        return None
    matches = [e for e in result.entities if e.id == quotation.entity]
    assert len(matches) == 1, f"quotation {quotation.id} points to unknown entity {quotation.entity}"
    return matches[0]


def as_row(result, q):
    ent = entity_of(result, q)
    return (q.kind, ent.name if ent else None, q.cue.text if q.cue else None, q.content.text)


def top_level(result):
    return [q for q in result.quotations if q.parent is None]


def match_rows(actual, expected):
    """Pair expected rows with actual rows (order-free); return (missing, unexpected)."""
    remaining = list(actual)
    missing = []
    for exp in expected:
        for i, act in enumerate(remaining):
            if len(act) == len(exp) and all(e == a for e, a in zip(exp, act)):
                del remaining[i]
                break
        else:
            missing.append(exp)
    return missing, remaining


def assert_rows(actual, expected):
    missing, unexpected = match_rows(actual, expected)
    assert not missing and not unexpected, f"\nmissing:    {missing}\nunexpected: {unexpected}\nall actual: {actual}"


def assert_result_rows(result, expected):
    assert_rows([as_row(result, q) for q in top_level(result)], expected)


def the_quotation(result, content):
    found = [q for q in top_level(result) if q.content.text == content]
    assert len(found) == 1, f"expected one quotation {content!r}, got {[q.content.text for q in top_level(result)]}"
    return found[0]
