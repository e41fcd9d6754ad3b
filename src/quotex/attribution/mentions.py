"""Find the name mentions of a document: NER names, nicknamed names and PROPN runs the NER missed."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotex.assets import word_list
from quotex.attribution.token_table import table_of, text_of, token_indices
from quotex.attribution.types import Offsets

# spaCy's NER labels → the entity kinds quotex reports (labels, not words: they stay in code)
NAME_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
# Tokens of the possessive clitic as the tokenizer splits it off a name
POSSESSIVE = {"’s", "'s", "’", "'"}


@dataclass
class Mention:
    start: int
    end: int
    name: tuple[str, ...] = ()  # name tokens, title/honorific/possessive stripped
    display: str = ""  # name as written
    kind: str | None = None
    titles: list[str] = field(default_factory=list)
    pronoun: str | None = None
    title_word: str | None = None  # for title-only mentions: `the minister` → minister
    gender: str | None = None
    subject: bool = False
    speaker_of: list[int] = field(default_factory=list)
    cluster: int | None = None
    head: int = 0


def _strip_name(tokens: list[Token]) -> list[Token]:
    """The name inside a mention: without honorifics, a leading title, possessives and articles."""
    if not tokens:
        return tokens
    lang = tokens[0].doc.lang_
    honorifics = word_list(lang, "honorifics")
    out = [t for t in tokens if t.text not in POSSESSIVE and t.lower_ not in honorifics]
    titles = word_list(lang, "titles")
    while out and out[0].lower_ in titles and len(out) > 1:
        out = out[1:]
    while out and not (out[-1].is_alpha or out[-1].text[:1].isalpha()):
        out = out[:-1]
    while out and out[0].lower_ in ("the", "a", "an"):
        out = out[1:]
    return out


def _title_before(doc: Doc, first: int) -> str | None:
    """`Senator Joan Park`, `Russia's Foreign Minister, Sergey Lavrov` → the title text."""
    titles = word_list(doc.lang_, "titles")
    i = first - 1
    comma = False
    if i >= 0 and doc[i].text == ",":
        comma = True
        i -= 1
    end = i + 1
    while (
        i >= 0
        and (
            doc[i].pos_ in ("PROPN", "NOUN", "ADJ")
            or doc[i].text in POSSESSIVE
            or doc[i].lower_ in titles
            or doc[i].lower_ == "of"
        )
        and not doc[i].is_space
    ):
        if doc[i].ent_type_ == "PERSON" and doc[i].lower_ not in titles and not comma:
            break
        i -= 1
    start = i + 1
    if start >= end:
        return None
    words = doc[start:end]
    if not any(t.lower_ in titles for t in words) or words[-1].lower_ not in titles:
        return None
    honorifics = word_list(doc.lang_, "honorifics")
    if doc[start].lower_ == "of" or all(t.lower_ in honorifics for t in words):
        return None
    return words.text


def _appositive_title(head: Token) -> str | None:
    titles = word_list(head.doc.lang_, "titles")
    for child in head.rights:
        if child.dep_ == "appos" and child.lower_ in titles:
            span = head.doc[child.left_edge.i : child.right_edge.i + 1]
            text = span.text.strip(" ,")
            if 0 < len(span) <= 12:
                return text
    return None


def _nicknamed(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Token ranges like `Marco “The Hammer” Vidal`: a name with a quoted nickname inside."""
    quotes = word_list(doc.lang_, "nickname_quote_marks")
    out = []
    for i in table_of(doc).with_orth(quotes):
        t = doc[i]
        if t.i == 0 or doc[t.i - 1].pos_ != "PROPN":
            continue
        k = t.i + 1
        while k < len(doc) and k - t.i <= 4 and doc[k].text not in quotes:
            k += 1
        if k >= len(doc) - 1 or doc[k].text not in quotes or k == t.i + 1:
            continue
        inner = doc[t.i + 1 : k]
        if all(w.text[:1].isupper() or w.lower_ in ("the", "of") for w in inner) and doc[k + 1].pos_ == "PROPN":
            first = t.i - 1
            while first > 0 and doc[first - 1].pos_ == "PROPN":
                first -= 1
            last = k + 1
            while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
                last += 1
            out.append((first, t.i, k, last))
    return out


