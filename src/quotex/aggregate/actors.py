"""Entities merged across documents into actors, and the two corpus views over them.

The merge rule (documented in the README, "Corpus views"). Within a document quotex has
already tied `Lavrov` and `he` to `Sergey Lavrov`; across documents only names are left, so:

1. A person's name is compared by surname (the last word, spellings folded: `Zelenskyy` =
   `Zelensky`); nothing with a different surname is ever merged. Organisations, places and
   groups merge only when their whole folded name is equal (`the Kremlin` = `Kremlin`), and so
   do descriptions that name someone in particular (`Clinton's campaign`). Generic speakers
   (`you`, `the minister`, a group written in lower case in most of its mentions, such as
   `officials`) are never merged across documents.
2. Full names merge when their first given names fold to the same spelling (`Sergey Lavrov` =
   `Sergei Lavrov`) and their suffixes agree (`Donald Trump Jr.` is not `Donald Trump`);
   `Anna Smith` and `John Smith` are two actors.
3. An initial (`S. Lavrov`, which must agree with the given name) or a bare surname
   (`Lavrov`, `Mr. Lavrov`) joins a full name of its surname only on evidence:
   a. the same document holds exactly one such full name; else
   b. its titles are compatible with exactly one (`Foreign Minister Lavrov` and
      `Russia's Foreign Minister Sergey Lavrov`); else
   c. exactly one such full name is not contradicted by it, where titles contradict when both
      have titles and none in common (`Coach Smith` never joins `Senator John Smith`), and
      genders contradict when both are known and differ (from `he`/`she` mentions, `Mr.`/`Mrs.`,
      gendered titles, first names). So a bare surname joins the corpus's only full name of
      that surname unless something contradicts it, and `he`-Obama picks Barack over Michelle.
4. What stays unresolved is an actor of its own (`resolved: false`, `could_be` naming the
   full names it may be): bare surnames with compatible titles together, and untitled ones
   together (joined to the titled ones when those are a single actor).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

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
from quotex.aggregate.names import (
    PersonName,
    gender_of,
    given_compatible,
    is_proper_description,
    is_title,
    other_key,
    split_name,
    title_key,
    titles_compatible,
)
from quotex.aggregate.read import StoredDocument
from quotex.errors import Err, QuotexError
from quotex.models import Entity, Quotation

MAX_TITLES = 10
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
NAMED_KINDS = frozenset({"organisation", "place", "group", "artefact"})


@dataclass(frozen=True)
class EntityRef:
    """One entity of one document, as the merge sees it."""

    doc: int
    entity: str
    name: str
    kind: str
    titles: tuple[str, ...]
    gender: str | None = None
    lowercase: int = 0
    """How many of its mentions start with a lower-case letter (`officials`, `people`)."""
    mentions: int = 0


def _person(ref_name: str, kind: str) -> PersonName | None:
    return split_name(ref_name, strict=True) if kind == "person" else None


def block_key(ref: EntityRef) -> str | None:
    """Entities in different blocks are never merged: `p:` + folded surname for a person's
    name, `o:` + folded name for the named kinds and particular descriptions, None for a
    generic speaker (merged with nothing)."""
    person = _person(ref.name, ref.kind)
    if person:
        return f"p:{person.surname}"
    if ref.kind in NAMED_KINDS or is_proper_description(ref.name):
        key = other_key(ref.name)
        return f"o:{key}" if key else None
    return None


def query_blocks(query: str) -> set[str]:
    """The blocks an `--entity`/`--about` query can match (as a person's name, or as a name)."""
    blocks = {f"o:{other_key(query)}"}
    person = split_name(query)
    if person:
        blocks.add(f"p:{person.surname}")
    return blocks


@dataclass(eq=False)
class Group:
    """Document entities merged into one actor (mutable while merging)."""

    block: str
    refs: list[EntityRef] = field(default_factory=list)
    resolved: bool = True
    could_be: list[Group] = field(default_factory=list)

    @property
    def docs(self) -> set[int]:
        return {r.doc for r in self.refs}

    @property
    def title_keys(self) -> set[tuple[str, ...]]:
        return {k for r in self.refs for k in _title_keys(r)}

    @property
    def first_names(self) -> set[str]:
        return {p.first for r in self.refs if (p := _person(r.name, r.kind)) and p.first}

    @property
    def suffixes(self) -> set[str]:
        return {p.suffix for r in self.refs if (p := _person(r.name, r.kind))}

    @property
    def gender(self) -> str | None:
        genders = {r.gender for r in self.refs} - {None}
        return genders.pop() if len(genders) == 1 else None

    @property
    def first_seen(self) -> tuple[int, str]:
        return min((r.doc, r.entity) for r in self.refs)


def _title_keys(ref: EntityRef) -> set[tuple[str, ...]]:
    keys = {title_key(t) for t in ref.titles if is_title(t)}
    person = _person(ref.name, ref.kind)
    if person:
        keys.update(person.titles)
    return {k for k in keys if k}


@dataclass(frozen=True)
class _Evidence:
    """What a candidate full name offers, frozen before others join it (order-independent)."""

    group: Group
    docs: frozenset[int]
    titles: frozenset[tuple[str, ...]]
    gender: str | None


def _contradicts(ref: EntityRef, titles: set, cand: _Evidence) -> bool:
    if titles and cand.titles and not titles_compatible(titles, cand.titles):
        return True  # both titled, nothing in common: evidence of two people
    return bool(ref.gender and cand.gender and ref.gender != cand.gender)


def _pick(ref: EntityRef, titles: set, cands: list[_Evidence]) -> Group | None:
    """Rule 3: the one candidate the evidence points to, or None."""
    same_doc = [c for c in cands if ref.doc in c.docs]
    if len(same_doc) == 1:
        return same_doc[0].group
    cands = same_doc or cands
    if titles:
        compatible = [c for c in cands if titles_compatible(titles, c.titles)]
        if len(compatible) == 1:
            return compatible[0].group
    possible = [c for c in cands if not _contradicts(ref, titles, c)]
    return possible[0].group if len(possible) == 1 else None


def _evidence(groups: Iterable[Group]) -> list[_Evidence]:
    return [_Evidence(g, frozenset(g.docs), frozenset(g.title_keys), g.gender) for g in groups]


def _merge_people(block: str, refs: list[EntityRef]) -> list[Group]:
    parsed = [(r, _person(r.name, r.kind)) for r in refs]
    full = _merge_full_names(block, [(r, p) for r, p in parsed if p.given and not p.initial])

    anchors = dict(zip(full, _evidence(full.values())))
    initials: dict[tuple[str, str], Group] = {}
    for r, p in parsed:
        if p.initial:
            cands = [
                a
                for (first, suffix, *_), a in anchors.items()
                if given_compatible(p.first, first) and suffix == p.suffix
            ]
            chosen = _pick(r, _title_keys(r), cands)
            if chosen is None:
                chosen = initials.setdefault((p.first, p.suffix), Group(block, resolved=False))
            chosen.refs.append(r)

    candidates = _evidence([*full.values(), *initials.values()])
    titled: list[tuple[EntityRef, set]] = []
    untitled: list[EntityRef] = []
    for r, p in parsed:
        if p.bare:
            keys = _title_keys(r)
            chosen = _pick(r, keys, candidates)
            if chosen is not None:
                chosen.refs.append(r)
            elif keys:
                titled.append((r, keys))
            else:
                untitled.append(r)

    leftovers = _cluster_by_titles(block, titled)
    if untitled:
        if len(leftovers) == 1:
            leftovers[0].refs.extend(untitled)
        else:
            leftovers.append(Group(block, refs=untitled, resolved=False))
    named = [*full.values(), *initials.values()]
    for g in [*named, *leftovers]:
        if not g.resolved:
            g.could_be = [o for o in named if o is not g and o.resolved]
    return [*named, *leftovers]


def _merge_full_names(block: str, people: list[tuple[EntityRef, PersonName]]) -> dict[tuple, Group]:
    """Rule 2: one group per first name and suffix, split again by middle initial when several
    occur (`George W. Bush`, `George H.W. Bush`, `George P. Bush`); a full name without a
    middle one then joins one of those on evidence (rule 3) or stays unresolved."""
    by_first: dict[tuple[str, str], list[tuple[EntityRef, PersonName]]] = {}
    for r, p in people:
        by_first.setdefault((p.first, p.suffix), []).append((r, p))
    groups: dict[tuple, Group] = {}
    for key, members in by_first.items():
        middles = sorted({p.given[1][0] for _, p in members if len(p.given) > 1})
        if len(middles) <= 1:
            groups[key] = Group(block, refs=[r for r, _ in members])
            continue
        for r, p in members:
            if len(p.given) > 1:
                groups.setdefault((*key, p.given[1][0]), Group(block)).refs.append(r)
        evidence = _evidence([groups[(*key, m)] for m in middles])
        for r, p in members:
            if len(p.given) == 1:
                chosen = _pick(r, _title_keys(r), evidence)
                if chosen is None:
                    chosen = groups.setdefault((*key, ""), Group(block, resolved=False))
                chosen.refs.append(r)
    return groups


def _cluster_by_titles(block: str, titled: list[tuple[EntityRef, set]]) -> list[Group]:
    """Unresolved bare surnames: one group per set of (transitively) compatible titles."""
    keys = sorted({k for _, ks in titled for k in ks})
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a, b):
        parent[root(a)] = root(b)

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if titles_compatible({a}, {b}):
                union(a, b)
    for _, ks in titled:  # one entity with two titles ties them together
        first, *rest = sorted(ks)
        for k in rest:
            union(k, first)
    groups: dict[tuple, Group] = {}
    for r, ks in titled:
        groups.setdefault(root(min(ks)), Group(block, resolved=False)).refs.append(r)
    return list(groups.values())


