"""Noun-phrase content: what a cue verb's object says (`called it a hoax`, `a poll found little support`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.cue_tables import learned_object_cues
from quotex.attribution.cues import cue_class_of, trim
from quotex.attribution.types import Attribution, Offsets


def takes_object_content(verb: Token) -> bool:
    """A verb whose object (and what follows it) is the content: a listed or learned object cue,
    or an artefact's finding."""
    lemma = verb.lemma_.lower()
    lang = verb.doc.lang_
    return (
        lemma in word_list(lang, "object_cues")
        or lemma in learned_object_cues(lang)
        or (lemma in word_list(lang, "finding_verbs") and artefact_subject(verb))
    )


def object_content(verb: Token) -> Offsets | None:
    """The object with the verb's complements after it (`accused Y of …`), without circumstances
    and without a relative clause that is an attribution of its own."""
    doc = verb.doc
    obj = next(
        (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and c.tag_ == "WDT")),
        None,
    )
    extra = [
        c for c in verb.children if c.i > verb.i and c.dep_ in ("oprd", "acomp", "xcomp", "prep") and not after_comma(c)
    ]
    extra = [c for c in extra if not _circumstance(c)]
    if obj is None and not extra:
        return None
    parts = ([obj] if obj is not None and obj.lower_ not in ("which", "that", "who") else []) + extra
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(p.right_edge.i for p in parts) + 1
    # `endorsed Ruiz, who says she is honoured`: the relative clause is an attribution of its own
    for t in doc[start:end]:
        if t.dep_ == "relcl" and after_comma(t) and (cue_class_of(t) is not None or object_cue(t)):
            end = min(end, t.left_edge.i)
            break
    return trim(doc, start, end)


def object_cue(verb: Token) -> bool:
    """A learned object cue used with a direct object; or an artefact's finding (`the report
    found widespread fraud`, `a poll found little support`)."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    lang = verb.doc.lang_
    if lemma in learned_object_cues(lang):
        return True
    return lemma in word_list(lang, "finding_verbs") and artefact_subject(verb)


def with_passive_subject(doc: Doc, att: Attribution) -> Attribution:
    """`Ruiz was accused of hiding the losses`: the passive subject is what the content is about,
    and PolNeAR's content has it as a piece of its own (`Ruiz` + `hiding the losses`). Not for a
    clause (`was told that …`: the subject is the addressee) nor a relative pronoun."""
    if att.kind == "direct" or att.cue is None or len(att.fragments) != 1:
        return att
    cue = doc.char_span(*att.cue, alignment_mode="expand")
    content = doc.char_span(*att.fragments[0], alignment_mode="expand")
    if cue is None or content is None or cue.root.pos_ not in ("VERB", "AUX"):
        return att
    verb = cue.root
    if content.root.head == verb and content.root.dep_ in ("ccomp", "dobj"):
        return att
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.tag_ not in ("WDT", "WP")), None)
    piece = trim(doc, subject.left_edge.i, subject.right_edge.i + 1) if subject is not None else None
    if piece is None or any(
        piece[0] < span[1] and span[0] < piece[1] for span in (att.fragments[0], att.cue, att.speaker) if span
    ):
        return att
    return att._replace(fragments=tuple(sorted((piece, att.fragments[0]))))


def artefact_subject(verb: Token) -> bool:
    """The verb's subject is a report, a poll, records or data (`the study found …`)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    lang = verb.doc.lang_
    return subj is not None and subj.lemma_.lower() in word_list(lang, "artefact_heads") | word_list(
        lang, "record_heads"
    )


def after_comma(token: Token) -> bool:
    """The token's phrase follows a comma."""
    left = token.left_edge.i
    return left > 0 and token.doc[left - 1].text == ","


def _circumstance(prep: Token) -> bool:
    """`on Tuesday`, `in a statement`, `on Twitter`: when, where or through what, not what was
    endorsed."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.dep_ != "prep" or pobj is None:
        return False
    word = prep.lower_
    if pobj.ent_type_ in ("DATE", "TIME"):
        # `the hardest budget in a decade`: a superlative takes the time as its scope
        superlative = any(t.tag_ in ("JJS", "RBS") for c in prep.head.children if c.i < prep.i for t in c.subtree)
        return word not in ("of", "for", "to", "as", "about") and not (word == "in" and superlative)
    return word in ("in", "on", "at", "during", "via", "through") and pobj.lemma_.lower() in word_list(
        prep.doc.lang_, "medium_nouns"
    )
