"""The learned tagger's spans (`doc.spans["quotex_model"]`) as one more source of attributions.

The tagger (quotex.pipeline.learned) marks SOURCE, CUE and CONTENT spans but does not say which
belong together. `model_attributions` links them: each CONTENT to the nearest CUE of its
paragraph (same sentence first), each CUE to the SOURCE that is its subject in the parse, else
the nearest one in its sentence; a raising cue (`X seems to …`) gets no source and X as a piece
of its content, as the rules read it. `combine` then

- adds the model's attributions whose content and cue no rule attribution holds (not quoted
  words alone, nothing in layout lines, no author's questions, cues the lexicons know or whose
  most frequent WordNet sense is communication or cognition): the rules keep direct quotations,
  layout credits and their speakers;
- replaces an indirect rule attribution by the model's attribution of the same cue when the two
  contents share no word (REREAD: one reading per cue, and the model's is right more often);
- replaces a weak rule candidate (confidence <= REPLACE_MAX_CONFIDENCE) by the model's
  attribution of the same words when the model marked its own source and not the rule's cue;
- drops weak rule candidates (confidence <= VETO_MAX_CONFIDENCE: belief verbs, stance, noun
  cues, quote-anchored) where the model marks neither their cue nor their content;
- gives a one-piece indirect rule content the model's boundaries where both cover nearly the
  same words (ADOPT_SHARE);
- credits a CONTENT no tagged cue took to the verb that governs it in the parse (a clause or a
  prepositional object, ORPHAN_DEPS) and that verb's subject: the tagger often finds the
  content of a cue that neither it nor the lists know.

All thresholds were chosen on PolNeAR dev (BENCHMARKS.md, "Learned attribution model").
Without the model's spans (`--rules-only`) `combine` returns the rules' attributions unchanged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from quotex.attribution.confidence import confidence
from quotex.attribution.cue_classes import classify_cue
from quotex.attribution.quote_marks import QUOTE_MARKS
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Attribution, Offsets
from quotex.models import QuotationKind

SPANS_KEY = "quotex_model"
VETO = True  # chosen on dev (BENCHMARKS.md, "Learned attribution model")
VETO_MAX_CONFIDENCE = (
    0.5  # rule candidates at or below this are "weak" (belief verbs, stance, noun cues, quote-anchored)
)
VETO_CONTENT_SHARE = 0.3  # the model "holds" a content when its CONTENT spans cover this share of it
CLAIMED_SHARE = 0.3  # a model attribution whose content overlaps a rule's by this share is the rule's
KNOWN_CUE_POLICY = "always"  # when the cue must be one the lexicons know: always, without-source, never
REPLACE_MAX_CONFIDENCE = 0.5  # weak rule candidates the model's own attribution replaces
REREAD = True  # a tagger attribution with a rule's cue and other words replaces the rule's (dev and train)
ADOPT_BOUNDS = True  # indirect rule contents take the model's boundaries where both agree on the words
ADOPT_SHARE = 0.85  # chosen on dev: 0.5 and 0.7 raise content exact F1 more but cost attribution F1
ORPHAN_DEPS = ("ccomp", "pobj")  # how a cue-less CONTENT may hang off its verb (chosen on dev)


def model_spans(doc: Doc) -> list[Span] | None:
    """The tagger's spans, or None when the model did not run (rules only)."""
    if SPANS_KEY not in doc.spans:
        return None
    return list(doc.spans[SPANS_KEY])


def combine(
    doc: Doc,
    rule_attributions: list[Attribution],
    protected: Sequence[Attribution] = (),
    skip: Sequence[Offsets] = (),
) -> list[Attribution]:
    """Rule attributions after the model's veto, plus the model's own (see module docstring).

    `protected` (direct quotations) are never vetoed; they only claim their text. Nothing is
    taken from `skip` (the layout's headings and furniture lines)."""
    spans = model_spans(doc)
    if spans is None:
        return rule_attributions
    content = [(s.start_char, s.end_char) for s in spans if s.label_ == "CONTENT"]
    cues = [(s.start_char, s.end_char) for s in spans if s.label_ == "CUE"]
    kept = [a for a in rule_attributions if not _vetoed(a, content, cues)]
    # quoted words alone are the rules' domain (direct quotations, titles, scare quotes)
    proposed = [
        m
        for m in model_attributions(doc, spans)
        if m.kind != "direct"
        and not any((m.cue is not None and s <= m.cue[0] < e) or s <= m.fragments[0][0] < e for s, e in skip)
        and _plausible(doc, m)
    ]
    kept = [r for r in kept if not any(_replaces(m, r, cues) for m in proposed)]
    if ADOPT_BOUNDS:
        content_spans = [s for s in spans if s.label_ == "CONTENT"]
        kept = [_adopt_bounds(r, content_spans) for r in kept]
    claimed = list(protected) + kept
    added = [m for m in proposed if not _claimed(m, claimed)]
    taken = claimed + added
    for c in spans:
        if c.label_ != "CONTENT" or "\n" in c.text:
            continue
        a = _orphan_attribution(doc, c)
        if a is None or any(s <= a.fragments[0][0] < e for s, e in skip) or _claimed(a, taken):
            continue
        added.append(a)
        taken.append(a)
    kept = [r for r in kept if not any(_rereads(m, r) for m in added)]
    return kept + added


