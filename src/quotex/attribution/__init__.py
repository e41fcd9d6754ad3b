"""Pure functions over a parsed `Doc`: attributions (direct, indirect, mixed) and their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from quotex.attribution.types import Attribution, EntityCluster, Offsets


def find_attributions(doc: Doc, with_skipped: bool = False, reported: bool = True):
    """All attributions in text order; nested ones carry the index of their parent.

    `reported=False` keeps to direct quotations; `with_skipped` also returns the layout lines
    (headings, furniture) that no cue is taken from."""
    from quotex.attribution.direct import DocIndex, find_direct_units, is_name_line
    from quotex.attribution.layout import headline_attributions, layout_lines, transcript_turns
    from quotex.attribution.learned import combine as combine_with_model
    from quotex.attribution.quote_anchored import find_quote_anchored
    from quotex.attribution.reported import find_reported

    index = DocIndex(doc)
    headings, furniture = layout_lines(index)
    skip = sorted(headings + furniture)
    turns = transcript_turns(index)
    turn_spans = [(t.speaker[0], t.fragments[-1][1]) for t in turns]
    units = [
        u
        for u in find_direct_units(doc, index)
        if not any(s <= u.fragments[0][0] < e for s, e in skip)
        and not any(_overlaps((u.fragments[0][0], u.fragments[-1][1]), t) for t in turn_spans)
    ]
    direct = [u.to_attribution() for u in units]
    direct_fragments = [f for u in units for f in u.fragments]
    direct_cues = [u.cue for u in units if u.cue] + [u.cue_clause for u in units if u.cue_clause]
    name_lines = [index.paragraphs[p] for p in range(len(index.paragraphs)) if is_name_line(index, p)]
    if not reported:
        found = _link_parents(sorted(direct, key=lambda a: a.fragments[0][0]))
        return (found, skip) if with_skipped else found
    layout = turns + headline_attributions(index, headings)

    quoted = [(q.start, q.end) for q in index.quoted]
    kept: list[Attribution] = []
    for att in find_reported(doc, skip + name_lines):
        if att.cue and any(_overlaps(att.cue, c) for c in direct_cues):
            continue  # the `she said` of a direct quotation
        if att.cue and _cue_quoted_content_not(att, quoted):
            continue  # `X said they blame “he said this, he tweeted that”`: the outer cue keeps its content
        content = att.fragments[0]
        if any(_covers(f, content, 0.5) and not (att.cue and f[0] <= att.cue[0] < f[1]) for f in direct_fragments):
            continue  # a paraphrase of a direct quotation's own words
        att = att._replace(fragments=tuple(_close_quotes(f, quoted) for f in att.fragments))
        att = att._replace(fragments=att.fragments[:-1] + (_run_on_quotes(index, att.fragments[-1], quoted),))
        content = (att.fragments[0][0], att.fragments[-1][1])
        inner = [q for q in quoted if content[0] <= q[0] and q[1] <= content[1] + 1]
        if inner:
            att = att._replace(kind="mixed", method=att.method + "+quoted-fragments")
        kept.append(att)
    claimed = [f for a in kept + direct + layout for f in a.fragments]
    layout = layout + find_quote_anchored(doc, quoted, claimed, skip)
    for att in layout:
        inner = [q for q in quoted if att.fragments[0][0] <= q[0] and q[1] <= att.fragments[-1][1]]
        kept.append(att._replace(kind="mixed") if inner else att)
    kept = _dedupe(kept)
    kept = combine_with_model(doc, kept, protected=direct, skip=skip)  # unchanged when the model did not run
    found = sorted(direct + kept, key=lambda a: (a.fragments[0][0], -a.fragments[-1][1]))
    found = _link_parents(found)
    return (found, skip) if with_skipped else found


def _cue_quoted_content_not(att: Attribution, quoted: list[Offsets]) -> bool:
    """A cue inside quotation marks whose content reaches outside them: the words around the
    quotation belong to the attribution that quotes it (PolNeAR annotates the outermost)."""
    for qs, qe in quoted:
        if qs <= att.cue[0] and att.cue[1] <= qe:
            return any(s < qs or e > qe for s, e in att.fragments)
    return False


def _close_quotes(content: Offsets, quoted: list[Offsets]) -> Offsets:
    """A reported clause that stops inside a quoted fragment runs on to its closing mark."""
    s, e = content
    for qs, qe in quoted:
        if qs < e < qe and qs >= s:
            e = qe
        if qs < s < qe and qe <= e:
            s = qs
    return s, e


def _run_on_quotes(index, content: Offsets, quoted: list[Offsets]) -> Offsets:
    """`is “a big problem” but “nobody has the guts”`: a quoted piece just after the content,
    joined by a conjunction or a comma, is more of the same words."""
    s, e = content
    for qs, qe in quoted:
        if qs < e:
            continue
        gap = index.tokens_between(e, qs)
        if len(gap) > 3 or any(t.pos_ in ("VERB", "AUX", "PRON", "PROPN", "NOUN") for t in gap):
            break
        if not any(t.lower_ in ("and", "but", "or", ",", "while", "yet") for t in gap):
            break
        e = qe
    return s, e


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _covers(outer: Offsets, inner: Offsets, share: float) -> bool:
    overlap = min(outer[1], inner[1]) - max(outer[0], inner[0])
    return overlap > share * (inner[1] - inner[0])


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """Same cue twice (two rules fired): keep the more confident."""
    best: dict[Offsets, Attribution] = {}
    for a in atts:
        key = a.cue or a.fragments[0]
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    return list(best.values())


def _link_parents(atts: list[Attribution]) -> list[Attribution]:
    """An attribution whose cue lies inside another's content is nested in it."""
    from bisect import bisect_right

    # Fragments by start, so that only those that can contain an anchor are looked at
    # (comparing every pair was quadratic in the number of quotations).
    frags = sorted((f[0], f[1], j) for j, b in enumerate(atts) for f in b.fragments)
    starts = [f[0] for f in frags]
    longest = max((e - s for s, e, _ in frags), default=0)
    out = []
    for i, a in enumerate(atts):
        anchor = a.cue or a.fragments[0]
        parent = None
        k = bisect_right(starts, anchor[0])
        near = set()
        while k > 0 and starts[k - 1] >= anchor[0] - longest:
            k -= 1
            if frags[k][1] >= anchor[1]:
                near.add(frags[k][2])
        for j in sorted(near):
            b = atts[j]
            if j == i:
                continue
            if any(f[0] <= anchor[0] and anchor[1] <= f[1] for f in b.fragments) and (
                b.fragments[-1][1] - b.fragments[0][0] > a.fragments[-1][1] - a.fragments[0][0] or b.kind == "direct"
            ):
                if parent is None or _size(atts[parent]) > _size(b):
                    parent = j
        out.append(a._replace(parent=parent))
    return out


def _size(a: Attribution) -> int:
    return a.fragments[-1][1] - a.fragments[0][0]


__all__ = ["Attribution", "EntityCluster", "find_attributions"]
