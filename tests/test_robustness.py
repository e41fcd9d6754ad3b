"""Seeded random texts made of quote marks, cues, line breaks and odd Unicode: extraction never
crashes and every span it reports is exactly the input's characters at its offsets."""

import random

import pytest

PIECES = ['"', "“", "”", "'", "‘", "’", "«", "»", "„", "``", "''", "—", "―", ":", ",", ".", "?", "\n", "\r\n",
          "\n\n", " ", "\t", "\ufeff", "\u00a0", "😀", "é", "said", "told reporters", "according to", "He", "she",
          "Ana Ruiz", "Mr. Kellogg", "that", "READ ALSO:", "WALLACE:", "the ministry", "believes"]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) + " " * rng.randint(0, 1) for _ in range(rng.randint(1, 80)))


@pytest.mark.parametrize("seed", range(40))
def test_random_texts_never_crash_and_offsets_hold(run, seed):
    text = random_text(random.Random(seed))
    r = run(text)
    for q in r.quotations:
        for span in [q.content, *q.fragments, q.cue, q.speaker]:
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert q.entity is None or any(e.id == q.entity for e in r.entities)
        assert q.parent is None or any(p.id == q.parent for p in r.quotations)
    for e in r.entities:
        for span in e.mentions:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("seed", range(40))
def test_fragments_are_ordered_and_disjoint(run, seed):
    r = run(random_text(random.Random(1000 + seed)))
    for q in r.quotations:
        assert q.content.start == q.fragments[0].start and q.content.end == q.fragments[-1].end
        for a, b in zip(q.fragments, q.fragments[1:]):
            assert a.end < b.start
