"""Ablation of the learned attribution model on PolNeAR-format gold: rules only, model only, combined.

    python benchmarks/attribution_ablation.py ../shared/datasets/polnear/dev.jsonl [--model-dir DIR] [--json]

Each document is parsed once (with the learned tagger in the pipeline); the three systems are
then run on the same parse, and scored with `quotex evaluate`'s scorer:
- rules: `find_attributions` with the model's spans removed (what `--rules-only` outputs);
- model: the tagger's spans linked into attributions (quotex.attribution.learned), nothing else;
- combined: `find_attributions` with the model's spans (what `quotex extract` outputs).
The rules and combined rows equal `quotex evaluate --rules-only` and `quotex evaluate`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

SYSTEMS = ("rules", "model", "combined")


def parse(gold_path: str, model_dir: str | None = None, limit: int | None = None):
    """Gold documents and their parses (learned tagger included, quotex's own component not run)."""
    from quotex.evaluation.gold import load_gold
    from quotex.pipeline.loader import load_pipeline, model_label
    from quotex.textnorm import for_parsing

    docs = load_gold(gold_path, limit=limit)
    nlp = load_pipeline(None, learned=True, model_dir=model_dir)
    started = time.perf_counter()
    parsed = list(nlp.pipe((for_parsing(d.text) for d in docs), disable=["quotex"]))
    return docs, parsed, model_label(nlp), time.perf_counter() - started


def score_systems(docs, parsed, label: str, systems=SYSTEMS) -> dict:
    from quotex.api import result_from_doc
    from quotex.attribution import find_attributions
    from quotex.attribution.entity_resolution import resolve_entities
    from quotex.attribution.learned import SPANS_KEY, model_attributions
    from quotex.attribution.nesting import link_parents
    from quotex.evaluation.scoring import score
    from quotex.pipeline.component import store

    results: dict[str, list] = {s: [] for s in systems}
    for gdoc, doc in zip(docs, parsed):
        spans = list(doc.spans[SPANS_KEY])
        for system in systems:
            if system == "rules":
                del doc.spans[SPANS_KEY]
                atts, skip = find_attributions(doc)
            elif system == "combined":
                doc.spans[SPANS_KEY] = spans
                atts, skip = find_attributions(doc)
            else:
                doc.spans[SPANS_KEY] = spans
                _, skip = find_attributions(doc, reported=False)
                atts = link_parents(sorted(model_attributions(doc, spans), key=lambda a: a.fragments[0][0]))
            entities, speaker_entity, about = resolve_entities(doc, atts, skip)
            store(doc, atts, entities, speaker_entity, about)
            results[system].append(result_from_doc(doc, gdoc.text, gdoc.id, label))
        doc.spans[SPANS_KEY] = spans
    return {s: score(docs, results[s]) for s in systems}


def run(gold_path: str, model_dir: str | None = None, limit: int | None = None):
    docs, parsed, label, seconds = parse(gold_path, model_dir, limit)
    return score_systems(docs, parsed, label), seconds


def summary(ev) -> dict:
    from quotex.evaluation.report import to_json

    full = to_json(ev, gold="", model="", seconds=0)
    return full


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true", help="print every figure of each system as JSON")
    args = ap.parse_args(argv)
    evs, parse_seconds = run(args.gold, args.model_dir, args.limit)
    out = {s: summary(ev) for s, ev in evs.items()}
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"parse {parse_seconds:.1f} s")
    print(table(out))
    return 0


def _f(x) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def table(out: dict) -> str:
    lines = [
        "| system | attribution F1 (P / R) | source / cue / content exact F1 | quotation F1 | direct R / P | speaker acc |",
        "|---|---|---|---|---|---|",
    ]
    for system, d in out.items():
        a, q, ex, di = d["attribution"], d["quotations"], d["roles"]["exact"], d["direct"]
        lines.append(
            f"| {system} | {_f(a['f1'])} ({_f(a['p'])} / {_f(a['r'])}) | "
            f"{_f(ex['source']['f1'])} / {_f(ex['cue']['f1'])} / {_f(ex['content']['f1'])} | {_f(q['f1'])} | "
            f"{_f(di['r'])} / {_f(di['p'])} | {_f(d['speaker_accuracy']['accuracy'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