def name_mentions(doc: Doc, skip: list[Offsets]) -> list[Mention]:
    """Named mentions from NER, plus capitalised PROPN runs the NER missed (not in headings)."""
    out: list[Mention] = []
    covered = token_indices(doc, skip)
    for first, open_, close, last in _nicknamed(doc):
        if first in covered:
            continue
        tokens = list(doc[first : last + 1])
        m = _mention_from_tokens(doc, tokens, "person")
        m.name = tuple(t.text for t in tokens if not open_ <= t.i <= close)
        m.start, m.end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        m.display = text_of(doc)[m.start : m.end]
        m.head = last
        out.append(m)
        covered.update(range(first, last + 1))
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or any(i in covered for i in range(ent.start, ent.end)):
            continue
        if ent.label_ == "NORP" and not ent.root.tag_.endswith("S"):
            continue  # `Russian` as an adjective is no entity
        out.append(_mention_from_tokens(doc, list(ent), NAME_LABELS[ent.label_]))
        covered.update(range(ent.start, ent.end))
    from spacy.symbols import PROPN

    calendar = word_list(doc.lang_, "calendar_words")
    runs: list[list[Token]] = []
    for i in table_of(doc).with_pos(PROPN):
        t = doc[i]
        if i in covered or not (t.text[:1].isupper() and t.is_alpha) or t.lower_ in calendar:
            continue
        if runs and runs[-1][-1].i == i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    titles = word_list(doc.lang_, "titles")
    for run in runs:
        stripped = _strip_name(run)
        if stripped and stripped[0].lower_ not in titles and stripped[-1].lower_ not in titles:
            out.append(_mention_from_tokens(doc, run, _kind_from_conjunct(run[-1])))
    return [m for m in out if m.name]


def _gender(first: str, tokens: list[Token]) -> str | None:
    """From a first name or a gendered title; None when unknown."""
    lang = tokens[0].doc.lang_
    words = {t.lower_ for t in tokens}
    if words & word_list(lang, "feminine_titles"):
        return "f"
    if words & word_list(lang, "masculine_titles"):
        return "m"
    if first in word_list(lang, "female_first_names"):
        return "f"
    if first in word_list(lang, "male_first_names"):
        return "m"
    return None


def _kind_from_conjunct(head: Token) -> str | None:
    """`between Moscow and Kyiv`: a name the NER missed takes the kind of the name it is coordinated with."""
    partners = [head.head] if head.dep_ == "conj" else []
    partners += [c for c in head.children if c.dep_ == "conj"]
    for p in partners:
        if p.ent_type_ in NAME_LABELS and p.ent_type_ != "NORP":
            return NAME_LABELS[p.ent_type_]
    return None


def _mention_from_tokens(doc: Doc, tokens: list[Token], kind: str | None) -> Mention:
    """A name mention with its titles, gender, kind and whether it is a subject."""
    lang = doc.lang_
    titles = word_list(lang, "titles")
    honorifics = word_list(lang, "honorifics")
    name = _strip_name(tokens)
    m = Mention(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text))
    if not name:
        return m
    m.start, m.end = name[0].idx, name[-1].idx + len(name[-1].text)
    m.name = tuple(t.text for t in name)
    m.display = text_of(doc)[m.start : m.end]
    m.kind = kind
    m.head = name[-1].i
    lowered = [t.lower_ for t in tokens]
    if any(w in honorifics for w in lowered):
        m.kind = "person"
        male, female = word_list(lang, "male_honorifics"), word_list(lang, "female_honorifics")
        m.gender = "m" if any(w in male for w in lowered) else ("f" if any(w in female for w in lowered) else None)
    if m.gender is None:
        m.gender = _gender(name[0].lower_, tokens)
    title = _title_before(doc, name[0].i)
    if title:
        m.titles.append(title)
    for t in tokens:
        if t.lower_ in titles and t.i < name[0].i and t.lower_ not in honorifics:
            if not title:
                m.titles.append(doc[t.i : name[0].i].text)
            break
    app = _appositive_title(name[-1])
    if app:
        m.titles.append(app)
    for child in name[-1].rights:
        if child.dep_ == "appos" and child.lower_ in word_list(lang, "organisation_heads"):
            m.kind = "organisation"  # `Blue Fjord, a campaign group …`
    if m.titles and m.kind in (None, "organisation", "place"):
        m.kind = "person"
    head = name[-1]
    m.subject = head.dep_ in ("nsubj", "nsubjpass") or (
        head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")
    )
    return m
