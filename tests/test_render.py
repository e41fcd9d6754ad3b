"""`quotex render`: the HTML is escaped, self-contained, and marks every quotation with its data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import quotation, span
from quotex.models import Entity, ExtractionResult, Quotation, TextSpan
from quotex.render_html import render_html

INJECTED = "<script>document.documentElement.setAttribute('data-pwned','1')</script>"
TEXT = (
    "“We will not raise taxes,” Mayor Jane Smith told reporters, “and we will protect the libraries.”\n"
    f"A reader wrote {INJECTED} & <b>bold</b> in the comments.\n"
    "\n"
    "Councillor Tom Reed said that the reserves were <almost> empty.\n"
    "“Nobody reads the small print,” a sign read.\n"
)


def sample_result(text: str = TEXT) -> ExtractionResult:
    q = [
        quotation(
            text,
            "q1",
            "direct",
            ["We will not raise taxes,", "and we will protect the libraries."],
            "told",
            "Jane Smith",
            "e1",
            0.92,
            "direct:cue-after",
        ),
        quotation(
            text,
            "q2",
            "indirect",
            "the reserves were <almost> empty",
            "said",
            "Tom Reed",
            "e2",
            0.75,
            "indirect:complement",
        ),
        quotation(text, "q3", "direct", "Nobody reads the small print,", "read", None, None, 0.4, "direct:floating"),
    ]
    e = [
        Entity(id="e1", name="Jane Smith", kind="person", titles=["Mayor"], mentions=[span(text, "Jane Smith")]),
        Entity(id="e2", name="Tom Reed", kind="person", titles=["Councillor"], mentions=[span(text, "Tom Reed")]),
    ]
    return ExtractionResult(source="<script>alert(1)</script>.txt", model="hand 1.0", quotations=q, entities=e)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


def test_input_markup_is_escaped():
    page = render_html(sample_result(), TEXT)
    assert INJECTED not in page
    assert (
        "&lt;script&gt;document.documentElement.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)&lt;/script&gt;"
        in page
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;almost&gt;" in page and "&amp;" in page
    c = parse(page)
    assert c.scripts == 1  # only quotex's own
    assert not any(t == "b" for t, _ in c.tags)
    assert "<script>alert(1)</script>" not in page  # the source name is escaped too
    # The visible text is the article, verbatim (HTMLParser unescapes the entities back).
    assert INJECTED in "".join(c.text)


def test_every_quotation_has_a_highlight_with_its_data():
    result = sample_result()
    c = parse(render_html(result, TEXT))
    marks = [a for t, a in c.tags if t == "mark" and "q" in a.get("class", "").split()]
    for q in result.quotations:
        mine = [a for a in marks if a["data-q"] == q.id]
        assert len(mine) == len(q.fragments), q.id
        a = mine[0]
        assert a["data-kind"] == q.kind
        assert a["data-confidence"] == f"{q.confidence:.2f}"
        assert a["data-method"] == q.method
        assert a["data-entity"] == (q.entity or "")
        assert q.id in a["title"] and q.method in a["title"]
    q1 = next(a for a in marks if a["data-q"] == "q1")
    assert q1["data-speaker"] == "Jane Smith" and q1["data-entity-kind"] == "person" and q1["id"] == "q1"
    assert "told" in q1["data-cue"]
    spk = [a for t, a in c.tags if t == "span" and "spk" in a.get("class", "").split() and "data-q" in a]
    cue = [a for t, a in c.tags if t == "span" and "cue" in a.get("class", "").split() and "data-q" in a]
    assert {a["data-q"] for a in spk} == {"q1", "q2"} and {a["data-q"] for a in cue} == {"q1", "q2", "q3"}
    # One colour per speaker; the unattributed quotation is grey.
    colour = {a["data-q"]: next(x for x in a["class"].split() if x.startswith("sp-")) for a in marks}
    assert colour["q1"] != colour["q2"] and colour["q3"] == "sp-none"


def test_highlighted_text_is_the_fragment_text():
    page = render_html(sample_result(), TEXT)
    m = re.search(r'<mark id="q1" [^>]*>(.*?)</mark>', page)
    assert m and m.group(1) == "We will not raise taxes,"


def test_self_contained():
    page = render_html(sample_result(), TEXT)
    assert not re.search(r"https?://", page)
    for tag, attrs in parse(page).tags:
        for attr in ("src", "href", "action", "data", "srcset"):
            if attr in attrs:
                assert attrs[attr].startswith("#"), (tag, attr, attrs[attr])
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
    csp = next(
        a["content"] for t, a in parse(page).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "connect-src" not in csp
    assert "@import" not in page and "url(" not in page


def test_paragraph_breaks_preserved():
    page = render_html(sample_result(), TEXT)
    c = parse(page)
    paras = [t for t, _ in c.tags if t == "p"]
    assert len(paras) >= 4  # four non-blank lines, one <p> each
    article = page[page.index('<article id="article">') : page.index("</article>")]
    assert article.count("<p>") == 4


def test_side_list_of_speakers_and_positions():
    page = render_html(sample_result(), TEXT)
    aside = page[page.index("<aside>") : page.index("</aside>")]
    assert "Jane Smith" in aside and "Tom Reed" in aside and "No speaker" in aside
    assert 'href="#q1"' in aside and 'href="#q2"' in aside and 'href="#q3"' in aside


def test_quotation_across_paragraphs_and_nested():
    text = "“First paragraph of the quote.\n“Second paragraph,” he said, “with a ‘nested phrase’ inside.”\n"
    outer_s, outer_e = 1, text.index("he said") - 3
    outer = TextSpan(text=text[outer_s:outer_e], start=outer_s, end=outer_e)
    inner = span(text, "nested phrase")
    q = [
        Quotation(
            id="q1",
            kind="direct",
            content=outer,
            fragments=[outer],
            cue=span(text, "said"),
            cue_class="speech",
            speaker=span(text, "he"),
            entity=None,
            confidence=0.6,
            method="t",
        ),
        Quotation(
            id="q2",
            kind="direct",
            content=inner,
            fragments=[inner],
            cue=None,
            cue_class="none",
            speaker=None,
            entity=None,
            confidence=0.3,
            method="t",
            parent=None,
        ),
    ]
    page = render_html(ExtractionResult(source="x", model="m", quotations=q, entities=[]), text)
    assert page.count('data-q="q1"') >= 3  # two paragraphs + the side list link is href, not data-q
    assert re.search(r'data-q="q2"[^>]*>nested phrase</mark>', page)
    assert page.count("<mark") - page.count('<mark class="qdemo') >= 3


def test_empty_result_and_bad_offsets_do_not_crash():
    text = "Nothing quoted here.\n"
    page = render_html(ExtractionResult(source="x", model="m", quotations=[], entities=[]), text)
    assert "Nothing quoted here." in page and "No quotations found." in page


def test_cli_render_writes_file(monkeypatch, tmp_path):
    import quotex.api
    from quotex.cli import app

    monkeypatch.setattr(quotex.api, "extract", lambda text, source="<text>", model=None: sample_result(text))
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "a.html"
    res = CliRunner().invoke(app, ["render", str(article), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-q="q1"' in page
    res = CliRunner().invoke(app, ["render", str(tmp_path / "missing.txt")])
    assert res.exit_code == 3 and "E101" in res.stderr


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_render_lavrov_end_to_end(tmp_path):
    article = SHARED / "articles" / "lavrov-summit.txt"
    if not article.is_file():
        pytest.skip(f"shared article not available: {article}")
    from quotex.api import extract

    text = article.read_text(encoding="utf-8")
    result = extract(text, source=str(article))
    page = render_html(result, text)
    c = parse(page)
    ids = {a["data-q"] for t, a in c.tags if t == "mark" and "data-q" in a}
    assert ids == {q.id for q in result.quotations}
    assert "Our President has repeatedly said" in "".join(c.text)
