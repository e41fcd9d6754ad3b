"""Gold table: reported (indirect) and mixed quotations, non-person sources, nesting.

Row format, matching and escape hatches are the same as in
test_patterns_direct.py (the helpers are in gold_rows.py):

    (kind, speaker entity canonical name or None, cue text or None, content text)

* Indirect content is verbatim, includes the complementizer (`that …`,
  `whether …`) and excludes the sentence-final period, or the comma before an
  inverted `…, X said`.
* Mixed content (an indirect quotation containing quotation marks) ends with
  the closing mark, including any period or comma inside it (PolNeAR practice).
* The cue is the minimal contiguous span that signals attribution. Where
  PolNeAR's "keep the verb group together" rule and the bare verb are both
  defensible (`has repeatedly raised doubts about` vs `raised doubts about`,
  `told` vs `told advisers`, `said` vs `said in a statement`), `Alt(...)` lists
  the accepted forms.
* Top-level quotations only (parent is None), except in the nesting tests.
"""

from __future__ import annotations

import pytest

from gold_rows import Alt, as_row, assert_rows, entity_of, match_rows, the_quotation, top_level  # noqa: F401

# ------------------------------------------------------- person speakers ---
VERBS = [
    pytest.param(
        "Ana Ruiz said that the budget left the parks department $4 million short.",
        [("indirect", "Ana Ruiz", "said", "that the budget left the parks department $4 million short")],
        id="said-that",
    ),
    pytest.param(
        "Tom Kellogg said the vote would be delayed until March.",
        [("indirect", "Tom Kellogg", "said", "the vote would be delayed until March")],
        id="said-zero-that",
    ),
    pytest.param(
        "Ana Ruiz warned that two library branches would close by the summer.",
        [("indirect", "Ana Ruiz", "warned", "that two library branches would close by the summer")],
        id="warned-that",
    ),
    pytest.param(
        "Ana Ruiz questioned whether the city could afford the stadium at all.",
        [("indirect", "Ana Ruiz", "questioned", "whether the city could afford the stadium at all")],
        id="questioned-whether",
    ),
    pytest.param(
        "Tom Kellogg insisted the revenue projections were conservative.",
        [("indirect", "Tom Kellogg", "insisted", "the revenue projections were conservative")],
        id="insisted",
    ),
    pytest.param(
        "Dana Whitlock denied that any layoffs were planned.",
        [("indirect", "Dana Whitlock", "denied", "that any layoffs were planned")],
        id="denied",
    ),
    pytest.param(
        "Dana Whitlock claimed the deficit had been inherited from her predecessor.",
        [("indirect", "Dana Whitlock", "claimed", "the deficit had been inherited from her predecessor")],
        id="claimed",
    ),
    pytest.param(
        "Dana Whitlock announced that the city would freeze hiring until October.",
        [("indirect", "Dana Whitlock", "announced", "that the city would freeze hiring until October")],
        id="announced-that",
    ),
    pytest.param(
        "Tom Kellogg acknowledged that the projections had been too optimistic.",
        [("indirect", "Tom Kellogg", "acknowledged", "that the projections had been too optimistic")],
        id="acknowledged-that",
    ),
    pytest.param(
        "Dana Whitlock told advisers that she would veto the amendment.",
        [("indirect", "Dana Whitlock", Alt("told", "told advisers"), "that she would veto the amendment")],
        id="told-advisers-that",
    ),
    pytest.param(
        "Tom Kellogg wrote on Facebook that the cuts would hurt families on the east side.",
        [
            (
                "indirect",
                "Tom Kellogg",
                Alt("wrote", "wrote on Facebook"),
                "that the cuts would hurt families on the east side",
            )
        ],
        id="wrote-on-network-that",
    ),
    pytest.param(
        "Ana Ruiz accused the mayor of hiding the true size of the deficit.",
        [("indirect", "Ana Ruiz", "accused", "the mayor of hiding the true size of the deficit")],
        id="accused-of",
    ),
    pytest.param(
        "Ana Ruiz called the stadium deal a giveaway to developers.",
        [("indirect", "Ana Ruiz", "called", "the stadium deal a giveaway to developers")],
        id="called-object",
    ),
    pytest.param(
        "Tom Kellogg called it the hardest budget in a decade.",
        [("indirect", "Tom Kellogg", "called", "it the hardest budget in a decade")],
        id="called-it",
    ),
    pytest.param(
        "Dana Whitlock was quoted as saying that the stadium would open on schedule.",
        [("indirect", "Dana Whitlock", "was quoted as saying", "that the stadium would open on schedule")],
        id="was-quoted-as-saying-that",
    ),
    pytest.param(
        "In a statement, Dana Whitlock said the council had acted irresponsibly.",
        [("indirect", "Dana Whitlock", "said", "the council had acted irresponsibly")],
        id="in-a-statement",
    ),
]

