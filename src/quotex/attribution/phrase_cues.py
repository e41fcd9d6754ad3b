"""Cues without a verb: `according to X`, `in X's view`, `Trump's claim that …`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.complement import content_from_subtree
from quotex.attribution.confidence import confidence
from quotex.attribution.cues import trim
from quotex.attribution.token_table import table_of
from quotex.attribution.types import Attribution, Offsets


def according_to(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """`According to X, …` / `…, according to X`: the rest of the sentence is X's."""
    out: list[Attribution] = []
    for i in table_of(doc).with_lower(["according"]):
        token = doc[i]
        if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        if token.i in skipped:
            continue
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase_end = pobj.right_edge.i + 1
        comma = next((t.i for t in doc[pobj.i : phrase_end] if t.text == ","), None)
        if comma is not None and token.i == token.sent.start:
            phrase_end = comma  # `According to X, the move …` parsed with the clause under X
        content = _around_phrase(doc, token.i, phrase_end)
        speaker = trim(doc, to.i + 1, phrase_end)
        out += _phrase_attribution(content, token, to, "according_to", speaker, "indirect:according-to")
    return out


def in_view(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """`In Ruiz's view, …` / `in the view of the ministry, …`: a stance held by the owner."""
    out: list[Attribution] = []
    for i in table_of(doc).with_lower(sorted(word_list(doc.lang_, "view_nouns"))):
        noun = doc[i]
        prep = noun.head
        if i in skipped or noun.dep_ != "pobj" or prep.lower_ != "in":
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if owner is None or owner.lower_ in ("my", "our", "its"):
            continue
        content = _around_phrase(doc, prep.i, noun.right_edge.i + 1)
        out += _phrase_attribution(content, prep, noun, "belief", _owner_span(owner), "indirect:in-view")
    return out


def possessive_noun_cues(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """`Trump’s claim that there have been …`: a cue noun with its owner and a that-clause."""
    out: list[Attribution] = []
    from spacy.symbols import NOUN

    table = table_of(doc)
    for i in table.with_pos(NOUN):
        noun = doc[i]
        if noun.lemma_.lower() not in word_list(doc.lang_, "cue_nouns") or i in skipped:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("acl", "ccomp", "appos")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if owner is None or clause is None:
            continue
        content = content_from_subtree(clause)
        cls = "belief" if noun.lemma_.lower() in word_list(doc.lang_, "belief_nouns") else "speech"
        out += _phrase_attribution(content, noun, noun, cls, _owner_span(owner), "indirect:possessive-noun")
    return out


def _around_phrase(doc: Doc, start: int, end: int) -> Offsets | None:
    """The content of a framing phrase (`according to X`, `in X's view`): the larger side of
    its sentence. The parser sometimes ends the sentence at the phrase's comma, so then the
    content runs on to the full stop."""
    sent = doc[start].sent
    stop = _sentence_end(doc, end) if sent.end <= end + 1 else sent.end
    sides = [c for c in (trim(doc, sent.start, start), trim(doc, end, stop)) if c]
    return max(sides, key=lambda c: c[1] - c[0]) if sides else None


def _sentence_end(doc: Doc, i: int) -> int:
    """Index after the next full stop (or line break) from token i."""
    while i < len(doc):
        if doc[i].text in (".", "!", "?") or "\n" in doc[i].text:
            return i + 1
        i += 1
    return len(doc)


def _owner_span(owner: Token) -> Offsets:
    """The owner's phrase (`Ruiz's`, `the ministry`) as char offsets."""
    return owner.left_edge.idx, owner.right_edge.idx + len(owner.right_edge.text)


def _phrase_attribution(
    content: Offsets | None, first: Token, last: Token, cue_class: str, speaker: Offsets | None, method: str
) -> list[Attribution]:
    """The phrase's attribution, its cue running from `first` to `last`; none without a content."""
    if content is None:
        return []
    cue = (first.idx, last.idx + len(last.text))
    attribution = Attribution(
        fragments=(content,),
        cue=cue,
        cue_class=cue_class,
        speaker=speaker,
        kind="indirect",
        confidence=confidence(method),
        method=method,
    )
    return [attribution]
