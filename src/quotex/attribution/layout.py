"""Article layout: headings and site furniture (no attributions, but for the newsroom
headline conventions), and transcripts whose turns open with a speaker label."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from quotex.assets import word_list
from quotex.attribution.confidence import confidence
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Attribution, Offsets

if TYPE_CHECKING:
    from quotex.attribution.direct import DocIndex


def is_heading(text: str) -> bool:
    """Title Case line with no closing sentence punctuation (or a short first line)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words:
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    ends = text.rstrip()[-1:]
    if len(words) > 25:
        return False
    return len(long_words) >= 2 and capitalised / len(long_words) >= 0.8 and (ends not in ".!?" or capitalised >= 4)


def layout_lines(index: DocIndex) -> tuple[list[Offsets], list[Offsets]]:
    """(headings, furniture such as `READ ALSO:` lines): neither carries a cue of the body text."""
    text = text_of(index.doc)
    starts = _furniture(index.doc.lang_)
    headings: list[Offsets] = []
    furniture: list[Offsets] = []
    for s, e in index.paragraphs:
        line = text[s:e]
        if line.lower().startswith(starts):
            furniture.append((s, e))
        elif is_heading(line):
            headings.append((s, e))
    return headings, furniture


_LABEL = re.compile(r"""^[“"'‘`]*(?P<label>[A-Z][A-Z.'’\- ]{1,40}?[A-Z.]):\s+(?=\S)""")
_HEADLINE_NAME = re.compile(r"^(?P<label>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):\s+(?=\S)")


def transcript_turns(index: DocIndex) -> list[Attribution]:
    """`WALLACE: …` / `"PENCE: …` paragraphs of a transcript, each turn running on through
    unlabelled continuation paragraphs. Needs two labelled paragraphs to count as a transcript."""
    text = text_of(index.doc)
    furniture = _furniture(index.doc.lang_)
    labelled = []
    for k, (s, e) in enumerate(index.paragraphs):
        m = _LABEL.match(text[s:e])
        if m and not text[s + m.start("label") : s + m.end("label")].lower().startswith(furniture):
            labelled.append((k, s + m.start("label"), s + m.end("label"), s + m.end()))
    if len(labelled) < 2:
        return []
    out = []
    for n, (k, ls, le, cs) in enumerate(labelled):
        stop = labelled[n + 1][0] if n + 1 < len(labelled) else len(index.paragraphs)
        end = index.paragraphs[k][1]
        for j in range(k + 1, stop):
            ps, pe = index.paragraphs[j]
            if text[ps] not in "“\"'‘`":
                break  # the transcript ended: the writer's own prose again
            end = pe
        out.append(
            Attribution(
                fragments=((cs, end),),
                cue=(le, le + 1),
                cue_class="punctuation",
                speaker=(ls, le),
                kind="indirect",
                confidence=confidence("transcript:speaker-label"),
                method="transcript:speaker-label",
            )
        )
    return out


def headline_attributions(index: DocIndex, headings: list[Offsets]) -> list[Attribution]:
    """Newsroom headline conventions: `Name: claim` and `claim, Name Says`."""
    text = text_of(index.doc)
    furniture = _furniture(index.doc.lang_)
    says = _headline_says(index.doc.lang_)
    out = []
    for s, e in headings:
        line = text[s:e]
        m = _HEADLINE_NAME.match(line)
        if m and not m.group("label").lower().startswith(furniture):
            cs = s + m.end()
            content_end = s + len(line.rstrip(" ."))
            out.append(
                Attribution(
                    fragments=((cs, content_end),),
                    cue=(s + m.end("label"), s + m.end("label") + 1),
                    cue_class="punctuation",
                    speaker=(s + m.start("label"), s + m.end("label")),
                    kind="indirect",
                    confidence=confidence("headline:name-colon"),
                    method="headline:name-colon",
                )
            )
            continue
        m = says.search(line)
        if m:
            out.append(
                Attribution(
                    fragments=((s, s + m.start()),),
                    cue=(s + m.start("cue"), s + m.end("cue")),
                    cue_class="speech",
                    speaker=(s + m.start("label"), s + m.end("label")),
                    kind="indirect",
                    confidence=confidence("headline:says"),
                    method="headline:says",
                )
            )
    return out


def _furniture(lang: str) -> tuple[str, ...]:
    """Openings of site-furniture lines (`read also`), for `str.startswith`."""
    return tuple(word_list(lang, "non_attribution_lines"))


@cache
def _headline_says(lang: str) -> re.Pattern[str]:
    """`…, Name Says`: a name of up to four capitalised words, then a capitalised headline cue verb."""
    cues = "|".join(re.escape(w.capitalize()) for w in sorted(word_list(lang, "headline_cue_verbs")))
    return re.compile(rf",\s+(?P<label>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){{0,3}})\s+(?P<cue>{cues})\.?$")