def _orphan_attribution(doc: Doc, content: Span) -> Attribution | None:
    """A tagged CONTENT that no tagged cue took: the verb governing it in the parse is its cue
    (any verb: the lists know only part of the tail), that verb's subject its source, which must
    be there. Only a clause or a prepositional object: objects were wrong too often on dev."""
    from quotex.attribution.cues import cue_span, speaker_span, subject_of

    root = content.root
    if root.dep_ not in ORPHAN_DEPS:
        return None
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if verb.pos_ != "VERB" or content.start <= verb.i < content.end:
        return None
    if root.dep_ == "pobj" and root.head.i < verb.i:
        return None
    subj = subject_of(verb, allow_passive=False)
    speaker = speaker_span(subj) if subj is not None and subj.lower_ not in _NON_SPEAKERS else None
    if speaker is None or content.start_char <= speaker[0] < content.end_char:
        return None
    cue = cue_span(verb)
    if root.dep_ == "pobj":
        cue = (cue[0], root.head.idx + len(root.head.text))
    cue_tokens = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if cue_tokens is None or _writers_question(cue_tokens):
        return None
    offsets = (_tidy(content),)
    return Attribution(
        fragments=offsets,
        cue=cue,
        cue_class=classify_cue(text_of(doc)[cue[0] : cue[1]]),
        speaker=speaker,
        kind=_kind(text_of(doc), offsets),
        confidence=confidence("learned:tagger"),
        method="learned:tagger+parse-cue",
    )


def _adopt_bounds(r: Attribution, content_spans: list[Span]) -> Attribution:
    """An indirect rule content of one piece takes the model's boundaries when exactly one model
    CONTENT covers most of it and it most of that (on dev the model's ends are right more often)."""
    if r.kind != "indirect" or len(r.fragments) != 1:
        return r
    (s, e), size = r.fragments[0], r.fragments[0][1] - r.fragments[0][0]
    hits = [c for c in content_spans if _overlap((s, e), (c.start_char, c.end_char))]
    if len(hits) != 1:
        return r
    new = _tidy(hits[0])
    shared = _overlap((s, e), new)
    if shared < ADOPT_SHARE * size or shared < ADOPT_SHARE * (new[1] - new[0]):
        return r
    if r.cue is not None and _overlap(r.cue, new):
        return r
    if r.speaker is not None and _overlap(r.speaker, new):
        return r
    return r._replace(fragments=(new,))


def _replaces(m: Attribution, r: Attribution, model_cues: list[Offsets]) -> bool:
    """A weak rule candidate gives way to the model's attribution of the same words when the
    model credits them to a speaker it marked itself, through a cue other than the rule's."""
    if r.kind == "direct" or r.confidence > REPLACE_MAX_CONFIDENCE or not m.method == "learned:tagger":
        return False
    shared = sum(_overlap(f, g) for f in m.fragments for g in r.fragments)
    if shared < CLAIMED_SHARE * min(sum(e - s for s, e in m.fragments), sum(e - s for s, e in r.fragments)):
        return False
    if r.cue is not None and any(_overlap(r.cue, c) for c in model_cues):
        return False
    return True


def _plausible(doc: Doc, m: Attribution) -> bool:
    """Not the author's own question (`Did X really say that …?`); a cue the lexicons know, or a
    speaker the tagger marked itself."""
    cue = doc.char_span(m.cue[0], m.cue[1], alignment_mode="expand") if m.cue is not None else None
    if cue is None or _writers_question(cue):
        return False
    tagged_source = not m.method.endswith("+parse-subject") and "+no-source" not in m.method
    if KNOWN_CUE_POLICY == "never" or (KNOWN_CUE_POLICY == "without-source" and tagged_source):
        return True
    return any(_known_cue(t) for t in cue)


_AUX_QUESTION = frozenset("did does do will would can could should is are was were has have had".split())


def _writers_question(cue: Span) -> bool:
    """`Did X really say that …?`: the author's own question reports nothing."""
    sent = cue[0].sent
    return sent.text.rstrip().rstrip("”\"'’").endswith("?") and sent[0].lower_ in _AUX_QUESTION


