"""Link name mentions into clusters (full names, surnames, first names, `Mr. X`) and tally each cluster's votes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from quotex.assets import word_list
from quotex.attribution.mentions import Mention


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
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


def tally(c: Cluster, mentions: list[Mention], lang: str) -> None:
    """Add the mentions' votes for the cluster's kind, its gender and its titles."""
    gendered = word_list(lang, "male_pronouns") | word_list(lang, "female_pronouns")
    for m in mentions:
        if m.kind:
            c.votes[m.kind] += 2 if (m.kind == "person" and (m.titles or m.gender)) else 1
        if m.pronoun in gendered or m.title_word:
            c.votes["person"] += 1
        if m.gender and not c.gender:
            c.gender = m.gender
        for t in m.titles:
            if t.lower() not in (x.lower() for x in c.titles):
                c.titles.append(t)


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


def link_names(mentions: list[Mention], clusters: list[Cluster]) -> None:
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
