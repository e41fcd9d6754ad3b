"""A verb's stance on a noun phrase: `warned against X` (verb + preposition), `raised doubts about X` (light verb + cue noun)."""

from __future__ import annotations

from spacy.tokens import Token

from quotex.assets import word_list
from quotex.attribution.complement import content_from_subtree
from quotex.attribution.confidence import confidence
from quotex.attribution.cue_tables import prepositional_pairs
from quotex.attribution.cues import cue_span, speaker_span, subject_of, trim
from quotex.attribution.reported_speaker import speaker_ok
from quotex.attribution.types import Attribution, Offsets


def prepositional_cue(verb: Token) -> Attribution | None:
    """`spoke of X`, `warned against X`, `has railed against X`: the object of the preposition."""
    pairs = prepositional_pairs(verb.doc.lang_)
    lemma = verb.lemma_.lower()
    for prep in verb.rights:
        if prep.dep_ != "prep" or (lemma, prep.lower_) not in pairs:
            continue
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return None
        content = trim(verb.doc, pobj.left_edge.i, pobj.right_edge.i + 1)
        return _stance(verb, prep, content, "indirect:prepositional") if content else None
    return None


def noun_cue(verb: Token) -> tuple[Token, Offsets | None] | None:
    """`raised doubts about X`, `expressed concern that …`: (the noun, its complement)."""
    lang = verb.doc.lang_
    if verb.lemma_.lower() not in word_list(lang, "light_verbs"):
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in word_list(lang, "cue_nouns"):
            continue
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "on", "of", "that", "regarding"):
                pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobj:
                    return obj, trim(verb.doc, pobj[0].left_edge.i, c.right_edge.i + 1)
            if c.dep_ in ("acl", "ccomp"):
                return obj, content_from_subtree(c)
    return None


def from_noun(verb: Token, noun: Token, content: Offsets) -> Attribution | None:
    """The stance of a light verb and its cue noun; the cue ends at the noun or its preposition."""
    prep = next((c for c in noun.children if c.dep_ == "prep"), None)
    end_tok = prep if prep is not None and prep.idx < content[0] else noun
    return _stance(verb, end_tok, content, "indirect:noun-cue")


def _stance(verb: Token, cue_end: Token, content: Offsets, method: str) -> Attribution | None:
    """A belief-class attribution whose cue runs from the verb group to `cue_end`
    (`has repeatedly raised doubts about`, `has railed against`)."""
    subj = subject_of(verb)
    if subj is None or not speaker_ok(subj, "belief"):
        return None
    start, _ = cue_span(verb)
    return Attribution(
        fragments=(content,),
        cue=(start, cue_end.idx + len(cue_end.text)),
        cue_class="belief",
        speaker=speaker_span(subj),
        kind="indirect",
        confidence=confidence(method),
        method=method,
    )
