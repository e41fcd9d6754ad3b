"""The rules read the word lists of the document's language (`models/<doc.lang_>/`), not English always."""

from __future__ import annotations

import spacy

import quotex.assets


def _doc_with_lemma(lang: str, word: str, lemma: str):
    doc = spacy.blank(lang)(word)
    doc[0].lemma_ = lemma
    return doc


def test_cue_class_comes_from_the_documents_language(tmp_path, monkeypatch):
    from quotex.attribution.cues import cue_class_of

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "speech_verbs.txt").write_text("# test list\nparlar\n", encoding="utf-8")
    (tmp_path / "xx" / "belief_verbs.txt").write_text("# test list\ncreder\n", encoding="utf-8")
    monkeypatch.setattr(quotex.assets, "assets_dir", lambda: tmp_path)
    assert cue_class_of(_doc_with_lemma("xx", "parlo", "parlar")[0]) == "speech"
    assert cue_class_of(_doc_with_lemma("xx", "credo", "creder")[0]) == "belief"
    # An English document does not see the other language's verbs, and the other one not `say`.
    monkeypatch.undo()
    assert cue_class_of(_doc_with_lemma("en", "parlo", "parlar")[0]) is None
    assert cue_class_of(_doc_with_lemma("en", "said", "say")[0]) == "speech"
