"""The parser reads a same-length normalised copy of the input (`quotex.textnorm`): CRLF, a BOM,
NBSP and tabs only confuse spaCy's tokenizer and parser. Wrapping the tokenizer puts that step
inside the pipeline, so `nlp(text)` in spaCy and `quotex extract` parse the same tokens; offsets
stay valid in the original text because the copy has exactly its length."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from quotex.textnorm import for_parsing

if TYPE_CHECKING:
    from spacy.language import Language


class NormalisingTokenizer:
    """A spaCy tokenizer that tokenizes `for_parsing(text)` (idempotent: normalised text is unchanged)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(for_parsing(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # vocab, serialisation, rules: the wrapped tokenizer's (never recurse while unpickling)
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def normalise_input(nlp: Language) -> Language:
    """Make `nlp` parse the normalised copy of every text it is given; returns `nlp`."""
    if not isinstance(nlp.tokenizer, NormalisingTokenizer):
        nlp.tokenizer = NormalisingTokenizer(nlp.tokenizer)
    return nlp
