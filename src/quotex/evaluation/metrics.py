"""Micro-averaged counts (precision, recall, F1, accuracy) over documents, and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quotex.evaluation.gold import GOLD_TYPES

ROLES = ("source", "cue", "content")
CUE_CLASSES = ("speech", "belief", "according_to", "punctuation", "none")


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None and r is None:
        return None
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """Precision = hit_pred / pred, recall = hit_gold / gold (equal hits for one-to-one counts)."""

    hit_pred: int = 0
    pred: int = 0
    hit_gold: int = 0
    gold: int = 0

    def add(self, hit_pred: int, pred: int, hit_gold: int, gold: int) -> None:
        self.hit_pred += hit_pred
        self.pred += pred
        self.hit_gold += hit_gold
        self.gold += gold

    @property
    def p(self) -> float | None:
        return _ratio(self.hit_pred, self.pred)

    @property
    def r(self) -> float | None:
        return _ratio(self.hit_gold, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.p, self.r)

    def to_dict(self) -> dict[str, float | None]:
        return {
            "p": self.p,
            "r": self.r,
            "f1": self.f1,
            "hit_pred": self.hit_pred,
            "pred": self.pred,
            "hit_gold": self.hit_gold,
            "gold": self.gold,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, float | None]:
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


def breakdown_row() -> dict[str, Counts]:
    """One row of a breakdown (by type, by cue class): quotations found, and attributed right."""
    return {"quotations": Counts(), "attribution": Counts()}


@dataclass
class Evaluation:
    """Micro-averaged scores over a set of documents, plus an error list for analysis."""

    documents: int = 0
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    quotations: Counts = field(default_factory=Counts)
    speaker: Accuracy = field(default_factory=Accuracy)
    attribution: Counts = field(default_factory=Counts)
    kind: Accuracy = field(default_factory=Accuracy)
    direct: Counts = field(default_factory=Counts)
    by_type: dict[str, dict[str, Counts]] = field(default_factory=lambda: {t: breakdown_row() for t in GOLD_TYPES})
    by_cue_class: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {c: breakdown_row() for c in CUE_CLASSES}
    )
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_quotations": self.quotations.gold,
            "predicted_quotations": self.quotations.pred,
            "roles": {
                "exact": {r: c.to_dict() for r, c in self.exact.items()},
                "overlap": {r: c.to_dict() for r, c in self.overlap.items()},
            },
            "quotations": self.quotations.to_dict(),
            "speaker_accuracy": self.speaker.to_dict(),
            "attribution": self.attribution.to_dict(),
            "kind_accuracy": self.kind.to_dict(),
            "direct": self.direct.to_dict(),
            "by_type": {t: {k: c.to_dict() for k, c in d.items()} for t, d in self.by_type.items()},
            "by_cue_class": {t: {k: c.to_dict() for k, c in d.items()} for t, d in self.by_cue_class.items()},
        }