def _common_noun(members: list[EntityRef]) -> bool:
    """A group named by a common noun (`officials`, `people`, `Officials` at a sentence start):
    written in lower case in most of its mentions across the corpus, unlike `Republicans`."""
    if any(r.kind != "group" for r in members):
        return False
    total = sum(r.mentions for r in members)
    return total > 0 and sum(r.lowercase for r in members) * 2 > total


def merge_entities(refs: Iterable[EntityRef]) -> list[Group]:
    """All actors of these entity references, in order of first appearance (rules 1–4).
    Generic speakers (no block) are left out: they are no actor across documents."""
    blocks: dict[str, list[EntityRef]] = {}
    for r in refs:
        key = block_key(r)
        if key is not None:
            blocks.setdefault(key, []).append(r)
    groups: list[Group] = []
    for block, members in blocks.items():
        if block.startswith("p:"):
            groups.extend(_merge_people(block, members))
        elif not _common_noun(members):
            groups.append(Group(block, refs=members))
    groups = [g for g in groups if g.refs]
    for g in groups:
        g.could_be = [o for o in g.could_be if o.refs]
    return sorted(groups, key=lambda g: g.first_seen)


# --- actors as output --------------------------------------------------------------------


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name[:80]).encode("ascii", "ignore").decode().lower()
    return "-".join(_NON_ALNUM.split(plain)).strip("-") or "actor"


