"""The learned cue tables (`models/<lang>/*.tsv`) of a language; plain word lists are `quotex.assets.word_list`."""

from __future__ import annotations

from functools import cache

from quotex.assets import assets_dir, word_list

# Learned object cues below this precision (object marked as content / all occurrences with an
# object) are left out: chosen on dev (issue 8).
OBJECT_CUE_MIN_PRECISION = 0.5
# Learned verb + preposition cues below this precision are left out (chosen on dev, issue 8).
PAIR_MIN_PRECISION = 0.4
# Learned adjective cues below this precision are left out (chosen on dev, issue 8: 0.3 keeps
# `willing`, +1 attribution hit; 0.5 changes nothing on dev).
ADJECTIVE_CUE_MIN_PRECISION = 0.3
# Learned adjective + preposition cues below this precision are left out (chosen on dev, issue 8:
# 0.5 keeps every learned pair and scored best, 0.8 one hit fewer).
ADJECTIVE_PAIR_MIN_PRECISION = 0.5


def _tsv_rows(lang: str, name: str) -> list[tuple[str, float]]:
    """(first column, precision) of a learned table `models/<lang>/<name>.tsv`."""
    rows = []
    for line in (assets_dir() / lang / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, precision, *_ = line.split("\t")
            rows.append((key, float(precision)))
    return rows


@cache
def learned_cues(lang: str) -> dict[str, float]:
    """Cue lemmas learned from PolNeAR train, with how often each was a cue (`cue_verbs.tsv`)."""
    return dict(_tsv_rows(lang, "cue_verbs"))


@cache
def learned_object_cues(lang: str) -> frozenset[str]:
    """Verb lemmas whose direct object PolNeAR train marks as content (`object_cue_verbs.tsv`)."""
    return frozenset(
        lemma for lemma, precision in _tsv_rows(lang, "object_cue_verbs") if precision >= OBJECT_CUE_MIN_PRECISION
    )


@cache
def learned_adjective_cues(lang: str) -> frozenset[str]:
    """Adjective lemmas whose clause PolNeAR train marks as content (`adjective_cues.tsv`): `sure that`."""
    return frozenset(
        lemma for lemma, precision in _tsv_rows(lang, "adjective_cues") if precision >= ADJECTIVE_CUE_MIN_PRECISION
    )


@cache
def learned_adjective_pairs(lang: str) -> frozenset[tuple[str, str]]:
    """(adjective lemma, preposition) cues learned from PolNeAR train (`adjective_preposition_cues.tsv`):
    `critical of`, `worried about`."""
    pairs = set()
    for pair, precision in _tsv_rows(lang, "adjective_preposition_cues"):
        if precision >= ADJECTIVE_PAIR_MIN_PRECISION:
            adj, prep = pair.split()
            pairs.add((adj, prep))
    return frozenset(pairs)


@cache
def prepositional_pairs(lang: str) -> frozenset[tuple[str, str]]:
    """(verb lemma, preposition) cues: the hand list `prepositional_cues.txt` and the learned pairs."""
    pairs = set()
    for entry in word_list(lang, "prepositional_cues"):
        words = entry.split()
        if len(words) >= 2:
            pairs.add((words[0], words[1]))
    for pair, precision in _tsv_rows(lang, "prepositional_cue_pairs"):
        if precision >= PAIR_MIN_PRECISION:
            words = pair.split()
            pairs.add((words[0], words[1]))
    return frozenset(pairs)
