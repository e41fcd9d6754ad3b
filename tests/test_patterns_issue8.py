"""Gold table for the rule fixes of issue 8 (PolNeAR conventions the audit pointed to).

Rows are `(kind, speaker text or None, cue text or None, content fragments joined by " | ")`,
top-level quotations only, matched order-free (helpers in gold_rows.py). Texts are written
for these tests. Speaker is the surface span here (not the entity name) because several
patterns are about which span PolNeAR takes as the source.
"""

from __future__ import annotations

import pytest

from gold_rows import Alt, assert_rows, top_level  # noqa: F401


def rows(result):
    return [
        (
            q.kind,
            q.speaker.text if q.speaker else None,
            q.cue.text if q.cue else None,
            " | ".join(f.text for f in q.fragments),
        )
        for q in top_level(result)
    ]


# ------------------------------------------- passives and infinitives ---
PASSIVES = [
    pytest.param(
        "The senator is expected to announce her decision on Friday.",
        [("indirect", None, "is expected", "The senator | to announce her decision on Friday")],
        id="is-expected-to",
    ),
    pytest.param(
        "Both candidates are widely expected to attend the dinner.",
        [("indirect", None, "are widely expected", "Both candidates | to attend the dinner")],
        id="are-widely-expected-to",
    ),
    pytest.param(
        "The vote is not expected to happen until June.",
        [("indirect", None, "is not expected", "The vote | to happen until June")],
        id="is-not-expected-to",
    ),
]

# raising verbs: the writer's judgement of the subject, no source (as PolNeAR marks them)
RAISING = [
    pytest.param(
        "Ruiz seems to be the favourite in the north.",
        [("indirect", None, "seems", "Ruiz | to be the favourite in the north")],
        id="seems-to",
    ),
    pytest.param(
        "Ana Ruiz seemed to blame the council for the delay.",
        [("indirect", "Ana Ruiz", "seemed to blame", "the council for the delay")],
        id="seemed-to-cue-verb-keeps-its-source",
    ),
    pytest.param(
        "Voters in the north appear to be moving behind Ruiz.",
        [("indirect", None, "appear", "Voters in the north | to be moving behind Ruiz")],
        id="appear-to",
    ),
    pytest.param(
        "It seems that the council will fold.",
        [("indirect", None, "seems", "that the council will fold")],
        id="it-seems-that",
    ),
    pytest.param("Ana Ruiz appeared at the hearing on Tuesday.", [], id="appear-without-complement"),
    pytest.param(
        "The governor seemed poised to veto the bill.",
        [("indirect", None, "seemed", "The governor | poised to veto the bill")],
        id="seemed-found-by-the-model-reads-as-the-rules-do",
    ),
]

# `Asked about …`: the one asked is not the source of the asking (PolNeAR: no source)
ASKED = [
    pytest.param(
        "When asked about the closure, Tom Kellogg declined to comment.",
        [
            ("indirect", None, "asked about", "the closure"),
            ("indirect", "Tom Kellogg", "declined", "to comment"),
        ],
        id="when-asked-about",
    ),
    pytest.param(
        "Asked about the budget, Ana Ruiz said she had no regrets.",
        [("indirect", "Ana Ruiz", "said", "she had no regrets")],
        id="asked-then-said",
    ),
    pytest.param(
        "Asked whether Ruiz is honest enough to serve, 61 percent of voters said yes.",
        [("indirect", None, "Asked", "whether Ruiz is honest enough to serve")],
        id="asked-whether-no-source",
    ),
    pytest.param("The rally was organised by a group called Patriots First.", [], id="called-names-not-reports"),
]

# ------------------------------- noun-phrase objects of learned stance verbs ---
OBJECTS = [
    pytest.param(
        "The union endorsed Ana Ruiz on Tuesday.",
        [("indirect", "The union", "endorsed", "Ana Ruiz")],
        id="endorse-X-date-left-out",
    ),
    pytest.param(
        "Ana Ruiz supports a two-year freeze on rents.",
        [("indirect", "Ana Ruiz", "supports", "a two-year freeze on rents")],
        id="support-X",
    ),
    pytest.param(
        "Tom Kellogg retweeted a rumour about his rival.",
        [("indirect", "Tom Kellogg", "retweeted", "a rumour about his rival")],
        id="retweet-X",
    ),
    pytest.param(
        "Dana Whitlock praised the new library.",
        [("indirect", "Dana Whitlock", "praised", "the new library")],
        id="praise-X",
    ),
    pytest.param("Dana Whitlock bought a car on Friday.", [], id="not-a-stance-verb"),
]

