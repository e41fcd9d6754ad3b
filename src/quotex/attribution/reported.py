"""Reported (indirect) speech from the parse: one scan of a document's verbs and cue words, each sent to its rule."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.adjective_cues import adjective_cues
from quotex.attribution.cues import QUOTE_CHARS, cue_class_of
from quotex.attribution.object_content import object_cue
from quotex.attribution.phrase_cues import according_to, in_view, possessive_noun_cues
from quotex.attribution.stance_cues import from_noun, noun_cue, prepositional_cue
from quotex.attribution.token_table import table_of, text_of, token_indices
from quotex.attribution.types import Attribution
from quotex.attribution.verb_cues import from_verb


def find_reported(doc: Doc, skip_lines: list[tuple[int, int]]) -> list[Attribution]:
    """Every reported-speech attribution outside the skipped lines (headings, furniture, name lines):
    a cue verb with a clausal complement (`said that …`, `questioned whether …`), an infinitive of
    intent (`wants to …`), a parenthetical (`…, Lavrov said,`), a participle whose speaker is the
    main subject (`…, saying that …`), an object or a preposition (`called it a hoax`, `warned
    against X`), a cue noun (`raised doubts about X`, `Trump's claim that …`), `according to X`
    and `in X's view`; an adjective with a clause (`was sure that …`, `were willing to …`)."""
    out: list[Attribution] = []
    skipped = token_indices(doc, skip_lines)
    questions = _writers_questions(doc)
    for i in table_of(doc).verbal():
        token = doc[i]
        if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass") or i in skipped:
            continue
        if _authors_question(token, questions) or _no_comment(token):
            continue
        noun = noun_cue(token)
        if noun is not None and noun[1] is not None:
            att = from_noun(token, noun[0], noun[1])
            if att is not None:
                out.append(att)
            continue
        cls = cue_class_of(token)
        if cls is None and object_cue(token):
            cls = "belief"  # `endorsed the plan`, `polls show a tight race`: a stance on a noun phrase
        if cls is None or (cls == "belief" and token.dep_ == "xcomp"):
            att = prepositional_cue(token) if token.dep_ != "xcomp" else None
            if att is not None:
                out.append(att)
            continue  # `want to see`: the inner verb is part of the outer content
        att = from_verb(token, cls)
        if att is None:
            att = prepositional_cue(token)
        if att is not None:
            out.append(att)
    out.extend(according_to(doc, skipped))
    out.extend(possessive_noun_cues(doc, skipped))
    out.extend(in_view(doc, skipped))
    out.extend(adjective_cues(doc, skipped))
    return out


def _writers_questions(doc: Doc) -> set[int]:
    """Tokens of the questions the writer asks (`Did Ruiz really say that …?`): they report nothing."""
    if "?" not in text_of(doc):
        return set()  # most articles ask nothing
    out: set[int] = set()
    lang = doc.lang_
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space and t.text not in QUOTE_CHARS), None)
        if last is None or last.text != "?":
            continue
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if (
            first is not None
            and first.lower_ in word_list(lang, "question_openers")
            and not any(t.text in QUOTE_CHARS for t in sent)
        ):
            out.update(range(sent.start, sent.end))
    return out


def _authors_question(verb: Token, questions: set[int]) -> bool:
    return verb.i in questions and verb.lemma_ not in word_list(verb.doc.lang_, "asking_verbs")


def _no_comment(verb: Token) -> bool:
    """`would not comment`, `did not respond`: declining to speak is no attribution."""
    return verb.lemma_ in word_list(verb.doc.lang_, "no_comment_verbs") and any(c.dep_ == "neg" for c in verb.children)
