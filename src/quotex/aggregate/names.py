"""Names and titles compared across documents, without a parser.

A person's name is split into given names and a surname (the last word); spellings are
folded so that transliteration variants meet (`Sergey`/`Sergei`, `Zelenskyy`/`Zelensky`/
`Zelenskiy`, accents, apostrophes). Titles are compared as word sequences with their
possessive owner dropped (`Russia's Foreign Minister` ~ `Foreign Minister`).
The merge rule that uses these lives in `quotex.aggregate.merge`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache

from quotex.assets import word_list

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_DOUBLED = re.compile(r"(.)\1+")
_DASHES = re.compile(r"\s(?:-|--|–|—)\s")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})


# Corpus views read stored JSON output, with no spaCy pipeline whose `nlp.lang` could choose
# the word lists: English is their default language (every output quotex ships is English).
LANG = "en"


def _words(name: str) -> frozenset[str]:
    """One of the word lists in `models/<LANG>/` (cached by `word_list`)."""
    return word_list(LANG, name)


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in _words("titles"))


@lru_cache(maxsize=65536)
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
    titles = _title_words()
    return (
        word in titles
        or word in _words("actor_honorifics")
        or (len(word) > 3 and word.endswith("s") and word[:-1] in titles)
    )


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
    suffix: str = ""
    """A generational suffix, folded (`jr`): Donald Trump Jr. is not Donald Trump."""

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    @property
    def bare(self) -> bool:
        return not self.given


def _tokens(text: str) -> list[str]:
    tokens = [t.strip(';:()[]"“”') for t in text.split()]
    return [t for t in tokens if t and any(c.isalnum() for c in t)]


def _is_capitalised(token: str) -> bool:
    letter = next((c for c in token if c.isalpha()), "")
    return letter.isupper()


def _name_word(token: str) -> bool:
    """May stand before a surname in a name as written in an article (strict mode)."""
    low = token.casefold().rstrip(".")
    return (
        _is_capitalised(token)
        or _is_initial(token)
        or low in _words("name_particles")
        or low in _words("role_words")
        or _is_title_word(token)
    )


@cache
def split_name(text: str, strict: bool = False) -> PersonName | None:
    """Split a person's name (or a query such as `Russia's Foreign Minister Sergey Lavrov`).

    The surname is the last word (`Jr.` and the like are kept apart as `suffix`); given names
    are the words between the last title word, role word or possessive and the surname, less
    particles (`von`); the words before them are title evidence when they hold a title word
    (`Foreign Minister`), and so is an appositive before the last comma.

    `strict` (entity names from articles): the part after the last comma must read as a name,
    a capitalised surname with only capitalised words, initials, particles, title and role
    words before it; `supporters of Hillary Clinton`, `Clinton's campaign` or `the minister`
    are descriptions, not names (None). Queries are not strict: case does not matter.
    """
    # A dateline (`CLEVELAND - Donald Trump`) or a dash-led aside: the name is after the dash.
    text = _DASHES.split(text)[-1] if _DASHES.search(text) and _tokens(_DASHES.split(text)[-1]) else text
    appositive, comma, core = text.rpartition(",")
    if comma and not _tokens(core):
        appositive, core = "", appositive
    found = _split(core, appositive, strict)
    if found is None and strict and comma:  # `Dr. Jane Doe, the director of the institute`
        head, _, rest = text.partition(",")
        found = _split(head, rest, strict)
    return found


def _split(core: str, appositive: str, strict: bool) -> PersonName | None:
    tokens = [t.rstrip(",") for t in _tokens(core)]
    suffix = ""
    while len(tokens) > 1 and fold(tokens[-1]) in _words("name_suffixes"):
        suffix = suffix or fold(tokens.pop())
    if not tokens:
        return None
    *front, last = tokens
    surname = fold(last)
    if not surname:
        return None
    if strict and (not _is_capitalised(last) or _is_possessive(last) or not all(map(_name_word, front))):
        return None
    cut = max(
        (
            i
            for i, t in enumerate(front)
            if _is_title_word(t) or _is_possessive(t) or t.casefold().rstrip(".") in _words("role_words")
        ),
        default=-1,
    )
    title_part, given_part = front[: cut + 1], front[cut + 1 :]
    if strict:  # given names start at a known first name if any (`Entrusting Donald Trump`)
        known = next((i for i, t in enumerate(given_part) if _known_first(t)), 0)
        given_part = given_part[known:]
    given = tuple(
        fold(t)[:1] if _is_initial(t) else fold(t) for t in given_part if t.casefold() not in _words("name_particles")
    )
    given = tuple(g for g in given if g)
    if strict and not given and _is_title_word(last):  # `the Speaker`, `President`: a title, not a name
        return None
    if strict and title_part and not any(_is_title_word(t) or _is_possessive(t) for t in title_part):
        return None  # `Underestimation of Cruz`: words before a name must hold a title to be one
    initial = bool(given_part) and _is_initial(given_part[0]) and bool(given)
    titles = tuple(
        key
        for part in (" ".join(title_part), _appositive_title(appositive))
        if any(_is_title_word(t) for t in part.split())
        if (key := title_key(part))
    )
    return PersonName(surname=surname, given=given, initial=initial, titles=titles, suffix=suffix)


def _appositive_title(text: str) -> str:
    """The title an appositive gives, up to its title word and a following `of State`-like
    name: `the presumptive Democratic nominee and strong favorite to win` -> `the presumptive
    Democratic nominee`."""
    tokens = text.split()
    first = next((i for i, t in enumerate(tokens) if _is_title_word(t)), None)
    if first is None:
        return ""
    end = first + 1
    while end + 1 < len(tokens) and tokens[end] in ("of", "for") and _is_capitalised(tokens[end + 1]):
        end += 2
        while end < len(tokens) and _is_capitalised(tokens[end]):
            end += 1
    return " ".join(tokens[:end])


def is_proper_description(name: str) -> bool:
    """A description that still names someone in particular (`Clinton's campaign`, `Team
    Clinton`, `Aides to Mr. Sanders`): a capitalised word after the first that is not a title,
    or a capitalised possessive first word. `the minister`, `the President`, `Officials`,
    `you` are generic: the same words are other people in other articles."""
    tokens = _tokens(name)
    if not tokens:
        return False
    if _is_capitalised(tokens[0]) and _is_possessive(tokens[0]):
        return True
    return any(_is_capitalised(t) and not _is_title_word(t) for t in tokens[1:])


@cache
def _first_names(gender: str) -> frozenset[str]:
    return frozenset(fold(n) for n in _words(f"{gender}_first_names"))


def _known_first(token: str) -> bool:
    name = fold(token)
    return name in _first_names("male") or name in _first_names("female")


def first_name_gender(first: str | None) -> str | None:
    """`m` or `f` when the first name is on one of quotex's first-name lists only."""
    if not first or len(first) < 2:
        return None
    male, female = first in _first_names("male"), first in _first_names("female")
    return "m" if male and not female else "f" if female and not male else None


