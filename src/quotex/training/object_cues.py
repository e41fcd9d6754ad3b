"""Learn which verbs take their direct object as the content of an attribution, from PolNeAR train.

    python -m quotex.training.object_cues ../shared/datasets/polnear/train.jsonl models/en/object_cue_verbs.tsv \
        --pairs-out models/en/prepositional_cue_pairs.tsv

PolNeAR marks stances and claims whose content is a noun phrase (*endorsed the plan*,
*polls show a tight race*, *retweeted the rumour*). For every verb lemma with a direct
object outside any annotated content (only outermost attributions are annotated), count how
often the annotators marked the verb as a cue and (part of) its object as content. The
output keeps lemmas seen at least `--min-count` times that way with a precision of at least
`--min-precision`: `lemma<TAB>precision<TAB>object-cue count<TAB>occurrences`. Only lemma
statistics are written, never text. `--pairs-out` also writes verb + preposition pairs
(`called for X`, `worried about X`) whose preposition the annotators put in the cue and whose
object they marked as content.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from quotex.training.lexicon_tsv import PairCounter, arguments, outermost_tokens, write_tables


def count(args: argparse.Namespace) -> tuple[Counter[str], Counter[str], PairCounter, PairCounter]:
    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    pair_cue: PairCounter = Counter()
    pair_seen: PairCounter = Counter()
    for t, pairs, _ in outermost_tokens(args):
        for prep in t.rights:
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if prep.dep_ != "prep" or pobj is None:
                continue
            key = (t.lemma_.lower(), prep.lower_)
            pair_seen[key] += 1
            if any(t.idx in cue and prep.idx in cue and pobj.idx in content for cue, content in pairs):
                pair_cue[key] += 1
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is None or any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
            continue  # clausal complements are the other learner's (cue_lexicon)
        lemma = t.lemma_.lower()
        seen[lemma] += 1
        if any(t.idx in cue and obj.idx in content for cue, content in pairs):
            as_cue[lemma] += 1
    return as_cue, seen, pair_cue, pair_seen


def main(argv: list[str] | None = None) -> None:
    ap = arguments(__doc__.splitlines()[0])
    ap.add_argument("--pairs-out", type=Path, help="also write verb + preposition cues (`called for`) here")
    args = ap.parse_args(argv)
    columns = (
        "lemma\tprecision\tobject-cue count\toccurrences",
        "lemma preposition\tprecision\tcue count\toccurrences",
    )
    write_tables(args, count(args), "object_cues", columns, ("object-cue lemmas", "verb-preposition cues"))


if __name__ == "__main__":
    main()
