"""The request bodies of the HTTP API. Responses are quotex's own models (`ExtractionResult`,
`ErrorRecord`, `CheckResult`): the service adds no second contract for what quotex finds.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from quotex.check import DEFAULT_THRESHOLD
from quotex.models import Claim


class _Request(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class ExtractRequest(_Request):
    """One article to extract from."""

    text: str
    """The article, as it is: offsets in the answer index exactly this string."""
    source: str | None = None
    """A name for the article, echoed as `source` (default `<request>`, in a batch `documents[i]`)."""


class BatchRequest(_Request):
    """Several articles, answered in order (failed ones as error records in their place)."""

    documents: list[ExtractRequest] = Field(min_length=1)
    """The articles (at most the server's `max_batch`)."""


class CheckRequest(_Request):
    """An article and the quotes claimed from it."""

    text: str
    """The article."""
    claims: list[Claim] = Field(min_length=1)
    """The claims: `{"quote": …, "speaker": …, "id": …}` each (speaker and id optional)."""
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=100)
    """Minimum similarity (0–100) for a passage to count as the quote."""
    source: str | None = None
    """A name for the article (default `<request>`)."""


class RenderRequest(_Request):
    """An article to render as the HTML page of `quotex render`."""

    text: str
    """The article."""
    title: str | None = None
    """Page title (default: the source)."""
    source: str | None = None
    """A name for the article (default `<request>`)."""
