"""A cue verb's attribution: `X said that …`, `…, X said, …` and `X is expected to …`."""

from __future__ import annotations

from spacy.tokens import Token

from quotex.assets import word_list
from quotex.attribution.complement import complement, content_from_subtree
from quotex.attribution.confidence import PARTICIPLE_PENALTY, confidence
from quotex.attribution.cues import (
    cue_class_of,
    cue_left,
    cue_span,
    reduced_passive,
    speaker_span,
    speaker_tokens,
    trim,
)
from quotex.attribution.reported_speaker import reported_speaker, speaker_ok
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Attribution, Offsets
from quotex.models import CueClass


def from_verb(verb: Token, cls: CueClass) -> Attribution | None:
    """The attribution of a cue verb of class `cls`: its speaker, its content and its cue span."""
    if verb.lemma_.lower() in word_list(verb.doc.lang_, "raising_verbs"):
        return _raised_subject(verb, cls)
    subj = reported_speaker(verb)
    if subj is None and verb.lemma_.lower() in word_list(verb.doc.lang_, "expectation_passives"):
        return _passive_expectation(verb, cls)
    if subj is None and reduced_passive(verb) and verb.lemma_.lower() not in word_list(verb.doc.lang_, "naming_verbs"):
        return _unsourced(verb, cls)
    if not speaker_ok(subj, cls):
        return None
    fragments: tuple[Offsets, ...] | None = None
    method = "indirect:complement"
    if cls == "speech" and subj is not None and _reported_before(verb):
        fragments = _surface_content(verb, subj)
        method = "indirect:inverted"
    if fragments is None:
        content = complement(verb)
        method = "indirect:complement"
        if content is None:
            return None
        fragments = (content,)
    if subj is not None and any(s <= subj.idx < e for s, e in fragments):
        return None  # the speaker sits inside its own content: a parse gone astray
    conf = confidence(method, cls)
    if verb.tag_ == "VBG":
        method += "+participle"
        conf -= PARTICIPLE_PENALTY
    cue = cue_span(verb)
    controlled = subj is not None and subj.dep_ == "dobj" and subj.head == verb.head and subj.i < verb.i
    if _governed_infinitive(verb) and not controlled:
        # `went on to discuss`, `continue to ignore`, `had to reject`: the governing verb is part of
        # the cue (not in `prompted Ruiz to announce`, whose source is Ruiz: the cue is `to announce`)
        cue = (verb.doc[cue_left(verb.head)].idx, cue[1])
    cue, fragments = _preposition_to_cue(verb, cue, fragments)
    return Attribution(
        fragments=fragments,
        cue=cue,
        cue_class=cls,
        speaker=speaker_span(subj) if subj is not None else None,
        kind="indirect",
        confidence=conf,
        method=method,
    )


def _reported_before(verb: Token) -> bool:
    """Is the reported material to the left of the cue (`…, the source added`)?"""
    if verb.dep_ == "parataxis":
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)


CUE_CLAUSE_ADJUNCTS = frozenset({"advmod", "npadvmod", "prep", "dobj", "dative"})  # when, where, to whom


def _cue_clause(verb: Token, subj: Token) -> tuple[int, int]:
    """Token range of `the source added` / `said Ana Ruiz, who …` around the verb."""
    s_start, s_end = speaker_tokens(subj)
    left = min(s_start, cue_left(verb))
    right = max(s_end, verb.i + 1)
    for c in verb.rights:  # `, Ruiz argued on Monday,` / `, the senator said then,`
        if c.i == right and c.dep_ in CUE_CLAUSE_ADJUNCTS and c.right_edge.i + 1 < verb.sent.end:
            right = c.right_edge.i + 1
    return left, right


def _surface_content(verb: Token, subj: Token) -> tuple[Offsets, ...] | None:
    """`X would be hopeless, Lavrov said, accusing …` and `But, he said, officials should …`:
    the sentence around a parenthetical cue clause is its content, on one or both sides."""
    doc = verb.doc
    sent = verb.sent
    left, right = _cue_clause(verb, subj)
    if left <= sent.start or doc[left - 1].text not in (",", "—", "–", "--"):
        return None
    start = sent.start
    # a quotation mark opening the sentence belongs to a direct quote: start after it
    before = trim(doc, start, left - 1)
    fragments = [before] if before else []
    if right < sent.end and doc[right].text == ",":
        k = right + 1
        nxt = doc[k] if k < sent.end else None
        participle = nxt is not None and nxt.tag_ == "VBG" and (nxt.head == verb or cue_class_of(nxt) is not None)
        if nxt is not None and not participle and not (nxt.dep_ in ("advcl", "conj", "cc") and nxt.head == verb):
            after = trim(doc, k, sent.end)
            if after:
                fragments.append(after)
    return tuple(fragments) or None


