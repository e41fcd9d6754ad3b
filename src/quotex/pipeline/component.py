"""spaCy components: paragraph boundaries (before the parser) and `quotex` (after it).

No `from __future__ import annotations` here: confection validates factory signatures at run
time and cannot resolve postponed annotations.
"""

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotex.attribution import find_attributions
from quotex.attribution.entity_resolution import resolve_entities
from quotex.spans import merge_spans

USER_DATA_KEY = "quotex"
ERROR_KEY = "quotex_error"
SPAN_GROUPS = ("quotex_content", "quotex_cue", "quotex_speaker", "quotex_mentions")


def _register_extensions() -> None:
    if not Doc.has_extension("quotex"):
        Doc.set_extension("quotex", getter=lambda doc: doc.user_data.get(USER_DATA_KEY))


class ParagraphBoundaries:
    """A line break always ends a sentence in news copy; the parser alone often runs over it."""

    def __call__(self, doc: Doc) -> Doc:
        # Set through an array: `token.is_sent_start = True` rescans the whole Doc on every call
        # (spaCy checks `has_annotation("DEP")`), which made this quadratic in the line count.
        from spacy.attrs import SENT_START

        starts = doc.to_array([SENT_START])
        changed = False
        prev = None
        for token in doc:
            if prev is not None and ("\n" in prev.text or "\n" in prev.whitespace_) and not token.is_space:
                starts[token.i] = 1
                changed = True
            prev = token
        if changed:
            # spaCy's stubs type to_array as float64; it returns the uint64 array from_array takes
            doc.from_array([SENT_START], starts.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


def check_language(nlp: Language) -> None:
    """quotex's rules are word lists of one language: another pipeline gets E203, not English rules."""
    from quotex.assets import rule_languages
    from quotex.errors import Err, QuotexError

    supported = rule_languages()
    if nlp.lang not in supported:
        name = f"{nlp.meta.get('lang', nlp.lang)}_{nlp.meta.get('name', 'pipeline')}"
        raise QuotexError(Err.UNSUPPORTED_LANGUAGE, supported=", ".join(supported), name=name, lang=nlp.lang)


class QuotexComponent:
    """Finds quotations and their speakers; results go to `doc.spans` and `doc._.quotex`."""

    def __init__(self, nlp: Language, name: str = "quotex", reported: bool = True) -> None:
        check_language(nlp)
        self.name = name
        self.reported = reported
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        try:
            attributions, skip = find_attributions(doc, reported=self.reported)
            entities, speaker_entity, about = resolve_entities(doc, attributions, skip)
            store(doc, attributions, entities, speaker_entity, about)
        except Exception as exc:  # noqa: BLE001
            # One document's bug must not take down `nlp.pipe` and the batch with it: the
            # failure is kept on the Doc and reported as that document's error record (E901).
            import traceback

            doc.user_data[ERROR_KEY] = (f"{type(exc).__name__}: {exc}", traceback.format_exc())
        return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def store(doc: Doc, attributions, entities, speaker_entity, about) -> None:
    groups: dict[str, list[Span | None]] = {name: [] for name in SPAN_GROUPS}
    quotations = []
    for i, att in enumerate(attributions):
        qid = f"q{i + 1}"
        # rules that widen a piece can make two meet: keep fragments ordered and disjoint
        att = att._replace(fragments=tuple(merge_spans(att.fragments)))
        for s, e in att.fragments:
            groups["quotex_content"].append(_span(doc, s, e, qid))
        if att.cue:
            groups["quotex_cue"].append(_span(doc, att.cue[0], att.cue[1], qid))
        if att.speaker:
            groups["quotex_speaker"].append(_span(doc, att.speaker[0], att.speaker[1], qid))
        quotations.append(
            {
                "id": qid,
                "kind": att.kind,
                "fragments": [list(f) for f in att.fragments],
                "cue": list(att.cue) if att.cue else None,
                "cue_class": att.cue_class,
                "speaker": list(att.speaker) if att.speaker else None,
                "entity": f"e{speaker_entity[i] + 1}" if speaker_entity.get(i) is not None else None,
                "confidence": round(att.confidence, 3),
                "method": att.method,
                "parent": f"q{att.parent + 1}" if att.parent is not None else None,
                "about": [f"e{j + 1}" for j in about.get(i, ())],
            }
        )
    ents = []
    for j, ent in enumerate(entities):
        eid = f"e{j + 1}"
        for s, e in ent.mentions:
            groups["quotex_mentions"].append(_span(doc, s, e, eid))
        ents.append(
            {
                "id": eid,
                "name": ent.name,
                "kind": ent.kind,
                "titles": list(ent.titles),
                "mentions": [list(m) for m in ent.mentions],
            }
        )
    for name, spans in groups.items():
        doc.spans[name] = [s for s in spans if s is not None]
    doc.user_data[USER_DATA_KEY] = {"quotations": quotations, "entities": ents}


@Language.factory("quotex_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries()


@Language.factory("quotex", default_config={"reported": True})
def make_quotex(nlp: Language, name: str, reported: bool) -> QuotexComponent:
    """`reported=False`: direct quotations only (no reported speech, no mixed quotations)."""
    return QuotexComponent(nlp, name, reported)
