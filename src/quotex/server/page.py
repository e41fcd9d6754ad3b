"""The page at `/`: paste an article, see it rendered as by `quotex render`, check a claimed quote.

Self-contained: no external script, font or stylesheet; the page's one script is allowed by its
hash in a strict Content-Security-Policy (sent as a header), and it talks only to the same origin
(`connect-src 'self'`). The rendered article is the HTML of `POST /render` (quotex.render_html,
which escapes every character of the article) shown in a sandboxed `srcdoc` frame: its own script
runs, in an opaque origin that cannot reach this page. Everything else the page shows is set with
`textContent`, never as HTML.
"""

from __future__ import annotations

from quotex.render_html import _JS as RENDER_JS
from quotex.render_html import _csp_hash

_JS = """
(function () {
  var $ = function (id) { return document.getElementById(id); };
  function setState(state, message) {
    document.body.setAttribute('data-state', state);
    $('status').textContent = message;
  }
  function post(path, body) {
    return fetch(path, {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
                        body: JSON.stringify(body)})
      .then(function (r) {
        return r.text().then(function (t) {
          if (r.ok) { return t; }
          var message = 'HTTP ' + r.status;
          try { var e = JSON.parse(t).error; message = e.code + ': ' + e.message; } catch (ignored) {}
          throw new Error(message);
        });
      });
  }
  $('run').addEventListener('click', function () {
    var text = $('article').value;
    setState('busy', 'Finding quotations\\u2026');
    post('/render', {text: text, title: $('title').value || 'Pasted article', source: 'pasted'})
      .then(function (page) {
        $('result').srcdoc = page;
        setState('done', 'Done. Click a highlighted quotation for its details.');
      })
      .catch(function (err) { setState('error', err.message); });
  });
  $('check').addEventListener('click', function () {
    var claim = {quote: $('quote').value};
    if ($('speaker').value.trim()) { claim.speaker = $('speaker').value; }
    var out = $('verdict');
    out.textContent = '';
    setState('checking', 'Checking the quote\\u2026');
    post('/check', {text: $('article').value, claims: [claim], source: 'pasted'})
      .then(function (t) {
        var v = JSON.parse(t)[0];
        var head = document.createElement('strong');
        head.className = 'v-' + v.verdict;
        head.textContent = v.verdict + ' (score ' + v.score + ')';
        out.appendChild(head);
        var lines = [v.message];
        if (v.attributed_to) { lines.push('The article attributes it to: ' + v.attributed_to); }
        if (v.passage) { lines.push('Passage: \\u201c' + v.passage.text + '\\u201d'); }
        lines.forEach(function (line) {
          var p = document.createElement('p'); p.textContent = line; out.appendChild(p);
        });
        out.setAttribute('data-verdict', v.verdict);
        setState('checked', 'Checked.');
      })
      .catch(function (err) { setState('error', err.message); });
  });
  document.body.setAttribute('data-state', 'ready');
})();
"""

_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2937; background: #fafaf9; }
header { padding: 12px 24px; border-bottom: 1px solid #e5e7eb; background: #fff; }
header h1 { font-size: 18px; margin: 0; }
main { display: grid; grid-template-columns: 380px minmax(0, 1fr); gap: 20px; padding: 16px 24px; }
textarea, input { width: 100%; font: inherit; padding: 6px 8px; border: 1px solid #d1d5db; border-radius: 4px; }
textarea { height: 46vh; font-family: Georgia, serif; }
button { margin: 8px 0; padding: 6px 14px; font: inherit; cursor: pointer; }
section { background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 14px; margin-bottom: 14px; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #6b7280; margin: 0 0 6px; }
#status { color: #6b7280; min-height: 1.5em; }
body[data-state=error] #status { color: #b91c1c; }
#result { width: 100%; height: 84vh; border: 1px solid #e5e7eb; border-radius: 6px; background: #fff; }
#verdict p { margin: 4px 0; overflow-wrap: anywhere; }
.v-supported { color: #15803d; } .v-misattributed, .v-not-found { color: #b91c1c; }
.v-paraphrase { color: #b45309; } .v-unattributed { color: #7c3aed; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
"""

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>quotex — who said what</title>
<style>{_CSS}</style>
</head>
<body data-state="loading">
<header><h1>quotex — who said what</h1></header>
<main>
<div>
<section>
<h2>Article</h2>
<label for="title">Title (optional)</label>
<input id="title" type="text" maxlength="200">
<label for="article">Paste the article</label>
<textarea id="article" spellcheck="false"></textarea>
<button id="run" type="button">Find quotations</button>
<div id="status" role="status" aria-live="polite"></div>
</section>
<section>
<h2>Check a claimed quote</h2>
<label for="quote">Quote</label>
<input id="quote" type="text">
<label for="speaker">Speaker (optional)</label>
<input id="speaker" type="text">
<button id="check" type="button">Check against the article</button>
<div id="verdict" aria-live="polite"></div>
</section>
<p><a href="/docs">API documentation</a></p>
</div>
<iframe id="result" title="The article with its quotations" sandbox="allow-scripts"></iframe>
</main>
<script>{_JS}</script>
</body>
</html>
"""

# The rendered page runs in a srcdoc frame, which inherits this policy: its script's hash is listed too.
PAGE_CSP = (
    "default-src 'none'; "
    f"script-src {_csp_hash(_JS)} {_csp_hash(RENDER_JS)}; "
    "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
