"""Reported (indirect) speech and mixed quotations from the dependency parse.

A cue verb with a clausal complement (`said that …`, `questioned whether …`), an
infinitive of intent (`wants to …`), a parenthetical (`…, Lavrov said,`), a participle
whose speaker is the main subject (`…, saying that …`), or `according to X`.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from quotex.attribution.confidence import PARTICIPLE_PENALTY, confidence
from quotex.attribution.cues import (
    QUOTE_CHARS,
    cue_class_of,
    cue_left,
    cue_span,
    learned_object_cues,
    lexicon,
    quoted_as,
    speaker_span,
    speaker_tokens,
    subject_of,
    table_of,
    text_of,
    trim,
)
from quotex.attribution.mentions import token_indices
from quotex.attribution.types import Attribution, Offsets

# Infinitive complements only count for verbs of intent or promise (`wants to`, `vowed to`).
INTENT_XCOMP = {
    "want",
    "plan",
    "intend",
    "hope",
    "promise",
    "pledge",
    "vow",
    "threaten",
    "refuse",
    "decline",
    "seek",
    "aim",
    "agree",
    "expect",
    "wish",
    "prefer",
    "urge",
    "offer",
    "propose",
    "demand",
    "ask",
    "tell",
    "warn",
    "call",
    "need",
    "like",
    "seem",
    "appear",
    "vote",
    "move",
}
# What a poll, a report or records do to their content (`a poll found little support`).
ARTEFACT_FINDINGS = {
    "find",
    "show",
    "reveal",
    "indicate",
    "suggest",
    "confirm",
    "conclude",
    "document",
    "estimate",
    "detail",
    "list",
    "cite",
}
# `X is expected to …`: passives whose implicit holder PolNeAR leaves without a source.
PASSIVE_EXPECT = {
    "expect",
    "anticipate",
    "predict",
    "project",
    "forecast",
    "rumor",
    "rumour",
    "say",
    "believe",
    "think",
    "know",
}
PRONOUN_NON_SPEAKERS = {"it", "there", "this", "that", "what", "which"}


def _coordinated_cue(token: Token) -> bool:
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


def _trailing_participle_cue(token: Token) -> bool:
    """`said X, arguing that Y` / `…, citing Z`: the speaker's next attribution, annotated on its own;
    likewise `…, although he refused to …`."""
    if (
        token.dep_ == "advcl"
        and _after_comma(token)
        and any(c.dep_ == "mark" and c.lower_ in ("although", "though", "whereas") for c in token.children)
    ):
        return cue_class_of(token) is not None or _object_cue(token)
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("advcl", "conj", "xcomp")
        and _after_comma(token)
        and (cue_class_of(token) is not None or _object_cue(token))
    )


def _outer_cue(verb: Token) -> Token | None:
    """The outermost cue verb above `verb` in the tree, or None."""
    cues = [a for a in verb.ancestors if a.i < verb.i and cue_class_of(a) is not None and a.tag_ != "VBG"]
    return cues[-1] if cues else None


def _content_from_subtree(head: Token, exclude: set[int] | None = None) -> Offsets | None:
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for t in head.subtree:
        if (
            t is not head
            and (_coordinated_cue(t) or _sentence_appositive(t) or _trailing_participle_cue(t))
            and t.right_edge.i + 1 >= end
        ):
            cut = t.left_edge.i
            while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                cut -= 1
            end = min(end, cut)
    if exclude:
        # keep the larger contiguous part outside the excluded tokens
        idx = [i for i in range(start, end) if i not in exclude]
        if not idx:
            return None
        runs, run = [], [idx[0]]
        for i in idx[1:]:
            if i == run[-1] + 1:
                run.append(i)
            else:
                runs.append(run)
                run = [i]
        runs.append(run)
        best = max(runs, key=len)
        start, end = best[0], best[-1] + 1
    return trim(doc, start, end)


def _speaker_ok(subj: Token | None, cls: str) -> bool:
    if subj is None:
        return False
    if subj.lower_ == "it" and cls == "speech":
        return True  # `It says the campaign violated …` (a letter, a report)
    return subj.lower_ not in PRONOUN_NON_SPEAKERS


def _after_comma(token: Token) -> bool:
    left = token.left_edge.i
    return left > 0 and token.doc[left - 1].text == ","


def _complement(verb: Token) -> Offsets | None:
    """Char range of the reported clause of a cue verb, or None."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _content_from_subtree(child)
    for child in verb.children:
        if child.dep_ == "xcomp" and lemma in INTENT_XCOMP:
            content = _content_from_subtree(child)
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
                        return _content_from_subtree(acl)
    if (
        lemma in lexicon("object_cues")
        or lemma in learned_object_cues()
        or (lemma in ARTEFACT_FINDINGS and _artefact_subject(verb))
    ):
        obj = next(
            (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and c.tag_ == "WDT")),
            None,
        )
        extra = [
            c
            for c in verb.children
            if c.i > verb.i and c.dep_ in ("oprd", "acomp", "xcomp", "prep") and not _after_comma(c)
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
            if t.dep_ == "relcl" and _after_comma(t) and (cue_class_of(t) is not None or _object_cue(t)):
                end = min(end, t.left_edge.i)
                break
        return trim(doc, start, end)
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and lemma in ("warn", "complain", "talk", "speak")
            and child.lower_ in ("about", "of", "against")
        ):
            return _content_from_subtree(child)
    return None


