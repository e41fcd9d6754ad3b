"""Property tests: Hypothesis builds articles out of quote structures (marks, cues, names, line
breaks, CRLF, NBSP, tabs, a BOM) and every result must keep the contract.

Unlike random character soup, each generated article holds at least one canonically attributed
direct quotation, so the properties are checked on real output, never on an empty result."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotex.api import extract

# CI replays the same examples every run (no flaky merges); elsewhere Hypothesis explores freely.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

NAMES = ["Ana Ruiz", "Tom Becker", "Mr. Okafor", "the ministry", "Dr. Lena Voss", "Sen. Paul Hart", "She", "He"]
CUES = ["said", "told reporters", "added", "warned", "argued", "insisted"]
WORDS = [
    "the",
    "budget",
    "will",
    "not",
    "pass",
    "before",
    "winter",
    "we",
    "need",
    "more",
    "time",
    "talks",
    "are",
    "over",
    "it",
    "was",
    "a",
    "mistake",
    "nobody",
    "knows",
    "why",
    "deal",
    "é",
    "😀",
    "naïve",
]
MARKS = [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("``", "''")]
SPACES = [" ", " ", "\u00a0", "\t"]
BREAKS = ["\n", "\r\n", "\n\n", "\r\n\r\n"]


@dataclass(frozen=True)
class Article:
    text: str
    anchors: tuple[tuple[int, int], ...]
    """Offsets of the quoted words of each canonical `“…,” NAME said.` paragraph."""


words = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(" ".join)
# a quotation that opens with a real word (a quote of emoji alone is not a claim anyone makes)
spoken = st.tuples(st.sampled_from(WORDS[:22]), words).map(" ".join)


@st.composite
def sentence(draw) -> str:
    """A paragraph of one of several attribution shapes (or none), with random spacing."""
    name, cue, body = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES)), draw(words)
    op, cl = draw(st.sampled_from(MARKS))
    sp = draw(st.sampled_from(SPACES))
    shape = draw(st.integers(0, 6))
    return [
        f"{name}{sp}{cue}{sp}that {body}.",
        f"According to {name}, {body}.",
        f"{op}{body},{cl} {name} {cue}, {op}{draw(words)}.{cl}",
        f"{name} {cue}: {op}{body}.{cl}",
        f"{body.capitalize()}, {name.lower()} {cue}.",
        f"{op}{body}{cl} — {name}",
        f"{body} {op}{draw(words)}{cl} {body}.",
    ][shape]


@st.composite
def article(draw) -> Article:
    text = "\ufeff" if draw(st.booleans()) else ""
    anchors = []
    for i in range(draw(st.integers(1, 6))):
        if i == 0 or draw(st.booleans()):
            # the canonical form every extractor should find: “Words,” Name said.
            op, cl = draw(st.sampled_from(MARKS[:3]))
            body = draw(spoken).capitalize()
            start = len(text) + len(op)
            text += f"{op}{body},{cl} {draw(st.sampled_from(NAMES[:6]))} said."
            anchors.append((start, start + len(body)))
        else:
            text += draw(sentence())
        text += draw(st.sampled_from(BREAKS))
    return Article(text, tuple(anchors))


def _check_contract(text: str, result) -> None:
    ids = {q.id for q in result.quotations}
    entity_ids = {e.id for e in result.entities}
    for q in result.quotations:
        for span in [q.content, *q.fragments, q.cue, q.speaker]:
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert q.fragments and q.content.start == q.fragments[0].start and q.content.end == q.fragments[-1].end
        for a, b in zip(q.fragments, q.fragments[1:]):
            assert a.end < b.start, "fragments ordered and disjoint"
        assert q.entity is None or q.entity in entity_ids
        assert q.parent is None or (q.parent in ids and q.parent != q.id)
        assert set(q.about) <= entity_ids
    for e in result.entities:
        for span in e.mentions:
            assert text[span.start : span.end] == span.text


@pytest.fixture(scope="module", autouse=True)
def _warm():
    extract("Warm-up.")


# Character soup: odd pieces in any order (NYT `` '' marks, zero-width, U+2028, layout words).
SOUP = [
    '"',
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "``",
    "''",
    "—",
    "―",
    ":",
    ",",
    ".",
    "?",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "\t",
    "\ufeff",
    "\u00a0",
    "\u200b",
    "\u2028",
    "😀",
    "é",
    "said",
    "told reporters",
    "according to",
    "He",
    "she",
    "Ana Ruiz",
    "Mr. Kellogg",
    "that",
    "READ ALSO:",
    "WALLACE:",
    "the ministry",
    "believes",
    "who said",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SOUP), min_size=1, max_size=80).map(" ".join))
def test_character_soup_never_crashes_and_offsets_hold(text: str):
    _check_contract(text, extract(text))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_generated_articles_keep_the_contract(doc: Article):
    result = extract(doc.text)
    _check_contract(doc.text, result)
    # not vacuous: every canonical quotation is found, inside a direct quotation's content
    for s, e in doc.anchors:
        assert any(q.kind != "indirect" and q.content.start <= s and e <= q.content.end for q in result.quotations), (
            doc.text,
            (s, e),
        )
