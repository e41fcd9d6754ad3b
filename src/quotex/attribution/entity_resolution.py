"""Collapse a document's mentions into entities, with who each quotation is by and whom it is about.

The small model's NER labels are one vote among several: `Lavrov` tagged ORG still joins
`Sergey Lavrov` (PERSON); a title, an honorific or a `he`/`she` makes a cluster a person.
Surnames, first names and `Mr. X` link to the fullest name; pronouns go to the most
salient earlier person; title-only mentions (`the minister`, `Our President`) to the
entity holding that title.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from quotex.attribution.coreference import (
    MentionWindow,
    direct_speaker_at,
    gender_from_own_sentences,
    resolve_reference,
)
from quotex.attribution.mentions import Mention, name_mentions
from quotex.attribution.name_linking import Cluster, link_names, tally
from quotex.attribution.speaker_mentions import speaker_mention
from quotex.attribution.types import Attribution, EntityCluster, Offsets


def resolve_entities(
    doc: Doc, attributions: list[Attribution], skip: Sequence[Offsets] = ()
) -> tuple[list[EntityCluster], dict[int, int | None], dict[int, list[int]]]:
    """(entities, quotation index → entity index, quotation index → entity indices it mentions)."""
    lang = doc.lang_
    names = name_mentions(doc, list(skip))
    speaker_mentions: dict[int, Mention] = {}
    extra: list[Mention] = []
    by_span: dict[Offsets, Mention] = {}
    listed = {id(x) for x in names}  # identity, as before, without a scan per speaker
    for qi, att in enumerate(attributions):
        if att.speaker is None:
            continue
        if att.speaker not in by_span:
            by_span[att.speaker] = speaker_mention(doc, att.speaker, names)
        m = by_span[att.speaker]
        m.speaker_of.append(qi)
        speaker_mentions[qi] = m
        if id(m) not in listed:
            listed.add(id(m))
            extra.append(m)
    clusters: list[Cluster] = []
    link_names([m for m in names + extra if m.name and not m.pronoun and not m.title_word], clusters)
    all_mentions = sorted(names + extra, key=lambda m: m.start)
    for c in clusters:
        tally(c, c.mentions, lang)
    gender_from_own_sentences(doc, names, clusters)

    # references in text order, so that a pronoun can lean on an earlier resolved pronoun
    window = MentionWindow(all_mentions)
    speaker_at = direct_speaker_at(attributions, speaker_mentions)
    for m in all_mentions:
        if m.cluster is not None:
            continue
        quoting = speaker_at(m.start)  # the direct quotation `m` stands in, if any
        outer = speaker_mentions[quoting].cluster if quoting is not None else None
        m.cluster = resolve_reference(m, clusters, doc, outer, attributions, window)
        if m.cluster is None and m.title_word:
            clusters.append(Cluster())
            m.cluster = len(clusters) - 1
        if m.cluster is not None:
            clusters[m.cluster].mentions.append(m)
            tally(clusters[m.cluster], [m], lang)

    # keep clusters that speak, are spoken about, or are named; drop empty ones; order by first mention
    used = [ci for ci, c in enumerate(clusters) if c.mentions]
    used.sort(key=lambda ci: min(m.start for m in clusters[ci].mentions))
    new_id = {ci: k for k, ci in enumerate(used)}
    entities = []
    for ci in used:
        c = clusters[ci]
        spans = sorted({(m.start, m.end) for m in c.mentions})
        entities.append(EntityCluster(name=c.best_name(), kind=c.kind(), titles=tuple(c.titles), mentions=tuple(spans)))
    speaker_entity = {qi: new_id.get(m.cluster) for qi, m in speaker_mentions.items() if m.cluster is not None}
    return entities, speaker_entity, _about(attributions, all_mentions, new_id, speaker_entity)


def _about(
    attributions: list[Attribution],
    mentions: list[Mention],
    new_id: dict[int, int],
    speaker_entity: dict[int, int | None],
) -> dict[int, list[int]]:
    """Quotation index → the entities named (not by a pronoun) in its words, its speaker left out."""
    named = [
        (m.start, m.end, new_id[ci])
        for m in mentions
        if (ci := m.cluster) is not None and not m.pronoun and ci in new_id
    ]
    named_starts = [start for start, _, _ in named]
    about: dict[int, list[int]] = {}
    for qi, att in enumerate(attributions):
        found: list[int] = []
        for s, e in att.fragments:
            for _, end, eid in named[bisect_left(named_starts, s) : bisect_left(named_starts, e)]:
                if end <= e and eid not in found and eid != speaker_entity.get(qi):
                    found.append(eid)
        about[qi] = found
    return about
