"""The output contract of the corpus views (`quotex positions --entity`, `quotex actors`).

A quotation is reused as `quotex.models.Quotation`, unchanged, so its offsets index the
text of the document it came from. No spaCy here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from quotex.models import EntityKind, Quotation


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Actor(_Frozen):
    """One actor of the corpus: the document entities merged into it by name."""

    id: str
    """A slug of the name (`sergey-lavrov`), made unique within one output (`smith-2`)."""
    name: str
    """Its most frequent full name (given name and surname), else its most frequent name."""
    kind: EntityKind
    """The kind most of its document entities have."""
    titles: list[str]
    """Titles the documents give it, most frequent first (at most ten)."""
    names: list[str]
    """Every name it goes by in the documents, most frequent first."""
    documents: int
    """How many documents mention it."""
    resolved: bool
    """False for a bare surname (or initial) that could not be tied to one full name."""
    could_be: list[str] = Field(default_factory=list)
    """For an unresolved actor: the other actors of the same surname it may be."""


class CorpusPosition(_Frozen):
    """One statement of the actor in one document."""

    actor: str
    """Id of the actor (see `Actor.id`)."""
    document: str
    """The document's id: its `id` in the extraction output, else its `source`."""
    source: str
    """The document's `source` (path of the article or of the record)."""
    date: str | None
    """The document's date as given in its meta (`--date-field`), or null."""
    url: str | None
    """The document's `meta.url`, or null."""
    meta: dict[str, Any]
    """All of the document's meta, as stored."""
    speaker_name: str
    """The name of the speaking entity in that document (`Lavrov`, `Sergey Lavrov`)."""
    about: list[str]
    """Names (in that document) of the entities the content mentions."""
    quotation: Quotation
    """The quotation as extracted; its offsets index that document's text."""


class ActorPositions(_Frozen):
    """One actor and its statements, dated ones first in date order, then undated ones."""

    actor: Actor
    """Who."""
    positions: list[CorpusPosition]
    """What they said or hold, each with its document and offsets."""


class PositionsReport(_Frozen):
    """`quotex positions --entity NAME [--about NAME]` over extraction output."""

    entity: str
    """The `--entity` query as given."""
    about: str | None
    """The `--about` query as given, or null."""
    about_actors: list[Actor]
    """The actors `--about` matched (a position is kept when its content mentions any of them)."""
    documents: int
    """Documents read (failed ones included)."""
    failed_documents: int
    """Error records in the input: documents whose extraction failed, holding no positions."""
    actors: list[ActorPositions]
    """Every actor the query matched (one, unless the name is ambiguous in the corpus)."""


class CueCount(_Frozen):
    """A cue and how often an actor used it."""

    cue: str
    """The cue's words, lower-cased, whitespace collapsed (`said`, `according to`, `:`)."""
    count: int
    """How many of the actor's quotations carry it."""


class TargetCount(_Frozen):
    """An actor that another one's statements mention, and how often."""

    actor: str
    """Id of the actor mentioned."""
    name: str
    """Its name."""
    count: int
    """How many of the speaker's quotations mention it."""


class ActorStats(_Frozen):
    """How often one actor is quoted, how, and about whom."""

    actor: Actor
    """Who."""
    quotations: int
    """Quotations attributed to it across the corpus."""
    quoted_in: int
    """Documents in which it is quoted."""
    kinds: dict[str, int]
    """Its quotations by kind: `direct`, `indirect`, `mixed`."""
    cues: list[CueCount]
    """Its most frequent cues, most frequent first."""
    targets: list[TargetCount]
    """The actors its statements mention most (`about`), most frequent first; itself excluded."""


class ActorsReport(_Frozen):
    """`quotex actors`: who is quoted how often, with their cues and targets."""

    documents: int
    """Documents read (failed ones included)."""
    failed_documents: int
    """Error records in the input: documents whose extraction failed."""
    quotations: int
    """Quotations in the corpus, attributed or not."""
    unattributed: int
    """Quotations with no resolved speaker."""
    generic_speakers: int
    """Quotations whose speaker is generic (`you`, `the minister`, `officials`): such a speaker
    is a different one in each article, so it is merged with nothing and not listed."""
    actors: list[ActorStats]
    """Quoted actors, most quoted first (ties by name)."""