RELATIVE_SPEAKERS = [
    pytest.param(
        "The motion came from Ana Ruiz, who said that the parks needed the money.",
        [("indirect", "Ana Ruiz", "said", "that the parks needed the money")],
        id="who-said-resolves-to-antecedent",
    ),
]

INVERTED_AND_PARTICIPLES = [
    pytest.param(
        "The stadium will pay for itself within a decade, Dana Whitlock said.",
        [("indirect", "Dana Whitlock", "said", "The stadium will pay for itself within a decade")],
        id="inverted-subject-verb",
    ),
    pytest.param(
        "The stadium will pay for itself within a decade, said Dana Whitlock.",
        [("indirect", "Dana Whitlock", "said", "The stadium will pay for itself within a decade")],
        id="inverted-verb-subject",
    ),
    pytest.param(
        # two cues sharing one source: two attributions (PolNeAR "shared sources")
        "Any attempt to reopen the contract would be pointless, Tom Kellogg said, "
        "accusing the union of negotiating in bad faith.",
        [
            ("indirect", "Tom Kellogg", "said", "Any attempt to reopen the contract would be pointless"),
            ("indirect", "Tom Kellogg", "accusing", "the union of negotiating in bad faith"),
        ],
        id="inverted-then-participle",
    ),
    pytest.param(
        "Tom Kellogg left the meeting early, saying that the numbers spoke for themselves.",
        [("indirect", "Tom Kellogg", "saying", "that the numbers spoke for themselves")],
        id="participle-after-action",
    ),
    pytest.param(
        "According to Tom Kellogg, the deficit will reach $12 million next year.",
        [("indirect", "Tom Kellogg", "According to", "the deficit will reach $12 million next year")],
        id="according-to-before",
    ),
    pytest.param(
        "The deficit will reach $12 million next year, according to Tom Kellogg.",
        [("indirect", "Tom Kellogg", "according to", "The deficit will reach $12 million next year")],
        id="according-to-after",
    ),
]

BELIEF = [
    pytest.param(
        "Dana Whitlock believes the stadium will pay for itself within a decade.",
        [("indirect", "Dana Whitlock", "believes", "the stadium will pay for itself within a decade")],
        id="believes",
    ),
    pytest.param(
        "Tom Kellogg thinks that the council should delay the vote.",
        [("indirect", "Tom Kellogg", "thinks", "that the council should delay the vote")],
        id="thinks-that",
    ),
    pytest.param(
        "Ana Ruiz wants the council to restore the library budget.",
        [("indirect", "Ana Ruiz", "wants", "the council to restore the library budget")],
        id="wants",
    ),
    pytest.param(
        "Ana Ruiz has repeatedly raised doubts about the stadium’s revenue projections.",
        [
            (
                "indirect",
                "Ana Ruiz",
                Alt("raised doubts about", "has repeatedly raised doubts about"),
                "the stadium’s revenue projections",
            )
        ],
        id="raised-doubts-about",
    ),
    pytest.param(
        "In Ana Ruiz’s view, the stadium deal is a giveaway to the owners.",
        [("indirect", "Ana Ruiz", "In Ana Ruiz’s view", "the stadium deal is a giveaway to the owners")],
        id="in-x-view",
    ),
    pytest.param(
        "Tom Kellogg has railed against the stadium subsidy for months.",
        [("indirect", "Tom Kellogg", "has railed against", "the stadium subsidy")],
        id="prepositional-railed-against",
    ),
    pytest.param(
        "Dana Whitlock supports the new ferry terminal.",
        [("indirect", "Dana Whitlock", "supports", "the new ferry terminal")],
        id="stance-object",
    ),
]

