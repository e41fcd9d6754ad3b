"""Split quotex's cost from the parse in one process: CPU time of the spaCy pipeline without the
`quotex` component, of the component alone, and of building the Pydantic results.

    python benchmarks/component_split.py [--model NAME] [--rounds 3]

Texts: PolNeAR dev from ../shared (read at run time), else samples/*.txt.
"""

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "datasets" / "polnear" / "dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from quotex.api import result_from_doc
    from quotex.pipeline.loader import load_pipeline
    from quotex.textnorm import for_parsing

    if DEV.is_file():
        texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")]
    else:
        print(f"{DEV} not found: using samples/*.txt")
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    nlp = load_pipeline(args.model)
    component = nlp.get_pipe("quotex")
    for _ in range(args.rounds):
        t = time.process_time()
        with nlp.select_pipes(disable=["quotex"]):
            docs = list(nlp.pipe([for_parsing(x) for x in texts], batch_size=16))
        parse = time.process_time() - t
        t = time.process_time()
        for doc in docs:
            component(doc)
        rules = time.process_time() - t
        t = time.process_time()
        for doc, text in zip(docs, texts):
            result_from_doc(doc, text, "<bench>", "<model>")
        results = time.process_time() - t
        print(
            f"parse {parse:.2f} s  quotex component {rules:.2f} s  results {results:.2f} s  "
            f"overhead {(rules + results) / parse * 100:.1f} %"
        )


if __name__ == "__main__":
    main()
