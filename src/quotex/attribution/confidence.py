"""One table: how sure each rule is, 0 to 1, by its method; a pair is (speech cue, any other cue).

Set by hand in the first session, roughly after each rule's precision on PolNeAR dev. The learned
model's combination reads it: candidates at or below 0.5 are the weak ones it may veto or replace."""

from __future__ import annotations

CONFIDENCE: dict[str, float | tuple[float, float]] = {
    "direct:cue-after": (0.9, 0.7),
    "direct:cue-before": (0.85, 0.65),
    "direct:dash-credit": 0.85,
    "direct:name-line": 0.8,
    "direct:colon": 0.75,
    "direct:name-colon": 0.7,
    "direct:floating": 0.6,
    "direct:previous-subject": 0.5,
    "direct:pending": 0.3,
    "direct:unattributed": 0.3,
    "indirect:according-to": 0.8,
    "indirect:complement": (0.75, 0.5),
    "indirect:inverted": (0.75, 0.5),
    "indirect:in-view": 0.6,
    "indirect:possessive-noun": 0.5,
    "indirect:passive-infinitive": 0.5,
    "indirect:raising": 0.5,
    "indirect:passive-participle": 0.45,
    "indirect:noun-cue": 0.5,
    "indirect:prepositional": 0.45,
    "indirect:adjective": 0.45,
    "mixed:quote-anchored": 0.45,
    "transcript:speaker-label": 0.8,
    "headline:name-colon": 0.6,
    "headline:says": 0.6,
    "learned:tagger": 0.6,  # a speaker found (tagged, or the cue's subject in the parse)
    "learned:tagger+no-source": 0.45,
}
PARTICIPLE_PENALTY = 0.05
"""A participle cue (`…, saying that`) is less sure than a finite one."""


def confidence(method: str, cue_class: str | None = None) -> float:
    value = CONFIDENCE[method]
    if isinstance(value, tuple):
        return value[0] if cue_class == "speech" else value[1]
    return value
