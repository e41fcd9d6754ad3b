"""Names and titles compared across documents, without a parser.

A person's name is split into given names and a surname (the last word); spellings are
folded so that transliteration variants meet (`Sergey`/`Sergei`, `Zelenskyy`/`Zelensky`/
`Zelenskiy`, accents, apostrophes). Titles are compared as word sequences with their
possessive owner dropped (`Russia's Foreign Minister` ~ `Foreign Minister`).
The merge rule that uses these lives in `quotex.aggregate.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words that open a title without being part of it ("the director", "his adviser").
TITLE_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# Lower-case name particles (`Ursula von der Leyen`): part of the surname, not given names.
PARTICLES = frozenset({"von", "van", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della", "bin", "ibn", "al", "el", "ter", "ten"})
_DOUBLED = re.compile(r"(.)\1+")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})


@cache
def _title_words() -> frozenset[str]:
    from quotex.assets import word_list

    return frozenset(w.rstrip(".") for w in word_list("en", "titles"))


def fold(word: str) -> str:
    """One spelling per name: accents, case and punctuation dropped, doubled letters single,
    a final -y/-iy/-ey written -i/-ei (Sergey = Sergei, Zelenskyy = Zelensky = Zelenskiy)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    letters = "".join(c for c in plain.casefold().translate(_UNDECOMPOSED) if c.isalnum())
    letters = _DOUBLED.sub(r"\1", letters)
    if len(letters) > 3:
        if letters.endswith("iy"):
            letters = letters[:-1]
        elif letters.endswith("y"):
            letters = letters[:-1] + "i"
    return letters


def _is_possessive(token: str) -> bool:
    return bool(_POSSESSIVE.search(token))


def _after_possessive(tokens: list[str]) -> list[str]:
    """`Russia's Foreign Minister` -> `Foreign Minister`: the owner says whose, not who."""
    last = max((i for i, t in enumerate(tokens) if _is_possessive(t)), default=-1)
    return tokens[last + 1 :]


def _is_title_word(token: str) -> bool:
    word = token.casefold().rstrip(".,")
    return word in _title_words() or word in HONORIFICS


def _is_initial(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) == 1 or (len(letters) <= 3 and token.count(".") == len(letters))


@dataclass(frozen=True)
class PersonName:
    """A person's name as evidence: folded surname and given names, and any title words."""

    surname: str
    """The last word, folded (`lavrov`)."""
    given: tuple[str, ...]
    """Folded given names before it (`sergei`); an initial is one letter."""
    initial: bool
    """The first given name is only an initial (`S. Lavrov`)."""
    titles: tuple[tuple[str, ...], ...]
    """Title evidence written into the name itself (`Foreign Minister Lavrov`)."""

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    @property
    def bare(self) -> bool:
        return not self.given


def split_name(text: str) -> PersonName | None:
    """Split a person's name (or a query such as `Russia's Foreign Minister Sergey Lavrov`).

    The surname is the last word (after `Jr.` and the like); given names are the words
    between the last title word (or possessive) and the surname, less particles (`von`);
    everything before them is title evidence. Case does not matter, so a query may be typed
    in lower case. None when nothing name-like is left.
    """
    tokens = [t.strip(",;:()[]\"“”") for t in text.split()]
    tokens = [t for t in tokens if t and any(c.isalnum() for c in t)]
    while len(tokens) > 1 and fold(tokens[-1]) in NAME_SUFFIXES:
        tokens.pop()
    if not tokens:
        return None
    *front, last = tokens
    surname = fold(last)
    if not surname:
        return None
    cut = max((i for i, t in enumerate(front) if _is_title_word(t) or _is_possessive(t)), default=-1)
    title_part, given_part = front[: cut + 1], front[cut + 1 :]
    given = tuple(fold(t)[:1] if _is_initial(t) else fold(t) for t in given_part if t.casefold() not in PARTICLES)
    given = tuple(g for g in given if g)
    initial = bool(given_part) and _is_initial(given_part[0]) and bool(given)
    titles = (title_key(" ".join(title_part)),) if title_part else ()
    return PersonName(surname=surname, given=given, initial=initial, titles=tuple(t for t in titles if t))


def title_key(title: str) -> tuple[str, ...]:
    """A title as folded words, without its owner, an opening article or honorifics:
    `Russia's Foreign Minister` -> ("foreign", "minister"); `Mr.` -> ()."""
    tokens = _after_possessive([t for t in title.split() if t])
    while tokens and tokens[0].casefold() in TITLE_OPENERS:
        tokens = tokens[1:]
    words = tuple(fold(t) for t in tokens if fold(t) and fold(t) not in HONORIFICS)
    return words


def titles_compatible(a: set[tuple[str, ...]] | tuple, b: set[tuple[str, ...]] | tuple) -> bool:
    """Some title of `a` and some title of `b` name the same role: equal word sequences, or
    the shorter (of at least two words) ending the longer (`Foreign Minister` ~
    `Russian Foreign Minister`; `President` is not `Vice President`)."""
    for x in a:
        for y in b:
            if not x or not y:
                continue
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if short == long_ or (len(short) >= 2 and long_[-len(short) :] == short):
                return True
    return False


def given_compatible(a: str, b: str) -> bool:
    """Two folded first names can be one person's: equal, or one is the other's initial."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def other_key(name: str) -> str:
    """Organisations, places, groups: the whole name folded, without a leading `the`."""
    tokens = name.split()
    if tokens and tokens[0].casefold() == "the":
        tokens = tokens[1:]
    return " ".join(f for f in (fold(t) for t in tokens) if f)
