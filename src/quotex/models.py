"""The JSON contract of quotex, as Pydantic v2 models.

This module must not import spaCy: the CLI builds `quotex schema` and error
records from it without loading a language pipeline.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, field_validator, model_serializer

SCHEMA_VERSION = "1.0"

QuotationKind = Literal["direct", "indirect", "mixed"]
CueClass = Literal["speech", "belief", "according_to", "punctuation", "none"]
EntityKind = Literal["person", "organisation", "place", "group", "artefact", "unknown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


# Set only for corpus records (`quotex extract CORPUS --out-dir`); left out of the JSON when
# null, so that a plain `quotex extract article.txt` writes exactly what it always has.
_CORPUS_FIELDS = ("id", "meta", "text")


class TextSpan(_Frozen):
    """A piece of the input: `input[start:end] == text`, on the exact decoded input."""

    text: str
    """The characters of the span, verbatim."""
    start: int = Field(ge=0)
    """Offset of the first character (Python `str` index, i.e. code points)."""
    end: int = Field(ge=0)
    """Offset one past the last character."""


class Quotation(_Frozen):
    """One attributed statement: who said (or holds) what, with which cue."""

    id: str
    """Stable within one document: `q1`, `q2`, … in text order."""
    kind: QuotationKind
    """`direct` (all in quotation marks), `indirect` (reported speech) or `mixed`."""
    content: TextSpan
    """The whole quotation, from its first fragment's start to its last fragment's end."""
    fragments: list[TextSpan]
    """The content's pieces when an attribution splits it ("…," she said, "…")."""
    cue: TextSpan | None
    """The words or punctuation that signal the attribution (`said`, `according to`, `:`)."""
    cue_class: CueClass
    """`speech` verbs, `belief`/intent verbs, `according_to`, `punctuation` (colon, dash, a name line) or `none`."""
    speaker: TextSpan | None
    """The local mention the attribution rests on (`he`, `Lavrov`, `a senior official`)."""
    entity: str | None
    """Id of the resolved speaker in `entities`, or null when no source is known."""
    confidence: float = Field(ge=0.0, le=1.0)
    """How sure the extractor is of this attribution, 0 to 1."""
    method: str
    """Which rule made the attribution, for auditing (e.g. `direct:cue-after`)."""
    parent: str | None = None
    """Id of the quotation whose content contains this one (nested attribution)."""
    about: list[str] = Field(default_factory=list)
    """Ids of the entities the content mentions."""


class Entity(_Frozen):
    """A person, organisation, place or group, with all its mentions collapsed."""

    id: str
    """`e1`, `e2`, … in order of first mention."""
    name: str
    """Canonical name: the fullest form the article uses."""
    kind: EntityKind
    """person, organisation, place, group, artefact or unknown."""
    titles: list[str]
    """Titles and roles the article gives it (`Russia's Foreign Minister`)."""
    mentions: list[TextSpan]
    """Every mention linked to it, in text order."""


class PositionItem(_Frozen):
    """One statement in an entity's record."""

    quotation: str
    """Id of the quotation."""
    kind: QuotationKind
    """Kind of that quotation."""
    cue: str | None
    """The cue's text."""
    cue_class: CueClass
    """The cue's class."""
    text: str
    """The quotation's content."""
    speaker: str | None = None
    """For positions reported about the entity: the entity id that reported them."""


class Position(_Frozen):
    """What one entity is reported to hold across the article."""

    entity: str
    """Id of the entity."""
    name: str
    """The entity's canonical name."""
    holds: list[PositionItem]
    """Its own quotations, in text order."""
    reported_about: list[PositionItem]
    """Others' quotations whose content mentions it."""