def _addressee(verb: Token, xcomp: Token) -> Token | None:
    """The object between a directive verb and its infinitive (`urged the council to …`,
    `called on Republicans to …`); `told X to` keeps X out, as PolNeAR mostly does."""
    if verb.lemma_.lower() in ("tell", "want", "need", "like", "expect", "wish", "prefer"):
        return None
    for c in verb.children:
        if c.i > verb.i and c.i < xcomp.left_edge.i + 1:
            if c.dep_ == "dobj":
                return c
            if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "call":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _circumstance(prep: Token) -> bool:
    """`on Tuesday`, `after the debate`: when, not what was endorsed (`in a decade` may qualify the object)."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.dep_ != "prep" or pobj is None:
        return False
    return prep.lower_ in ("on", "during", "after", "before", "since") and pobj.ent_type_ in ("DATE", "TIME")


def _noun_cue(verb: Token) -> tuple[Token, Offsets] | None:
    """`raised doubts about X`, `expressed concern that …`: (the noun, its complement)."""
    if verb.lemma_.lower() not in lexicon("light_verbs"):
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in lexicon("cue_nouns"):
            continue
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "on", "of", "that", "regarding"):
                pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobj:
                    return obj, trim(verb.doc, pobj[0].left_edge.i, c.right_edge.i + 1)
            if c.dep_ in ("acl", "ccomp"):
                return obj, _content_from_subtree(c)
    return None


def _reported_before(verb: Token) -> bool:
    """Is the reported material to the left of the cue (`…, the source added`)?"""
    if verb.dep_ == "parataxis":
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)


def _cue_clause(verb: Token, subj: Token) -> tuple[int, int]:
    """Token range of `the source added` / `said Ana Ruiz, who …` around the verb."""
    s_start, s_end = speaker_tokens(subj)
    left = min(s_start, cue_left(verb))
    right = max(s_end, verb.i + 1)
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


def find_reported(doc: Doc, skip_lines: list[tuple[int, int]]) -> list[Attribution]:
    """Every reported-speech attribution outside the skipped lines (headings, furniture, name lines)."""
    out: list[Attribution] = []
    skipped = token_indices(doc, skip_lines)
    for i in table_of(doc).verbal():
        token = doc[i]
        if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass") or i in skipped:
            continue
        if _authors_question(token) or _no_comment(token):
            continue
        noun = _noun_cue(token)
        if noun is not None and noun[1] is not None:
            att = _from_noun(token, *noun)
            if att is not None:
                out.append(att)
            continue
        cls = cue_class_of(token)
        if cls is None and _object_cue(token):
            cls = "belief"  # `endorsed the plan`, `polls show a tight race`: a stance on a noun phrase
        if cls is None or (cls == "belief" and token.dep_ == "xcomp"):
            att = _prepositional_cue(token) if token.dep_ != "xcomp" else None
            if att is not None:
                out.append(att)
            continue  # `want to see`: the inner verb is part of the outer content
        att = _from_verb(token, cls)
        if att is None:
            att = _prepositional_cue(token)
        if att is not None:
            out.append(att)
    out.extend(_according_to(doc, skipped))
    out.extend(_possessive_noun_cues(doc, skipped))
    out.extend(_in_view(doc, skipped))
    return out


def _object_cue(verb: Token) -> bool:
    """A learned object cue used with a direct object; or an artefact's finding (`the report
    found widespread fraud`, `a poll found little support`)."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    if lemma in learned_object_cues():
        return True
    return lemma in ARTEFACT_FINDINGS and _artefact_subject(verb)


def _artefact_subject(verb: Token) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lexicon("artefact_heads") | {
        "record",
        "document",
        "datum",
        "figure",
    }


# Learned verb + preposition cues below this precision are left out (chosen on dev, issue 8).
PAIR_MIN_PRECISION = 0.4


@cache
def _prepositional_pairs() -> frozenset[tuple[str, str]]:
    from quotex.assets import assets_dir

    pairs = {tuple(line.split()[:2]) for line in lexicon("prepositional_cues") if len(line.split()) >= 2}
    for line in (assets_dir() / "en" / "prepositional_cue_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pair, precision, *_ = line.split("\t")
            if float(precision) >= PAIR_MIN_PRECISION:
                pairs.add(tuple(pair.split()[:2]))
    return frozenset(pairs)


def _prepositional_cue(verb: Token) -> Attribution | None:
    """`spoke of X`, `warned against X`, `has railed against X`: the object of the preposition."""
    pairs = _prepositional_pairs()
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


NO_COMMENT = {"comment", "respond", "reply", "return"}
QUESTION_OPENERS = {
    "did",
    "does",
    "do",
    "will",
    "would",
    "can",
    "could",
    "should",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "why",
    "how",
    "what",
    "who",
    "when",
    "where",
}


def _authors_question(verb: Token) -> bool:
    """`Did Ruiz really say that …?`: a question the writer asks reports nothing."""
    sent = verb.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in QUOTE_CHARS), None)
    if last is None or last.text != "?" or verb.lemma_ in ("ask", "wonder", "question"):
        return False
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    return first is not None and first.lower_ in QUESTION_OPENERS and not any(t.text in QUOTE_CHARS for t in sent)


def _no_comment(verb: Token) -> bool:
    """`would not comment`, `did not respond`: declining to speak is no attribution."""
    return verb.lemma_ in NO_COMMENT and any(c.dep_ == "neg" for c in verb.children)


def _in_view(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """`In Ruiz's view, …` / `in the view of the ministry, …`: a stance held by the owner."""
    out = []
    for i in table_of(doc).with_lower(
        ["view", "opinion", "estimation", "judgment", "judgement", "words", "eyes", "mind"]
    ):
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
        if content is None:
            continue
        out.append(
            Attribution(
                fragments=(content,),
                cue=(prep.idx, noun.idx + len(noun.text)),
                cue_class="belief",
                speaker=(owner.left_edge.idx, owner.right_edge.idx + len(owner.right_edge.text)),
                kind="indirect",
                confidence=confidence("indirect:in-view"),
                method="indirect:in-view",
            )
        )
    return out


