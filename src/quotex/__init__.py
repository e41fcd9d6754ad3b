"""quotex: quotation and attribution extraction for news.

`quotex.extract(text)` returns an `ExtractionResult`; spaCy is only imported when it runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "__version__"]


def __getattr__(name: str):
    if name in ("extract", "extract_many"):
        from quotex import api

        return getattr(api, name)
    raise AttributeError(name)
