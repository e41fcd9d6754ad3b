"""The class of a cue from its text alone: for gold cues (PolNeAR has no classes) and the tagger's cues."""

from __future__ import annotations

import re
from functools import cache

from quotex.assets import word_list

COLON_DASH = frozenset(":—―–-")


def _forms(base: str) -> set[str]:
    """A verb's regular forms (`say`, `says`, `sayed`, `saying`): the irregular ones are listed."""
    out = {base}
    if base.endswith("e"):
        out |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        out |= {base + "es", base + "ed", base + "ing"}
    else:
        out |= {base + "s", base + "ed", base + "ing"}
    return out


@cache
def speech_forms() -> frozenset[str]:
    """Every form of the scorer's speech verbs (a fixed list, independent of the extractor's)."""
    bases = word_list("en", "scorer_speech_verbs")
    return frozenset(word_list("en", "scorer_irregular_forms").union(*(_forms(b) for b in bases)))


_WORD = re.compile(r"[a-z]+")


def classify_cue(text: str | None) -> str:
    """The class of a cue's text, as the predictions' `cue_class`: `speech` (a speech verb anywhere
    in the cue: "said", "has said", "told reporters"), `according_to`, `punctuation` (only a colon
    or a dash), `belief` (any other cue: belief, intent, perception, evidence verbs such as "think",
    "wants", "shows"), `none` (no cue). English: the scorer's fixed lists, and PolNeAR is English."""
    if text is None or not text.strip():
        return "none"
    low = " ".join(text.lower().split())
    if "according to" in low:
        return "according_to"
    words = _WORD.findall(low)
    if not words:
        return "punctuation" if any(c in COLON_DASH for c in low) else "belief"
    forms = speech_forms()
    if any(w in forms for w in words):
        return "speech"
    return "belief"
