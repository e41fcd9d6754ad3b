"""Cue verbs and the spans around them: cue class, cue, speaker and clause bounds (PolNeAR conventions)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.cue_tables import learned_cues
from quotex.attribution.types import Offsets
from quotex.models import CueClass

EDGE_PUNCT = set(",.;:!?—–-()[]") | {"''", "``", "--"}
QUOTE_CHARS = set("\"'“”‘’«»„‹›`")


def cue_class_of(token: Token) -> CueClass | None:
    """`speech`, `belief`, or None when the token's lemma is no cue (hand lists first, then learned)."""
    lemma = token.lemma_.lower()
    lang = token.doc.lang_
    if lemma in word_list(lang, "speech_verbs"):
        return "speech"
    if lemma in word_list(lang, "belief_verbs"):
        return "belief"
    if lemma in learned_cues(lang):
        return "speech"
    return None


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def trim(doc: Doc, start: int, end: int, strip_quotes: bool = False) -> Offsets | None:
    """Token range [start, end) → char offsets, without edge punctuation and spaces."""
    while start < end and (doc[start].is_space or doc[start].text in EDGE_PUNCT):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or doc[end - 1].text in EDGE_PUNCT
        or (strip_quotes and doc[end - 1].text in QUOTE_CHARS)
        or (doc[end - 1].dep_ == "cc" and end - 1 > start)  # `that she wants a deal, but`
    ):
        if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
            break  # `Sen. David Perdue (R-Ga.)`: keep a closed parenthesis
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def cue_left(verb: Token) -> int:
    """Token index where the cue starts: auxiliaries, negation and a preverbal adverb included."""
    left = verb.i
    for child in sorted(verb.lefts, key=lambda c: -c.i):
        if (
            child.i == left - 1
            and child.dep_ in ("aux", "auxpass", "neg", "advmod")
            and child.lower_ not in ("so", "then", "however")
        ):
            left = child.i
    return left


def quoted_as(verb: Token) -> Token | None:
    """`was quoted as saying`: the `quoted` token, else None."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return verb.head.head
    return None


def cue_span(verb: Token) -> Offsets:
    """The verb with its auxiliaries, negation, particle and a preverbal adverb (`has also said`)."""
    doc = verb.doc
    quoted = quoted_as(verb)
    left = cue_left(quoted if quoted is not None else verb)
    right = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == right:
            right += 1
        if verb.lemma_ == "quote" and child.lower_ == "as" and child.i == right:
            saying = [g for g in child.children if g.dep_ == "pcomp" and g.lemma_ == "say"]
            if saying:
                right = saying[0].i + 1  # `was quoted as saying`
    return doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)


def speaker_tokens(head: Token) -> tuple[int, int]:
    """The identifying mention around `head` (appositives kept, relative clauses cut), as a token range."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in ("relcl", "acl") and child.i > head.i and child.tag_ != "VBN" or child.dep_ == "cc":
            end = min(end, child.left_edge.i)
    for child in head.lefts:
        if child.dep_ in ("relcl", "cc", "preconj") and child.i < head.i:
            start = max(start, child.right_edge.i + 1)
    # `Russia's Foreign Minister, Sergey Lavrov has …`: the parser gives the verb two subjects
    doc = head.doc
    if head.dep_ in ("nsubj", "nsubjpass"):
        for sib in head.head.children:
            joined = (sib.left_edge.i == end and doc[end - 1].text == ",") or (
                sib.left_edge.i == end + 1 and end < len(doc) and doc[end].text == ","
            )
            if sib.dep_ == head.dep_ and sib.i > head.i and joined:
                end = sib.right_edge.i + 1
    return start, end


def speaker_span(head: Token) -> Offsets | None:
    start, end = speaker_tokens(head)
    return trim(head.doc, start, end)


def reduced_passive(verb: Token) -> bool:
    """`Asked about it, she said …`, `after being asked …`, `a man accused of fraud`: a passive
    participle under another clause (whose subject is the one asked, not the asker)."""
    return (
        verb.dep_ in ("advcl", "acl")
        and verb.tag_ == "VBN"
        and verb.lemma_ != "quote"
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def agent_of(verb: Token) -> Token | None:
    """`was written by X`: X."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None


def subject_of(verb: Token, allow_passive: bool = False) -> Token | None:
    """The verb's subject, climbing through conjuncts, participles and `was quoted as saying`."""
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        for child in v.children:
            if child.dep_ == "nsubj" or (allow_passive and child.dep_ == "nsubjpass"):
                return child
        agent = agent_of(v)  # passive `by X`
        if agent is not None:
            return agent
        if not allow_passive and reduced_passive(v):
            return None  # `Asked about it, she said …`: the main clause's subject is the one asked
        if v.dep_ == "xcomp" and v.head is not v:
            # `prompted Ruiz to announce …`: Ruiz announces. Not under a cue verb (`urged X to`:
            # PolNeAR credits the whole directive to its subject) nor for a thing (`used language to`)
            controller = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
            if controller is not None and controller.pos_ in ("PROPN", "PRON") and cue_class_of(v.head) is None:
                return controller
        if v.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl") and v.head is not v:
            nxt = v.head if v.dep_ != "pcomp" else v.head.head
            allow_passive = allow_passive or nxt.lemma_ == "quote"
            v = nxt
            continue
        if v.dep_ == "relcl":
            # "which he called …" is handled by nsubj above; the relative's antecedent is no speaker
            return None
        break
    return None
