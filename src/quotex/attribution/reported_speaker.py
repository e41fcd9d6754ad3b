"""Who holds a reported cue's content: its subject, or for a participle or a coordinated cue the speaker above it."""

from __future__ import annotations

from spacy.tokens import Token

from quotex.assets import word_list
from quotex.attribution.complement import coordinated_cue, trailing_participle_cue
from quotex.attribution.cues import cue_class_of, quoted_as, subject_of


def reported_speaker(verb: Token) -> Token | None:
    """The speaker token of a cue verb, or None."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    outer = _outer_cue(verb) if trailing_participle_cue(verb) and not own_subject else None
    subj: Token | None
    if outer is not None:
        subj = subject_of(outer)  # `Ruiz said X, arguing Y`: Ruiz argues, whatever the parse hung it on
    elif verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp"):
        subj = _participle_subject(verb) if verb.dep_ == "advcl" else None
        subj = subj or subject_of(verb, allow_passive=False) or _ancestor_subject(verb)
    elif coordinated_cue(verb):
        subj = subject_of(verb.head.head)
    else:
        subj = subject_of(verb, allow_passive=quoted_as(verb) is not None)
    if subj is None and not own_subject:
        subj = _stranded_subject(verb)
    return subj


def _stranded_subject(verb: Token) -> Token | None:
    """`In a meeting with the board Trump said that …`: with no comma after the opening phrase
    the parser hangs the name on the phrase and leaves the verb without a subject; a finite
    verb with a reported clause takes the name or pronoun right before it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.dep_ not in ("ROOT", "conj"):
        return None
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ not in ("pobj", "compound", "appos", "npadvmod", "dobj"):
        return None
    if before.pos_ == "PRON":
        return before
    # only a clean name: the parser's phrase for it must not run into the words before it
    name = next((e for e in verb.doc.ents if e.start <= before.i < e.end), None)
    if before.pos_ == "PROPN" and name is not None and name.end == verb.i and before.left_edge.i >= name.start - 1:
        return before
    return None


def speaker_ok(subj: Token | None, cls: str) -> bool:
    """A subject that can hold the content: no `there`, `this` or `which` (but `It says …` of a letter)."""
    if subj is None:
        return False
    if subj.lower_ == "it" and cls == "speech":
        return True  # `It says the campaign violated …` (a letter, a report)
    return subj.lower_ not in word_list(subj.doc.lang_, "non_speaker_pronouns")


def _outer_cue(verb: Token) -> Token | None:
    """The outermost cue verb above `verb` in the tree, or None."""
    cues = [a for a in verb.ancestors if a.i < verb.i and cue_class_of(a) is not None and a.tag_ != "VBG"]
    return cues[-1] if cues else None


def _participle_subject(verb: Token) -> Token | None:
    """`…, Lavrov said, accusing …`: a participle after a parenthetical cue takes its speaker."""
    doc = verb.doc
    for t in doc[max(verb.sent.start, verb.i - 4) : verb.i]:
        inverted = t.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < t.i for c in t.children)
        if inverted and cue_class_of(t) == "speech" and t.tag_ != "VBG":
            subj = subject_of(t)
            if subj is not None:
                return subj
    return None


def _ancestor_subject(verb: Token) -> Token | None:
    """`…, after saying on the campaign trail he could …`: the nearest clause up the tree with a subject."""
    for anc in verb.ancestors:
        subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ == "PERSON" else None
    return None
