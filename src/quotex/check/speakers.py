"""Speaker matching: does a claimed speaker name the entity (or mention) the article credits?"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from quotex.assets import word_list
from quotex.check.normalise import normalise
from quotex.models import Entity, TextSpan

DEFAULT_LANG = "en"
"""The word lists' language when the caller has no pipeline at hand.

A check works on an `ExtractionResult` and its text, without a spaCy pipeline; a caller that
holds one passes its `nlp.lang`. English is the only language quotex has rules for, and a
pipeline in any other language is refused (E203) before a result to check exists.
"""


def name_tokens(name: str, lang: str) -> list[str]:
    """The words of a name as compared: normalised, without possessive `'s` or filler words (`Mr`, `the`)."""
    fillers = word_list(lang, "check_name_fillers")
    norm = normalise(re.sub(r"[’']s\b", "", name))[0]
    return [t for t in norm.split() if t not in fillers]


def _names_someone(tokens: list[str], lang: str) -> bool:
    """Not empty, and not a lone pronoun (`he`, `who`)."""
    return bool(tokens) and not (len(tokens) == 1 and tokens[0] in word_list(lang, "check_pronouns"))


def is_a_name(text: str, lang: str) -> bool:
    """Does `text` name someone (a bare unresolved pronoun does not)?"""
    return _names_someone(name_tokens(text, lang), lang)


def same_word(a: str, b: str) -> bool:
    """Equal, or both at least four letters and close (a typo, a transliteration)."""
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 85)


def _subset(small: list[str], big: list[str]) -> bool:
    return bool(small) and all(any(same_word(t, u) for u in big) for t in small)


def speaker_matches(
    claimed: str, entity: Entity | None, mention: TextSpan | None = None, lang: str = DEFAULT_LANG
) -> bool:
    """Does the claimed speaker name this entity (any mention, full name, surname or title)?"""
    want = name_tokens(claimed, lang)
    if not want:
        return False
    names: list[str] = []
    titles: list[str] = []
    if entity is not None:
        names.append(entity.name)
        names.extend(m.text for m in entity.mentions)
        titles.extend(entity.titles)
    if mention is not None:
        names.append(mention.text)
    for cand in names:
        toks = name_tokens(cand, lang)
        if _names_someone(toks, lang) and _subset(want, toks):  # "Lavrov" in "Sergey Lavrov"
            return True
    for title in titles:
        if name_tokens(title, lang) == want:  # the whole title: "Russia's Foreign Minister"
            return True
        # Part of a title, but not its possessor: "Foreign Minister" matches "Russia’s Foreign
        # Minister"; "Whitlock" does not match "Whitlock’s budget director".
        if _subset(want, name_tokens(re.sub(r"\S+[’']s\b", "", title), lang)):
            return True
    for cand in names:  # "Foreign Minister Sergey Lavrov" ⊇ mention "Lavrov" (the claim's head word)
        toks = name_tokens(cand, lang)
        if _names_someone(toks, lang) and _subset(toks, want) and same_word(want[-1], toks[-1]):
            return True
    return False
