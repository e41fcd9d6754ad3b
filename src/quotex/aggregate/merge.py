"""Entities of many documents merged into actors by name, title and gender evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
from quotex.models import Entity, EntityKind

NAMED_KINDS = frozenset({"organisation", "place", "group", "artefact"})


@dataclass(frozen=True)
class EntityRef:
    """One entity of one document, as the merge sees it."""

    doc: int
    entity: str
    name: str
    kind: EntityKind
    titles: tuple[str, ...]
    gender: str | None = None
    lowercase: int = 0
    """How many of its mentions start with a lower-case letter (`officials`, `people`)."""
    mentions: int = 0


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


def _contradicts(ref: EntityRef, titles: set[tuple[str, ...]], cand: _Evidence) -> bool:
    if titles and cand.titles and not titles_compatible(titles, cand.titles):
        return True  # both titled, nothing in common: evidence of two people
    return bool(ref.gender and cand.gender and ref.gender != cand.gender)


def _pick(ref: EntityRef, titles: set[tuple[str, ...]], cands: list[_Evidence]) -> Group | None:
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
    parsed = [(r, p) for r in refs if (p := _person(r.name, r.kind))]  # all of a "p:" block
    full = _merge_full_names(block, [(r, p) for r, p in parsed if p.given and not p.initial])

    anchors = dict(zip(full, _evidence(full.values())))
    initials: dict[tuple[str, str], Group] = {}
    for r, p in parsed:
        if p.initial:
            cands = [
                a
                for (first, suffix, *_), a in anchors.items()
                if given_compatible(p.given[0], first) and suffix == p.suffix
            ]
            chosen = _pick(r, _title_keys(r), cands)
            if chosen is None:
                chosen = initials.setdefault((p.given[0], p.suffix), Group(block, resolved=False))
            chosen.refs.append(r)

    candidates = _evidence([*full.values(), *initials.values()])
    titled: list[tuple[EntityRef, set[tuple[str, ...]]]] = []
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


def _merge_full_names(block: str, people: list[tuple[EntityRef, PersonName]]) -> dict[tuple[str, ...], Group]:
    """Rule 2: one group per first name and suffix, split again by middle initial when several
    occur (`George W. Bush`, `George H.W. Bush`, `George P. Bush`); a full name without a
    middle one then joins one of those on evidence (rule 3) or stays unresolved."""
    by_first: dict[tuple[str, str], list[tuple[EntityRef, PersonName]]] = {}
    for r, p in people:
        by_first.setdefault((p.given[0], p.suffix), []).append((r, p))
    groups: dict[tuple[str, ...], Group] = {}
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


def _cluster_by_titles(block: str, titled: list[tuple[EntityRef, set[tuple[str, ...]]]]) -> list[Group]:
    """Unresolved bare surnames: one group per set of (transitively) compatible titles."""
    keys = sorted({k for _, ks in titled for k in ks})
    parent = {k: k for k in keys}

    def root(k: tuple[str, ...]) -> tuple[str, ...]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: tuple[str, ...], b: tuple[str, ...]) -> None:
        parent[root(a)] = root(b)

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if titles_compatible({a}, {b}):
                union(a, b)
    for _, ks in titled:  # one entity with two titles ties them together
        first, *rest = sorted(ks)
        for k in rest:
            union(k, first)
    groups: dict[tuple[str, ...], Group] = {}
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
    Generic speakers (no block) are left out: they are no actor across documents.

    The merge rule (documented in docs/corpus-views.md). Within a document quotex has
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
