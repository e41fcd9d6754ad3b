"""WordNet's word classes for cue words no list knows (`models/<lang>/wordnet_cue_words.tsv`)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

POS = {"VERB": "verb", "NOUN": "noun"}


@cache
def _table(lang: str) -> dict[tuple[str, str], str]:
    from quotex.assets import assets_dir

    path = assets_dir() / lang / "wordnet_cue_words.tsv"
    if not path.is_file():
        return {}  # a language without the table: no word is known this way
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, pos, cls = line.split("\t")
            out[(form, pos)] = cls
    return out


def wordnet_cue_class(token: Token) -> str | None:
    """`verb.communication` for *chastised*, `noun.cognition` for *hunch*: the WordNet class of the
    token's lemma when its most frequent sense is communication or cognition, else None."""
    pos = POS.get(token.pos_)
    if pos is None:
        return None
    return _table(token.doc.lang_).get((token.lemma_.lower(), pos))
