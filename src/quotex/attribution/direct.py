"""Direct quotations: which quoted stretches stand as speech, gathered into quotations.

Order of evidence for one quote (quotex.attribution.direct_credits): a cue clause right after it
(`,” she said`), one right before it (`She said: “`), a dash credit (`” — Senator Joan Park`), a
colon lead-in (`The minister was blunt: “`), a line holding only a name, then the speaker of the
quotation just before (floating quotes) or the subject of the sentence before.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from quotex.attribution.confidence import confidence
from quotex.attribution.cues import cue_class_of, is_verbal
from quotex.attribution.direct_credits import (
    DASHES,
    SENTENCE_END,
    DirectUnit,
    cue_after,
    cue_before,
    dash_credit,
    is_quote_token,
    name_line,
    previous_subject,
)
from quotex.attribution.docindex import DocIndex
from quotex.attribution.quote_marks import QuotedSpan
from quotex.attribution.token_table import text_of


def _word_count(index: DocIndex, q: QuotedSpan) -> int:
    return sum(1 for t in index.tokens_between(q.start, q.end) if t.is_alpha)


def _closed_quote_earlier_in_sentence(before: Sequence[Token]) -> bool:
    for t in reversed(before[:-1]):
        if t.text in SENTENCE_END:
            return False
        if t.text in ("”", "''", "»") or (
            t.text == '"' and t.i > 0 and not t.doc[t.i - 1].is_space and t.doc[t.i - 1].whitespace_ == ""
        ):
            return True
    return False


def is_standalone(index: DocIndex, q: QuotedSpan) -> bool:
    """Does this quoted stretch stand as a quotation (vs a scare quote or a fragment in a sentence)?"""
    text = text_of(index.doc)
    pstart, _ = index.paragraphs[index.paragraph_of(q.start)]
    before = index.tokens_between(pstart, q.start)
    words = _word_count(index, q)
    if not before:
        return words >= 1
    prev = before[-1]
    inner = text[q.start + 1 : q.end - 1].rstrip("”\"'’ ")
    ends_like_sentence = bool(inner) and inner[-1] in ".,!?:;—–"
    if prev.text in SENTENCE_END or prev.text in (":", ";") or prev.text in DASHES or is_quote_token(prev):
        return words >= 2 or ends_like_sentence
    if prev.text in (",", "but", "and") and _closed_quote_earlier_in_sentence(before):
        return words >= 2  # `“A,” Tester said, referring to …, “B.”` / `…,” he said, but “B”`
    if prev.text == ",":
        if len(before) >= 2 and cue_class_of(before[-2]) == "speech" and is_verbal(before[-2]):
            return words >= 2
        return False
    if (
        cue_class_of(prev) == "speech"
        and is_verbal(prev)
        and not any(c.dep_ == "ccomp" for c in prev.children if c.i > prev.i and c.idx < q.start)
    ):
        return words >= 3 and ends_like_sentence
    return False


def find_direct_units(doc: Doc, index: DocIndex) -> list[DirectUnit]:
    quoted = [q for q in index.quoted if q.end - q.start > 2]
    standalone = [q for q in quoted if is_standalone(index, q)]
    units: list[DirectUnit] = []
    for k, q in enumerate(standalone):
        pno = index.paragraph_of(q.start)
        pstart, pend = index.paragraphs[index.paragraph_of(q.end - 1)]
        next_start = standalone[k + 1].start if k + 1 < len(standalone) else len(text_of(doc))
        limit = min(pend, next_start)
        prev_unit = units[-1] if units else None
        floor = index.paragraphs[pno][0]
        if prev_unit and prev_unit.fragments[-1][1] > floor:
            floor = prev_unit.fragments[-1][1]
        unit = cue_after(index, q, limit)
        if unit is None and prev_unit and prev_unit.cue_clause and _gap_is(index, prev_unit.cue_clause, q.start):
            # `“A,” she said. “B.”`: one quotation, two fragments
            prev_unit.fragments.append((q.start, q.end))
            continue
        if unit is None:
            unit = cue_before(index, q, floor)
        if unit is None:
            unit = dash_credit(index, q)
        if unit is None:
            unit = name_line(index, q)
        if unit is not None:
            # `“A,” she said, “B.”`: a cue-less piece earlier in the same sentence run joins it
            if (
                prev_unit
                and prev_unit.method == "direct:pending"
                and prev_unit.paragraph == pno
                and _only_cue_between(index, prev_unit.fragments[-1][1], q.start, unit)
            ):
                prev_unit.fragments.append((q.start, q.end))
                _adopt(prev_unit, unit)
                continue
            units.append(unit)
            continue
        # no cue of its own: float on the previous quotation's speaker
        starts_paragraph = not index.tokens_between(index.paragraphs[pno][0], q.start)
        prev_near = prev_unit is not None and (
            prev_unit.paragraph == pno
            or (starts_paragraph and index.paragraph_of(prev_unit.fragments[-1][1] - 1) >= pno - 1)
        )
        if (
            prev_near
            and prev_unit is not None
            and prev_unit.speaker
            and prev_unit.paragraph == pno
            and prev_unit.cue is not None
        ):
            # more of the same speaker's words later in the paragraph: another fragment
            prev_unit.fragments.append((q.start, q.end))
            continue
        if prev_near and prev_unit is not None and prev_unit.speaker:
            units.append(
                DirectUnit(
                    fragments=[(q.start, q.end)],
                    paragraph=pno,
                    cue=None,
                    cue_class="none",
                    speaker=prev_unit.speaker,
                    method="direct:floating",
                    confidence=confidence("direct:floating"),
                )
            )
            continue
        subj = previous_subject(index, q)
        units.append(
            DirectUnit(
                fragments=[(q.start, q.end)],
                paragraph=pno,
                speaker=subj,
                method="direct:previous-subject" if subj else "direct:pending",
                confidence=confidence("direct:previous-subject" if subj else "direct:pending"),
            )
        )
    # a quoted passage nobody is credited with is, in news copy, mostly a title or a scare
    # quote (on PolNeAR dev 3 of 15 were quotations): leave it out
    return [u for u in units if u.method != "direct:pending"]


def _adopt(target: DirectUnit, source: DirectUnit) -> None:
    target.cue, target.cue_class, target.speaker = source.cue, source.cue_class, source.speaker
    target.method, target.confidence, target.cue_clause = source.method, source.confidence, source.cue_clause


def _gap_is(index: DocIndex, clause: tuple[int, int], next_quote: int) -> bool:
    """Only the previous quote's cue clause (and punctuation) stands before the next quote."""
    rest = index.tokens_between(clause[1], next_quote)
    return all(t.is_punct for t in rest)


def _only_cue_between(index: DocIndex, start: int, end: int, unit: DirectUnit) -> bool:
    tokens = index.tokens_between(start, end)
    if unit.cue is None:
        return False
    return all(
        t.is_punct
        or (unit.speaker and unit.speaker[0] <= t.idx < unit.speaker[1])
        or (unit.cue[0] <= t.idx < unit.cue[1])
        for t in tokens
    )