def _canonical(group: Group, counts: Counter) -> str:
    """The most frequent full name (a given name that is not an initial), else the most frequent name."""
    full = [n for n in counts if (p := _person(n, "person")) and p.given and not p.initial]
    pool = full if group.block.startswith("p:") and full else list(counts)
    return max(pool, key=lambda n: (counts[n], len(n)))


def _titles(group: Group) -> list[str]:
    """Distinct titles (by folded key), each shown in its most frequent spelling."""
    spellings: dict[tuple, Counter] = {}
    for r in group.refs:
        for t in r.titles:
            key = title_key(t)
            if key:
                spellings.setdefault(key, Counter())[t.strip()] += 1
    ranked = sorted(spellings.values(), key=lambda c: -sum(c.values()))
    return [c.most_common(1)[0][0] for c in ranked[:MAX_TITLES]]


def actor_models(groups: list[Group]) -> dict[int, Actor]:
    """One `Actor` per group (keyed by `id(group)`), with ids unique among these groups."""
    taken: Counter = Counter()
    counts = {id(g): Counter(r.name for r in g.refs) for g in groups}
    names = {id(g): _canonical(g, counts[id(g)]) for g in groups}
    out: dict[int, Actor] = {}
    for g in groups:
        base = _slug(names[id(g)])
        taken[base] += 1
        ident = base if taken[base] == 1 else f"{base}-{taken[base]}"
        kinds = Counter(r.kind for r in g.refs)
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