def gender_of(name: str, titles: tuple[str, ...], mentions: tuple[str, ...]) -> str | None:
    """`m`, `f` or None: pronoun mentions (`he`, `she`), gendered honorifics and titles (`Mrs.`,
    `spokeswoman`) and the first name vote; any disagreement means unknown."""
    votes = set()
    words = [m for m in mentions if " " not in m]  # pronouns are one word; names are checked below
    for text in (name, *titles):
        words.extend(text.split())
    for token in words:
        word = token.casefold().strip(".,;:'’\"“”")
        if word in _words("male_words"):
            votes.add("m")
        elif word in _words("female_words"):
            votes.add("f")
    person = split_name(name)
    if person and (g := first_name_gender(person.first)):
        votes.add(g)
    return votes.pop() if len(votes) == 1 else None


def is_title(title: str) -> bool:
    """Holds a title or role word (`Republican presidential candidate`, `Sen.`), not only an
    honorific: other strings the extractor gives as titles are no evidence."""
    return any(_is_title_word(t) and t.casefold().rstrip(".") not in _words("actor_honorifics") for t in title.split())


@cache
def title_key(title: str) -> tuple[str, ...]:
    """A title as folded words, without its owner, an opening article or honorifics:
    `Russia's Foreign Minister` -> ("foreign", "minister"); `Mr.` -> ()."""
    tokens = _after_possessive([t for t in title.split() if t])
    while tokens and tokens[0].casefold() in _words("title_openers"):
        tokens = tokens[1:]
    words = tuple(fold(t) for t in tokens if fold(t) and fold(t) not in _words("actor_honorifics"))
    return words


def titles_compatible(a: Collection[tuple[str, ...]], b: Collection[tuple[str, ...]]) -> bool:
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
