"""Learn which verbs are attribution cues, and how reliably, from PolNeAR train.

    python -m quotex.training.cue_lexicon ../shared/datasets/polnear/train.jsonl models/en/cue_verbs.tsv

For every verb lemma that heads a clause with a complement (the shape the rules look
for) outside any annotated content (only outermost attributions are annotated), count
how often the annotators marked it as a cue. The output keeps
lemmas seen at least `--min-count` times as cues with a precision of at least
`--min-precision`: `lemma<TAB>precision<TAB>cue count<TAB>occurrences`. Only lemma
statistics are written, never text.
"""

from __future__ import annotations

import argparse
from collections import Counter

from quotex.training.lexicon_tsv import arguments, outermost_tokens, write

COMPLEMENTS = {"ccomp", "xcomp", "dobj"}


def count(args: argparse.Namespace) -> tuple[Counter[str], Counter[str]]:
    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for t, _, cue_chars in outermost_tokens(args):
        deps = {c.dep_ for c in t.children}
        if not deps & COMPLEMENTS:
            continue
        lemma = t.lemma_.lower()
        seen[lemma] += 1
        if t.idx in cue_chars:
            as_cue[lemma] += 1
    return as_cue, seen


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    as_cue, seen = count(args)
    n = write(args.out, as_cue, seen, args, "cue_lexicon", "lemma\tprecision\tcue count\toccurrences")
    print(f"{n} cue lemmas written to {args.out}")


if __name__ == "__main__":
    main()
