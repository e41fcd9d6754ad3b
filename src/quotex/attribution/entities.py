"""Collapse the mentions of each person, organisation, place or group into one entity.

The small model's NER labels are one vote among several: `Lavrov` tagged ORG still joins
`Sergey Lavrov` (PERSON); a title, an honorific or a `he`/`she` makes a cluster a person.
Surnames, first names and `Mr. X` link to the fullest name; pronouns go to the most
salient earlier person; title-only mentions (`the minister`, `Our President`) to the
entity holding that title.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotex.attribution.cues import lexicon, speaker_tokens
from quotex.attribution.token_table import table_of, text_of
from quotex.attribution.types import Attribution, EntityCluster, Offsets

NAME_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "miss", "sir", "dame", "prof."}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
PRONOUNS = MALE | FEMALE | PLURAL | FIRST_PERSON
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


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None

    def best_name(self) -> str:
        named = [m for m in self.mentions if m.name]
        if named:
            best = max(named, key=lambda m: (len(m.name), -m.start))
            return best.display
        return self.mentions[0].display

    def kind(self) -> str:
        if self.votes.get("person", 0) and (
            self.titles or self.gender or self.votes["person"] >= self.votes.most_common(1)[0][1]
        ):
            return "person"
        if not self.votes:
            return "unknown"
        return self.votes.most_common(1)[0][0]


def _strip_name(tokens: list[Token]) -> list[Token]:
    out = [t for t in tokens if t.text not in POSSESSIVE and t.lower_ not in HONORIFICS]
    titles = lexicon("titles")
    while out and out[0].lower_ in titles and len(out) > 1:
        out = out[1:]
    while out and not (out[-1].is_alpha or out[-1].text[:1].isalpha()):
        out = out[:-1]
    while out and out[0].lower_ in ("the", "a", "an"):
        out = out[1:]
    return out


def _title_before(doc: Doc, first: int) -> str | None:
    """`Senator Joan Park`, `Russia's Foreign Minister, Sergey Lavrov` → the title text."""
    titles = lexicon("titles")
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
    if doc[start].lower_ == "of" or all(t.lower_ in HONORIFICS for t in words):
        return None
    return words.text


def _appositive_title(head: Token) -> str | None:
    titles = lexicon("titles")
    for child in head.rights:
        if child.dep_ == "appos" and child.lower_ in titles:
            span = head.doc[child.left_edge.i : child.right_edge.i + 1]
            text = span.text.strip(" ,")
            if 0 < len(span) <= 12:
                return text
    return None


QUOTES = {"“", "”", '"', "‘", "’", "'", "«", "»", "``", "''"}


def _nicknamed(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Token ranges like `Marco “The Hammer” Vidal`: a name with a quoted nickname inside."""
    out = []
    for i in table_of(doc).with_orth(QUOTES):
        t = doc[i]
        if t.i == 0 or doc[t.i - 1].pos_ != "PROPN":
            continue
        k = t.i + 1
        while k < len(doc) and k - t.i <= 4 and doc[k].text not in QUOTES:
            k += 1
        if k >= len(doc) - 1 or doc[k].text not in QUOTES or k == t.i + 1:
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


CALENDAR = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


def _name_mentions(doc: Doc, skip: list[Offsets]) -> list[Mention]:
    """Named mentions from NER, plus capitalised PROPN runs the NER missed (not in headings)."""
    out: list[Mention] = []
    covered: set[int] = set()
    for s, e in skip:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    for first, open_, close, last in _nicknamed(doc):
        if first in covered:
            continue
        tokens = list(doc[first : last + 1])
        m = _from_tokens(doc, tokens, "person")
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
        out.append(_from_tokens(doc, list(ent), NAME_LABELS[ent.label_]))
        covered.update(range(ent.start, ent.end))
    from spacy.symbols import PROPN

    runs: list[list[Token]] = []
    for i in table_of(doc).with_pos(PROPN):
        t = doc[i]
        if i in covered or not (t.text[:1].isupper() and t.is_alpha) or t.lower_ in CALENDAR:
            continue
        if runs and runs[-1][-1].i == i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    titles = lexicon("titles")
    for run in runs:
        stripped = _strip_name(run)
        if stripped and stripped[0].lower_ not in titles and stripped[-1].lower_ not in titles:
            out.append(_from_tokens(doc, run, _kind_from_conjunct(run[-1])))
    return [m for m in out if m.name]


