"""WordNet's word classes for the tagger's long-tail cues: the table builder and the lookup."""

from __future__ import annotations

import pytest

from quotex.training.word_classes import build


@pytest.fixture(scope="module")
def nlp():
    from quotex.pipeline.loader import load_pipeline

    return load_pipeline(None, learned=False)


@pytest.mark.parametrize(
    "text, index, expected",
    [
        ("The bishop chastised the governor.", 2, "verb.communication"),
        ("She had a hunch about the vote.", 3, "noun.cognition"),
        ("The bus stopped at the depot.", 2, None),  # motion
        ("Ruiz spoke.", 0, None),  # names are no cue words
    ],
)
def test_wordnet_cue_class(nlp, text, index, expected):
    from quotex.attribution.word_classes import wordnet_cue_class

    assert wordnet_cue_class(nlp(text)[index]) == expected


def test_table_builder_on_a_small_wordnet(tmp_path):
    """The builder reads WordNet's dict format (written here for the test: three verbs, two nouns)."""
    (tmp_path / "lexnames").write_text(
        "09\tnoun.cognition\t1\n13\tnoun.food\t1\n31\tverb.cognition\t2\n32\tverb.communication\t2\n38\tverb.motion\t2\n"
    )
    (tmp_path / "verb.exc").write_text("thought think\n")
    (tmp_path / "noun.exc").write_text("")
    (tmp_path / "index.verb").write_text(
        "  1 licence text\n"
        "think v 2 1 @ 2 2 00000100 00000200  \n"
        "run v 2 1 @ 2 2 00000400 00000300  \n"
        "look_up v 1 1 @ 1 1 00000300  \n"
    )
    (tmp_path / "data.verb").write_text(  # CRLF, as in some copies: offsets are not byte positions
        "  1 licence text\r\n00000100 31 v 01 think 0 000 | judge\r\n00000200 32 v 01 think 0 000 | say\r\n"
        "00000300 32 v 01 run 0 000 | campaign\r\n00000400 38 v 01 run 0 000 | move fast\r\n"
    )
    (tmp_path / "index.noun").write_text("idea n 1 1 @ 1 1 00000500  \nbread n 1 1 @ 1 1 00000600  \n")
    (tmp_path / "data.noun").write_text(
        "00000500 09 n 01 idea 0 000 | a thought\n00000600 13 n 01 bread 0 000 | food\n"
    )
    rows = build(tmp_path)
    assert rows == [
        ("idea", "noun", "noun.cognition"),
        ("think", "verb", "verb.cognition"),  # its most frequent sense, not its second
        ("thought", "verb", "verb.cognition"),  # from verb.exc
    ]  # `run` (first sense motion), `bread` and the multi-word `look_up` are left out
