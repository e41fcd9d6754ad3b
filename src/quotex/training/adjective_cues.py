"""Learn which adjectives are attribution cues with the clause they take, from PolNeAR train.

    python -m quotex.training.adjective_cues ../shared/datasets/polnear/train.jsonl models/en/adjective_cues.tsv \
        --min-count 2 --min-precision 0.1 --pairs-out models/en/adjective_preposition_cues.tsv

PolNeAR marks stances worded as a copula and an adjective (*she was sure that …*, *many
Democrats are afraid that …*, *were willing to …*): the cue is the copula group with the
adjective, the content the clause. For every adjective used predicatively (or as the root)
with a clause or infinitive, the shape `attribution.adjective_cues` looks for, outside any
annotated content (only outermost attributions are annotated) and with a subject that can
hold a stance (no `it is clear that …`), count how often the annotators marked the adjective
as a cue and its clause as content. The output keeps lemmas seen at least `--min-count`
times that way with a precision of at least `--min-precision`:
`lemma<TAB>precision<TAB>cue count<TAB>occurrences`. Only lemma statistics are written, never text.
`--pairs-out` also writes adjective + preposition pairs with no clause (*is critical of X*,
*were worried about X*) whose preposition the annotators put in the cue and whose object they
marked as content.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from quotex.training.lexicon_tsv import PairCounter, arguments, outermost_tokens, write_tables


def count(args: argparse.Namespace) -> tuple[Counter[str], Counter[str], PairCounter, PairCounter]:
    from quotex.attribution.adjective_cues import adjective_clause, adjective_preposition, adjective_subject
    from quotex.attribution.reported_speaker import speaker_ok

    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    pair_cue: PairCounter = Counter()
    pair_seen: PairCounter = Counter()
    for t, pairs, _ in outermost_tokens(args, pos="ADJ"):
        if not speaker_ok(adjective_subject(t), "belief"):
            continue
        lemma = t.lemma_.lower()
        clause = adjective_clause(t)
        if clause is not None:
            seen[lemma] += 1
            if any(t.idx in cue and clause.idx in content for cue, content in pairs):
                as_cue[lemma] += 1
            continue
        found = adjective_preposition(t)
        if found is not None:
            prep, pobj = found
            pair_seen[lemma, prep.lower_] += 1
            if any(t.idx in cue and prep.idx in cue and pobj.idx in content for cue, content in pairs):
                pair_cue[lemma, prep.lower_] += 1
    return as_cue, seen, pair_cue, pair_seen


def main(argv: list[str] | None = None) -> None:
    ap = arguments(__doc__.splitlines()[0])
    ap.add_argument("--pairs-out", type=Path, help="also write adjective + preposition cues (`critical of`) here")
    args = ap.parse_args(argv)
    columns = ("lemma\tprecision\tcue count\toccurrences", "adjective preposition\tprecision\tcue count\toccurrences")
    write_tables(args, count(args), "adjective_cues", columns, ("adjective-cue lemmas", "adjective-preposition cues"))


if __name__ == "__main__":
    main()
