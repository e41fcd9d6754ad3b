"""Same-length text normalisation for parsing: every offset stays valid in the original input."""

from __future__ import annotations

# Characters that only confuse the tokenizer/parser, mapped one-to-one so offsets never move.
_SAME_LENGTH = str.maketrans(
    {
        "\ufeff": " ",  # BOM
        "\u00a0": " ",  # no-break space
        "\t": " ",
        "\u200b": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u000b": "\n",
        "\u000c": "\n",
        "\u0085": "\n",
    }
)


def for_parsing(text: str) -> str:
    """A copy of `text` of exactly the same length, easier to parse (CR, BOM, NBSP, tabs)."""
    out = text.replace("\r\n", " \n").replace("\r", "\n").translate(_SAME_LENGTH)
    assert len(out) == len(text)
    return out
