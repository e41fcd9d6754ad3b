"""Check a claimed quotation against an article: is it there, and whose words does the article say they are?

Pure logic over an `ExtractionResult` and the exact text it was extracted from; no spaCy, no I/O.

How a claim is matched
----------------------
1. Both sides are normalised into a *word string*: Unicode compatibility-decomposed, diacritics
   dropped, case-folded; letters and digits kept, apostrophes dropped (``they’re`` = ``they're`` =
   ``theyre``); every other run of punctuation, quote marks, dashes and whitespace (line breaks
   included) becomes one space. Every normalised character remembers its offset in the original
   text, so a window found in the normalised article maps back to exact offsets.
2. An ellipsis in the claim (``…``, ``...``, ``[…]``) splits it into segments and allows a gap
   (up to `MAX_GAP` normalised characters) in the article between consecutive segments.
3. The longest segment is located with rapidfuzz `fuzz.partial_ratio_alignment` (best window of
   the article), once over the whole article and once inside each quotation, so that a passage
   that appears twice is credited to the best-supported occurrence. The window is then snapped
   to whole words (trying a word or two either way) to maximise `fuzz.ratio`; the other
   segments are located the same way just before/after it.
4. The *score* (0–100) is the length-weighted `fuzz.ratio` of each segment against its snapped
   window. A passage counts as found when ``score >= threshold`` (default `DEFAULT_THRESHOLD`,
   85: verbatim and near-verbatim quotes — case, quote marks, ellipses, line breaks, a changed
   short word in a sentence — pass; a different phrasing or a claim that only shares a few words
   does not).
5. Loose paraphrase: when nothing reaches the threshold, the claim is compared with each
   *indirect or mixed* quotation of the claimed speaker (or of anyone, when no speaker is
   claimed): if at least `LOOSE_MIN_WORDS` of the claim's content words, and at least
   `LOOSE_COVERAGE` of them, occur (fuzzily) in that quotation's content, the verdict is
   `paraphrase` with ``match = "loose"``.

Verdicts
--------
The found passage is credited to the quotation whose fragments cover most of it (at least half;
ties go to the innermost). Then:

* ``supported`` — a direct quotation (or the quoted part of a mixed one) whose speaker matches the
  claimed speaker (any mention, the full name, a surname, or a title of the entity);
* ``misattributed`` — the same, but the article attributes it to someone else (`attributed_to`);
* ``paraphrase`` — the article reports it as indirect speech, not as a quotation;
* ``unattributed`` — found, but in no quotation, or in one with no known speaker;
* ``not-found`` — nothing reaches the threshold (the closest passage's score is still reported).

Without a claimed speaker, a passage in a direct quotation with a known speaker is ``supported``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from quotex.models import CheckResult, Claim, Entity, ExtractionResult, Quotation, TextSpan

DEFAULT_THRESHOLD = 85.0
"""Minimum score (0–100) for a passage to count as the claimed quote."""
MAX_GAP = 400
"""Longest gap (normalised characters) an ellipsis in the claim may stand for."""
MIN_COVERAGE = 0.5
"""Share of the passage a quotation must cover to be credited with it."""
TIE_MARGIN = 2.0
"""Candidates within this many points of the best are compared by verdict, best verdict first."""
LOOSE_COVERAGE = 0.75
LOOSE_MIN_WORDS = 3


# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = set("'’‘ʼ`´′")
_ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*)?(?:…|\.\s?\.\s?\.)(?:\s*[\])])?\s*")


def normalise(text: str) -> tuple[str, list[int]]:
    """The word string of `text` and, for each of its characters, the offset it came from."""
    out: list[str] = []
    idx: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        kept = [c for c in decomposed if not unicodedata.combining(c)]
        piece = "".join(kept).casefold()
        if piece and all(c.isalnum() for c in piece):
            if pending_space >= 0 and out:
                out.append(" ")
                idx.append(pending_space)
            pending_space = -1
            for c in piece:
                out.append(c)
                idx.append(i)
        elif pending_space < 0:
            pending_space = i
    return "".join(out), idx


def split_ellipses(quote: str) -> list[str]:
    """The claim's segments between ellipses, normalised, empty ones dropped."""
    return [n for n in (normalise(part)[0] for part in _ELLIPSIS.split(quote)) if n]


# --------------------------------------------------------------------------- locating


@dataclass
class _Region:
    """A normalised string to search and the original offset of each of its characters."""

    norm: str
    idx: list[int]