# --- queries ------------------------------------------------------------------------------


def match_actors(query: str, groups: list[Group]) -> list[Group]:
    """The actors a name query means: same surname (or whole name for non-people); a given
    name in the query must agree with the actor's (so a bare-surname actor does not match
    `Anna Smith`); title words narrow several candidates to those with a compatible title."""
    person = split_name(query)
    other = f"o:{other_key(query)}"
    found = [g for g in groups if g.block == other]
    if person:
        people = [g for g in groups if g.block == f"p:{person.surname}"]
        if person.given:  # `Donald Trump` means neither an unresolved `Trump` nor Donald Trump Jr.
            people = [
                g
                for g in people
                if any(given_compatible(q, f) for q in person.given for f in g.first_names)
                and person.suffix in g.suffixes
            ]
        if person.titles and len(people) > 1:
            narrowed = [g for g in people if titles_compatible(set(person.titles), g.title_keys)]
            people = narrowed or people
        found += [g for g in people if g not in found]
    return found


def _check_query(option: str, query: str | None) -> None:
    if query is not None and not query_blocks(query) - {"o:"}:
        raise QuotexError(Err.BAD_QUERY, detail=f"{option} needs a name, got '{query}'")


# --- dates --------------------------------------------------------------------------------


def parse_date(value) -> datetime | None:
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


# --- the views ----------------------------------------------------------------------------


def entity_ref(doc_index: int, e: Entity) -> EntityRef:
    mentions = tuple(m.text for m in e.mentions)
    lowercase = sum(1 for m in mentions if m[:1].islower())
    return EntityRef(
        doc_index,
        e.id,
        e.name,
        e.kind,
        tuple(e.titles),
        gender_of(e.name, tuple(e.titles), mentions),
        lowercase,
        len(mentions),
    )


def _refs(doc: StoredDocument, entities: Iterable[Entity]) -> list[EntityRef]:
    return [entity_ref(doc.index, e) for e in entities]


@dataclass
class _Kept:
    doc: StoredDocument
    quotation: Quotation
    order: int
    names: dict[str, str]


