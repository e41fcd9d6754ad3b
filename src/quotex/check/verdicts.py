"""Verdicts: which quotation a found passage belongs to, and whether the article credits the claimed speaker."""

from __future__ import annotations

import re
from typing import Literal

from quotex.assets import word_list
from quotex.check.align import Located, locate
from quotex.check.normalise import Region, normalise, split_ellipses, sub_region
from quotex.check.speakers import DEFAULT_LANG, is_a_name, same_word, speaker_matches
from quotex.models import CheckResult, Claim, Entity, ExtractionResult, Quotation, TextSpan, Verdict

DEFAULT_THRESHOLD = 85.0
"""Minimum score (0–100) for a passage to count as the claimed quote."""
MIN_COVERAGE = 0.5
"""Share of the passage a quotation must cover to be credited with it."""
TIE_MARGIN = 2.0
"""Candidates within this many points of the best are compared by verdict, best verdict first."""
LOOSE_COVERAGE = 0.75
"""Share of the claim's content words a quotation must contain for a loose paraphrase."""
LOOSE_MIN_WORDS = 3
"""Fewest distinct content words a claim needs to be matched loosely."""

_RANK: dict[Verdict, int] = {"supported": 0, "misattributed": 1, "paraphrase": 2, "unattributed": 3, "not-found": 4}

# (not supported, speaker not matched, verdict rank, -score, -coverage, quotation length): smaller is better
_Preference = tuple[bool, bool, int, float, float, int]


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of `text` inside quotation marks (curly, straight, guillemets); unclosed ones run to the line end."""
    regions = []
    for m in re.finditer(r"[“„«‹]([^“”„«»‹›\n]*)(?:[”»›]|$)|\"([^\"\n]*)\"", text, flags=re.M):
        regions.append((m.start() + 1, m.end()))
    return regions


def _overlap(pos: list[int], spans: list[tuple[int, int]]) -> int:
    return sum(1 for p in pos if any(s <= p < e for s, e in spans))


def _verdict(
    claim: Claim,
    verdict: Verdict,
    score: float,
    match: Literal["exact", "near", "loose", "none"],
    passage: TextSpan | None,
    message: str,
    q: Quotation | None = None,
    who: str | None = None,
    matches: bool | None = None,
) -> CheckResult:
    """The result for `claim`, with the quotation's attribution when the passage is in one."""
    return CheckResult(
        id=claim.id,
        quote=claim.quote,
        speaker=claim.speaker,
        verdict=verdict,
        score=score,
        match=match,
        passage=passage,
        quotation=q.id if q else None,
        kind=q.kind if q else None,
        attributed_to=who,
        entity=q.entity if q else None,
        speaker_mention=q.speaker if q else None,
        speaker_matches=matches,
        cue=q.cue if q else None,
        confidence=q.confidence if q else None,
        method=q.method if q else None,
        message=message,
    )