@dataclass
class _Located:
    score: float
    region: _Region
    pieces: list[tuple[int, int]]  # windows of region.norm, one per segment, in order

    def positions(self) -> list[int]:
        """Original offsets of the matched (non-space) characters."""
        r = self.region
        return [r.idx[i] for a, b in self.pieces for i in range(a, b) if r.norm[i] != " "]

    def span(self, text: str) -> TextSpan:
        s, e = self.region.idx[self.pieces[0][0]], self.region.idx[self.pieces[-1][1] - 1] + 1
        return TextSpan(text=text[s:e], start=s, end=e)


def _word_starts(norm: str, lo: int, hi: int) -> list[int]:
    return [i for i in range(max(lo, 0), min(hi, len(norm))) if norm[i] != " " and (i == 0 or norm[i - 1] == " ")]


def _word_ends(norm: str, lo: int, hi: int) -> list[int]:
    return [
        i
        for i in range(max(lo, 1), min(hi, len(norm)) + 1)
        if norm[i - 1] != " " and (i == len(norm) or norm[i] == " ")
    ]


SNAP_SLACK_MAX = 48


def _snap(needle: str, norm: str, a: int, b: int) -> tuple[float, int, int]:
    """Snap window [a, b) of `norm` to whole words, a word or two either way, maximising fuzz.ratio."""
    # Capped: with slack growing with the claim, the pairs tried (each an O(n) ratio) made a
    # 4,000-word claim take minutes. 48 characters is still several words either way.
    slack = min(max(12, len(needle) // 5), SNAP_SLACK_MAX)
    starts = _word_starts(norm, a - slack, a + slack) or _word_starts(norm, 0, len(norm))[:1]
    ends = _word_ends(norm, b - slack, b + slack) or [len(norm)]
    best = (-1.0, a, b)
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            r = fuzz.ratio(needle, norm[s:e])
            # On equal scores prefer the window closest to rapidfuzz's own.
            key = (r, -abs(s - a) - abs(e - b))
            if key > (best[0], -abs(best[1] - a) - abs(best[2] - b)):
                best = (r, s, e)
    return best


def _align(needle: str, norm: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    lo, hi = max(lo, 0), min(hi, len(norm))
    if hi <= lo or not needle:
        return None
    hay = norm[lo:hi]
    al = fuzz.partial_ratio_alignment(needle, hay)
    if al is None:
        return None
    score, s, e = _snap(needle, norm, lo + al.dest_start, lo + al.dest_end)
    if s < lo or e > hi:  # snapping must not leave the search region
        s, e = max(s, lo), min(e, hi)
        score = fuzz.ratio(needle, norm[s:e])
    return score, s, e


def _locate(segments: list[str], region: _Region) -> _Located | None:
    """Best placement of the claim's segments in the region."""
    norm, lo, hi = region.norm, 0, len(region.norm)
    anchor = max(range(len(segments)), key=lambda k: len(segments[k]))
    first = _align(segments[anchor], norm, lo, hi)
    if first is None:
        return None
    placed: dict[int, tuple[float, int, int]] = {anchor: first}
    left = first[1]
    for k in range(anchor - 1, -1, -1):  # segments before the anchor, right to left
        got = _align(segments[k], norm, left - MAX_GAP - len(segments[k]) - 1, left)
        if got is None:
            return None
        placed[k], left = got, got[1]
    right = first[2]
    for k in range(anchor + 1, len(segments)):
        got = _align(segments[k], norm, right, right + MAX_GAP + len(segments[k]) + 1)
        if got is None:
            return None
        placed[k], right = got, got[2]
    total = sum(len(s) for s in segments)
    score = sum(placed[k][0] * len(segments[k]) for k in range(len(segments))) / total
    return _Located(
        score=round(score, 1), region=region, pieces=[(placed[k][1], placed[k][2]) for k in range(len(segments))]
    )


# --------------------------------------------------------------------------- speakers

_PRONOUNS = {
    "he", "she", "they", "it", "him", "her", "his", "hers", "them", "their", "theirs",
    "we", "us", "our", "i", "me", "my", "you", "your", "who", "which", "that", "this",
}  # fmt: skip
_NAME_STOP = {"the", "a", "an", "of", "mr", "mrs", "ms", "miss", "dr", "s", "and"}


def _name_tokens(s: str) -> list[str]:
    norm = normalise(re.sub(r"[’']s\b", "", s))[0]
    return [t for t in norm.split() if t not in _NAME_STOP]


def _tok_eq(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 85)


def _subset(small: list[str], big: list[str]) -> bool:
    return bool(small) and all(any(_tok_eq(t, u) for u in big) for t in small)


def speaker_matches(claimed: str, entity: Entity | None, mention: TextSpan | None = None) -> bool:
    """Does the claimed speaker name this entity (any mention, full name, surname or title)?"""
    want = _name_tokens(claimed)
    if not want:
        return False
    names: list[str] = []
    titles: list[str] = []
    if entity is not None:
        names.append(entity.name)
        names.extend(m.text for m in entity.mentions)
        titles.extend(entity.titles)
    if mention is not None:
        names.append(mention.text)
    for cand in names:
        toks = _name_tokens(cand)
        if not toks or (len(toks) == 1 and toks[0] in _PRONOUNS):
            continue
        if _subset(want, toks):  # "Lavrov" in "Sergey Lavrov"
            return True
    for title in titles:
        if _name_tokens(title) == want:  # the whole title: "Russia's Foreign Minister"
            return True
        # Part of a title, but not its possessor: "Foreign Minister" matches "Russia’s Foreign
        # Minister"; "Whitlock" does not match "Whitlock’s budget director".
        if _subset(want, _name_tokens(re.sub(r"\S+[’']s\b", "", title))):
            return True
    for cand in names:  # "Foreign Minister Sergey Lavrov" ⊇ mention "Lavrov" (the claim's head word)
        toks = _name_tokens(cand)
        if (
            toks
            and not (len(toks) == 1 and toks[0] in _PRONOUNS)
            and _subset(toks, want)
            and _tok_eq(want[-1], toks[-1])
        ):
            return True
    return False


# --------------------------------------------------------------------------- verdicts

_RANK = {"supported": 0, "misattributed": 1, "paraphrase": 2, "unattributed": 3, "not-found": 4}


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of `text` inside quotation marks (curly, straight, guillemets); unclosed ones run to the line end."""
    regions = []
    for m in re.finditer(r"[“„«‹]([^“”„«»‹›\n]*)(?:[”»›]|$)|\"([^\"\n]*)\"", text, flags=re.M):
        regions.append((m.start() + 1, m.end()))
    return regions


def _overlap(pos: list[int], spans: list[tuple[int, int]]) -> int:
    return sum(1 for p in pos if any(s <= p < e for s, e in spans))


class Checker:
    """Checks claims against one article and its extraction result."""

    def __init__(self, result: ExtractionResult, text: str, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.result = result
        self.text = text
        self.threshold = threshold
        self.norm, self.idx = normalise(text)
        self.entities = {e.id: e for e in result.entities}
        self._quoted: list[tuple[int, int]] | None = None
        self.whole = _Region(self.norm, self.idx)
        # Each quotation's fragments, normalised and joined: "…," she said, "…" reads as one quote.
        self.regions: list[_Region] = []
        for q in result.quotations:
            norm, idx = [], []
            for f in q.fragments or [q.content]:
                a, b = bisect.bisect_left(self.idx, f.start), bisect.bisect_left(self.idx, f.end)
                piece = self.norm[a:b].strip()
                if not piece:
                    continue
                a += len(self.norm[a:b]) - len(self.norm[a:b].lstrip())
                if norm:
                    norm.append(" ")
                    idx.append(self.idx[a])
                norm.append(piece)
                idx.extend(self.idx[a : a + len(piece)])
            if norm:
                self.regions.append(_Region("".join(norm), idx))

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
        if q.speaker is not None and _name_tokens(q.speaker.text) not in ([], *([p] for p in _PRONOUNS)):
            return None, q.speaker.text
        return None, None

    def _judge(self, claim: Claim, loc: _Located) -> tuple[tuple, CheckResult]:
        """The verdict for one located passage, with its preference key (smaller is better).

        When quotations nest (a direct quote reporting someone's view indirectly), every quotation
        covering the passage is judged: a supported reading wins, then one by the claimed speaker,
        then the stronger verdict, then the better-covering, innermost quotation.
        """
        pos = loc.positions()
        passage = loc.span(self.text)
        match = "exact" if loc.score >= 100 else "near"
        base = dict(
            id=claim.id, quote=claim.quote, speaker=claim.speaker, score=loc.score, match=match, passage=passage
        )
        where = f"{passage.start}–{passage.end}"
        judged = []
        for q, cov in self._credited(pos):
            entity, who = self._speaker_of(q)
            matches = speaker_matches(claim.speaker, entity, q.speaker) if claim.speaker and who else None
            info = dict(
                quotation=q.id,
                kind=q.kind,
                attributed_to=who,
                entity=q.entity,
                speaker_mention=q.speaker,
                speaker_matches=matches,
                cue=q.cue,
                confidence=q.confidence,
                method=q.method,
            )
            quoted = q.kind == "direct"
            if q.kind == "mixed":
                if self._quoted is None:
                    self._quoted = _quoted_regions(self.text)
                quoted = _overlap(pos, self._quoted) / max(len(pos), 1) >= MIN_COVERAGE
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
            judged.append((key, CheckResult(**base, **info, verdict=verdict, message=f"{msg} (score {loc.score:g})")))
        if not judged:
            msg = f"found at {where} (score {loc.score:g}) outside any quotation"
            judged.append(
                (
                    (True, True, _RANK["unattributed"], -loc.score, 0, 0),
                    CheckResult(**base, verdict="unattributed", message=msg),
                )
            )
        return min(judged, key=lambda kr: kr[0])

    def _loose(self, claim: Claim) -> CheckResult | None:
        words = [w for w in normalise(claim.quote)[0].split() if w not in _STOPWORDS]
        if len(set(words)) < LOOSE_MIN_WORDS:
            return None
        best = None
        for q in self.result.quotations:
            if q.kind == "direct":
                continue
            entity, who = self._speaker_of(q)
            if claim.speaker and not (who and speaker_matches(claim.speaker, entity, q.speaker)):
                continue
            content = normalise(q.content.text)[0].split()
            found = sum(1 for w in set(words) if any(_tok_eq(w, c) for c in content))
            cov = found / len(set(words))
            if cov >= LOOSE_COVERAGE and (best is None or cov > best[0]):
                best = (cov, q, entity)
        if best is None:
            return None
        cov, q, entity = best
        who = self._speaker_of(q)[1]
        return CheckResult(
            id=claim.id,
            quote=claim.quote,
            speaker=claim.speaker,
            verdict="paraphrase",
            score=round(cov * 100, 1),
            match="loose",
            passage=q.content,
            quotation=q.id,
            kind=q.kind,
            attributed_to=who,
            entity=q.entity,
            speaker_mention=q.speaker,
            speaker_matches=True if claim.speaker else None,
            cue=q.cue,
            confidence=q.confidence,
            method=q.method,
            message=f"not in these words; {q.id} reports {who or 'someone'} saying something similar "
            f"({round(cov * 100)}% of the claim's content words)",
        )

    def check(self, claim: Claim) -> CheckResult:
        segments = split_ellipses(claim.quote)
        if not segments:
            raise ValueError("the quote has no words")
        candidates: list[_Located] = []
        # The whole article, then each quotation: the same words may occur in more than one place.
        for region in [self.whole, *self.regions]:
            got = _locate(segments, region)
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
        return CheckResult(
            id=claim.id,
            quote=claim.quote,
            speaker=claim.speaker,
            verdict="not-found",
            score=closest.score if closest else 0.0,
            match="none",
            passage=closest.span(self.text) if closest else None,
            message=f"not in the article (closest passage scores {closest.score if closest else 0:g} "
            f"< {self.threshold:g})",
        )


_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "by", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "would", "will", "could", "should", "can",
    "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had", "that", "this", "these",
    "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "not",
    "no", "so", "than", "then", "there", "which", "who", "what", "about", "into", "over", "after",
}  # fmt: skip


def check_claims(
    result: ExtractionResult, text: str, claims: list[Claim], threshold: float = DEFAULT_THRESHOLD
) -> list[CheckResult]:
    """A verdict for every claim, in order."""
    checker = Checker(result, text, threshold)
    return [checker.check(c) for c in claims]


def check_quote(
    result: ExtractionResult, text: str, quote: str, speaker: str | None = None, threshold: float = DEFAULT_THRESHOLD
) -> CheckResult:
    """The verdict on one quote."""
    return Checker(result, text, threshold).check(Claim(quote=quote, speaker=speaker))


def parse_claims(data: str, path: str) -> list[Claim]:
    """Claims from JSON Lines text (`{"quote": …, "speaker": …}` a line; blank lines skipped).

    Raises `QuotexError(Err.CLAIMS_INVALID)` naming the first bad line.
    """
    from pydantic import ValidationError

    from quotex.errors import Err, QuotexError

    claims: list[Claim] = []
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            claim = Claim.model_validate_json(line)
        except ValidationError as exc:
            raise QuotexError(Err.CLAIMS_INVALID, path=path, line=n, detail=_claim_error(exc)) from None
        if not split_ellipses(claim.quote):
            raise QuotexError(Err.CLAIMS_INVALID, path=path, line=n, detail='"quote" has no words')
        claims.append(claim)
    if not claims:
        raise QuotexError(Err.CLAIMS_INVALID, path=path, line=1, detail="no claims (the file is empty)")
    return claims


def _claim_error(exc) -> str:
    """Pydantic's first complaint, as one line that names the field."""
    err = exc.errors()[0]
    if err["type"] == "json_invalid":
        return f"not JSON ({err.get('ctx', {}).get('error', err['msg'])})"
    if err["type"] == "model_type":
        return 'expected an object {"quote", "speaker"}'
    field = ".".join(str(p) for p in err["loc"])
    if field == "quote":
        return '"quote" must be a non-empty string'
    return f'"{field}": {err["msg"]}'