# ------------------------------------------------------ artefact sources ---
ARTEFACTS = [
    pytest.param(
        "The audit found widespread fraud in the housing program.",
        [("indirect", "The audit", "found", "widespread fraud in the housing program")],
        id="audit-found-X",
    ),
    pytest.param(
        "A poll released Monday found little support for the tax.",
        [("indirect", "A poll released Monday", "found", "little support for the tax")],
        id="poll-found-X",
    ),
    pytest.param(
        "Records show the company paid no taxes.",
        [("indirect", "Records", "show", "the company paid no taxes")],
        id="records-show",
    ),
    pytest.param("Ana Ruiz found a job in May.", [], id="person-found-is-no-finding"),
]

# ---------------------------------------------- the outer attribution whole ---
OUTER = [
    pytest.param(
        "The mayor said voters are tired of hearing “he said this, she tweeted that.”",
        [("mixed", "The mayor", "said", "voters are tired of hearing “he said this, she tweeted that.”")],
        id="quoted-inverted-cue-keeps-outer",
    ),
    pytest.param(
        "Ted Cruz endorsed Ana Ruiz, who says she is honored.",
        [
            ("indirect", "Ted Cruz", "endorsed", "Ana Ruiz"),
            ("indirect", "who", "says", "she is honored"),
        ],
        id="relative-clause-cue-is-its-own",
    ),
    pytest.param(
        "Ana Ruiz said the attacks hurt the campaign, arguing that the party split was a bigger hurdle.",
        [
            ("indirect", "Ana Ruiz", "said", "the attacks hurt the campaign"),
            ("indirect", "Ana Ruiz", "arguing", "that the party split was a bigger hurdle"),
        ],
        id="trailing-participle-cue-is-its-own",
    ),
    pytest.param(
        "Analysts said geopolitical factors helped the deal, citing the importance of the port.",
        [
            ("indirect", "Analysts", "said", "geopolitical factors helped the deal"),
            ("indirect", "Analysts", "citing", "the importance of the port"),
        ],
        id="trailing-citing-takes-outer-speaker",
    ),
    pytest.param(
        "Tom Kellogg claimed that the budget was balanced, although he refused to release the audit.",
        [
            ("indirect", "Tom Kellogg", "claimed", "that the budget was balanced"),
            ("indirect", "he", "refused", "to release the audit"),
        ],
        id="concessive-clause-cue-is-its-own",
    ),
]

# ------------------------------- directives: the addressee opens the content ---
DIRECTIVES = [
    pytest.param(
        "Ana Ruiz urged the council to delay the vote.",
        [("indirect", "Ana Ruiz", "urged", "the council to delay the vote")],
        id="urged-X-to",
    ),
    pytest.param(
        "The mayor asked residents to conserve water.",
        [("indirect", "The mayor", "asked", "residents to conserve water")],
        id="asked-X-to",
    ),
    pytest.param(
        "Tom Kellogg told reporters to wait for the audit.",
        [("indirect", "Tom Kellogg", "told", "to wait for the audit")],
        id="told-X-to-keeps-X-out",
    ),
]

# -------------------- object control: `prompted X to announce`, X announces ---
# Only under a verb that reports nothing itself (a cue verb such as `urged` keeps the whole
# directive, above) and with a name or pronoun as the object (`used blunt language to argue`).
CONTROL = [
    pytest.param(
        "The protests prompted Ana Ruiz to announce that she would resign.",
        [("indirect", "Ana Ruiz", "to announce", "that she would resign")],
        id="prompted-X-to",
    ),
    pytest.param(
        "The hearing forced Tom Kellogg to admit that the audit had been delayed.",
        [("indirect", "Tom Kellogg", "to admit", "that the audit had been delayed")],
        id="forced-X-to",
    ),
    pytest.param(
        "The council used blunt language to argue that the plan was unaffordable.",
        [("indirect", "The council", "used blunt language to argue", "that the plan was unaffordable")],
        id="object-that-is-no-person-controls-nothing",
    ),
]

# ------------- passive subjects: what the content is about, a piece of its own ---
# Not for a clause, whose passive subject is the addressee (`was told that …`).
PASSIVE_SUBJECTS = [
    pytest.param(
        "Tom Kellogg was criticized by the union for closing the depot.",
        [("indirect", "the union", "was criticized by the union for", "Tom Kellogg | closing the depot")],
        id="criticized-by-X-for",
    ),
    pytest.param(
        "Dr. Lena Ortiz was praised by nurses for keeping the clinic open.",
        [("indirect", "nurses", "was praised by nurses for", "Dr. Lena Ortiz | keeping the clinic open")],
        id="praised-by-X-for",
    ),
    pytest.param(
        "The council was told that the bridge would close in June.",
        [("indirect", None, "was told", "that the bridge would close in June")],
        id="told-that-subject-is-the-addressee",
    ),
]