def _known_cue(token: Token) -> bool:
    """A cue word the rules' lists know, or one whose most frequent WordNet sense is communication
    or cognition (the long tail: *chastised*, *exhorted*, *hunch*)."""
    from quotex.assets import word_list
    from quotex.attribution.cues import cue_class_of
    from quotex.attribution.word_classes import wordnet_cue_class

    lemma = token.lemma_.lower()
    return (
        cue_class_of(token) is not None
        or any(lemma in word_list(token.doc.lang_, name) for name in ("cue_nouns", "object_cues", "prepositional_cues"))
        or wordnet_cue_class(token) is not None
    )


def _vetoed(a: Attribution, content: list[Offsets], cues: list[Offsets]) -> bool:
    if not VETO or a.kind == "direct" or a.confidence > VETO_MAX_CONFIDENCE:
        return False
    if a.cue is not None and any(_overlap(a.cue, c) for c in cues):
        return False
    size = sum(e - s for s, e in a.fragments)
    held = sum(_overlap(f, c) for f in a.fragments for c in content)
    return held < VETO_CONTENT_SHARE * size


def _claimed(m: Attribution, rules: list[Attribution]) -> bool:
    """Another attribution holds `m`'s words or its cue (a rule that gives the same cue wholly
    different words does not: `m` is another reading of that cue, see `_rereads`)."""
    size = sum(e - s for s, e in m.fragments)
    for r in rules:
        shared = sum(_overlap(f, g) for f in m.fragments for g in r.fragments)
        if shared and shared >= CLAIMED_SHARE * min(size, sum(e - s for s, e in r.fragments)):
            return True
        if m.cue is not None and r.cue is not None and _overlap(m.cue, r.cue):
            if not _rereads(m, r):
                return True
    return False


def _rereads(m: Attribution, r: Attribution) -> bool:
    """The tagger's attribution `m` gives an indirect rule attribution's cue a content that shares
    no word with the rule's: on dev and train the tagger's reading is right more often, so it
    replaces the rule's (one reading per cue)."""
    return (
        REREAD
        and r.kind != "direct"
        and not r.method.startswith("learned:")
        and m.cue is not None
        and r.cue is not None
        and _overlap(m.cue, r.cue) > 0
        and not any(_overlap(f, g) for f in m.fragments for g in r.fragments)
    )


