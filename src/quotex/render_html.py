"""Render an `ExtractionResult` over its article as one self-contained HTML page.

Pure: `render_html(result, text)` returns a string. The page has no network access and no
external assets (a Content-Security-Policy of `default-src 'none'` enforces it); its one inline
script is allowed by hash. Every character of the article is HTML-escaped, so markup in the
input (a `<script>`, say) shows as text. Paragraphs (line breaks) are kept.

Each quotation fragment is a `<mark class="q">` carrying its data (`data-q`, `data-kind`,
`data-speaker`, `data-entity`, `data-entity-kind`, `data-confidence`, `data-method`, `data-cue`)
and a tooltip; its speaker mention is `<span class="spk">`, its cue `<span class="cue">`. One
colour per speaker. Clicking a quotation shows its details in the side panel, which also lists
the speakers and their positions.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter, defaultdict

from quotex.models import Entity, ExtractionResult, Quotation

# Distinct hues (fill, border) for speakers; unattributed quotations are grey.
PALETTE = [
    ("#dbeafe", "#2563eb"),
    ("#fde2e1", "#dc2626"),
    ("#dcfce7", "#16a34a"),
    ("#fef3c7", "#d97706"),
    ("#ede9fe", "#7c3aed"),
    ("#cffafe", "#0891b2"),
    ("#fce7f3", "#db2777"),
    ("#e7e5e4", "#57534e"),
    ("#ecfccb", "#65a30d"),
    ("#ffedd5", "#ea580c"),
    ("#e0e7ff", "#4f46e5"),
    ("#ccfbf1", "#0d9488"),
]
NO_SPEAKER = ("#f1f5f9", "#94a3b8")

_CSS = """
:root { --ink: #1f2937; --muted: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 Georgia, 'Times New Roman', serif; color: var(--ink); background: #fafaf9; }
header { padding: 14px 28px; border-bottom: 1px solid #e5e7eb; background: #fff;
  font-family: system-ui, sans-serif; }
header h1 { font-size: 18px; margin: 0; }
header .meta { color: var(--muted); font-size: 13px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 28px; padding: 20px 28px;
  max-width: 1280px; }
article p { margin: 0 0 0.9em; white-space: pre-wrap; }
mark.q, mark.qdemo { background: var(--bg); border-bottom: 2px solid var(--c); color: inherit; padding: 1px 0;
  cursor: pointer; border-radius: 2px; }
mark.q mark.q { border-bottom-style: double; border-bottom-width: 3px; }
mark.q.kind-indirect, mark.qdemo.kind-indirect { background: transparent; border-bottom-style: dashed; }
mark.q.kind-mixed, mark.qdemo.kind-mixed { background: linear-gradient(transparent 55%, var(--bg) 55%); }
mark.q.active { outline: 2px solid var(--c); }
.spk { font-weight: bold; color: var(--c); border-bottom: 2px solid var(--c); }
.cue { font-style: italic; text-decoration: underline dotted var(--c); text-underline-offset: 3px;
  background: #fff7ed; }
aside { font-family: system-ui, sans-serif; font-size: 14px; }
aside section { background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 14px;
  margin-bottom: 14px; }
aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 0 0 6px; }
#details dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; overflow-wrap: anywhere; }
.speaker { margin: 8px 0 4px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; background: var(--bg);
  border: 2px solid var(--c); vertical-align: -1px; margin-right: 6px; }
.speaker .name { font-weight: 600; }
.speaker .sub { color: var(--muted); font-size: 12px; }
ol.holds { margin: 2px 0 8px 18px; padding: 0; }
ol.holds li { margin: 2px 0; }
ol.holds a { color: inherit; text-decoration: none; border-bottom: 1px solid var(--c); }
.k { font-size: 11px; color: var(--muted); text-transform: uppercase; }
.legend span { margin-right: 12px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
"""

_JS = """
(function () {
  var panel = document.getElementById('details');
  var fields = [['Quotation', 'q'], ['Speaker', 'speaker'], ['Entity', 'entity'], ['Entity kind', 'entityKind'],
    ['Kind', 'kind'], ['Cue', 'cue'], ['Confidence', 'confidence'], ['Method', 'method']];
  function show(el) {
    var d = el.dataset, dl = document.createElement('dl');
    fields.forEach(function (f) {
      var dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = f[0]; dd.textContent = d[f[1]] || '\\u2014';
      dl.appendChild(dt); dl.appendChild(dd);
    });
    var body = panel.querySelector('.body');
    body.textContent = '';
    body.appendChild(dl);
    document.querySelectorAll('mark.q.active').forEach(function (m) { m.classList.remove('active'); });
    document.querySelectorAll('mark.q[data-q="' + d.q + '"]').forEach(function (m) { m.classList.add('active'); });
  }
  document.querySelectorAll('mark.q').forEach(function (m) {
    m.addEventListener('click', function (ev) { ev.stopPropagation(); show(m); });
  });
  document.documentElement.setAttribute('data-ready', String(document.querySelectorAll('mark.q').length));
})();
"""


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _speaker_key(q: Quotation) -> str | None:
    if q.entity:
        return q.entity
    return f"mention:{q.speaker.text}" if q.speaker else None


def _colour_classes(result: ExtractionResult) -> dict[str, int]:
    """Speaker key → palette index, in order of first quotation."""
    out: dict[str, int] = {}
    for q in result.quotations:
        k = _speaker_key(q)
        if k is not None and k not in out:
            out[k] = len(out) % len(PALETTE)
    return out


def _quote_attrs(q: Quotation, entities: dict[str, Entity], colour: str) -> str:
    e = entities.get(q.entity) if q.entity else None
    speaker = e.name if e else (q.speaker.text if q.speaker else "")
    attrs = {
        "class": f"q kind-{q.kind} {colour}",
        "data-q": q.id,
        "data-kind": q.kind,
        "data-speaker": speaker,
        "data-entity": q.entity or "",
        "data-entity-kind": e.kind if e else "",
        "data-confidence": f"{q.confidence:.2f}",
        "data-method": q.method,
        "data-cue": f"{q.cue.text} ({q.cue_class})" if q.cue else q.cue_class,
        "title": f"{q.id} · {q.kind} · {speaker or 'no speaker'}"
        + (f" ({e.kind}, {q.entity})" if e else "")
        + f" · confidence {q.confidence:.2f} · {q.method}",
    }
    return " ".join(f'{k}="{_esc(v)}"' for k, v in attrs.items())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line ranges of the text: each non-blank line is a paragraph."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def _article(result: ExtractionResult, text: str, colours: dict[str, int]) -> str:
    entities = {e.id: e for e in result.entities}
    n = len(text)
    # Annotations as (start, end, layer, payload); layer 0 = quotation, 1 = speaker, 2 = cue.
    notes: list[tuple[int, int, int, Quotation]] = []
    for q in result.quotations:
        for f in q.fragments or [q.content]:
            if 0 <= f.start < f.end <= n:
                notes.append((f.start, f.end, 0, q))
        if q.speaker and 0 <= q.speaker.start < q.speaker.end <= n:
            notes.append((q.speaker.start, q.speaker.end, 1, q))
        if q.cue and 0 <= q.cue.start < q.cue.end <= n:
            notes.append((q.cue.start, q.cue.end, 2, q))

    def colour(q: Quotation) -> str:
        k = _speaker_key(q)
        return f"sp-{colours[k]}" if k in colours else "sp-none"

    anchored: set[str] = set()
    parts: list[str] = []
    for p_start, p_end in _paragraphs(text):
        cuts = {p_start, p_end}
        for s, e, _, _ in notes:
            if s < p_end and e > p_start:
                cuts.add(max(s, p_start))
                cuts.add(min(e, p_end))
        bounds = sorted(cuts)
        out: list[str] = []
        for a, b in zip(bounds, bounds[1:]):
            active = [x for x in notes if x[0] <= a and x[1] >= b]
            # Quotations outermost (longest) first, then speaker/cue inside.
            quotes = sorted((x for x in active if x[2] == 0), key=lambda x: (-(x[1] - x[0]), x[3].id))
            opens, closes = [], []
            for _s, _e, _, q in quotes:
                anchor = ""
                if q.id not in anchored:
                    anchored.add(q.id)
                    anchor = f' id="{_esc(q.id)}"'
                opens.append(f"<mark{anchor} {_quote_attrs(q, entities, colour(q))}>")
                closes.append("</mark>")
            for layer, cls in ((1, "spk"), (2, "cue")):
                hit = next((x for x in active if x[2] == layer), None)
                if hit is not None:
                    q = hit[3]
                    label = "speaker" if layer == 1 else f"cue ({q.cue_class})"
                    opens.append(
                        f'<span class="{cls} {colour(q)}" data-q="{_esc(q.id)}" title="{_esc(label)} of {_esc(q.id)}">'
                    )
                    closes.append("</span>")
            out.append("".join(opens) + _esc(text[a:b]) + "".join(reversed(closes)))
        parts.append("<p>" + "".join(out) + "</p>")
    return "\n".join(parts)


def _side(result: ExtractionResult, colours: dict[str, int]) -> str:
    entities = {e.id: e for e in result.entities}
    by_speaker: dict[str | None, list[Quotation]] = defaultdict(list)
    for q in result.quotations:
        by_speaker[_speaker_key(q) if _speaker_key(q) in colours else None].append(q)
    positions = {p.entity: p for p in result.positions}
    rows = []
    for key, idx in colours.items():
        e = entities.get(key) if key else None
        name = e.name if e else key.removeprefix("mention:")
        sub = [e.kind, e.id] + ([", ".join(e.titles)] if e.titles else []) if e else ["unresolved mention"]
        items = []
        for q in by_speaker.get(key, []):
            snippet = q.content.text if len(q.content.text) <= 140 else q.content.text[:137] + "…"
            cue = f" <span class='k'>{_esc(q.cue.text)}</span>" if q.cue else ""
            items.append(
                f'<li><span class="k">{_esc(q.kind)}</span>{cue} <a href="#{_esc(q.id)}" class="sp-{idx}">'
                f"{_esc(snippet)}</a></li>"
            )
        about = ""
        if e and e.id in positions and positions[e.id].reported_about:
            about = f'<div class="sub">reported about in {len(positions[e.id].reported_about)} quotation(s)</div>'
        rows.append(
            f'<div class="speaker sp-{idx}" data-entity="{_esc(key)}"><span class="swatch"></span>'
            f'<span class="name">{_esc(name)}</span> <span class="sub">{_esc(" · ".join(sub))}</span>{about}'
            f'<ol class="holds">{"".join(items)}</ol></div>'
        )
    if by_speaker.get(None):
        unattributed = "".join(
            f'<li><span class="k">{_esc(q.kind)}</span> <a href="#{_esc(q.id)}" class="sp-none">'
            f"{_esc(q.content.text[:140])}</a></li>"
            for q in by_speaker[None]
        )
        rows.append(
            f'<div class="speaker sp-none"><span class="swatch"></span><span class="name">No speaker</span>'
            f'<ol class="holds">{unattributed}</ol></div>'
        )
    return "\n".join(rows) or "<p>No quotations found.</p>"


def render_html(result: ExtractionResult, text: str, title: str | None = None) -> str:
    """The whole page for `text` and the quotations `result` found in it."""
    colours = _colour_classes(result)
    css = _CSS + "".join(f".sp-{i} {{ --bg: {bg}; --c: {c}; }}\n" for i, (bg, c) in enumerate(PALETTE))
    css += f".sp-none {{ --bg: {NO_SPEAKER[0]}; --c: {NO_SPEAKER[1]}; }}\n"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {_csp_hash(_JS)}; img-src data:"
    title = title or result.source
    counts = Counter(q.kind for q in result.quotations)
    summary = ", ".join(f"{counts[k]} {k}" for k in ("direct", "mixed", "indirect") if counts[k]) or "none"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="quotex">
<title>{_esc(title)} — quotex</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{_esc(title)}</h1>
<div class="meta">{len(result.quotations)} quotations ({_esc(summary)}) · {len(colours)} speakers ·
model {_esc(result.model)} · schema {_esc(result.schema_version)} ·
<span class="legend"><mark class="qdemo kind-direct sp-none">direct</mark>
<mark class="qdemo kind-mixed sp-none">mixed</mark> <mark class="qdemo kind-indirect sp-none">indirect</mark>
<span class="spk sp-none">speaker</span> <span class="cue sp-none">cue</span></span></div>
</header>
<div class="layout">
<article id="article">
{_article(result, text, colours)}
</article>
<aside>
<section id="details"><h2>Quotation</h2><div class="body">Click a highlighted quotation for its speaker,
entity, kind, confidence and method.</div></section>
<section id="speakers"><h2>Speakers and positions</h2>
{_side(result, colours)}
</section>
</aside>
</div>
<script>{_JS}</script>
</body>
</html>
"""