class Checker:
    """Checks claims against one article and its extraction result.

    A passage counts as found when its score reaches the threshold; it is credited to the
    quotation whose fragments cover most of it (at least `MIN_COVERAGE`; ties go to the innermost).
    Then: ``supported``, a direct quotation (or the quoted part of a mixed one) whose speaker
    matches the claimed speaker (or, with no claimed speaker, has a known one); ``misattributed``,
    the same but by someone else; ``paraphrase``, reported as indirect speech, not quoted;
    ``unattributed``, found in no quotation or in one with no known speaker; ``not-found``,
    nothing reaches the threshold (the closest passage's score is still reported).
    """

    def __init__(
        self, result: ExtractionResult, text: str, threshold: float = DEFAULT_THRESHOLD, lang: str = DEFAULT_LANG
    ) -> None:
        self.result = result
        self.text = text
        self.threshold = threshold
        self.lang = lang
        self.whole = Region(*normalise(text))
        self.entities = {e.id: e for e in result.entities}
        self._quoted: list[tuple[int, int]] | None = None
        # Each quotation's fragments, normalised and joined: "…," she said, "…" reads as one quote.
        self.regions = [
            region
            for q in result.quotations
            if (region := sub_region(self.whole, [(f.start, f.end) for f in q.fragments or [q.content]]))
        ]

    # crediting -------------------------------------------------------------
    def _credited(self, pos: list[int]) -> list[tuple[Quotation, float]]:
        """Quotations whose fragments cover at least MIN_COVERAGE of the matched characters."""
        out = []
        for q in self.result.quotations:
            spans = [(f.start, f.end) for f in q.fragments] or [(q.content.start, q.content.end)]
            cov = _overlap(pos, spans) / max(len(pos), 1)
            if cov >= MIN_COVERAGE:
                out.append((q, cov))
        return out

    def _speaker_of(self, q: Quotation) -> tuple[Entity | None, str | None]:
        """The quotation's entity and the name to report (a bare unresolved pronoun counts as no speaker)."""
        entity = self.entities.get(q.entity) if q.entity else None
        if entity is not None:
            return entity, entity.name
        if q.speaker is not None and is_a_name(q.speaker.text, self.lang):
            return None, q.speaker.text
        return None, None

    def _judge(self, claim: Claim, loc: Located) -> tuple[_Preference, CheckResult]:
        """The verdict for one located passage, with its preference key (smaller is better).

        When quotations nest (a direct quote reporting someone's view indirectly), every quotation
        covering the passage is judged: a supported reading wins, then one by the claimed speaker,
        then the stronger verdict, then the better-covering, innermost quotation.
        """
        pos = loc.positions()
        passage = loc.span(self.text)
        match: Literal["exact", "near"] = "exact" if loc.score >= 100 else "near"
        where = f"{passage.start}–{passage.end}"
        judged: list[tuple[_Preference, CheckResult]] = []
        for q, cov in self._credited(pos):
            entity, who = self._speaker_of(q)
            matches = speaker_matches(claim.speaker, entity, q.speaker, self.lang) if claim.speaker and who else None
            quoted = q.kind == "direct"
            if q.kind == "mixed":
                if self._quoted is None:
                    self._quoted = _quoted_regions(self.text)
                quoted = _overlap(pos, self._quoted) / max(len(pos), 1) >= MIN_COVERAGE
            verdict: Verdict
            if not quoted:
                verdict = "paraphrase"
                msg = f"reported indirectly ({q.id}, {q.kind}) as {who or 'an unknown speaker'}'s words, not quoted"
            elif who is None:
                verdict = "unattributed"
                msg = f"found in quotation {q.id} at {where}, which has no known speaker"
            elif matches is False:
                verdict = "misattributed"
                msg = f"found in quotation {q.id} at {where}, attributed to {who}, not {claim.speaker}"
            else:
                verdict = "supported"
                msg = f"quoted as {who}'s words in {q.id} at {where}"
            key = (verdict != "supported", matches is not True, _RANK[verdict], -loc.score, -cov, len(q.content.text))
            message = f"{msg} (score {loc.score:g})"
            judged.append((key, _verdict(claim, verdict, loc.score, match, passage, message, q, who, matches)))
        if not judged:
            msg = f"found at {where} (score {loc.score:g}) outside any quotation"
            key = (True, True, _RANK["unattributed"], -loc.score, 0, 0)
            judged.append((key, _verdict(claim, "unattributed", loc.score, match, passage, msg)))
        return min(judged, key=lambda kr: kr[0])

    def _loose(self, claim: Claim) -> CheckResult | None:
        """A paraphrase verdict when most of the claim's content words are in one indirect or mixed quotation.

        At least `LOOSE_MIN_WORDS` distinct content words, and at least `LOOSE_COVERAGE` of them, must
        occur (fuzzily) in the content of a quotation by the claimed speaker (by anyone without one).
        """
        stopwords = word_list(self.lang, "check_stopwords")
        words = [w for w in normalise(claim.quote)[0].split() if w not in stopwords]
        if len(set(words)) < LOOSE_MIN_WORDS:
            return None
        best = None
        for q in self.result.quotations:
            if q.kind == "direct":
                continue
            entity, who = self._speaker_of(q)
            if claim.speaker and not (who and speaker_matches(claim.speaker, entity, q.speaker, self.lang)):
                continue
            content = normalise(q.content.text)[0].split()
            found = sum(1 for w in set(words) if any(same_word(w, c) for c in content))
            cov = found / len(set(words))
            if cov >= LOOSE_COVERAGE and (best is None or cov > best[0]):
                best = (cov, q)
        if best is None:
            return None
        cov, q = best
        who = self._speaker_of(q)[1]
        message = (
            f"not in these words; {q.id} reports {who or 'someone'} saying something similar "
            f"({round(cov * 100)}% of the claim's content words)"
        )
        matches = True if claim.speaker else None
        return _verdict(claim, "paraphrase", round(cov * 100, 1), "loose", q.content, message, q, who, matches)

    def check(self, claim: Claim) -> CheckResult:
        """The verdict on one claim (`ValueError` when its quote has no words)."""
        segments = split_ellipses(claim.quote)
        if not segments:
            raise ValueError("the quote has no words")
        candidates: list[Located] = []
        # The whole article, then each quotation: the same words may occur in more than one place,
        # so a passage that appears twice is credited to the best-supported occurrence.
        for region in [self.whole, *self.regions]:
            got = locate(segments, region)
            if got is not None:
                candidates.append(got)
        found = [c for c in candidates if c.score >= self.threshold]
        if found:
            top = max(c.score for c in found)
            judged = [self._judge(claim, c) for c in found if c.score >= top - TIE_MARGIN]
            return min(judged, key=lambda kr: kr[0])[1]
        loose = self._loose(claim)
        if loose is not None:
            return loose
        closest = max(candidates, key=lambda c: c.score, default=None)
        message = (
            f"not in the article (closest passage scores {closest.score if closest else 0:g} < {self.threshold:g})"
        )
        passage = closest.span(self.text) if closest else None
        return _verdict(claim, "not-found", closest.score if closest else 0.0, "none", passage, message)


def check_claims(
    result: ExtractionResult,
    text: str,
    claims: list[Claim],
    threshold: float = DEFAULT_THRESHOLD,
    lang: str = DEFAULT_LANG,
) -> list[CheckResult]:
    """A verdict for every claim, in order."""
    checker = Checker(result, text, threshold, lang)
    return [checker.check(c) for c in claims]


def check_quote(
    result: ExtractionResult,
    text: str,
    quote: str,
    speaker: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    lang: str = DEFAULT_LANG,
) -> CheckResult:
    """The verdict on one quote."""
    return Checker(result, text, threshold, lang).check(Claim(quote=quote, speaker=speaker))
