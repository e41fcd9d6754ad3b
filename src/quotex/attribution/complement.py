"""The reported clause of a cue verb (`said that …`, `wants to …`), cut before the next attribution."""

from __future__ import annotations

from spacy.tokens import Token

from quotex.assets import word_list
from quotex.attribution.cues import cue_class_of, trim
from quotex.attribution.object_content import after_comma, object_content, object_cue, takes_object_content
from quotex.attribution.types import Offsets


def complement(verb: Token) -> Offsets | None:
    """Char range of the reported clause of a cue verb, or None."""
    lemma = verb.lemma_.lower()
    lang = verb.doc.lang_
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _with_reason(verb, child, content_from_subtree(child))
    for child in verb.children:
        if child.dep_ == "xcomp" and lemma in word_list(lang, "intent_verbs"):
            content = content_from_subtree(child)
            addressee = _addressee(verb, child)
            if content is not None and addressee is not None:
                # `urged the council to delay the vote`: PolNeAR's content starts at the addressee
                content = (addressee.left_edge.idx, content[1])
            return content
    for prep in verb.children:
        # `wrote in a letter … that …`: the clause hangs off the letter
        if prep.dep_ == "prep" and cue_class_of(verb) == "speech":
            for pobj in prep.children:
                for acl in pobj.subtree:
                    if acl.dep_ in ("acl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in acl.children
                    ):
                        return content_from_subtree(acl)
    if takes_object_content(verb):
        return object_content(verb)
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and lemma in word_list(lang, "topic_cue_verbs")
            and child.lower_ in ("about", "of", "against")
        ):
            return content_from_subtree(child)
    return None


def _with_reason(verb: Token, clause: Token, content: Offsets | None) -> Offsets | None:
    """`said the plan was reckless, because the city could not pay`: the parser hangs the reason
    on the cue verb, but it is part of what was said (PolNeAR's content runs on)."""
    if content is None:
        return None
    for adv in verb.rights:
        if (
            adv.dep_ == "advcl"
            and adv.i > clause.i
            and any(m.dep_ == "mark" and m.lower_ == "because" for m in adv.children)
        ):
            reason = trim(verb.doc, adv.left_edge.i, adv.right_edge.i + 1)
            if reason is not None:
                content = (content[0], max(content[1], reason[1]))
    return content


def _addressee(verb: Token, xcomp: Token) -> Token | None:
    """The object between a directive verb and its infinitive (`urged the council to …`,
    `called on Republicans to …`); `told X to` keeps X out, as PolNeAR mostly does."""
    if verb.lemma_.lower() in word_list(verb.doc.lang_, "unaddressed_intent_verbs"):
        return None
    for c in verb.children:
        if c.i > verb.i and c.i < xcomp.left_edge.i + 1:
            if c.dep_ == "dobj":
                return c
            if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "call":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def content_from_subtree(head: Token) -> Offsets | None:
    """The head's subtree, cut before a trailing attribution or author's comment it holds."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for t in head.subtree:
        if (
            t is not head
            and (coordinated_cue(t) or _sentence_appositive(t) or trailing_participle_cue(t))
            and t.right_edge.i + 1 >= end
        ):
            cut = t.left_edge.i
            while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                cut -= 1
            end = min(end, cut)
    return trim(doc, start, end)


def coordinated_cue(token: Token) -> bool:
    """`said that X … and warned that Y`: the second cue, parsed into the first's content."""
    return (
        token.dep_ == "conj"
        and cue_class_of(token) == "speech"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        and any(c.dep_ == "ccomp" for c in token.children)
        and token.head.dep_ == "ccomp"
        and cue_class_of(token.head.head) == "speech"
    )


def _sentence_appositive(token: Token) -> bool:
    """`…, a request the Commission has so far ignored`: the author's comment on the clause."""
    doc = token.doc
    return (
        token.dep_ == "appos"
        and token.left_edge.i > 0
        and doc[token.left_edge.i - 1].text == ","
        and token.left_edge.lower_ in ("a", "an")
        and any(c.dep_ in ("relcl", "acl") for c in token.children)
    )


def trailing_participle_cue(token: Token) -> bool:
    """`said X, arguing that Y` / `…, citing Z`: the speaker's next attribution, annotated on its own;
    likewise `…, although he refused to …`."""
    if (
        token.dep_ == "advcl"
        and after_comma(token)
        and any(c.dep_ == "mark" and c.lower_ in ("although", "though", "whereas") for c in token.children)
    ):
        return cue_class_of(token) is not None or object_cue(token)
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("advcl", "conj", "xcomp")
        and after_comma(token)
        and (cue_class_of(token) is not None or object_cue(token))
    )
