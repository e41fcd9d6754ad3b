"""The corpus views over merged actors: `quotex actors` and `quotex positions --entity`."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

from quotex.aggregate.merge import EntityRef, Group, block_key, entity_ref, merge_entities
from quotex.aggregate.models import (
    Actor,
    ActorPositions,
    ActorsReport,
    ActorStats,
    CorpusPosition,
    CueCount,
    PositionsReport,
    TargetCount,
)
from quotex.aggregate.names import split_name, title_key
from quotex.aggregate.queries import check_query, did_you_mean, match_actors, query_blocks
from quotex.aggregate.read import StoredDocument
from quotex.errors import Err, QuotexError
from quotex.models import EntityKind, ExtractionResult, Quotation

MAX_TITLES = 10
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# --- actors as output --------------------------------------------------------------------


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name[:80]).encode("ascii", "ignore").decode().lower()
    return "-".join(_NON_ALNUM.split(plain)).strip("-") or "actor"


def _canonical(group: Group, counts: Counter[str]) -> str:
    """The most frequent full name (a given name that is not an initial), else the most frequent name."""
    full = [n for n in counts if (p := split_name(n, strict=True)) and p.given and not p.initial]
    pool = full if group.block.startswith("p:") and full else list(counts)
    return max(pool, key=lambda n: (counts[n], len(n)))


def _titles(group: Group) -> list[str]:
    """Distinct titles (by folded key), each shown in its most frequent spelling."""
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for r in group.refs:
        for t in r.titles:
            key = title_key(t)
            if key:
                spellings.setdefault(key, Counter())[t.strip()] += 1
    ranked = sorted(spellings.values(), key=lambda c: -sum(c.values()))
    return [c.most_common(1)[0][0] for c in ranked[:MAX_TITLES]]


def actor_models(groups: list[Group]) -> dict[int, Actor]:
    """One `Actor` per group (keyed by `id(group)`), with ids unique among these groups."""
    taken: Counter[str] = Counter()
    counts = {id(g): Counter(r.name for r in g.refs) for g in groups}
    names = {id(g): _canonical(g, counts[id(g)]) for g in groups}
    out: dict[int, Actor] = {}
    for g in groups:
        base = _slug(names[id(g)])
        taken[base] += 1
        ident = base if taken[base] == 1 else f"{base}-{taken[base]}"
        kinds: Counter[EntityKind] = Counter(r.kind for r in g.refs)
        out[id(g)] = Actor(
            id=ident,
            name=names[id(g)],
            kind=kinds.most_common(1)[0][0],
            titles=_titles(g),
            names=[n for n, _ in counts[id(g)].most_common()],
            documents=len(g.docs),
            resolved=g.resolved,
            could_be=[names[id(o)] for o in g.could_be if id(o) in names],
        )
    return out


# --- reading ------------------------------------------------------------------------------


@dataclass
class _Tally:
    """The counts a report starts with (its field names), kept while the documents are read."""

    documents: int = 0
    failed_documents: int = 0

    def results(self, docs: Iterable[StoredDocument]) -> Iterator[tuple[StoredDocument, ExtractionResult]]:
        """The documents that hold a result, counting every document (error records too)."""
        for doc in docs:
            self.documents += 1
            if doc.result is None:
                self.failed_documents += 1
            else:
                yield doc, doc.result


def parse_date(value: object) -> datetime | None:
    """An ISO 8601 date or date-time (`2024-03-01`, `2024-03-01T10:00:00Z`) as naive UTC;
    anything else (missing, another format, a number) is no date."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, datetime.min.time())
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            try:
                parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
            except ValueError:
                return None
    else:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


# --- quotex positions --entity -----------------------------------------------------------


@dataclass
class _Kept:
    doc: StoredDocument
    quotation: Quotation
    order: int
    names: dict[str, str]


def corpus_positions(docs: Iterable[StoredDocument], entity: str, about: str | None = None) -> PositionsReport:
    """One actor's statements across documents (`quotex positions --entity`), dated ones in
    date order, then undated ones in input order. Raises E804 when no actor matches."""
    check_query("--entity", entity)
    check_query("--about", about)
    wanted = query_blocks(entity) | (query_blocks(about) if about else set())
    refs: list[EntityRef] = []
    kept: list[_Kept] = []
    seen_names: set[str] = set()  # for "did you mean" when nothing matches
    tally = _Tally()
    for doc, result in tally.results(docs):
        seen_names.update(e.name for e in result.entities if e.kind != "place")
        mine = [r for r in (entity_ref(doc.index, e) for e in result.entities) if block_key(r) in wanted]
        if not mine:
            continue
        refs.extend(mine)
        ids = {r.entity for r in mine}
        names = {e.id: e.name for e in result.entities}
        kept.extend(_Kept(doc, q, i, names) for i, q in enumerate(result.quotations) if q.entity in ids)

    groups = merge_entities(refs)
    speakers = match_actors(entity, groups)
    if not speakers:
        hint = did_you_mean(entity, seen_names)
        raise QuotexError(Err.NO_ACTOR, option="--entity", name=entity, documents=tally.documents, hint=hint)
    targets = match_actors(about, groups) if about else []
    if about and not targets:
        hint = did_you_mean(about, seen_names)
        raise QuotexError(Err.NO_ACTOR, option="--about", name=about, documents=tally.documents, hint=hint)
    target_refs = {(r.doc, r.entity) for g in targets for r in g.refs}

    chosen: dict[int, list[_Kept]] = {}
    for g in speakers:
        own = {(r.doc, r.entity) for r in g.refs}
        chosen[id(g)] = sorted(
            (
                k
                for k in kept
                if (k.doc.index, k.quotation.entity) in own
                and (not about or any((k.doc.index, e) in target_refs for e in k.quotation.about))
            ),
            key=_date_order,
        )
    # A name can also be another kind's ("Lavrov" misread as an organisation once): actors
    # that say nothing are left out, unless none of the matches says anything.
    speaking = [
        g
        for g in speakers
        if any((k.doc.index, k.quotation.entity) in {(r.doc, r.entity) for r in g.refs} for k in kept)
    ]
    speakers = speaking or speakers
    actors = actor_models([g for g in groups if g in speakers or g in targets])
    blocks = [
        ActorPositions(actor=actors[id(g)], positions=[_position(actors[id(g)].id, k) for k in chosen[id(g)]])
        for g in speakers
    ]
    about_actors = [actors[id(g)] for g in targets]
    return PositionsReport(entity=entity, about=about, about_actors=about_actors, actors=blocks, **asdict(tally))


