"""Adjectival cues: a subject, a copula and an adjective taking a clause or a preposition (`was sure that …`, `is critical of X`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.complement import content_from_subtree
from quotex.attribution.confidence import confidence
from quotex.attribution.cue_tables import learned_adjective_cues, learned_adjective_pairs
from quotex.attribution.cues import cue_left, speaker_span, subject_of, trim
from quotex.attribution.reported_speaker import speaker_ok
from quotex.attribution.token_table import table_of
from quotex.attribution.types import Attribution, Offsets

METHOD = "indirect:adjective"
_PREDICATIVE = ("acomp", "oprd")


def adjective_clause(adj: Token) -> Token | None:
    """The clause or infinitive a predicative adjective takes: its own `ccomp`/`xcomp`, or the
    copula's `ccomp` right of the adjective (the parser often hangs `afraid that …` on `are`)."""
    if adj.pos_ != "ADJ" or adj.dep_ not in _PREDICATIVE and adj.dep_ != "ROOT":
        return None
    if adj.dep_ in _PREDICATIVE and adj.head.lemma_.lower() not in word_list(adj.doc.lang_, "stance_copulas"):
        return None
    clause = next((c for c in adj.rights if c.dep_ in ("ccomp", "xcomp")), None)
    if clause is None and adj.dep_ in _PREDICATIVE:
        clause = next((c for c in adj.head.rights if c.dep_ == "ccomp" and c.i > adj.i), None)
    return clause


def adjective_subject(adj: Token) -> Token | None:
    """Who holds the stance: the subject of the copula (`many Democrats are afraid`)."""
    return subject_of(adj.head if adj.dep_ in _PREDICATIVE else adj)


def adjective_preposition(adj: Token) -> tuple[Token, Token] | None:
    """`is critical of X`, `were worried about X`: (the preposition, its object) of a predicative
    adjective with no clause."""
    if adj.pos_ != "ADJ" or adj.dep_ != "acomp" or adjective_clause(adj) is not None:
        return None
    if adj.head.lemma_.lower() not in word_list(adj.doc.lang_, "stance_copulas"):
        return None
    for prep in adj.rights:
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if prep.dep_ == "prep" and pobj is not None:
            return prep, pobj
    return None


def adjective_cues(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """Every learned adjective used predicatively with a person-like subject and a clause
    (`adjective_cues.tsv`) or a learned preposition (`adjective_preposition_cues.tsv`);
    PolNeAR's cue is the copula group with the adjective (`was sure`, `is also determined`) and
    the preposition (`is critical of`), its content the clause or the preposition's object, its
    source the subject."""
    lang = doc.lang_
    clausal = learned_adjective_cues(lang)
    pairs = learned_adjective_pairs(lang)
    out = []
    for i in table_of(doc).with_lemma(clausal | {adj for adj, _ in pairs}):
        adj = doc[i]
        if i in skipped or adj.pos_ != "ADJ":
            continue
        found = _content(adj, clausal, pairs)
        if found is None:
            continue
        content, cue_end = found
        subj = adjective_subject(adj)
        if subj is None or not speaker_ok(subj, "belief") or subj.i > adj.i:
            continue
        predicative = adj.dep_ in _PREDICATIVE and adj.head.i < adj.i
        left = cue_left(adj.head) if predicative else cue_left(adj)
        out.append(
            Attribution(
                fragments=(content,),
                cue=(doc[left].idx, cue_end.idx + len(cue_end.text)),
                cue_class="belief",
                speaker=speaker_span(subj),
                kind="indirect",
                confidence=confidence(METHOD),
                method=METHOD,
            )
        )
    return out


def _content(adj: Token, clausal: frozenset[str], pairs: frozenset[tuple[str, str]]) -> tuple[Offsets, Token] | None:
    """(content, last cue token) of a learned adjective in either shape, or None."""
    lemma = adj.lemma_.lower()
    clause = adjective_clause(adj) if lemma in clausal else None
    if clause is not None:
        content = content_from_subtree(clause)
        return (content, adj) if content is not None else None
    found = adjective_preposition(adj)
    if found is None or (lemma, found[0].lower_) not in pairs:
        return None
    prep, pobj = found
    content = trim(adj.doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    return (content, prep) if content is not None else None