FEMININE_TITLES = {
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "councilwoman",
    "queen",
    "princess",
    "mrs.",
    "ms.",
    "mrs",
    "ms",
    "madam",
    "lady",
    "dame",
}
MASCULINE_TITLES = {"spokesman", "chairman", "congressman", "councilman", "king", "prince", "mr.", "mr", "sir", "lord"}


def _gender(first: str, tokens: list[Token]) -> str | None:
    """From a first name or a gendered title; None when unknown."""
    words = {t.lower_ for t in tokens}
    if words & FEMININE_TITLES:
        return "f"
    if words & MASCULINE_TITLES:
        return "m"
    if first in lexicon("female_first_names"):
        return "f"
    if first in lexicon("male_first_names"):
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


def _from_tokens(doc: Doc, tokens: list[Token], kind: str | None) -> Mention:
    titles = lexicon("titles")
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
    if any(w in HONORIFICS for w in lowered):
        m.kind = "person"
        m.gender = (
            "m"
            if any(w in ("mr.", "mr") for w in lowered)
            else ("f" if any(w in ("mrs.", "ms.", "mrs", "ms") for w in lowered) else None)
        )
    if m.gender is None:
        m.gender = _gender(name[0].lower_, tokens)
    title = _title_before(doc, name[0].i)
    if title:
        m.titles.append(title)
    for t in tokens:
        if t.lower_ in titles and t.i < name[0].i and t.lower_ not in HONORIFICS:
            if not title:
                m.titles.append(doc[t.i : name[0].i].text)
            break
    app = _appositive_title(name[-1])
    if app:
        m.titles.append(app)
    for child in name[-1].rights:
        if child.dep_ == "appos" and child.lower_ in lexicon("organisation_heads"):
            m.kind = "organisation"  # `Blue Fjord, a campaign group …`
    if m.titles and m.kind in (None, "organisation", "place"):
        m.kind = "person"
    head = name[-1]
    m.subject = head.dep_ in ("nsubj", "nsubjpass") or (
        head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")
    )
    return m


def _issuer(root: Token) -> Token | None:
    """Who issued a document: `the agency's report`, `a report by the inspectorate`."""
    for c in root.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _speaker_mention(doc: Doc, span: Offsets, names: list[Mention]) -> Mention:
    """The mention a speaker span stands for: a name inside it, a pronoun, or the noun phrase itself."""
    s, e = span
    inside = [m for m in names if s <= m.start and m.end <= e]
    sp = doc.char_span(s, e, alignment_mode="expand")
    root = sp.root if sp is not None else None
    heads = [m for m in inside if root is None or m.start <= root.idx < m.end]
    if not heads and root is not None and root.lower_ in lexicon("titles"):
        # `the French fisheries minister, Hélène Marchetti`: the named holder speaks
        heads = [m for m in inside if m.kind in (None, "person") and m.start > root.idx]
    if heads:
        person = [m for m in heads if m.kind == "person"]
        return (person or heads)[0]
    if (
        inside
        and root is not None
        and (
            root.lower_ in lexicon("artefact_heads")
            or root.lower_
            in (
                "remarks",
                "comments",
                "words",
                "statement",
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "office",
                "campaign",
                "team",
                "lawyers",
                "lawyer",
                "aides",
                "aide",
            )
        )
    ):
        # `Lavrov's remarks`, `Trump's spokesman` → the named owner speaks through them
        owner = [m for m in inside if any(t.dep_ == "poss" for t in sp if m.start <= t.idx < m.end)]
        if owner and root.lower_ in lexicon("artefact_heads") | {"remarks", "comments", "words", "statement"}:
            return owner[0]
    if root is not None and root.lower_ in lexicon("artefact_heads"):
        issuer = _issuer(root)
        if issuer is not None:
            named = [x for x in names if x.start <= issuer.idx < x.end]
            if named:
                return named[0]  # `the report by the Health Ministry` → the ministry
            i_s, i_e = issuer.left_edge.idx, issuer.right_edge.idx + len(issuer.right_edge.text)
            if s <= i_s and i_e <= e:
                return _speaker_mention(doc, (i_s, i_e), names)
    m = Mention(start=s, end=e, display=text_of(doc)[s:e])
    if sp is None:
        return m
    root = sp.root
    m.head = root.i
    lower = root.lower_
    if len(sp) == 1 and lower in ("who", "which", "that") and root.head.dep_ in ("relcl", "acl"):
        # `Ana Ruiz, who said …`: the relative pronoun stands for its antecedent
        antecedent = root.head.head
        a_s, a_e = speaker_tokens(antecedent)
        if a_e > a_s:
            return _speaker_mention(doc, (doc[a_s].idx, doc[a_e - 1].idx + len(doc[a_e - 1].text)), names)
    if len(sp) == 1 and lower in PRONOUNS:
        m.pronoun = lower
        m.gender = "m" if lower in MALE else "f" if lower in FEMALE else None
        return m
    if lower in lexicon("titles") and root.tag_ in ("NN", "NNP"):
        m.title_word = lower
        m.kind = "person"
        return m
    if root.pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.is_punct for t in sp):
        m.kind = None  # a name the NER missed: its kind comes from the cluster it joins
    elif lower in lexicon("group_heads") or root.tag_ in ("NNS", "NNPS"):
        m.kind = "group"
    elif lower in lexicon("artefact_heads"):
        m.kind = "artefact"
    elif lower in lexicon("organisation_heads"):
        m.kind = "organisation"
    else:
        m.kind = "unknown"
    words = [
        t.text if m.kind is None else t.lower_ for t in sp if t.lower_ not in ("the", "a", "an") and not t.is_punct
    ]
    m.name = tuple(words)
    m.display = text_of(doc)[s:e]
    return m


