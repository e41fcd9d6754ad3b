"""Name queries (`--entity`, `--about`) checked and matched to merged actors."""

from __future__ import annotations

import difflib

from quotex.aggregate.merge import Group
from quotex.aggregate.names import given_compatible, other_key, split_name, titles_compatible
from quotex.errors import Err, QuotexError


def query_blocks(query: str) -> set[str]:
    """The blocks an `--entity`/`--about` query can match (as a person's name, or as a name)."""
    blocks = {f"o:{other_key(query)}"}
    person = split_name(query)
    if person:
        blocks.add(f"p:{person.surname}")
    return blocks


def check_query(option: str, query: str | None) -> None:
    """E807 for a query with no name in it (`,`, `the`)."""
    if query is not None and not query_blocks(query) - {"o:"}:
        raise QuotexError(Err.BAD_QUERY, detail=f"{option} needs a name, got '{query}'")


def match_actors(query: str, groups: list[Group]) -> list[Group]:
    """The actors a name query means: same surname (or whole name for non-people); a given
    name in the query must agree with the actor's (so a bare-surname actor does not match
    `Anna Smith`); title words narrow several candidates to those with a compatible title."""
    person = split_name(query)
    other = f"o:{other_key(query)}"
    found = [g for g in groups if g.block == other]
    if person:
        people = [g for g in groups if g.block == f"p:{person.surname}"]
        if person.given:  # `Donald Trump` means neither an unresolved `Trump` nor Donald Trump Jr.
            people = [
                g
                for g in people
                if any(given_compatible(q, f) for q in person.given for f in g.first_names)
                and person.suffix in g.suffixes
            ]
        if person.titles and len(people) > 1:
            narrowed = [g for g in people if titles_compatible(set(person.titles), g.title_keys)]
            people = narrowed or people
        found += [g for g in people if g not in found]
    return found


def did_you_mean(query: str, names: set[str]) -> str:
    """A hint for E804: up to three close names or surnames seen in the corpus, or ""."""
    pool = names | {n.split()[-1] for n in names if n.split()}
    close = difflib.get_close_matches(query, sorted(pool), n=3, cutoff=0.75)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