def _possessive_noun_cues(doc: Doc, skipped: set[int]) -> list[Attribution]:
    """`Trump’s claim that there have been …`: a cue noun with its owner and a that-clause."""
    out = []
    from spacy.symbols import NOUN

    table = table_of(doc)
    for i in table.with_pos(NOUN):
        noun = doc[i]
        if noun.lemma_.lower() not in lexicon("cue_nouns") or i in skipped:
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
        content = _content_from_subtree(clause)
        if content is None:
            continue
        out.append(
            Attribution(
                fragments=(content,),
                cue=(noun.idx, noun.idx + len(noun.text)),
                cue_class="belief"
                if noun.lemma_.lower() in ("belief", "view", "fear", "hope", "worry", "concern", "doubt")
                else "speech",
                speaker=(owner.left_edge.idx, owner.right_edge.idx + len(owner.right_edge.text)),
                kind="indirect",
                confidence=confidence("indirect:possessive-noun"),
                method="indirect:possessive-noun",
            )
        )
    return out


def _participle_subject(verb: Token) -> Token | None:
    """`…, Lavrov said, accusing …`: a participle after a parenthetical cue takes its speaker."""
    doc = verb.doc
    for t in doc[max(verb.sent.start, verb.i - 4) : verb.i]:
        inverted = t.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < t.i for c in t.children)
        if inverted and cue_class_of(t) == "speech" and t.tag_ != "VBG":
            subj = subject_of(t)
            if subj is not None:
                return subj
    return None


