"""Mixed quotations found from their quoted words: a quoted fragment inside running text
that no cue claimed yet is someone's words; when a cue verb governs it, even without the
clause the parse-based rules need (`called the 1996 winner “Miss Piggy” as …`), that verb
is the cue."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.confidence import confidence
from quotex.attribution.cues import cue_class_of, cue_span, is_verbal, speaker_span, trim
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Attribution, Offsets


def _is_title(doc: Doc, tokens: list[Token]) -> bool:
    """`“The Apprentice”`, `“Shark Tank”`: titles and names, not words someone said."""
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return True
    if any(t.text in ".!?" for t in tokens[:-1]):
        return False
    small = word_list(doc.lang_, "title_small_words")
    return all(w.text[:1].isupper() or w.lower_ in small for w in words) and len(words) <= 6


def find_quote_anchored(
    doc: Doc, quoted: list[Offsets], claimed: list[Offsets], skip: list[Offsets]
) -> list[Attribution]:
    out: list[Attribution] = []
    seen_cues: set[int] = set()
    for qs, qe in quoted:
        if any(s <= qs and qe <= e + 1 for s, e in claimed) or any(s <= qs < e for s, e in skip):
            continue
        span = doc.char_span(qs, qe, alignment_mode="expand")
        tokens = [t for t in span if not t.is_space] if span is not None else []
        if not tokens or _is_title(doc, tokens[1:-1] or tokens):
            continue
        if text_of(doc)[max(0, qs - 10) : qs].rstrip().lower().endswith("so-called"):
            continue
        inside = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in inside or t.head is t]
        if not heads:
            continue
        verb = _governing_verb(heads[0])
        if verb is None or verb.i in seen_cues:
            continue
        cls = cue_class_of(verb)
        if cls is None:
            continue  # only known cue verbs: other governing verbs were mostly wrong on dev
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i in inside or subj.lower_ in word_list(doc.lang_, "non_speaker_pronouns"):
            continue
        content = _content_after(verb, qs, qe)
        if content is None:
            continue
        seen_cues.add(verb.i)
        out.append(
            Attribution(
                fragments=(content,),
                cue=cue_span(verb),
                cue_class=cls,
                speaker=speaker_span(subj),
                kind="mixed",
                confidence=confidence("mixed:quote-anchored"),
                method="mixed:quote-anchored",
            )
        )
    return out


def _governing_verb(token: Token) -> Token | None:
    t = token
    for _ in range(8):
        if t.head is t:
            return None
        t = t.head
        if is_verbal(t) and t.pos_ == "VERB":
            if t.lemma_.lower() in word_list(t.doc.lang_, "non_cue_verbs"):
                return None
            return t
    return None


def _content_after(verb: Token, qs: int, qe: int) -> Offsets | None:
    """From the verb's first dependent after it to the end of its clause, around the quote."""
    doc = verb.doc
    deps = [
        c
        for c in verb.rights
        if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod") and not (c.dep_ == "advcl" and c.idx > qe)
    ]
    if not deps:
        return None
    start = deps[0].left_edge.i
    end = max(c.right_edge.i for c in deps) + 1
    span = trim(doc, start, end)
    if span is None or not (span[0] <= qs and qe <= span[1] + 1):
        return None
    return span