# ------- the tagger's cues that no list knows, known by their WordNet class (the long tail) ---
WORDNET_CUES = [
    pytest.param(
        "The bishop chastised the governor for the cuts to the shelter.",
        [("indirect", "The bishop", "chastised", "the governor for the cuts to the shelter")],
        id="chastised-verb-communication",
    ),
    pytest.param(
        "The union exhorted its members to stay off the job on Monday.",
        [("indirect", "The union", "exhorted", "its members to stay off the job on Monday")],
        id="exhorted-verb-communication",
    ),
]

# ------------------------------------------------- PolNeAR cue spans ---
CUE_SPANS = [
    pytest.param(
        "Ana Ruiz called for a full audit of the budget.",
        [("indirect", "Ana Ruiz", "called for", "a full audit of the budget")],
        id="called-for",
    ),
    pytest.param(
        "Tom Kellogg complained about the noise from the stadium.",
        [("indirect", "Tom Kellogg", "complained about", "the noise from the stadium")],
        id="complained-about",
    ),
    pytest.param(
        "The mayor pointed to the new library as proof.",
        [("indirect", "The mayor", "pointed to", "the new library as proof")],
        id="pointed-to",
    ),
    pytest.param(
        "Ana Ruiz went on to discuss the budget.",
        [("indirect", "Ana Ruiz", "went on to discuss", "the budget")],
        id="second-verb-went-on-to",
    ),
    pytest.param(
        "Tom Kellogg boasted about his record.",
        [("indirect", "Tom Kellogg", "boasted about", "his record")],
        id="learned-pair-boast-about",
    ),
    pytest.param(
        "The union vouched for the new director.",
        [("indirect", "The union", "vouched for", "the new director")],
        id="learned-pair-vouch-for",
    ),
    pytest.param(
        "Tom Kellogg met with the mayor to discuss the budget.",
        [("indirect", "Tom Kellogg", "met with the mayor to discuss", "the budget")],
        id="second-verb-purpose",
    ),
]

# ----------- adjectival cues: copula + learned adjective + clause or preposition ---
# PolNeAR's cue is the copula group with the adjective (and a preposition that opens the
# content), its content the clause or object. `It is clear that …` gives nothing: PolNeAR train
# marks an `it`-subject `clear` with a clause a third of the time (9 of 28), always with no
# source, so quotex leaves it to the learned model; `seem confident` too (PolNeAR: cue `seem`,
# no source). `ready` and `determined` are no learned cues (train: 1 of 9, 1 of 5).
ADJECTIVES = [
    pytest.param(
        "Ana Ruiz is confident that the council will approve the budget.",
        [("indirect", "Ana Ruiz", "is confident", "that the council will approve the budget")],
        id="adjective-confident-that",
    ),
    pytest.param(
        "Tom Kellogg was not sure the budget would pass.",
        [("indirect", "Tom Kellogg", "was not sure", "the budget would pass")],
        id="adjective-negated-sure",
    ),
    pytest.param(
        "The mayor is also hopeful that the bridge will open in May.",
        [("indirect", "The mayor", "is also hopeful", "that the bridge will open in May")],
        id="adjective-adverb-in-cue",
    ),
    pytest.param(
        "The senators were eager to leave town.",
        [("indirect", "The senators", "were eager", "to leave town")],
        id="adjective-infinitive",
    ),
    pytest.param(
        "Many voters feel certain that taxes will rise.",
        [("indirect", "Many voters", "feel certain", "that taxes will rise")],
        id="adjective-feel-certain",
    ),
    pytest.param(
        "Tom Kellogg was sharply critical of the new budget.",
        [("indirect", "Tom Kellogg", "was sharply critical of", "the new budget")],
        id="adjective-preposition-critical-of",
    ),
    pytest.param(
        "Many tenants are worried about rising rents.",
        [("indirect", "Many tenants", "are worried about", "rising rents")],
        id="adjective-preposition-worried-about",
    ),
    pytest.param("Tom Kellogg was late for the meeting.", [], id="adjective-preposition-not-learned"),
    pytest.param("It is clear that the plan failed.", [], id="adjective-it-is-clear-no-source"),
    pytest.param("Dana Whitlock bought a ready meal.", [], id="attributive-adjective-no-cue"),
    pytest.param("The eager volunteers arrived early.", [], id="attributive-learned-adjective-no-cue"),
]


