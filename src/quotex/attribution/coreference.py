"""Resolve pronouns and title-only mentions (`he`, `the minister`, `Our President`) to an earlier entity."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from spacy.tokens import Doc

from quotex.assets import word_list
from quotex.attribution.mentions import Mention
from quotex.attribution.name_linking import Cluster
from quotex.attribution.token_table import table_of, text_of
from quotex.attribution.types import Attribution

# How far back (characters) a pronoun or a title-only mention looks for what it refers to
REACH = 1500


class MentionWindow:
    """The mentions that can precede `m` within REACH characters, found by bisection in the
    start-sorted list (filtering the whole list for every reference was quadratic)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [x.start for x in mentions]
        self.longest = max((x.end - x.start for x in mentions), default=0)

    def before(self, m: Mention) -> list[Mention]:
        lo = bisect_left(self.starts, m.start - REACH - self.longest)
        hi = bisect_right(self.starts, m.start)
        return self.mentions[lo:hi]


def direct_speaker_at(
    attributions: list[Attribution], speaker_mentions: dict[int, Mention]
) -> Callable[[int], int | None]:
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


def _holders(clusters: list[Cluster], title_word: str, outer_speaker: int | None) -> list[int]:
    """Clusters other than the speaker's that hold a title containing `title_word`."""
    return [
        ci for ci, c in enumerate(clusters) if ci != outer_speaker and any(title_word in t.lower() for t in c.titles)
    ]


def resolve_reference(
    m: Mention,
    clusters: list[Cluster],
    doc: Doc,
    outer_speaker: int | None,
    attributions: list[Attribution],
    window: MentionWindow,
) -> int | None:
    """Pronouns and title-only mentions → the most salient fitting earlier cluster."""
    lang = doc.lang_
    male, female = word_list(lang, "male_pronouns"), word_list(lang, "female_pronouns")
    gendered = male | female
    if m.pronoun in word_list(lang, "first_person_pronouns"):
        return outer_speaker
    ours = bool(m.title_word) and text_of(doc)[m.start : m.end].lower().startswith(("our ", "my "))
    if m.title_word and outer_speaker is not None and ours:
        # `Our President` in a Russian minister's words: the holder who shares the speaker's country
        stems = {w[:5].lower() for t in clusters[outer_speaker].titles for w in t.split() if w[:1].isupper()}
        same = [
            ci
            for ci in _holders(clusters, m.title_word, outer_speaker)
            if any(
                w[:5].lower() in stems
                for t in clusters[ci].titles
                for w in t.split()
                if w[:1].isupper() and w.lower() != m.title_word
            )
        ]
        if same:
            return same[0]
    own_words = [f for qi in m.speaker_of for f in attributions[qi].fragments]
    before = [
        (x, ci)
        for x in window.before(m)
        if (ci := x.cluster) is not None
        and x.end <= m.start
        and m.start - x.end < REACH
        and not any(s <= x.start < e for s, e in own_words)  # `“I love Larry,” he said`: he is not Larry
    ]
    best, best_score = None, float("-inf")
    recent = None  # the latest fitting subject or speaker in the pronoun's paragraph
    for x, ci in before:
        c = clusters[ci]
        kind = c.kind()
        if m.pronoun in gendered:
            if kind in ("group", "artefact") or (kind != "person" and x.kind not in (None, "person")):
                if _name_shaped(x, lang) and x.subject and (recent is None or x.start > recent.start):
                    recent = x  # `Then Zorbek Tamdin took the floor. He …`: a name the NER took for an organisation
                continue
            if c.gender and m.gender and c.gender != m.gender:
                continue
        elif m.pronoun in word_list(lang, "plural_pronouns"):
            if kind not in ("group", "organisation"):
                continue
        elif m.title_word:
            if not any(m.title_word in t.lower() for t in c.titles) or (ours and ci == outer_speaker):
                continue
        distance = m.start - x.end
        score = -distance / 100.0 + (3.0 if x.subject else 0.0) + (2.0 if x.speaker_of else 0.0)
        if score > best_score:
            best, best_score = ci, score
        if m.pronoun in gendered and (x.subject or x.speaker_of) and (recent is None or x.start > recent.start):
            recent = x
    if recent is not None and "\n" not in text_of(doc)[recent.end : m.start]:
        # `Kellogg said … Then Zorbek Tamdin took the floor. He warned …`: the newest person
        # the paragraph talks about, not the one who spoke before
        return recent.cluster
    if best is None and m.title_word:
        holders = _holders(clusters, m.title_word, outer_speaker)
        if holders:
            return holders[0]
    return best


def _name_shaped(x: Mention, lang: str) -> bool:
    """First name + surname, no organisation word: a person whatever the NER voted."""
    if len(x.name) != 2:
        return False
    heads = word_list(lang, "organisation_heads") | word_list(lang, "group_heads")
    return all(w[:1].isupper() and w.isalpha() and w.lower() not in heads for w in x.name)


def gender_from_own_sentences(doc: Doc, names: list[Mention], clusters: list[Cluster]) -> None:
    """The document's own evidence before the name lists: `Osei said his team was ready` makes
    Osei male when a sentence names one person only and then uses one gendered pronoun for
    them, so that a later `she` does not go to him."""
    male, female = word_list(doc.lang_, "male_pronouns"), word_list(doc.lang_, "female_pronouns")
    pronouns = table_of(doc).with_lower(sorted(male | female))
    if not pronouns:
        return
    starts = [sent.start for sent in doc.sents]
    people_in: dict[int, list[tuple[int, int]]] = {}  # sentence → (end, cluster) of its person mentions
    for m in names:
        if m.cluster is not None and m.kind in (None, "person"):
            people_in.setdefault(bisect_right(starts, m.head), []).append((m.end, m.cluster))
    seen: dict[int, set[str]] = {}
    for i in pronouns:
        people = {ci for end, ci in people_in.get(bisect_right(starts, i), ()) if end <= doc[i].idx}
        if len(people) != 1:
            continue
        seen.setdefault(people.pop(), set()).add("m" if doc[i].lower_ in male else "f")
    for ci, genders in seen.items():
        if len(genders) == 1 and clusters[ci].gender is None:
            clusters[ci].gender = genders.pop()
