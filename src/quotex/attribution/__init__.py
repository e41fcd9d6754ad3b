"""Pure functions over a parsed `Doc`: attributions (direct, indirect, mixed) and their speakers.

`find_attributions` is the whole flow, one named stage a line; each stage lives in its module."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from quotex.attribution.docindex import DocIndex
from quotex.attribution.types import Attribution, EntityCluster, Offsets


class Found(NamedTuple):
    """What `find_attributions` returns (unpacks as `attributions, skipped = ...`)."""

    attributions: list[Attribution]
    """In text order; nested ones carry the index of their parent."""
    skipped: list[Offsets]
    """Layout lines (headings, furniture) that no cue or content is taken from."""


class Page(NamedTuple):
    """The layout facts every candidate source respects."""

    docindex: DocIndex
    headings: list[Offsets]
    skip: list[Offsets]
    name_lines: list[Offsets]
    turns: list[Attribution]


def find_attributions(doc: Doc, reported: bool = True) -> Found:
    """Candidates from every source, filtered, deduplicated, combined with the learned model,
    with passive subjects as content pieces, nested. `reported=False` keeps to direct quotations."""
    from quotex.attribution.learned import combine as combine_with_model
    from quotex.attribution.nesting import link_parents
    from quotex.attribution.object_content import with_passive_subject

    page = read_page(doc)
    direct, cue_clauses = direct_quotations(doc, page)
    if not reported:
        return Found(link_parents(sorted(direct, key=lambda a: a.fragments[0][0])), page.skip)
    others = reported_speech(doc, page, direct, cue_clauses)
    others = dedupe(others + layout_credits(doc, page, direct, others))
    others = combine_with_model(doc, others, protected=direct, skip=page.skip)  # as is without the model
    others = [with_passive_subject(doc, a) for a in others]
    found = sorted(direct + others, key=lambda a: (a.fragments[0][0], -a.fragments[-1][1]))
    return Found(link_parents(found), page.skip)


def read_page(doc: Doc) -> Page:
    from quotex.attribution.direct_credits import is_name_line
    from quotex.attribution.layout import layout_lines, transcript_turns

    index = DocIndex(doc)
    headings, furniture = layout_lines(index)
    name_lines = [index.paragraphs[p] for p in range(len(index.paragraphs)) if is_name_line(index, p)]
    return Page(index, headings, sorted(headings + furniture), name_lines, transcript_turns(index))


def direct_quotations(doc: Doc, page: Page) -> tuple[list[Attribution], list[Offsets]]:
    """Direct quotations (quoted words credited to a speaker) outside layout lines and transcript
    turns, and their cue clauses (`, she said on Tuesday`), which reported speech must not take again."""
    from quotex.attribution.direct import find_direct_units

    turn_spans = [(t.speaker[0], t.fragments[-1][1]) for t in page.turns if t.speaker is not None]
    units = [
        u
        for u in find_direct_units(doc, page.docindex)
        if not any(s <= u.fragments[0][0] < e for s, e in page.skip)
        and not any(overlaps((u.fragments[0][0], u.fragments[-1][1]), t) for t in turn_spans)
    ]
    return [u.to_attribution() for u in units], [u.cue_clause for u in units if u.cue_clause]


def reported_speech(doc: Doc, page: Page, direct: list[Attribution], cue_clauses: list[Offsets]) -> list[Attribution]:
    """Reported speech from the parse, minus what the direct quotations already hold."""
    from quotex.attribution.reported import find_reported

    direct_fragments = [f for a in direct for f in a.fragments]
    direct_cues = [a.cue for a in direct if a.cue] + cue_clauses
    quoted = [(q.start, q.end) for q in page.docindex.quoted]
    kept: list[Attribution] = []
    for att in find_reported(doc, page.skip + page.name_lines):
        if att.cue and any(overlaps(att.cue, c) for c in direct_cues):
            continue  # the `she said` of a direct quotation
        if att.cue and cue_quoted_content_not(att, quoted):
            continue  # `X said they blame “he said this, he tweeted that”`: the outer cue keeps its content
        content = att.fragments[0]
        if any(covers(f, content, 0.5) and not (att.cue and f[0] <= att.cue[0] < f[1]) for f in direct_fragments):
            continue  # a paraphrase of a direct quotation's own words
        att = att._replace(fragments=tuple(close_quotes(f, quoted) for f in att.fragments))
        att = att._replace(fragments=att.fragments[:-1] + (run_on_quotes(page.docindex, att.fragments[-1], quoted),))
        content = (att.fragments[0][0], att.fragments[-1][1])
        if any(content[0] <= q[0] and q[1] <= content[1] + 1 for q in quoted):
            att = att._replace(kind="mixed", method=att.method + "+quoted-fragments")
        kept.append(att)
    return kept


def layout_credits(doc: Doc, page: Page, direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """Transcript turns, headline attributions, and quoted words no other stage claimed."""
    from quotex.attribution.layout import headline_attributions
    from quotex.attribution.quote_anchored import find_quote_anchored

    quoted = [(q.start, q.end) for q in page.docindex.quoted]
    layout = page.turns + headline_attributions(page.docindex, page.headings)
    claimed = [f for a in reported + direct + layout for f in a.fragments]
    layout = layout + find_quote_anchored(doc, quoted, claimed, page.skip)
    return [
        att._replace(kind="mixed")
        if any(att.fragments[0][0] <= q[0] and q[1] <= att.fragments[-1][1] for q in quoted)
        else att
        for att in layout
    ]


from quotex.attribution.filters import (  # noqa: E402  (after the flow, which is what a reader wants first)
    close_quotes,
    covers,
    cue_quoted_content_not,
    dedupe,
    overlaps,
    run_on_quotes,
)

__all__ = ["Attribution", "EntityCluster", "Found", "find_attributions"]