def _governed_infinitive(verb: Token) -> bool:
    """`to discuss` under a verb that reports nothing itself (`went on to`, `continue to`,
    `met with X to`): PolNeAR's cue starts at that verb."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")
        and head.i < verb.i
        and head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and (
            cue_class_of(head) is None
            or head.lemma_.lower() not in word_list(verb.doc.lang_, "intent_verbs")
            or head.lemma_.lower() in word_list(verb.doc.lang_, "raising_verbs")  # `seemed to blame`
        )
    )


def _preposition_to_cue(
    verb: Token, cue: Offsets, fragments: tuple[Offsets, ...]
) -> tuple[Offsets, tuple[Offsets, ...]]:
    """`called for X`, `pointed to X`, `complained about X`: PolNeAR's cue takes the preposition
    that opens the content, and the content is its object."""
    doc = verb.doc
    first = fragments[0]
    if first[0] < cue[1] or text_of(doc)[cue[1] : first[0]].strip():
        return cue, fragments
    prep = next((c for c in verb.rights if c.idx == first[0] and c.dep_ == "prep"), None)
    if prep is None or prep.i + 1 >= len(doc):
        return cue, fragments
    rest = doc[prep.i + 1]
    if rest.idx >= first[1]:
        return cue, fragments
    return (cue[0], prep.idx + len(prep.text)), ((rest.idx, first[1]),) + fragments[1:]


def _unsourced(verb: Token, cls: CueClass) -> Attribution | None:
    """`Asked whether …, she said …`: the asker is unnamed, so the asking has no source (PolNeAR)."""
    content = complement(verb)
    return _sourceless(verb, cls, (content,), "indirect:passive-participle") if content is not None else None


def _raised_subject(verb: Token, cls: CueClass) -> Attribution | None:
    """`X seems to …`, `X appears uneasy`: the writer's judgement of X, with no source (PolNeAR);
    the content is X and the complement, two pieces. `It seems that …`: the clause alone.
    Without a complement (`she appeared at the hearing`) the verb is no cue; with a cue verb as
    its complement it is part of that cue (`X seemed to blame Y`)."""
    comp = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp", "ccomp") and c.i > verb.i), None)
    if comp is None or (comp.dep_ == "xcomp" and cue_class_of(comp) is not None):
        return None  # `X seemed to blame Y`: X blames, through the infinitive's own cue
    rest = content_from_subtree(comp)
    if rest is None:
        return None
    first = raised_subject(verb) if comp.dep_ != "ccomp" else None
    fragments: tuple[Offsets, ...] = (first, rest) if first is not None else (rest,)
    return _sourceless(verb, cls, fragments, "indirect:raising")


def raised_subject(verb: Token) -> Offsets | None:
    """A raising verb's subject, the first piece of its content (none for `it seems`)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("it", "there"):
        return None
    return trim(verb.doc, *speaker_tokens(subj))


def _passive_expectation(verb: Token, cls: CueClass) -> Attribution | None:
    """`The senator is expected to announce …`: PolNeAR's content is the subject and the
    infinitive (two pieces), the cue the passive verb group, and the source the `by` agent or none."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or xcomp is None or subj.lower_ in word_list(doc.lang_, "non_speaker_pronouns") - {"that", "which"}:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ != "VBN":
        return None
    start, end = speaker_tokens(subj)
    first = trim(doc, start, end)
    rest = content_from_subtree(xcomp)
    if first is None or rest is None:
        return None
    return _sourceless(verb, cls, (first, rest), "indirect:passive-infinitive")


def _sourceless(verb: Token, cls: CueClass, fragments: tuple[Offsets, ...], method: str) -> Attribution:
    """An indirect attribution of the verb's cue that PolNeAR gives no source."""
    return Attribution(
        fragments=fragments,
        cue=cue_span(verb),
        cue_class=cls,
        speaker=None,
        kind="indirect",
        confidence=confidence(method),
        method=method,
    )