MIXED = [
    pytest.param(
        "Ana Ruiz said the cuts would amount to “a slow-motion shutdown” of the parks department.",
        [("mixed", "Ana Ruiz", "said", "the cuts would amount to “a slow-motion shutdown” of the parks department")],
        id="mixed-inner-fragment",
    ),
    pytest.param(
        "Tom Kellogg warned that the proposal would amount to “financial sabotage.”",
        [("mixed", "Tom Kellogg", "warned", "that the proposal would amount to “financial sabotage.”")],
        id="mixed-ends-with-mark",
    ),
    pytest.param(
        'Dana Whitlock said the stadium would "pay for itself within a decade."',
        [("mixed", "Dana Whitlock", "said", 'the stadium would "pay for itself within a decade."')],
        id="mixed-straight-marks",
    ),
    pytest.param(
        "The stadium would “pay for itself within a decade,” Dana Whitlock said.",
        [("mixed", "Dana Whitlock", "said", "The stadium would “pay for itself within a decade,”")],
        id="mixed-inverted",
    ),
]


@pytest.mark.parametrize("text, expected", VERBS + RELATIVE_SPEAKERS + INVERTED_AND_PARTICIPLES + BELIEF + MIXED)
def test_reported_patterns(run, text, expected):
    r = run(text)
    assert_rows([as_row(r, q) for q in top_level(r)], expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            # "has poured cold water on the union's demands" may itself be read as an
            # attribution (a stance, content "the union's demands"); the conventions
            # leave it open, so only the participial quotation is required here.
            "Dana Whitlock has poured cold water on the union’s demands, "
            "saying that the city cannot afford a 9 percent raise.",
            ("indirect", "Dana Whitlock", "saying", "that the city cannot afford a 9 percent raise"),
            id="poured-cold-water-saying",
        ),
        pytest.param(
            # Same: "rejected the offer" can be read as an attribution of its own.
            "Henrik Solvang rejected the offer, warning that Oslo would not accept “a deal written for one side.”",
            ("mixed", "Henrik Solvang", "warning", "that Oslo would not accept “a deal written for one side.”"),
            id="rejected-warning-mixed",
        ),
    ],
)
def test_participle_quotation_present(run, text, expected):
    """Subset check: the participle's quotation must be there; other readings are allowed."""
    r = run(text)
    actual = [as_row(r, q) for q in top_level(r)]
    missing, _ = match_rows(actual, [expected])
    assert not missing, f"missing {expected}\nall actual: {actual}"


# ------------------------------------------------------- cue classes ---
@pytest.mark.parametrize(
    "text, content, cue_class",
    [
        pytest.param(
            "Ana Ruiz said that the budget left the parks department $4 million short.",
            "that the budget left the parks department $4 million short",
            "speech",
            id="said",
        ),
        pytest.param(
            "Ana Ruiz questioned whether the city could afford the stadium at all.",
            "whether the city could afford the stadium at all",
            "speech",
            id="questioned",
        ),
        pytest.param(
            "According to Tom Kellogg, the deficit will reach $12 million next year.",
            "the deficit will reach $12 million next year",
            "according_to",
            id="according-to",
        ),
        pytest.param(
            "Dana Whitlock believes the stadium will pay for itself within a decade.",
            "the stadium will pay for itself within a decade",
            "belief",
            id="believes",
        ),
        pytest.param(
            "Tom Kellogg thinks that the council should delay the vote.",
            "that the council should delay the vote",
            "belief",
            id="thinks",
        ),
        pytest.param(
            "Ana Ruiz wants the council to restore the library budget.",
            "the council to restore the library budget",
            "belief",
            id="wants",
        ),
        pytest.param(
            "Ana Ruiz has repeatedly raised doubts about the stadium’s revenue projections.",
            "the stadium’s revenue projections",
            "belief",
            id="raised-doubts",
        ),
    ],
)
def test_reported_cue_class(run, text, content, cue_class):
    assert the_quotation(run(text), content).cue_class == cue_class


