"""Check a claimed quotation against an article: is it there, and whose words does the article say they are?"""

from quotex.check.claims import parse_claims
from quotex.check.normalise import split_ellipses
from quotex.check.verdicts import DEFAULT_THRESHOLD, Checker, check_claims, check_quote

__all__ = ["DEFAULT_THRESHOLD", "Checker", "check_claims", "check_quote", "parse_claims", "split_ellipses"]