def _overlap(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def model_attributions(doc: Doc, spans: list[Span]) -> list[Attribution]:
    """Link the tagger's spans into attributions (offsets are the spans' own: exact into doc.text)."""
    from quotex.attribution.verb_cues import raised_subject

    text = text_of(doc)
    pstarts = _paragraph_starts(text)

    def para(span: Span) -> int:
        return bisect_right(pstarts, span.start_char) - 1

    has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")

    def sent(span: Span) -> int:
        return doc[span.start].sent.start if has_sents else 0

    cues = [s for s in spans if s.label_ == "CUE"]
    sources = [s for s in spans if s.label_ == "SOURCE"]
    contents = [s for s in spans if s.label_ == "CONTENT"]
    if not cues:
        return []

    def gap(a: Span, b: Span) -> int:
        return max(a.start - b.end, b.start - a.end, 0)

    # CONTENT -> cue: same paragraph; a cue in the same sentence first, then the nearest.
    by_cue: dict[int, list[Span]] = {}
    for c in contents:
        options = [i for i, q in enumerate(cues) if para(q) == para(c)]
        if not options:
            continue
        c_sents = {sent(c), doc[c.end - 1].sent.start if has_sents else 0}
        best = min(options, key=lambda i: (sent(cues[i]) not in c_sents, gap(cues[i], c)))
        by_cue.setdefault(best, []).append(c)

    out = []
    for i, fragments in by_cue.items():
        cue = cues[i]
        source = _source_of(doc, cue, [s for s in sources if para(s) == para(cue)], sent, gap)
        # a line break ends a paragraph, a heading or a caption: no content runs over it
        offsets = tuple(sorted(_tidy(f) for f in fragments if "\n" not in f.text))
        if not offsets:
            continue
        speaker = (source.start_char, source.end_char) if source is not None else _parse_subject(cue)
        raising = _raising_verb(cue)
        if raising is not None:
            # `X seems to …`: as the rules read a raising verb, no source, and X a piece of the content
            source = speaker = None
            piece = raised_subject(raising)
            if piece and not any(_overlap(piece, o) for o in offsets + ((cue.start_char, cue.end_char),)):
                offsets = tuple(sorted(offsets + (piece,)))
        if speaker is not None and any(s <= speaker[0] < e for s, e in offsets):
            speaker = None  # a speaker inside its own content: the span belongs elsewhere
        out.append(
            Attribution(
                fragments=offsets,
                cue=(cue.start_char, cue.end_char),
                cue_class=classify_cue(cue.text),
                speaker=speaker,
                kind=_kind(text, offsets),
                confidence=confidence("learned:tagger" if speaker is not None else "learned:tagger+no-source"),
                method="learned:tagger"
                + ("" if source is not None else "+parse-subject" if speaker is not None else "+no-source"),
            )
        )
    return out


def _tidy(span: Span) -> Offsets:
    """A content does not end on a dangling conjunction (`the senator ahead, and`), nor on the
    comma or full stop the rules' contents leave out (`…, two people said`)."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].pos_ == "CCONJ":
        end -= 1
        while end - span.start > 1 and span.doc[end - 1].text == ",":
            end -= 1
    while end - span.start > 1 and span.doc[end - 1].text in TRAILING_PUNCT:
        end -= 1
    last = span.doc[end - 1]
    return span.start_char, last.idx + len(last.text)


TRAILING_PUNCT = frozenset({",", ";", ":", "."})


def _source_of(doc: Doc, cue: Span, sources: list[Span], sent, gap) -> Span | None:
    """The cue's subject in the parse when the tagger marked it, else the nearest SOURCE in its sentence
    (never the subject of a passive cue)."""
    cue_tokens = set(range(cue.start, cue.end))
    if _passive(cue):
        # `X was accused of …`, `Asked about it, X said …`: a passive cue's subject is who is
        # reported on or asked; its source is the `by` agent, or nobody (PolNeAR)
        sources = [s for s in sources if s.root.dep_ == "pobj" and s.root.head.dep_ == "agent"]
    if not sources:
        return None
    for s in sources:
        root = s.root
        if root.head.i in cue_tokens and root.dep_ in ("nsubj", "nsubjpass", "pobj", "poss", "agent"):
            return s
        if root.dep_ == "pobj" and root.head.head.i in cue_tokens:
            return s  # `according to X`, `by X`
    same = [s for s in sources if sent(s) == sent(cue)]
    if not same:
        return None
    return min(same, key=lambda s: gap(s, cue))


def _raising_verb(cue: Span) -> Token | None:
    """The cue's raising verb (`seems`, `appeared`), unless its complement is a cue verb of its own
    (`X seemed to blame Y`: X blames), as verb_cues reads them."""
    from quotex.assets import word_list
    from quotex.attribution.cues import cue_class_of

    raising = word_list(cue.doc.lang_, "raising_verbs")
    verb = next((t for t in cue if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in raising), None)
    if verb is None or any(c.dep_ == "xcomp" and cue_class_of(c) is not None for c in verb.children):
        return None
    return verb


def _passive(cue: Span) -> bool:
    """A passive cue verb (`was accused`, `Asked about …, she said`), but not `was quoted as saying`."""
    from quotex.attribution.cues import reduced_passive

    verb = next((t for t in cue if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_ == "quote":
        return False
    return any(c.dep_ == "auxpass" for c in verb.children) or reduced_passive(verb)


def _parse_subject(cue: Span) -> Offsets | None:
    """The parse's speaker for the cue, when the tagger marked no source (the rules' own helpers):
    the subject of its verb (`is warning`: of `warning`), or a noun cue's possessor."""
    from quotex.attribution.cues import speaker_span, subject_of

    verbs = [t for t in cue if t.pos_ == "VERB"] or [t for t in cue if t.pos_ == "AUX"]
    if verbs:
        subj = subject_of(verbs[0], allow_passive=False)
    else:
        root = cue.root
        subj = next((c for c in root.children if c.dep_ in ("poss", "compound") and c.i < root.i), None)
    if subj is None or subj.lower_ in _NON_SPEAKERS or cue.start <= subj.i < cue.end:
        return None
    return speaker_span(subj)


_NON_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which", "who"})


def _kind(text: str, fragments: tuple[Offsets, ...]) -> QuotationKind:
    """direct when every fragment is wrapped in quote marks, mixed when any holds some, else indirect."""
    wrapped = all(_wrapped(text, s, e) for s, e in fragments)
    if wrapped:
        return "direct"
    if any(ch in QUOTE_MARKS and ch not in "'’" for s, e in fragments for ch in text[s:e]):
        return "mixed"
    return "indirect"


def _wrapped(text: str, s: int, e: int) -> bool:
    before = text[max(0, s - 1) : s]
    after = text[e : e + 2]
    return bool(before) and before in QUOTE_MARKS and before not in "'’" and any(c in QUOTE_MARKS for c in after)