class _ClusterNames:
    """What linking needs to know of a cluster's names, kept as sets."""

    __slots__ = ("keys", "words", "surnames", "person_surnames", "kinds", "long_names")

    def __init__(self) -> None:
        self.keys: set[tuple[str, ...]] = set()
        self.words: set[str] = set()  # words of its multi-word names
        self.surnames: set[str] = set()
        self.person_surnames: set[str] = set()
        self.kinds: set[str | None] = set()
        self.long_names: list[tuple[str, ...]] = []

    def add(self, key: tuple[str, ...], kind: str | None) -> None:
        self.keys.add(key)
        self.kinds.add(kind)
        if len(key) > 1:
            self.words.update(key)
            self.surnames.add(key[-1])
            self.long_names.append(key)
            if kind == "person":
                self.person_surnames.add(key[-1])


def _link_names(mentions: list[Mention], clusters: list[Cluster]) -> None:
    """Multi-word names make clusters; single words join a cluster whose name contains them."""
    names: list[_ClusterNames] = []
    for m in sorted(mentions, key=lambda m: -len(m.name)):
        if m.cluster is not None or not m.name:
            continue
        key = tuple(w.lower() for w in m.name)
        target = None
        for ci, c in enumerate(names):
            if key in c.keys:
                target = ci
                break
            if len(key) == 1:
                if key[0] in c.words and (
                    # the small model tags bare surnames ORG or GPE: a person's surname wins
                    key[0] in c.person_surnames or m.kind in (None, "person") or m.kind in c.kinds
                ):
                    target = ci if target is None else target
            elif key[-1] in c.surnames and any(
                n[-1] == key[-1] and (n[0] == key[0] or len(n[0]) <= 2 or len(key[0]) <= 2) for n in c.long_names
            ):
                target = ci
        if target is None:
            clusters.append(Cluster())
            names.append(_ClusterNames())
            target = len(clusters) - 1
        m.cluster = target
        clusters[target].mentions.append(m)
        names[target].add(key, m.kind)


