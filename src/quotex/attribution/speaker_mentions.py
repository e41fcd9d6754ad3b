"""Turn a quotation's speaker span into the mention it stands for: a name, a pronoun, a title or a noun phrase."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.cues import speaker_tokens
from quotex.attribution.mentions import Mention
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Offsets


def pronoun_gender(lang: str, pronoun: str) -> str | None:
    """`m`, `f`, or None for a pronoun that does not tell (`they`, `I`)."""
    male, female = word_list(lang, "male_pronouns"), word_list(lang, "female_pronouns")
    return "m" if pronoun in male else "f" if pronoun in female else None


def _issuer(root: Token) -> Token | None:
    """Who issued a document: `the agency's report`, `a report by the inspectorate`."""
    for c in root.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def speaker_mention(doc: Doc, span: Offsets, names: list[Mention]) -> Mention:
    """The mention a speaker span stands for: a name inside it, a pronoun, or the noun phrase itself."""
    lang = doc.lang_
    titles = word_list(lang, "titles")
    artefacts = word_list(lang, "artefact_heads")
    s, e = span
    inside = [m for m in names if s <= m.start and m.end <= e]
    sp = doc.char_span(s, e, alignment_mode="expand")
    root = sp.root if sp is not None else None
    heads = [m for m in inside if root is None or m.start <= root.idx < m.end]
    if not heads and root is not None and root.lower_ in titles:
        # `the French fisheries minister, Hélène Marchetti`: the named holder speaks
        heads = [m for m in inside if m.kind in (None, "person") and m.start > root.idx]
    if heads:
        person = [m for m in heads if m.kind == "person"]
        return (person or heads)[0]
    if sp is not None and root is not None and root.lower_ in artefacts | word_list(lang, "utterance_nouns"):
        # `Lavrov's remarks`, `the agency's report` → the named owner speaks through them
        owner = [m for m in inside if any(t.dep_ == "poss" for t in sp if m.start <= t.idx < m.end)]
        if owner:
            return owner[0]
    if root is not None and root.lower_ in artefacts:
        issuer = _issuer(root)
        if issuer is not None:
            named = [x for x in names if x.start <= issuer.idx < x.end]
            if named:
                return named[0]  # `the report by the Health Ministry` → the ministry
            i_s, i_e = issuer.left_edge.idx, issuer.right_edge.idx + len(issuer.right_edge.text)
            if s <= i_s and i_e <= e:
                return speaker_mention(doc, (i_s, i_e), names)
    m = Mention(start=s, end=e, display=text_of(doc)[s:e])
    if sp is None:
        return m
    root = sp.root
    m.head = root.i
    lower = root.lower_
    if len(sp) == 1 and lower in ("who", "which", "that") and root.head.dep_ in ("relcl", "acl"):
        # `Ana Ruiz, who said …`: the relative pronoun stands for its antecedent
        antecedent = root.head.head
        a_s, a_e = speaker_tokens(antecedent)
        if a_e > a_s:
            return speaker_mention(doc, (doc[a_s].idx, doc[a_e - 1].idx + len(doc[a_e - 1].text)), names)
    if len(sp) == 1 and lower in _pronouns(lang):
        m.pronoun = lower
        m.gender = pronoun_gender(lang, lower)
        return m
    if lower in titles and root.tag_ in ("NN", "NNP"):
        m.title_word = lower
        m.kind = "person"
        return m
    if root.pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.is_punct for t in sp):
        m.kind = None  # a name the NER missed: its kind comes from the cluster it joins
    elif lower in word_list(lang, "group_heads") or root.tag_ in ("NNS", "NNPS"):
        m.kind = "group"
    elif lower in artefacts:
        m.kind = "artefact"
    elif lower in word_list(lang, "organisation_heads"):
        m.kind = "organisation"
    else:
        m.kind = "unknown"
    words = [
        t.text if m.kind is None else t.lower_ for t in sp if t.lower_ not in ("the", "a", "an") and not t.is_punct
    ]
    m.name = tuple(words)
    m.display = text_of(doc)[s:e]
    return m


@cache
def _pronouns(lang: str) -> frozenset[str]:
    return (
        word_list(lang, "male_pronouns")
        | word_list(lang, "female_pronouns")
        | word_list(lang, "plural_pronouns")
        | word_list(lang, "first_person_pronouns")
    )
