"""Per-Doc caches: the document's text and its token attributes as arrays, built once per Doc."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from quotex.attribution.types import Offsets

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: spaCy rebuilds the string on every access."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


class TokenTable:
    """Token attributes of one Doc as arrays: scans pick candidate indices without building a
    Token object per token (spaCy creates one on every iteration, and that dominated the cost)."""

    VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS, TAG

        arr = doc.to_array([IDX, LENGTH, POS, TAG, LOWER, LEMMA, ORTH, IS_SPACE])
        # Not the Doc itself: a value that refers to its weak key would keep the entry alive forever.
        self.vocab = doc.vocab
        self.idx = arr[:, 0].tolist()
        self.length = arr[:, 1].tolist()
        self.pos, self.tag, self.lower, self.lemma, self.orth = (arr[:, k] for k in range(2, 7))
        self.is_space = arr[:, 7].astype(bool)

    def where(self, mask: NDArray[numpy.bool_]) -> list[int]:
        import numpy

        return numpy.flatnonzero(mask).tolist()

    def hashes(self, words: Iterable[str]) -> list[int]:
        strings = self.vocab.strings
        return [strings.add(w) for w in words]

    def verbal(self) -> list[int]:
        import numpy
        from spacy.symbols import AUX, VERB

        return self.where(numpy.isin(self.pos, [VERB, AUX]) | numpy.isin(self.tag, self.hashes(self.VERB_TAGS)))

    def with_pos(self, pos: int) -> list[int]:
        return self.where(self.pos == pos)

    def with_lower(self, words: Iterable[str]) -> list[int]:
        import numpy

        return self.where(numpy.isin(self.lower, self.hashes(words)))

    def with_lemma(self, words: Iterable[str]) -> list[int]:
        import numpy

        return self.where(numpy.isin(self.lemma, self.hashes(words)))

    def with_orth(self, words: Iterable[str]) -> list[int]:
        import numpy

        return self.where(numpy.isin(self.orth, self.hashes(words)))


_TABLES: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()


def table_of(doc: Doc) -> TokenTable:
    """The Doc's TokenTable, built on first use."""
    table = _TABLES.get(doc)
    if table is None:
        table = _TABLES[doc] = TokenTable(doc)
    return table


def token_indices(doc: Doc, char_ranges: Iterable[Offsets]) -> set[int]:
    """Indices of the tokens that the character ranges touch (each range widened to whole tokens)."""
    out: set[int] = set()
    for s, e in char_ranges:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out