def _resolve_reference(
    m: Mention,
    mentions: list[Mention],
    clusters: list[Cluster],
    doc: Doc,
    outer_speaker: int | None,
    attributions=(),
    window: _Window | None = None,
) -> int | None:
    """Pronouns and title-only mentions → the most salient fitting earlier cluster."""
    if m.pronoun in FIRST_PERSON:
        return outer_speaker
    if m.title_word and outer_speaker is not None and text_of(doc)[m.start : m.end].lower().startswith(("our ", "my ")):
        # `Our President` in a Russian minister's words: the holder who shares the speaker's country
        holders = [
            ci
            for ci, c in enumerate(clusters)
            if ci != outer_speaker and any(m.title_word in t.lower() for t in c.titles)
        ]
        stems = {w[:5].lower() for t in clusters[outer_speaker].titles for w in t.split() if w[:1].isupper()}
        same = [
            ci
            for ci in holders
            if any(
                w[:5].lower() in stems
                for t in clusters[ci].titles
                for w in t.split()
                if w[:1].isupper() and w.lower() != m.title_word
            )
        ]
        if same:
            return same[0]
    ours = bool(m.title_word) and text_of(doc)[m.start : m.end].lower().startswith(("our ", "my "))
    own_words = [f for qi in m.speaker_of for f in attributions[qi].fragments] if attributions else []
    before = [
        x
        for x in (window.before(m) if window else mentions)
        if x.cluster is not None
        and x.end <= m.start
        and m.start - x.end < 1500
        and not any(s <= x.start < e for s, e in own_words)  # `“I love Larry,” he said`: he is not Larry
    ]
    best, best_score = None, float("-inf")
    recent = None  # the latest fitting subject or speaker in the pronoun's paragraph
    for x in before:
        c = clusters[x.cluster]
        kind = c.kind()
        if m.pronoun in MALE | FEMALE:
            if kind in ("group", "artefact") or (kind != "person" and x.kind not in (None, "person")):
                if _name_shaped(x) and x.subject and (recent is None or x.start > recent.start):
                    recent = x  # `Then Zorbek Tamdin took the floor. He …`: a name the NER took for an organisation
                continue
            if c.gender and m.gender and c.gender != m.gender:
                continue
        elif m.pronoun in PLURAL:
            if kind not in ("group", "organisation"):
                continue
        elif m.title_word:
            if not any(m.title_word in t.lower() for t in c.titles) or (ours and x.cluster == outer_speaker):
                continue
        distance = m.start - x.end
        score = -distance / 100.0 + (3.0 if x.subject else 0.0) + (2.0 if x.speaker_of else 0.0)
        if score > best_score:
            best, best_score = x.cluster, score
        if m.pronoun in MALE | FEMALE and (x.subject or x.speaker_of) and (recent is None or x.start > recent.start):
            recent = x
    if recent is not None and "\n" not in text_of(doc)[recent.end : m.start]:
        # `Kellogg said … Then Zorbek Tamdin took the floor. He warned …`: the newest person
        # the paragraph talks about, not the one who spoke before
        return recent.cluster
    if best is None and m.title_word:
        holders = [
            ci
            for ci, c in enumerate(clusters)
            if ci != outer_speaker and any(m.title_word in t.lower() for t in c.titles)
        ]
        if holders:
            return holders[0]
    return best


def _name_shaped(x: Mention) -> bool:
    """First name + surname, no organisation word: a person whatever the NER voted."""
    if len(x.name) != 2:
        return False
    heads = lexicon("organisation_heads") | lexicon("group_heads")
    return len(x.name) == 2 and all(w[:1].isupper() and w.isalpha() and w.lower() not in heads for w in x.name)


def _gender_from_own_sentences(doc: Doc, names: list[Mention], clusters: list[Cluster]) -> None:
    """The document's own evidence before the name lists: `Osei said his team was ready` makes
    Osei male when a sentence names one person only and then uses one gendered pronoun for
    them, so that a later `she` does not go to him."""
    pronouns = table_of(doc).with_lower(sorted(MALE | FEMALE))
    if not pronouns:
        return
    starts = [sent.start for sent in doc.sents]
    by_sentence: dict[int, list[Mention]] = {}
    for m in names:
        if m.cluster is not None and m.kind in (None, "person"):
            by_sentence.setdefault(bisect_right(starts, m.head), []).append(m)
    seen: dict[int, set[str]] = {}
    for i in pronouns:
        people = [m for m in by_sentence.get(bisect_right(starts, i), ()) if m.end <= doc[i].idx]
        if len({m.cluster for m in people}) != 1:
            continue
        seen.setdefault(people[0].cluster, set()).add("m" if doc[i].lower_ in MALE else "f")
    for ci, genders in seen.items():
        if len(genders) == 1 and clusters[ci].gender is None:
            clusters[ci].gender = genders.pop()


