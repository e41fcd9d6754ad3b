"""Claims files: JSON Lines of `Claim`s, validated a line at a time."""

from __future__ import annotations

from pydantic import ValidationError

from quotex.check.normalise import split_ellipses
from quotex.errors import Err, QuotexError
from quotex.models import Claim


def parse_claims(data: str, path: str) -> list[Claim]:
    """Claims from JSON Lines text (`{"quote": …, "speaker": …}` a line; blank lines skipped).

    Raises `QuotexError(Err.CLAIMS_INVALID)` naming the first bad line.
    """
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


def _claim_error(exc: ValidationError) -> str:
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
