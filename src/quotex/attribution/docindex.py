"""One document's index: char -> token and char -> paragraph look-ups, and its quoted stretches."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from quotex.attribution.quote_marks import find_quoted_spans, paragraphs
from quotex.attribution.token_table import table_of, text_of


class DocIndex:
    """Char → token and char → paragraph look-ups for one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.table = table_of(doc)
        self.starts = self.table.idx
        self.paragraphs = paragraphs(text_of(doc))
        self.pstarts = [p[0] for p in self.paragraphs]
        self.quoted = find_quoted_spans(text_of(doc))

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) `char`."""
        return max(0, bisect_right(self.starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect_right(self.pstarts, char) - 1)

    def tokens_between(self, start: int, end: int) -> LazyTokens:
        """Non-space tokens fully inside the char range (Token objects made only when read)."""
        starts, lengths, spaces = self.starts, self.table.length, self.table.is_space
        i = bisect_right(starts, start - 1)
        out = []
        n = len(starts)
        while i < n and starts[i] < end:
            if starts[i] + lengths[i] <= end and not spaces[i]:
                out.append(i)
            i += 1
        return LazyTokens(self.doc, out)


class LazyTokens(Sequence):
    """A list of tokens by index: most callers read only the first or last few."""

    __slots__ = ("doc", "indices")

    def __init__(self, doc: Doc, indices: list[int]) -> None:
        self.doc, self.indices = doc, indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return LazyTokens(self.doc, self.indices[k])
        return self.doc[self.indices[k]]

    def __add__(self, other):
        return list(self) + list(other)
