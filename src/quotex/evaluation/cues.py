"""A small cue lexicon for classing *gold* cues (PolNeAR has no cue classes).

Classes match the predictions' `cue_class`: `speech` (a speech verb anywhere in the
cue: "said", "has said", "told reporters"), `according_to`, `punctuation` (cue made
only of a colon or a dash), `belief` (any other cue: belief, intent, perception,
evidence verbs such as "think", "wants", "shows"), `none` (no cue).
"""

from __future__ import annotations

import re

SPEECH_VERBS = """
say tell state add note explain claim argue insist write report announce declare ask answer
reply respond comment remark mention warn urge call describe suggest acknowledge admit deny
confirm repeat reiterate recall predict promise pledge vow assert contend maintain emphasize
emphasise stress point testify tweet post quip joke concede complain boast charge accuse
criticize criticise blast slam praise agree disagree speak talk continue conclude exclaim shout
whisper mutter cry yell advise inform assure observe propose recommend demand order proclaim
lament question retort counter interject chime email text quote cite recount relate reveal
disclose allege caution plead protest object lash attack decry condemn denounce mock tout
thank apologize apologise announce brief preach pronounce rail scoff sneer grumble groan
""".split()

_IRREGULAR = """
said says saying told telling wrote written writing spoke spoken speaking cried cries
admitted admitting quipped quipping slammed slamming emailed emailing texted posted
""".split()

COLON_DASH = frozenset(":—―–-")


def _forms(base: str) -> set[str]:
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


SPEECH_FORMS = frozenset(set(_IRREGULAR).union(*(_forms(b) for b in SPEECH_VERBS)))

_WORD = re.compile(r"[a-z]+")


def classify_cue(text: str | None) -> str:
    """The class of a gold cue's text: speech, belief, according_to, punctuation or none."""
    if text is None or not text.strip():
        return "none"
    low = " ".join(text.lower().split())
    if "according to" in low:
        return "according_to"
    words = _WORD.findall(low)
    if not words:
        return "punctuation" if any(c in COLON_DASH for c in low) else "belief"
    if any(w in SPEECH_FORMS for w in words):
        return "speech"
    return "belief"
