"""Locate the pipeline's own data files (`models/` in the repo, `quotex/_assets` in a wheel)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    packaged = Path(__file__).parent / "_assets"
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "models"
    if repo.is_dir():
        return repo
    raise FileNotFoundError("quotex assets not found (expected quotex/_assets or <repo>/models)")


def rule_languages() -> list[str]:
    """Languages that have quotex's word lists (a `models/<lang>/` folder)."""
    return sorted(d.name for d in assets_dir().iterdir() if d.is_dir() and (d / "speech_verbs.txt").is_file())


@cache
def word_list(lang: str, name: str) -> frozenset[str]:
    """A plain word list: one entry a line, `#` starts a comment, compared lower-cased."""
    path = assets_dir() / lang / f"{name}.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)