# ---------------------------------------------------- non-person sources ---
# (kind, speaker.text, entity kind, cue text, content text). The canonical name of
# a non-person entity ("the ministry" vs "ministry") is not fixed by the
# conventions, so these rows check the local speaker mention (PolNeAR source
# span: determiners and identifying modifiers included) and the entity's kind.
ANONYMOUS = Alt("group", "unknown")

NON_PERSON = [
    pytest.param(
        "The health ministry said the outbreak was under control.",
        [("indirect", "The health ministry", "organisation", "said", "the outbreak was under control")],
        id="organisation",
    ),
    pytest.param(
        "In a statement, the teachers’ union said it would strike on Monday.",
        [("indirect", "the teachers’ union", "organisation", "said", "it would strike on Monday")],
        id="organisation-in-a-statement",
    ),
    pytest.param(
        "The ministry said in a statement that talks would resume on Friday.",
        [
            (
                "indirect",
                "The ministry",
                "organisation",
                Alt("said", "said in a statement"),
                "that talks would resume on Friday",
            )
        ],
        id="organisation-said-in-a-statement",
    ),
    pytest.param(
        "The deficit will reach $12 million next year, according to the budget office.",
        [
            (
                "indirect",
                "the budget office",
                "organisation",
                "according to",
                "The deficit will reach $12 million next year",
            )
        ],
        id="according-to-organisation",
    ),
    pytest.param(
        "Oslo says the salmon quotas are not negotiable.",
        # a capital standing for its government: `place` or `organisation` are both defensible
        [("indirect", "Oslo", Alt("place", "organisation"), "says", "the salmon quotas are not negotiable")],
        id="capital-for-government",
    ),
    pytest.param(
        "Norwegian officials say that the tariff would hurt coastal towns.",
        [("indirect", "Norwegian officials", "group", "say", "that the tariff would hurt coastal towns")],
        id="officials-group",
    ),
    pytest.param(
        "Aid agencies warned that food stocks in the camps would run out within weeks.",
        [("indirect", "Aid agencies", "group", "warned", "that food stocks in the camps would run out within weeks")],
        id="aid-agencies-group",
    ),
    pytest.param(
        "Three people briefed on the talks said the two sides were close to a deal.",
        [("indirect", "Three people briefed on the talks", ANONYMOUS, "said", "the two sides were close to a deal")],
        id="anonymous-briefed",
    ),
    pytest.param(
        "Sources said the mayor would not seek a second term.",
        [("indirect", "Sources", ANONYMOUS, "said", "the mayor would not seek a second term")],
        id="anonymous-sources",
    ),
    pytest.param(
        # one anonymous person, two cues sharing the subject: two top-level attributions
        "A senior EU diplomat said that several governments were losing patience "
        "and warned that the dispute could spill over into energy talks.",
        [
            (
                "indirect",
                "A senior EU diplomat",
                Alt("person", "unknown"),
                "said",
                "that several governments were losing patience",
            ),
            (
                "indirect",
                "A senior EU diplomat",
                Alt("person", "unknown"),
                "warned",
                "that the dispute could spill over into energy talks",
            ),
        ],
        id="anonymous-person-two-cues",
    ),
    pytest.param(
        "The report said that emergency rooms were operating at 140 percent of capacity.",
        [
            (
                "indirect",
                "The report",
                "artefact",
                "said",
                "that emergency rooms were operating at 140 percent of capacity",
            )
        ],
        id="artefact-report",
    ),
]


@pytest.mark.parametrize("text, expected", NON_PERSON)
def test_non_person_sources(run, text, expected):
    r = run(text)
    actual = []
    for q in top_level(r):
        ent = entity_of(r, q)
        actual.append(
            (
                q.kind,
                q.speaker.text if q.speaker else None,
                ent.kind if ent else None,
                q.cue.text if q.cue else None,
                q.content.text,
            )
        )
    assert_rows(actual, expected)