def corpus_positions(docs: Iterable[StoredDocument], entity: str, about: str | None = None) -> PositionsReport:
    """One actor's statements across documents (`quotex positions --entity`), dated ones in
    date order, then undated ones in input order. Raises E804 when no actor matches."""
    _check_query("--entity", entity)
    _check_query("--about", about)
    wanted = query_blocks(entity) | (query_blocks(about) if about else set())
    refs: list[EntityRef] = []
    kept: list[_Kept] = []
    seen_names: set[str] = set()  # for "did you mean" when nothing matches
    documents = failed = 0
    for doc in docs:
        documents += 1
        if doc.result is None:
            failed += 1
            continue
        seen_names.update(e.name for e in doc.result.entities if e.kind != "place")
        mine = [r for r in _refs(doc, doc.result.entities) if block_key(r) in wanted]
        if not mine:
            continue
        refs.extend(mine)
        ids = {r.entity for r in mine}
        names = {e.id: e.name for e in doc.result.entities}
        kept.extend(_Kept(doc, q, i, names) for i, q in enumerate(doc.result.quotations) if q.entity in ids)

    groups = merge_entities(refs)
    speakers = match_actors(entity, groups)
    if not speakers:
        raise QuotexError(
            Err.NO_ACTOR, option="--entity", name=entity, documents=documents, hint=_did_you_mean(entity, seen_names)
        )
    targets = match_actors(about, groups) if about else []
    if about and not targets:
        raise QuotexError(
            Err.NO_ACTOR, option="--about", name=about, documents=documents, hint=_did_you_mean(about, seen_names)
        )
    target_refs = {(r.doc, r.entity) for g in targets for r in g.refs}

    chosen: dict[int, list[_Kept]] = {}
    for g in speakers:
        mine = {(r.doc, r.entity) for r in g.refs}
        chosen[id(g)] = sorted(
            (
                k
                for k in kept
                if (k.doc.index, k.quotation.entity) in mine
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
    return PositionsReport(
        entity=entity,
        about=about,
        about_actors=[actors[id(g)] for g in targets],
        documents=documents,
        failed_documents=failed,
        actors=blocks,
    )


def _did_you_mean(query: str, names: set[str]) -> str:
    import difflib

    pool = names | {n.split()[-1] for n in names if n.split()}
    close = difflib.get_close_matches(query, sorted(pool), n=3, cutoff=0.75)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _date_order(k: _Kept):
    when = parse_date(k.doc.raw_date)
    return (0, when, k.doc.index, k.order) if when else (1, datetime.min, k.doc.index, k.order)


def _position(actor_id: str, k: _Kept) -> CorpusPosition:
    meta = k.doc.meta
    url = meta.get("url")
    return CorpusPosition(
        actor=actor_id,
        document=k.doc.id,
        source=k.doc.source,
        date=None if k.doc.raw_date is None else str(k.doc.raw_date),
        url=url if isinstance(url, str) else None,
        meta=meta,
        speaker_name=k.names.get(k.quotation.entity, k.quotation.entity or ""),
        about=[k.names.get(e, e) for e in k.quotation.about],
        quotation=k.quotation,
    )


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
    documents = failed = total = unattributed = generic = 0
    for doc in docs:
        documents += 1
        if doc.result is None:
            failed += 1
            continue
        refs.extend(_refs(doc, doc.result.entities))
        for q in doc.result.quotations:
            total += 1
            if q.entity is None:
                unattributed += 1
            else:
                quotes.append((doc.index, q.entity, q.kind, _cue(q), tuple(q.about)))

    groups = merge_entities(refs)
    group_of = {(r.doc, r.entity): g for g in groups for r in g.refs}
    actors = actor_models(groups)
    stats: dict[int, dict] = {}
    for doc_index, speaker, kind, cue, about_ids in quotes:
        g = group_of.get((doc_index, speaker))
        if g is None:  # a generic speaker (`you`, `officials`): no actor across documents
            generic += 1
            continue
        s = stats.setdefault(
            id(g), {"group": g, "n": 0, "docs": set(), "kinds": Counter(), "cues": Counter(), "targets": Counter()}
        )
        s["n"] += 1
        s["docs"].add(doc_index)
        s["kinds"][kind] += 1
        if cue is not None:
            s["cues"][cue] += 1
        about = {group_of.get((doc_index, e)) for e in about_ids} - {None, g}
        for t in about:
            s["targets"][id(t)] += 1

    rows = [s for s in stats.values() if s["n"] >= min_quotations]
    rows.sort(key=lambda s: (-s["n"], actors[id(s["group"])].name.casefold(), actors[id(s["group"])].id))
    if top:
        rows = rows[:top]
    out = []
    for s in rows:
        targets = sorted(s["targets"].items(), key=lambda kv: (-kv[1], actors[kv[0]].name.casefold()))
        out.append(
            ActorStats(
                actor=actors[id(s["group"])],
                quotations=s["n"],
                quoted_in=len(s["docs"]),
                kinds={k: s["kinds"][k] for k in ("direct", "indirect", "mixed") if s["kinds"][k]},
                cues=[CueCount(cue=c, count=n) for c, n in s["cues"].most_common(per_actor)],
                targets=[TargetCount(actor=actors[t].id, name=actors[t].name, count=n) for t, n in targets[:per_actor]],
            )
        )
    return ActorsReport(
        documents=documents,
        failed_documents=failed,
        quotations=total,
        unattributed=unattributed,
        generic_speakers=generic,
        actors=out,
    )
