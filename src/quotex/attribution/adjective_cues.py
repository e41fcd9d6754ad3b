"""Adjectival cues: a subject, a copula and an adjective taking a clause (`she was sure that …`, `were willing to …`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.complement import content_from_subtree
from quotex.attribution.confidence import confidence
from quotex.attribution.cue_tables import learned_adjective_cues
from quotex.attribution.cues import cue_left, speaker_span, subject_of
from quotex.attribution.reported_speaker import speaker_ok
from quotex.attribution.token_table import table_of
from quotex.attribution.types import Attribution

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


def adjective_cues(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """Every learned adjective (`adjective_cues.tsv`) used predicatively with a clause and a
    person-like subject; PolNeAR's cue is the copula group with the adjective (`was sure`,
    `is also determined`), its content the clause, its source the subject."""
    learned = learned_adjective_cues(doc.lang_)
    if not learned:
        return []
    table = table_of(doc)
    out = []
    for i in table.with_lemma(learned):
        adj = doc[i]
        if i in skipped:
            continue
        clause = adjective_clause(adj)
        subj = adjective_subject(adj) if clause is not None else None
        if clause is None or subj is None or not speaker_ok(subj, "belief") or subj.i > adj.i:
            continue
        content = content_from_subtree(clause)
        if content is None:
            continue
        predicative = adj.dep_ in _PREDICATIVE and adj.head.i < adj.i
        left = cue_left(adj.head) if predicative else cue_left(adj)
        out.append(
            Attribution(
                fragments=(content,),
                cue=(doc[left].idx, adj.idx + len(adj.text)),
                cue_class="belief",
                speaker=speaker_span(subj),
                kind="indirect",
                confidence=confidence(METHOD),
                method=METHOD,
            )
        )
    return out
