"""Scoring quotex against PolNeAR-format gold annotations (`quotex evaluate`).

- `gold`: read and validate gold JSON Lines into small typed records.
- `scoring`: pure functions, predictions + gold -> scores (no spaCy needed), on `matching`
  (span overlap, one-to-one matching) and `metrics` (the counts and ratios).
- `report`: a Rich table or a JSON-ready dict of the scores.
"""

from quotex.evaluation.gold import GoldDoc, GoldQuote, load_gold, parse_gold_lines
from quotex.evaluation.metrics import Evaluation
from quotex.evaluation.scoring import PredQuote, predictions_from_result, score, trim

__all__ = [
    "Evaluation",
    "GoldDoc",
    "GoldQuote",
    "PredQuote",
    "load_gold",
    "parse_gold_lines",
    "predictions_from_result",
    "score",
    "trim",
]