class _Window:
    """The mentions that can precede `m` within 1,500 characters, found by bisection in the
    start-sorted list (filtering the whole list for every reference was quadratic)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [x.start for x in mentions]
        self.longest = max((x.end - x.start for x in mentions), default=0)

    def before(self, m: Mention) -> list[Mention]:
        lo = bisect_left(self.starts, m.start - 1500 - self.longest)
        hi = bisect_right(self.starts, m.start)
        return self.mentions[lo:hi]


def _direct_speaker_at(attributions, speaker_mentions):
    """Index of the last direct quotation with a speaker whose fragment holds a position."""
    frags = sorted(
        (s, e, qi)
        for qi, att in enumerate(attributions)
        if att.kind == "direct" and qi in speaker_mentions
        for s, e in att.fragments
    )
    starts = [f[0] for f in frags]
    longest = max((e - s for s, e, _ in frags), default=0)

    def at(pos: int) -> int | None:
        k, found = bisect_right(starts, pos), None
        while k > 0 and starts[k - 1] > pos - longest:
            k -= 1
            s, e, qi = frags[k]
            if s <= pos < e and (found is None or qi > found):
                found = qi
        return found

    return at


def _tally(c: Cluster, mentions: list[Mention]) -> None:
    for m in mentions:
        if m.kind:
            c.votes[m.kind] += 2 if (m.kind == "person" and (m.titles or m.gender)) else 1
        if m.pronoun in MALE | FEMALE or m.title_word:
            c.votes["person"] += 1
        if m.gender and not c.gender:
            c.gender = m.gender
        for t in m.titles:
            if t.lower() not in (x.lower() for x in c.titles):
                c.titles.append(t)


def resolve_entities(doc: Doc, attributions: list[Attribution], skip: list[Offsets] = ()):
    """(entities, quotation index → entity index, quotation index → entity indices it mentions)."""
    names = _name_mentions(doc, list(skip))
    speaker_mentions: dict[int, Mention] = {}
    extra: list[Mention] = []
    by_span: dict[Offsets, Mention] = {}
    listed = {id(x) for x in names}  # identity, as before, without a scan per speaker
    for qi, att in enumerate(attributions):
        if att.speaker is None:
            continue
        if att.speaker not in by_span:
            by_span[att.speaker] = _speaker_mention(doc, att.speaker, names)
        m = by_span[att.speaker]
        m.speaker_of.append(qi)
        speaker_mentions[qi] = m
        if id(m) not in listed:
            listed.add(id(m))
            extra.append(m)
    clusters: list[Cluster] = []
    _link_names([m for m in names + extra if m.name and not m.pronoun and not m.title_word], clusters)
    all_mentions = sorted(names + extra, key=lambda m: m.start)
    for c in clusters:
        _tally(c, c.mentions)
    _gender_from_own_sentences(doc, names, clusters)

    # references in text order, so that a pronoun can lean on an earlier resolved pronoun
    window = _Window(all_mentions)
    direct_speaker_at = _direct_speaker_at(attributions, speaker_mentions)
    for m in all_mentions:
        if m.cluster is not None:
            continue
        qi = direct_speaker_at(m.start)
        outer = speaker_mentions[qi].cluster if qi is not None else None
        m.cluster = _resolve_reference(m, all_mentions, clusters, doc, outer, attributions, window)
        if m.cluster is None and m.title_word:
            clusters.append(Cluster())
            m.cluster = len(clusters) - 1
        if m.cluster is not None:
            clusters[m.cluster].mentions.append(m)
            _tally(clusters[m.cluster], [m])

    # keep clusters that speak, are spoken about, or are named; drop empty ones; order by first mention
    used = [ci for ci, c in enumerate(clusters) if c.mentions]
    used.sort(key=lambda ci: min(m.start for m in clusters[ci].mentions))
    new_id = {ci: k for k, ci in enumerate(used)}
    entities = []
    for ci in used:
        c = clusters[ci]
        spans = sorted({(m.start, m.end) for m in c.mentions})
        entities.append(EntityCluster(name=c.best_name(), kind=c.kind(), titles=tuple(c.titles), mentions=tuple(spans)))
    speaker_entity = {qi: new_id.get(m.cluster) for qi, m in speaker_mentions.items() if m.cluster is not None}
    about: dict[int, list[int]] = {}
    named = [m for m in all_mentions if m.cluster is not None and not m.pronoun and m.cluster in new_id]
    named_starts = [m.start for m in named]
    for qi, att in enumerate(attributions):
        found = []
        for s, e in att.fragments:
            for m in named[bisect_left(named_starts, s) : bisect_left(named_starts, e)]:
                eid = new_id[m.cluster]
                if m.end <= e and eid not in found and eid != speaker_entity.get(qi):
                    found.append(eid)
        about[qi] = found
    return entities, speaker_entity, about