# ------------------------------------------------------ not attributions ---
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Mayor Says Stadium Will Pay For Itself\nDana Whitlock spoke at a business breakfast on Tuesday morning.",
            id="headline",
        ),
        pytest.param("READ ALSO: Council Says No To Stadium Tax", id="read-also"),
        pytest.param(
            "The council meets again on Tuesday.\nREAD ALSO: Union Says Nurses Will Strike Again",
            id="read-also-last-line",
        ),
        pytest.param("A spokesman for the mayor would not comment.", id="would-not-comment"),
        pytest.param("Ana Ruiz did not comment on the audit.", id="did-not-comment-on"),
        pytest.param("Did Whitlock really say that the stadium would pay for itself?", id="author-question-3"),
        pytest.param("So who will pay for the new stadium, and when?", id="author-question"),
        pytest.param("Can the city really afford a second stadium in ten years?", id="author-question-2"),
        pytest.param("Dana Whitlock chased the bus down Harbor Street.", id="action"),
        pytest.param("Tom Kellogg was furious.", id="description"),
    ],
)
def test_not_attributions(run, text):
    r = run(text)
    assert [(q.kind, q.cue.text if q.cue else None, q.content.text) for q in r.quotations] == []


# An agentless passive directive (`was asked to …`) is no attribution for the hand rules, but
# PolNeAR annotates most of them as source-less attributions (10 of 14 in train), and the
# learned model proposes them: with it, whatever comes out credits nobody.
AGENTLESS_PASSIVES = [
    "The union was asked to accept a two-year wage freeze.",
    "The hospital was told to cut 200 beds by March.",
]


@pytest.mark.parametrize("text", AGENTLESS_PASSIVES, ids=["asked", "told"])
def test_agentless_passive_directives(run, text):
    assert run(text, rules_only=True).quotations == []
    for q in run(text).quotations:
        assert q.speaker is None and q.cue is not None and q.cue.text.startswith("was ")


# ---------------------------------------------------------------- nesting ---
@pytest.mark.parametrize(
    "text, outer, nested",
    [
        pytest.param(
            "“Whitlock told us in March that nobody would lose their job,” Tom Kellogg said.",
            ("direct", "Tom Kellogg", "said", "“Whitlock told us in March that nobody would lose their job,”"),
            ("indirect", "Whitlock", "told", "that nobody would lose their job"),
            id="indirect-inside-direct",
        ),
        pytest.param(
            "Tom Kellogg said that Whitlock had promised there would be no layoffs.",
            ("indirect", "Tom Kellogg", "said", "that Whitlock had promised there would be no layoffs"),
            ("indirect", "Whitlock", Alt("promised", "had promised"), "there would be no layoffs"),
            id="indirect-inside-indirect",
        ),
        pytest.param(
            "Henrik Solvang said: “Prime Minister Kari Holm has said many times that she wants a deal.”",
            (
                "direct",
                "Henrik Solvang",
                Alt("said:", "said"),
                "“Prime Minister Kari Holm has said many times that she wants a deal.”",
            ),
            ("indirect", "Kari Holm", Alt("said", "has said", "has said many times"), "that she wants a deal"),
            id="minister-quoting-leader",
        ),
    ],
)
def test_nested_attribution(run, text, outer, nested):
    r = run(text)
    tops = top_level(r)
    assert_rows([as_row(r, q) for q in tops], [outer])
    children = [q for q in r.quotations if q.parent == tops[0].id]
    assert_rows([as_row(r, q) for q in children], [nested])
    child = children[0]
    assert tops[0].content.start <= child.content.start and child.content.end <= tops[0].content.end


# ------------------------------------------------------------------ about ---
def test_about_lists_entities_the_content_mentions(run):
    r = run("Ana Ruiz said that Dana Whitlock had hidden the true size of the deficit.")
    q = the_quotation(r, "that Dana Whitlock had hidden the true size of the deficit")
    assert entity_of(r, q).name == "Ana Ruiz"
    about = {e.name for e in r.entities if e.id in q.about}
    assert "Dana Whitlock" in about
    assert "Ana Ruiz" not in about
