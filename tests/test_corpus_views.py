"""Corpus views over stored extraction output: `quotex positions --entity/--about` and `quotex actors`.

The multi-document fixture `tests/data/corpus/news.jsonl` is `quotex extract` output of short
invented texts (rebuilt by `tests/data/corpus/make_fixtures.py`), with ids and meta as the corpus
readers write them and one error record. The merge rule itself is also tested on hand-made
entity references, where each piece of evidence can be switched on and off.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import pytest

from cli_startup import run_fresh
from quotex.aggregate.actors import parse_date
from quotex.aggregate.merge import EntityRef, merge_entities
from quotex.aggregate.models import ActorsReport, ActorStats, CorpusPosition, PositionsReport
from quotex.aggregate.names import fold, gender_of, split_name, title_key, titles_compatible
from quotex.aggregate.queries import match_actors
from quotex.models import ErrorRecord, ExtractionResult

NEWS = Path(__file__).parent / "data" / "corpus" / "news.jsonl"


def _lines(path: Path = NEWS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _error(result, code: str, exit_code: int) -> str:
    """A failure is one stderr line `quotex: error CODE: ...`, the exit code, and no data."""
    assert result.exit_code == exit_code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"quotex: error {code}: "), result.stderr
    assert result.stdout == ""
    return lines[0]


# --- the fixture is what `quotex extract` writes --------------------------------------------


def test_fixture_documents_validate_and_offsets_index_their_text():
    docs = _lines()
    assert len(docs) == 11 and len({d["id"] for d in docs}) == 11
    for raw in docs:
        body = {k: v for k, v in raw.items() if k not in ("id", "meta", "text")}
        if "error" in raw:
            ErrorRecord.model_validate(body)
            continue
        result = ExtractionResult.model_validate(body)
        for q in result.quotations:
            for span in [q.content, *q.fragments, *(s for s in (q.cue, q.speaker) if s)]:
                assert raw["text"][span.start : span.end] == span.text


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sergey", "Sergei"),
        ("Zelenskyy", "Zelensky"),
        ("Zelenskiy", "Zelensky"),
        ("Dmitriy", "Dmitri"),
        ("Łukasz", "Lukasz"),
        ("O'Neill", "ONeill"),
    ],
)
def test_transliteration_variants_fold_together(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Anna", "John"), ("Lavrov", "Lavrova"), ("Smith", "Smyth")])
def test_different_names_stay_different(a, b):
    assert fold(a) != fold(b)


def test_split_name_separates_title_given_names_and_surname():
    full = split_name("Russia's Foreign Minister Sergey Lavrov")
    assert (full.surname, full.given, full.titles) == ("lavrov", ("sergei",), (("foreign", "minister"),))
    assert split_name("foreign minister lavrov").given == ()  # lower case, title words, no given name
    assert split_name("S. Lavrov").initial and split_name("S. Lavrov").first == "s"
    assert split_name("Ursula von der Leyen").given == ("ursula",)
    assert split_name("Martin Luther King Jr.").surname == "king"


def test_titles_compare_without_owner_and_by_ending():
    assert title_key("Russia's Foreign Minister") == title_key("the Foreign Minister") == ("foreign", "minister")
    assert titles_compatible({("foreign", "minister")}, {("russian", "foreign", "minister")})
    assert not titles_compatible({("president",)}, {("vice", "president")})
    assert not titles_compatible({("coach",)}, {("senator",)})


# --- the merge rule, on hand-made references --------------------------------------------------


def _ref(doc: int, name: str, *titles: str, kind: str = "person", entity: str = "e1", gender=None) -> EntityRef:
    return EntityRef(doc, entity, name, kind, tuple(titles), gender)


def _partition(refs) -> set[frozenset[tuple[int, str]]]:
    return {frozenset((r.doc, r.name) for r in g.refs) for g in merge_entities(refs)}


def _group_of(groups, doc: int, name: str):
    return next(g for g in groups if any((r.doc, r.name) == (doc, name) for r in g.refs))


def test_lavrov_variants_across_documents_are_one_actor():
    refs = [
        _ref(0, "Sergey Lavrov", "Russia's Foreign Minister"),
        _ref(1, "Lavrov"),
        _ref(2, "Sergei Lavrov"),
        _ref(3, "Lavrov", "Foreign Minister"),
        _ref(4, "S. Lavrov"),
    ]
    assert _partition(refs) == {frozenset((r.doc, r.name) for r in refs)}
    (group,) = merge_entities(refs)
    assert group.resolved


def test_two_smiths_in_unrelated_articles_stay_apart():
    refs = [_ref(0, "Anna Smith", "Coach"), _ref(1, "John Smith", "Senator")]
    assert _partition(refs) == {frozenset({(0, "Anna Smith")}), frozenset({(1, "John Smith")})}


def test_bare_surname_between_two_full_names_is_left_unresolved():
    refs = [_ref(0, "Anna Smith", "Coach"), _ref(1, "John Smith", "Senator"), _ref(2, "Smith")]
    groups = merge_entities(refs)
    bare = _group_of(groups, 2, "Smith")
    assert [(r.doc, r.name) for r in bare.refs] == [(2, "Smith")]
    assert not bare.resolved
    assert {o.refs[0].name for o in bare.could_be} == {"Anna Smith", "John Smith"}


def test_title_evidence_picks_one_of_two_full_names():
    refs = [_ref(0, "Anna Smith", "Coach"), _ref(1, "John Smith", "Senator"), _ref(2, "Smith", "Senator")]
    groups = merge_entities(refs)
    assert _group_of(groups, 2, "Smith") is _group_of(groups, 1, "John Smith")


def test_same_document_evidence_picks_one_of_two_full_names():
    refs = [_ref(0, "Anna Smith"), _ref(1, "John Smith"), _ref(1, "Smith", entity="e2")]
    groups = merge_entities(refs)
    assert _group_of(groups, 1, "Smith") is _group_of(groups, 1, "John Smith")


def test_bare_surname_joins_the_only_full_name_unless_titles_contradict():
    joined = merge_entities([_ref(0, "John Smith", "Senator"), _ref(1, "Smith")])
    assert len(joined) == 1
    apart = merge_entities([_ref(0, "John Smith", "Senator"), _ref(1, "Smith", "Coach")])
    assert len(apart) == 2 and not _group_of(apart, 1, "Smith").resolved


def test_initial_must_agree_with_the_given_name():
    refs = [_ref(0, "Anna Smith"), _ref(1, "John Smith"), _ref(2, "J. Smith")]
    groups = merge_entities(refs)
    assert _group_of(groups, 2, "J. Smith") is _group_of(groups, 1, "John Smith")


def test_unresolved_bare_surnames_split_by_contradicting_titles():
    refs = [_ref(0, "Smith", "Coach"), _ref(1, "Smith", "Senator"), _ref(2, "Smith", "Coach")]
    assert _partition(refs) == {frozenset({(0, "Smith"), (2, "Smith")}), frozenset({(1, "Smith")})}


def test_other_kinds_merge_only_on_the_whole_name():
    refs = [
        _ref(0, "Ukraine's foreign ministry", kind="organisation"),
        _ref(1, "Ukraine’s Foreign Ministry", kind="organisation"),
        _ref(2, "Foreign Ministry", kind="organisation"),
    ]
    assert len(merge_entities(refs)) == 2


def test_gender_evidence_picks_one_of_two_full_names_or_keeps_apart():
    refs = [
        _ref(0, "Barack Obama", gender="m"),
        _ref(1, "Michelle Obama", gender="f"),
        _ref(2, "Obama", gender="m"),
        _ref(3, "Obama"),
    ]
    groups = merge_entities(refs)
    assert _group_of(groups, 2, "Obama") is _group_of(groups, 0, "Barack Obama")
    assert not _group_of(groups, 3, "Obama").resolved  # no evidence: could be either
    apart = merge_entities([_ref(0, "John Smith", gender="m"), _ref(1, "Smith", gender="f")])
    assert len(apart) == 2


def test_gender_comes_from_pronoun_mentions_honorifics_and_first_names():
    assert gender_of("Obama", (), ("Obama", "he", "his")) == "m"
    assert gender_of("Smith", ("spokeswoman",), ("Smith",)) == "f"
    assert gender_of("Anna Smith", (), ()) == "f" and gender_of("John Smith", (), ()) == "m"
    assert gender_of("Smith", (), ("he", "she")) is None  # disagreement: unknown
    assert gender_of("Lavrov", (), ("Lavrov",)) is None


def test_suffix_and_middle_initial_tell_relatives_apart():
    refs = [_ref(0, "Donald Trump"), _ref(1, "Donald Trump Jr."), _ref(2, "Donald J. Trump")]
    groups = merge_entities(refs)
    assert _group_of(groups, 0, "Donald Trump") is _group_of(groups, 2, "Donald J. Trump")
    assert _group_of(groups, 1, "Donald Trump Jr.") is not _group_of(groups, 0, "Donald Trump")
    bushes = [
        _ref(0, "George W. Bush"),
        _ref(1, "George H.W. Bush"),
        _ref(2, "George P. Bush"),
        _ref(3, "George HW Bush"),
        _ref(4, "George Bush"),
    ]
    assert _partition(bushes) == {
        frozenset({(0, "George W. Bush")}),
        frozenset({(1, "George H.W. Bush"), (3, "George HW Bush")}),
        frozenset({(2, "George P. Bush")}),
        frozenset({(4, "George Bush")}),
    }
    assert _partition([_ref(0, "Hillary Rodham Clinton"), _ref(1, "Hillary Clinton")]) == {
        frozenset({(0, "Hillary Rodham Clinton"), (1, "Hillary Clinton")})
    }


def test_queries_respect_given_names_and_suffixes():
    groups = merge_entities(
        [_ref(0, "Donald Trump"), _ref(1, "Donald Trump Jr."), _ref(2, "Ivanka Trump"), _ref(3, "Trump")]
    )
    names = lambda query: sorted(g.refs[0].name for g in match_actors(query, groups))  # noqa: E731
    assert names("Donald Trump") == ["Donald Trump"]
    assert names("Donald Trump Jr.") == ["Donald Trump Jr."]
    assert names("trump") == ["Donald Trump", "Donald Trump Jr.", "Ivanka Trump", "Trump"]
    assert names("D. Trump") == ["Donald Trump"]


def test_descriptions_are_not_merged_by_surname():
    refs = [
        _ref(0, "Hillary Clinton"),
        _ref(1, "supporters of Hillary Clinton"),
        _ref(2, "Clinton’s campaign"),
        _ref(3, "Clinton's campaign"),
        _ref(4, "Bernie Sanders’ campaign"),
        _ref(5, "Underestimation of Cruz"),
    ]
    assert _partition(refs) == {
        frozenset({(0, "Hillary Clinton")}),
        frozenset({(1, "supporters of Hillary Clinton")}),
        frozenset({(2, "Clinton’s campaign"), (3, "Clinton's campaign")}),
        frozenset({(4, "Bernie Sanders’ campaign")}),
        frozenset({(5, "Underestimation of Cruz")}),
    }


def test_groups_written_in_lower_case_are_generic():
    officials = [
        EntityRef(i, "e1", name, "group", (), None, lower, 2)
        for i, (name, lower) in enumerate([("Officials", 1), ("officials", 2), ("Officials", 1)])
    ]
    assert merge_entities(officials) == []
    republicans = [EntityRef(i, "e1", "Republicans", "group", (), None, 0, 2) for i in range(3)]
    assert len(merge_entities(republicans)) == 1


def test_generic_speakers_are_merged_with_nothing():
    refs = [
        _ref(0, "the minister"),
        _ref(1, "the minister"),
        _ref(2, "you", kind="unknown"),
        _ref(3, "Officials", kind="unknown"),
        _ref(4, "Republicans", kind="group"),
        _ref(5, "Republicans", kind="group"),
    ]
    assert _partition(refs) == {frozenset({(4, "Republicans"), (5, "Republicans")})}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("CLEVELAND - Donald Trump", "donald trump"),
        ("her opponent, Donald Trump", "donald trump"),
        ("Dr. Jane Doe, the director of the institute", "jane doe"),
        ("Kremlin spokesman Dmitry Peskov", "dmitri peskov"),
        ("Entrusting Donald Trump", "donald trump"),
        ("former Secretary of State Hillary Clinton", "hilari clinton"),
        ("the Speaker", None),
        ("Rubio and Cruz", None),
    ],
)
def test_names_as_articles_write_them(name, expected):
    person = split_name(name, strict=True)
    assert (" ".join((*person.given[:1], person.surname)) if person else None) == expected


def test_merge_does_not_depend_on_document_order():
    refs = [
        _ref(0, "Anna Smith", "Coach"),
        _ref(1, "John Smith", "Senator"),
        _ref(2, "Smith"),
        _ref(3, "Smith", "Senator"),
        _ref(4, "J. Smith"),
        _ref(5, "Sergey Lavrov"),
        _ref(6, "Lavrov"),
        _ref(7, "Smith", "Coach"),
        _ref(8, "George W. Bush"),
        _ref(9, "George Bush", "President"),
        _ref(10, "George H.W. Bush", "Vice President"),
        _ref(11, "Bush", gender="f"),
        _ref(12, "Barbara Bush", gender="f"),
    ]
    expected = _partition(refs)
    rng = random.Random(7)
    for _ in range(20):
        shuffled = refs[:]
        rng.shuffle(shuffled)
        assert _partition(shuffled) == expected


# --- dates ----------------------------------------------------------------------------------


def test_dates_are_iso_8601_normalised_to_utc():
    assert parse_date("2024-03-02T23:30:00-05:00") > parse_date("2024-03-03")
    assert parse_date("2024-03-03T00:00:00Z") == parse_date("2024-03-03")
    assert parse_date("2024-03-03 12:00") is not None
    for undated in ("sometime in March", "", None, 20240303, "03/02/2024"):
        assert parse_date(undated) is None


# --- quotex positions --entity ----------------------------------------------------------------


def _positions(cli, *args, path=NEWS):
    return PositionsReport.model_validate(_json(cli(["positions", path, *args])))


@pytest.mark.parametrize(
    "query", ["Lavrov", "Sergey Lavrov", "Russia's Foreign Minister Sergey Lavrov", "sergei lavrov"]
)
def test_lavrov_variants_are_one_actor_across_documents(cli, query):
    report = _positions(cli, "--entity", query)
    (block,) = report.actors
    assert block.actor.name == "Sergey Lavrov" and block.actor.resolved
    assert {"Lavrov", "Sergei Lavrov", "Sergey Lavrov"} <= set(block.actor.names)
    assert {p.document for p in block.positions} == {"talks-monday", "door-open", "geneva", "minister"}
    assert len(block.positions) == 7
    assert report.documents == 11 and report.failed_documents == 1


def test_positions_carry_document_meta_and_offsets_into_that_document(cli):
    texts = {d["id"]: d.get("text") for d in _lines()}
    report = _positions(cli, "--entity", "Lavrov")
    for p in report.actors[0].positions:
        q = p.quotation
        assert texts[p.document][q.content.start : q.content.end] == q.content.text
        assert p.url == f"https://news.example/{p.document}" and p.meta["url"] == p.url
        assert p.source.startswith("archive.jsonl:")
    first = report.actors[0].positions[0]
    assert (first.document, first.date, first.speaker_name) == ("door-open", "2024-02-28", "Lavrov")


def test_positions_sorted_by_date_then_undated_in_input_order(cli):
    report = _positions(cli, "--entity", "Lavrov")
    order = [(p.document, p.quotation.id) for p in report.actors[0].positions]
    # 2024-03-02T23:30-05:00 is 2024-03-03T04:30Z: after "minister" (2024-03-03); "geneva" has no date.
    assert order == [
        ("door-open", "q1"),
        ("door-open", "q2"),
        ("minister", "q1"),
        ("talks-monday", "q1"),
        ("talks-monday", "q2"),
        ("geneva", "q1"),
        ("geneva", "q2"),
    ]
    assert [p.date for p in report.actors[0].positions][-1] is None


def test_positions_without_any_dates_keep_input_order(cli, tmp_path):
    undated = tmp_path / "undated.jsonl"
    docs = [{**d, "meta": {}} for d in reversed(_lines())]
    undated.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    report = _positions(cli, "--entity", "Lavrov", path=undated)
    assert [p.document for p in report.actors[0].positions] == [
        "minister",
        "geneva",
        "geneva",
        "door-open",
        "door-open",
        "talks-monday",
        "talks-monday",
    ]
    assert all(p.date is None for p in report.actors[0].positions)


def test_unparseable_date_is_kept_but_sorted_as_undated(cli):
    report = _positions(cli, "--entity", "Peskov")
    (p,) = report.actors[0].positions
    assert p.date == "sometime in March" and p.document == "kremlin"


def test_date_field_option_reads_another_meta_field(cli, tmp_path):
    moved = tmp_path / "published.jsonl"
    docs = [{**d, "meta": {"published": d["meta"]["date"]} if "date" in d.get("meta", {}) else {}} for d in _lines()]
    moved.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    plain = _positions(cli, "--entity", "Lavrov", path=moved)
    assert plain.actors[0].positions[0].document == "talks-monday"  # no "date" field: input order
    dated = _positions(cli, "--entity", "Lavrov", "--date-field", "published", path=moved)
    assert dated.actors[0].positions[0].document == "door-open"


def test_same_surname_actors_stay_apart_in_positions(cli):
    anna = _positions(cli, "--entity", "Anna Smith")
    assert [b.actor.name for b in anna.actors] == ["Anna Smith"]
    assert {p.document for p in anna.actors[0].positions} == {"coach"}
    john = _positions(cli, "--entity", "Senator John Smith")
    assert [b.actor.name for b in john.actors] == ["John Smith"]
    assert {p.document for p in john.actors[0].positions} == {"senate", "vote"}  # "Senator Smith" joins John

    result = cli(["positions", NEWS, "--entity", "Smith"])
    report = PositionsReport.model_validate(_json(result))
    by_name = {b.actor.id: b for b in report.actors}
    assert set(by_name) == {"anna-smith", "john-smith", "smith"}
    assert not by_name["smith"].actor.resolved
    assert set(by_name["smith"].actor.could_be) == {"Anna Smith", "John Smith"}
    assert [p.document for p in by_name["smith"].positions] == ["market"]
    assert "matches 3 actors" in result.stderr


def test_about_filters_positions_by_target(cli):
    report = _positions(cli, "--entity", "Lavrov", "--about", "Zelenskyy")
    assert [(p.document, p.quotation.id) for p in report.actors[0].positions] == [
        ("door-open", "q1"),
        ("minister", "q1"),
    ]
    assert [a.name for a in report.about_actors] == ["Volodymyr Zelensky"]
    geneva = _positions(cli, "--entity", "Lavrov", "--about", "Geneva")
    assert [(p.document, p.quotation.id) for p in geneva.actors[0].positions] == [("geneva", "q1")]
    nobody = _positions(cli, "--entity", "Anna Smith", "--about", "Geneva")
    assert nobody.actors[0].positions == []


def test_positions_formats(cli):
    as_json = _positions(cli, "--entity", "Lavrov")
    lines = cli(["positions", NEWS, "--entity", "Lavrov", "--format", "jsonl"])
    assert lines.exit_code == 0
    rows = [CorpusPosition.model_validate_json(line) for line in lines.stdout.splitlines()]
    assert rows == as_json.actors[0].positions
    table = cli(["positions", NEWS, "--entity", "Lavrov", "--format", "table"])
    assert table.exit_code == 0
    for text in ("Sergey Lavrov", "2024-02-28", "door-open", "The door is open", "about: Zelenskyy"):
        assert text in table.stdout


def test_output_file(cli, tmp_path):
    out = tmp_path / "lavrov.json"
    result = cli(["positions", NEWS, "--entity", "Lavrov", "-o", out])
    assert result.exit_code == 0 and result.stdout == ""
    assert PositionsReport.model_validate_json(out.read_text(encoding="utf-8")).actors[0].actor.id == "sergey-lavrov"


def test_stdin_shard_folders_gzip_and_pretty_json(cli, tmp_path):
    expected = _positions(cli, "--entity", "Lavrov")
    text = NEWS.read_text(encoding="utf-8")
    assert PositionsReport.model_validate(_json(cli(["positions", "-", "-e", "Lavrov"], input=text))) == expected

    # The corpus runner's layout: shard-N.jsonl files and a manifest (skipped quietly).
    folder = tmp_path / "out"
    folder.mkdir()
    lines = text.splitlines(keepends=True)
    (folder / "shard-000001.jsonl").write_text("".join(lines[:4]), encoding="utf-8")
    with gzip.open(folder / "shard-000002.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(lines[4:]))
    (folder / "manifest.jsonl").write_text('{"id": "talks-monday", "shard": "shard-000001.jsonl"}\n')
    result = cli(["positions", folder, "-e", "Lavrov"])
    assert PositionsReport.model_validate(_json(result)) == expected
    assert "error records" in result.stderr and "skipped" not in result.stderr

    # Another stray JSON file in a folder is skipped and named.
    (folder / "notes.json").write_text('{"hello": 1}\n')
    result = cli(["positions", folder, "-e", "Lavrov"])
    assert "skipped 1 file(s)" in result.stderr and "notes.json" in result.stderr

    # A glob over the folder matches the manifest too: skipped the same way.
    assert PositionsReport.model_validate(_json(cli(["positions", f"{folder}/*.jsonl*", "-e", "Lavrov"]))) == expected

    pretty = tmp_path / "all.json"
    pretty.write_text(json.dumps(_lines(), indent=2), encoding="utf-8")
    assert _positions(cli, "-e", "Lavrov", path=pretty) == expected


def test_stored_positions_without_entity_are_read_not_parsed(cli):
    result = cli(["positions", NEWS])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 11
    stored = {d["source"]: d.get("positions") for d in _lines()}
    for row in rows:
        if "error" in row:
            assert row["error"]["code"] == "E123"
        else:
            assert row["positions"] == stored[row["source"]]


def test_stored_positions_from_a_folder_or_a_glob(cli, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copy(NEWS, folder / "shard-000001.jsonl")
    (folder / "manifest.jsonl").write_text('{"id": "talks-monday", "shard": "shard-000001.jsonl"}\n')
    for arg in (folder, f"{folder}/*.jsonl"):
        result = cli(["positions", arg])
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.splitlines()) == 11


def test_corpus_views_never_import_spacy():
    _, modules = run_fresh(["positions", NEWS, "-e", "Lavrov"], ["actors", NEWS, "-f", "table"], ["positions", NEWS])
    assert "spacy" not in modules, "spacy was imported"


# --- bad input ----------------------------------------------------------------------------------


def test_article_text_with_entity_is_e801(cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Lavrov said the talks were over.\n", encoding="utf-8")
    line = _error(cli(["positions", article, "--entity", "Lavrov"]), "E801", 3)
    assert "article.txt line 1" in line and "quotex extract" in line


def test_json_that_is_not_extraction_output_is_e801(cli, tmp_path):
    records = tmp_path / "archive.jsonl"
    records.write_text('{"id": "a1", "text": "Lavrov said so."}\n', encoding="utf-8")
    _error(cli(["actors", records]), "E801", 3)


@pytest.mark.parametrize(
    "bad_line, needle",
    [
        ("{not json", "line 3: bad extraction record: not JSON"),
        ('{"schema_version": "1.0", "source": "x", "quotations": []}', "line 3: bad extraction record: model"),
        (
            '{"schema_version": "2.0", "source": "x", "model": "m", "quotations": [], "entities": []}',
            "schema_version 2.0",
        ),
        ('{"id": "z", "text": "a corpus record"}', "line 3: bad extraction record: not a quotex document"),
        (
            '{"schema_version": "1.0", "source": "x", "meta": [1], "model": "m", "quotations": [], "entities": []}',
            "meta is not an object",
        ),
    ],
)
def test_bad_record_is_e802_with_its_line(cli, tmp_path, bad_line, needle):
    path = tmp_path / "shard.jsonl"
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:2], bad_line, *lines[2:]]) + "\n", encoding="utf-8")
    for args in (["positions", path, "-e", "Lavrov"], ["actors", path]):
        assert needle in _error(cli(args), "E802", 3)


def test_bytes_that_are_not_utf8_are_e802_with_their_line(cli, tmp_path):
    path = tmp_path / "shard.jsonl"
    lines = NEWS.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([*lines[:3], b'{"source": "caf\xe9"}\n', *lines[3:]]))
    assert "shard.jsonl line 4: bad extraction record: not UTF-8" in _error(cli(["actors", path]), "E802", 3)
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + NEWS.read_bytes())  # a UTF-8 BOM is fine
    assert cli(["actors", bom]).exit_code == 0


def test_mixing_article_text_and_extraction_output_is_e803(cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Lavrov said the talks were over.\n", encoding="utf-8")
    _error(cli(["positions", article, NEWS]), "E803", 2)
    folder = tmp_path / "both"
    folder.mkdir()
    shutil.copy(article, folder / "a.txt")
    shutil.copy(NEWS, folder / "news.jsonl")
    _error(cli(["positions", folder]), "E803", 2)


def test_no_matching_actor_is_e804_with_a_suggestion(cli):
    line = _error(cli(["positions", NEWS, "--entity", "Lavorv"]), "E804", 1)
    assert "did you mean 'Lavrov'" in line
    _error(cli(["positions", NEWS, "--entity", "Lavrov", "--about", "Nobody"]), "E804", 1)
    _error(cli(["positions", NEWS, "--entity", "Maria Smith"]), "E804", 1)  # a given name that no Smith has


def test_duplicate_document_is_e805(cli, tmp_path):
    twice = tmp_path / "twice.jsonl"
    twice.write_text(NEWS.read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert "'talks-monday' appears twice: " in _error(cli(["actors", twice]), "E805", 3)
    copy = tmp_path / "copy.jsonl"
    shutil.copy(NEWS, copy)
    _error(cli(["actors", NEWS, copy]), "E805", 3)
    assert cli(["actors", NEWS, NEWS]).exit_code == 0  # the same file named twice is read once


def test_empty_inputs_are_e806(cli, tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    _error(cli(["actors", empty_dir]), "E806", 3)
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")
    _error(cli(["positions", blank, "-e", "Lavrov"]), "E806", 3)


def test_bad_queries_are_e807(cli):
    _error(cli(["positions", NEWS, "--about", "Zelenskyy"]), "E807", 2)
    _error(cli(["positions", NEWS, "--entity", " ,. "]), "E807", 2)


def test_missing_path_is_e101(cli, tmp_path):
    _error(cli(["actors", tmp_path / "nope.jsonl"]), "E101", 3)


# --- quotex actors ------------------------------------------------------------------------------


def _actors(cli, *args) -> ActorsReport:
    return ActorsReport.model_validate(_json(cli(["actors", NEWS, *args])))


def test_actors_counts_cues_and_targets(cli):
    report = _actors(cli)
    assert (report.documents, report.failed_documents, report.quotations, report.unattributed) == (11, 1, 16, 0)
    assert report.generic_speakers == 1  # "The minister": someone different in every article
    rows = {s.actor.id: s for s in report.actors}
    assert [s.actor.id for s in report.actors][:3] == ["sergey-lavrov", "john-smith", "anna-smith"]
    lavrov = rows["sergey-lavrov"]
    assert (lavrov.quotations, lavrov.quoted_in, lavrov.kinds) == (7, 4, {"direct": 3, "indirect": 4})
    assert [(c.cue, c.count) for c in lavrov.cues] == [("said", 5), ("told", 1), ("accused", 1)]
    assert lavrov.targets[0].name == "Volodymyr Zelensky" and lavrov.targets[0].count == 2
    assert {t.name for t in lavrov.targets} == {"Volodymyr Zelensky", "Moscow", "Kyiv", "Geneva"}
    assert (rows["john-smith"].quotations, rows["john-smith"].quoted_in) == (3, 2)
    assert rows["anna-smith"].quotations == 2 and not rows["smith"].actor.resolved
    assert {t.name for t in rows["dmitry-peskov"].targets} == {"Geneva", "Lavrov"}
    total = sum(s.quotations for s in report.actors)
    # every attributed quotation counted once: by a listed actor or by a generic speaker
    assert total + report.generic_speakers == report.quotations - report.unattributed


def test_actors_options_and_formats(cli):
    assert [s.actor.id for s in _actors(cli, "--top", "2").actors] == ["sergey-lavrov", "john-smith"]
    assert {s.actor.id for s in _actors(cli, "--min-quotations", "2").actors} == {
        "sergey-lavrov",
        "john-smith",
        "anna-smith",
    }
    assert [c.cue for c in _actors(cli, "--cues", "1").actors[0].cues] == ["said"]
    lines = cli(["actors", NEWS, "--format", "jsonl"])
    assert [ActorStats.model_validate_json(line) for line in lines.stdout.splitlines()] == _actors(cli).actors
    table = cli(["actors", NEWS, "--format", "table"])
    assert table.exit_code == 0
    for text in ("Sergey Lavrov", "said 5", "Volodymyr Zelensky 2", "(unresolved)"):
        assert text in table.stdout


# --- end to end: fresh extraction output, then the corpus view -----------------------------------


def test_fresh_extraction_output_aggregates(cli, run, tmp_path):
    texts = {
        "one": "Russia's Foreign Minister Sergey Lavrov said the plan was dead.\n",
        "two": '"We will not sign," Lavrov said on Friday.\n',
        "three": "Coach Anna Smith said the season was over.\n",
        "four": "Senator John Smith said the bill would pass.\n",
    }
    path = tmp_path / "fresh.jsonl"
    path.write_text(
        "".join(run(t, source=f"{k}.txt").model_dump_json() + "\n" for k, t in texts.items()), encoding="utf-8"
    )
    report = _positions(cli, "--entity", "Lavrov", path=path)
    assert [b.actor.name for b in report.actors] == ["Sergey Lavrov"]
    assert {p.document for p in report.actors[0].positions} == {"one.txt", "two.txt"}
    smiths = {b.actor.name for b in _positions(cli, "--entity", "Smith", path=path).actors}
    assert smiths == {"Anna Smith", "John Smith"}


# --- the output contract ------------------------------------------------------------------------

SNAPSHOT = Path(__file__).parent / "snapshots" / "corpus_views.json"


def test_corpus_view_schemas_match_snapshot():
    """Like tests/snapshots/schema.json for `quotex extract`: refresh after an intended change with
    QUOTEX_UPDATE_SNAPSHOTS=1 pytest tests/test_corpus_views.py"""
    import os

    current = (
        json.dumps(
            {"positions": PositionsReport.model_json_schema(), "actors": ActorsReport.model_json_schema()},
            indent=2,
            ensure_ascii=False,
            sort_keys=True,
        )
        + "\n"
    )
    if os.environ.get("QUOTEX_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8"), "the corpus views' schema changed; refresh the snapshot"