def _date_order(k: _Kept) -> tuple[int, datetime, int, int]:
    when = parse_date(k.doc.raw_date)
    return (0, when, k.doc.index, k.order) if when else (1, datetime.min, k.doc.index, k.order)


def _position(actor_id: str, k: _Kept) -> CorpusPosition:
    meta = k.doc.meta
    url = meta.get("url")
    speaker = k.quotation.entity or ""
    return CorpusPosition(
        actor=actor_id,
        document=k.doc.id,
        source=k.doc.source,
        date=None if k.doc.raw_date is None else str(k.doc.raw_date),
        url=url if isinstance(url, str) else None,
        meta=meta,
        speaker_name=k.names.get(speaker, speaker),
        about=[k.names.get(e, e) for e in k.quotation.about],
        quotation=k.quotation,
    )


# --- quotex actors -----------------------------------------------------------------------


@dataclass
class _ActorsTally(_Tally):
    quotations: int = 0
    unattributed: int = 0
    generic_speakers: int = 0


@dataclass
class _Quoted:
    """One actor's counts while the quotations are read."""

    group: Group
    quotations: int = 0
    docs: set[int] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)
    targets: Counter[int] = field(default_factory=Counter)
    """Quotations about each other actor, keyed by `id(group)`."""


def _cue(q: Quotation) -> str | None:
    return " ".join(q.cue.text.lower().split()) if q.cue else None


def corpus_actors(
    docs: Iterable[StoredDocument], top: int | None = None, per_actor: int = 5, min_quotations: int = 1
) -> ActorsReport:
    """Who is quoted how often (`quotex actors`), with their most frequent cues and targets."""
    refs: list[EntityRef] = []
    # Only what the counts need is kept per quotation (not its text), so memory grows with the
    # number of quotations, not with the size of the corpus.
    quotes: list[tuple[int, str, str, str | None, tuple[str, ...]]] = []
    tally = _ActorsTally()
    for doc, result in tally.results(docs):
        refs.extend(entity_ref(doc.index, e) for e in result.entities)
        for q in result.quotations:
            tally.quotations += 1
            if q.entity is None:
                tally.unattributed += 1
            else:
                quotes.append((doc.index, q.entity, q.kind, _cue(q), tuple(q.about)))

    groups = merge_entities(refs)
    group_of = {(r.doc, r.entity): g for g in groups for r in g.refs}
    actors = actor_models(groups)
    stats: dict[int, _Quoted] = {}
    for doc_index, speaker, kind, cue, about_ids in quotes:
        g = group_of.get((doc_index, speaker))
        if g is None:  # a generic speaker (`you`, `officials`): no actor across documents
            tally.generic_speakers += 1
            continue
        s = stats.setdefault(id(g), _Quoted(g))
        s.quotations += 1
        s.docs.add(doc_index)
        s.kinds[kind] += 1
        if cue is not None:
            s.cues[cue] += 1
        for t in {group_of.get((doc_index, e)) for e in about_ids} - {None, g}:
            s.targets[id(t)] += 1

    rows = [s for s in stats.values() if s.quotations >= min_quotations]
    rows.sort(key=lambda s: (-s.quotations, actors[id(s.group)].name.casefold(), actors[id(s.group)].id))
    if top:
        rows = rows[:top]
    return ActorsReport(actors=[_actor_stats(s, actors, per_actor) for s in rows], **asdict(tally))


def _actor_stats(s: _Quoted, actors: dict[int, Actor], per_actor: int) -> ActorStats:
    targets = sorted(s.targets.items(), key=lambda kv: (-kv[1], actors[kv[0]].name.casefold()))
    return ActorStats(
        actor=actors[id(s.group)],
        quotations=s.quotations,
        quoted_in=len(s.docs),
        kinds={k: s.kinds[k] for k in ("direct", "indirect", "mixed") if s.kinds[k]},
        cues=[CueCount(cue=c, count=n) for c, n in s.cues.most_common(per_actor)],
        targets=[TargetCount(actor=actors[t].id, name=actors[t].name, count=n) for t, n in targets[:per_actor]],
    )