class _Record(_Frozen):
    """A document's line in `quotex extract` output: a result or an error record."""

    schema_version: str = SCHEMA_VERSION
    """Version of this JSON contract."""

    @model_serializer(mode="wrap")
    def _serialize(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for name in _CORPUS_FIELDS:
            if name in data and data[name] is None:
                del data[name]
        return data


class ExtractionResult(_Record):
    """Everything quotex found in one document."""

    source: str
    """Path of the input, or `<stdin>` (for a corpus record: its file and line, or its URL)."""
    id: str | None = None
    """The document's stable id in a corpus (`--id-field`, or derived from its file); absent outside corpora."""
    meta: dict[str, Any] | None = None
    """The corpus record's other fields, as read (date, url, outlet, …); absent when it has none."""
    model: str
    """The spaCy pipeline used, as `name version`."""
    quotations: list[Quotation]
    """The quotations, in text order."""
    entities: list[Entity]
    """The speakers and entities they talk about."""
    positions: list[Position] = Field(default_factory=list)
    """Per entity: what it holds and what others report about it."""
    text: str | None = None
    """The text the offsets index when it is not the input as read (extracted from HTML or WARC); absent otherwise."""


class ErrorDetail(_Frozen):
    """Why one input could not be processed."""

    code: str
    """Stable error code from quotex's error table (e.g. `E102`)."""
    message: str
    """One human-readable line."""


class ErrorRecord(_Record):
    """Stands in a batch for an input that failed, so that nothing is dropped silently."""

    source: str
    """Path of the input that failed (for a corpus record: its file and line, or its URL)."""
    id: str | None = None
    """The failed document's id in a corpus, so that it is accounted for; absent outside corpora."""
    meta: dict[str, Any] | None = None
    """The corpus record's other fields, when they could be read; absent otherwise."""
    error: ErrorDetail
    """What went wrong."""


class PositionsResult(_Frozen):
    """What `quotex positions` writes for one document."""

    source: str
    """Path of the input, or `<stdin>`."""
    positions: list[Position]
    """Per entity: what it holds and what others report about it."""


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(command: str = "extract") -> dict[str, Any]:
    """The JSON Schema of one document that `quotex extract` (or `quotex positions`) writes:
    a result, or the error record that stands in a batch for an input that failed."""
    from pydantic import TypeAdapter

    document: TypeAdapter[Any]
    if command == "extract":
        document = TypeAdapter(ExtractionResult | ErrorRecord)
    elif command == "positions":
        document = TypeAdapter(PositionsResult | ErrorRecord)
    else:
        raise KeyError(command)
    schema = document.json_schema()
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"quotex {command} document",
        "description": f"One document written by `quotex {command}`: its result, or an error record "
        "(in a batch, for an input that could not be read or processed).",
        **schema,
    }


# --- `quotex check` ------------------------------------------------------------------------------

Verdict = Literal["supported", "misattributed", "paraphrase", "unattributed", "not-found"]


class Claim(BaseModel):
    """One claim to check: a quote and (optionally) who is said to have said it."""

    # an input: fields a user's claims file carries besides these (a URL, a note) are ignored
    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)

    quote: str = Field(min_length=1, pattern=r"\S")
    """The quoted words as the claim gives them."""
    speaker: str | None = None
    """Who the claim says said them (surname, full name or title)."""
    id: str | None = None
    """Optional identifier, echoed in the verdict."""

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        # claims files number their claims as often as they name them
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class CheckResult(_Frozen):
    """The verdict on one claim."""

    id: str | None = None
    """The claim's id, when it had one."""
    quote: str
    """The claimed quote."""
    speaker: str | None
    """The claimed speaker."""
    verdict: Verdict
    """supported, misattributed, paraphrase, unattributed or not-found."""
    score: float
    """How close the article's passage is to the claimed quote, 0–100 (100 = same words)."""
    match: Literal["exact", "near", "loose", "none"]
    """`exact` (score 100), `near` (≥ threshold), `loose` (content-word paraphrase match) or `none`."""
    passage: TextSpan | None
    """The article's passage that matches best (for not-found: the closest one, below threshold)."""
    quotation: str | None = None
    """Id of the quotation the passage belongs to."""
    kind: QuotationKind | None = None
    """That quotation's kind."""
    attributed_to: str | None = None
    """Whom the article attributes the passage to (entity name, or the speaker mention)."""
    entity: str | None = None
    """Id of that entity."""
    speaker_mention: TextSpan | None = None
    """The local mention the attribution rests on."""
    speaker_matches: bool | None = None
    """Whether the claimed speaker is the article's speaker (null: no claimed speaker, or no speaker)."""
    cue: TextSpan | None = None
    """The attribution cue."""
    confidence: float | None = None
    """The extractor's confidence in that attribution."""
    method: str | None = None
    """The extractor's rule."""
    message: str
    """One human-readable line."""


def check_json_schema() -> dict:
    """The JSON Schema of one `quotex check` verdict."""
    return CheckResult.model_json_schema()
