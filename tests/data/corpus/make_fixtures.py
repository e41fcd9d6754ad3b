"""Rebuild `news.jsonl`, the multi-document fixture of the corpus views (`tests/test_corpus_views.py`).

The texts are short invented news items written for these tests. Each is run through
`quotex extract` (the API, same output) and given an `id` and `meta` the way the corpus readers
do; one error record stands for a document whose extraction failed. Run from the repo root:

    python tests/data/corpus/make_fixtures.py

The tests read the committed file (so they do not depend on the extractor's exact output) and
check it against the model first.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("news.jsonl")

# (id, meta, text)
DOCUMENTS = [
    (
        "talks-monday",
        {"date": "2024-03-02T23:30:00-05:00", "url": "https://news.example/talks-monday", "outlet": "Example Wire"},
        "Russia's Foreign Minister Sergey Lavrov said on Monday that Moscow would not accept new conditions "
        'from Kyiv.\n\n"We have been clear from the start," Lavrov told reporters.\n',
    ),
    (
        "door-open",
        {"date": "2024-02-28", "url": "https://news.example/door-open"},
        'Lavrov accused Zelenskyy of stalling the talks.\n\n"The door is open," Lavrov said.\n',
    ),
    (
        "geneva",
        {"url": "https://news.example/geneva"},
        "Sergei Lavrov said the summit in Geneva could go ahead next month.\n\n"
        '"Nothing is decided yet," Mr. Lavrov said.\n',
    ),
    (
        "minister",
        {"date": "2024-03-03", "url": "https://news.example/minister"},
        "Foreign Minister Lavrov said that Volodymyr Zelensky had to accept the terms.\n",
    ),
    (
        "kremlin",
        {"date": "sometime in March"},
        "Kremlin spokesman Dmitry Peskov said Lavrov would travel to Geneva.\n",
    ),
    (
        "coach",
        {"date": "2023-05-01", "outlet": "Sports Daily"},
        "Coach Anna Smith said her team would play harder next season.\n\n"
        '"We lost our focus in the second half," Smith said after the match.\n',
    ),
    (
        "senate",
        {"date": "2023-06-01", "outlet": "Capitol Notes"},
        "Senator John Smith said the budget would cut taxes for families.\n\n"
        '"This bill pays for itself," Smith told the chamber.\n',
    ),
    (
        "vote",
        {"date": "2023-06-02"},
        "Senator Smith said the vote would be close.\n",
    ),
    (
        "market",
        {},
        '"Prices will keep rising," Smith said at the market on Friday.\n',
    ),
    (
        "ceasefire",
        {"date": "2024-03-05"},
        "Officials said the ceasefire would hold. The minister said the officials were wrong.\n",
    ),
]
FAILED = {
    "schema_version": "1.0",
    "source": "archive.jsonl:10",
    "id": "broken",
    "error": {"code": "E123", "message": "archive.jsonl:10: the text is empty or whitespace only"},
}


def main() -> None:
    from quotex.api import extract

    lines = []
    for doc_id, meta, text in DOCUMENTS:
        result = extract(text, source=f"archive.jsonl:{len(lines) + 1}").model_dump(mode="json")
        lines.append({**result, "id": doc_id, "meta": meta, "text": text})
    lines.insert(5, FAILED)
    OUT.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} documents)")


if __name__ == "__main__":
    main()