# ------------------------------------------------ content boundaries ---
# A cue clause with its own `when` (`argued on Monday`, `said then`) still splits its sentence
# into two content pieces; a reason the parser hangs on the cue verb stays in the content.
CONTENT_BOUNDS = [
    pytest.param(
        "The plan, Ana Ruiz argued on Monday, was far too costly for the city.",
        [("indirect", "Ana Ruiz", "argued", "The plan | was far too costly for the city")],
        id="parenthetical-cue-with-time",
    ),
    pytest.param(
        "The truth, the senator said then, was that the council had failed.",
        [("indirect", "the senator", "said", "The truth | was that the council had failed")],
        id="parenthetical-cue-with-adverb",
    ),
    pytest.param(
        "Rep. Dana Whitlock said that claim smacked of hypocrisy, because Democrats had long questioned "
        "the agency's decisions.",
        [
            (
                "indirect",
                "Rep. Dana Whitlock",
                "said",
                "that claim smacked of hypocrisy, because Democrats had long questioned the agency's decisions",
            )
        ],
        id="reason-clause-on-the-cue-verb",
    ),
    # the setting of a stance on a noun phrase (when, in what medium) is not what was endorsed
    pytest.param(
        "The nurses' union endorsed Ana Ruiz in a statement.",
        [("indirect", "The nurses' union", "endorsed", "Ana Ruiz")],
        id="object-content-without-its-medium",
    ),
    pytest.param(
        "The council rejected the stadium plan in 2019.",
        [("indirect", "The council", "rejected", "the stadium plan")],
        id="object-content-without-its-date",
    ),
    pytest.param(
        "The mayor backed the bus lanes during the debate.",
        [("indirect", "The mayor", "backed", "the bus lanes")],
        id="object-content-without-its-event",
    ),
    pytest.param(
        "The senator supported the bill for its tax credits.",
        [("indirect", "The senator", "supported", "the bill for its tax credits")],
        id="object-content-keeps-its-reason",
    ),
]


@pytest.mark.parametrize(
    "text, expected",
    PASSIVES
    + RAISING
    + ASKED
    + OBJECTS
    + ARTEFACTS
    + OUTER
    + DIRECTIVES
    + CONTROL
    + PASSIVE_SUBJECTS
    + WORDNET_CUES
    + CUE_SPANS
    + ADJECTIVES
    + CONTENT_BOUNDS,
)
def test_issue8_patterns(run, text, expected):
    assert_rows(rows(run(text)), expected)


# ------------------------- speakers: the document's own evidence, appositives ---
# Rows here are `(kind, speaker entity name, cue, content)` (gold_rows.as_row).
SPEAKER_ENTITIES = [
    pytest.param(
        "Tom Kellogg said the budget was sound. Then Zorbek Tamdin took the floor. "
        "He warned that the city was nearly broke.",
        [
            ("indirect", "Tom Kellogg", "said", "the budget was sound"),
            ("indirect", "Zorbek Tamdin", "warned", "that the city was nearly broke"),
        ],
        id="pronoun-to-newest-person-in-paragraph",
    ),
    pytest.param(
        "Tom Kellogg said the budget was sound. Zorbek Tamdin, the new treasurer, disagreed. "
        "He warned that the city was nearly broke.",
        [
            ("indirect", "Tom Kellogg", "said", "the budget was sound"),
            ("indirect", "Zorbek Tamdin", "warned", "that the city was nearly broke"),
        ],
        id="pronoun-to-newest-subject-not-earlier-speaker",
    ),
    pytest.param(
        "Kwame Osei arrived on Monday with Ana Ruiz. Osei said his team was ready. "
        "She said the rest of the staff would come later.",
        [
            ("indirect", "Kwame Osei", "said", "his team was ready"),
            ("indirect", "Ana Ruiz", "said", "the rest of the staff would come later"),
        ],
        id="gender-from-own-sentence-before-name-lists",
    ),
    pytest.param(
        "Dana Whitlock praised the plan. Her deputy, Dr Zorbek Tamdin, thinks it will fail.",
        [
            ("indirect", "Dana Whitlock", "praised", "the plan"),
            ("indirect", "Zorbek Tamdin", "thinks", "it will fail"),
        ],
        id="appositive-speaker-keeps-name",
    ),
]


@pytest.mark.parametrize("text, expected", SPEAKER_ENTITIES)
def test_issue8_speaker_entities(run, text, expected):
    from gold_rows import as_row

    r = run(text)
    assert_rows([as_row(r, q) for q in top_level(r)], expected)


def test_stranded_subject_after_an_opening_phrase_without_comma():
    """`In a meeting with … the Post Ruiz said that …`: the parser hangs the name on the opening
    phrase and leaves `said` without a subject; the name right before the verb is its speaker."""
    from quotex.attribution.reported_speaker import reported_speaker
    from quotex.pipeline.loader import load_pipeline

    nlp = load_pipeline(None, learned=False)
    text = "In a meeting with the editorial board of the Washington Post Ruiz said that the budget was dead."
    with nlp.select_pipes(disable=["quotex"]):
        doc = nlp(text)
    said = next(t for t in doc if t.lower_ == "said")
    assert not any(c.dep_ == "nsubj" for c in said.children)  # the parse this rule repairs
    subj = reported_speaker(said)
    assert subj is not None and subj.text == "Ruiz"