def _ancestor_subject(verb: Token) -> Token | None:
    """`…, after saying on the campaign trail he could …`: the nearest clause up the tree with a subject."""
    for anc in verb.ancestors:
        subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ == "PERSON" else None
    return None


def _from_verb(verb: Token, cls: str) -> Attribution | None:
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    outer = _outer_cue(verb) if _trailing_participle_cue(verb) and not own_subject else None
    if outer is not None:
        subj = subject_of(outer)  # `Ruiz said X, arguing Y`: Ruiz argues, whatever the parse hung it on
    elif verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp"):
        subj = _participle_subject(verb) if verb.dep_ == "advcl" else None
        subj = subj or subject_of(verb, allow_passive=False) or _ancestor_subject(verb)
    elif _coordinated_cue(verb):
        subj = subject_of(verb.head.head)
    else:
        subj = subject_of(verb, allow_passive=quoted_as(verb) is not None)
    if subj is None and verb.lemma_.lower() in PASSIVE_EXPECT:
        return _passive_expectation(verb, cls)
    if not _speaker_ok(subj, cls):
        return None
    fragments: tuple[Offsets, ...] | None = None
    method = "indirect:complement"
    if cls == "speech" and subj is not None and _reported_before(verb):
        fragments = _surface_content(verb, subj)
        method = "indirect:inverted"
    if fragments is None:
        content = _complement(verb)
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
    if _governed_infinitive(verb):
        # `went on to discuss`, `continue to ignore`, `had to reject`: the governing verb is part of the cue
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


def _governed_infinitive(verb: Token) -> bool:
    """`to discuss` under a verb that reports nothing itself (`went on to`, `continue to`,
    `met with X to`): PolNeAR's cue starts at that verb."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")
        and head.i < verb.i
        and head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and (cue_class_of(head) is None or head.lemma_.lower() not in INTENT_XCOMP)
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


def _passive_expectation(verb: Token, cls: str) -> Attribution | None:
    """`The senator is expected to announce …`: PolNeAR's content is the subject and the
    infinitive (two pieces), the cue the passive verb group, and the source the `by` agent or none."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or xcomp is None or subj.lower_ in PRONOUN_NON_SPEAKERS - {"that", "which"}:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ != "VBN":
        return None
    start, end = speaker_tokens(subj)
    first = trim(doc, start, end)
    rest = _content_from_subtree(xcomp)
    if first is None or rest is None:
        return None
    return Attribution(
        fragments=(first, rest),
        cue=cue_span(verb),
        cue_class=cls,
        speaker=None,
        kind="indirect",
        confidence=confidence("indirect:passive-infinitive"),
        method="indirect:passive-infinitive",
    )


def _from_noun(verb: Token, noun: Token, content: Offsets) -> Attribution | None:
    prep = next((c for c in noun.children if c.dep_ == "prep"), None)
    end_tok = prep if prep is not None and prep.idx < content[0] else noun
    return _stance(verb, end_tok, content, "indirect:noun-cue")


def _stance(verb: Token, cue_end: Token, content: Offsets, method: str) -> Attribution | None:
    """A belief-class attribution whose cue runs from the verb group to `cue_end`
    (`has repeatedly raised doubts about`, `has railed against`)."""
    subj = subject_of(verb)
    if not _speaker_ok(subj, "belief"):
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


def _according_to(doc: Doc, skipped: set[int]) -> list[Attribution]:
    out = []
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
        if content is None:
            continue
        out.append(
            Attribution(
                fragments=(content,),
                cue=(token.idx, to.idx + len(to.text)),
                cue_class="according_to",
                speaker=trim(doc, to.i + 1, phrase_end),
                kind="indirect",
                confidence=confidence("indirect:according-to"),
                method="indirect:according-to",
            )
        )
    return out
