"""`quotex serve` through FastAPI's TestClient: every endpoint, every limit, every error shape.

Texts are short ones written for these tests. The real server over HTTP is in test_serve_live.py,
the page in a browser in test_serve_browser.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import warnings

import pytest

pytest.importorskip("fastapi", reason="quotex[serve] is not installed")

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2; httpx is what FastAPI documents
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from cli_startup import run_fresh
from quotex import api  # noqa: E402
from quotex.check import check_claims  # noqa: E402
from quotex.models import Claim, json_schema  # noqa: E402
from quotex.render_html import render_html  # noqa: E402
from quotex.server.app import create_app  # noqa: E402
from quotex.server.engine import Engine, QueueFull, results  # noqa: E402
from quotex.server.settings import ServeSettings  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ARTICLE = (
    "“Prices will fall by the summer,” the finance minister, Ana Ruiz, said on Monday.\r\n"
    "Opposition leader Tom Reed said that the plan would fail.\r\n"
    "“We have heard this before,” Reed told reporters.\n"
)
LIMITS = ServeSettings(max_body_bytes=20_000, max_chars=2_000, max_batch=3, max_claims=2, timeout=20)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(LIMITS), raise_server_exceptions=False) as c:
        yield c


def error_of(response, status: int, code: str) -> str:
    """The response is the one error shape (an ErrorRecord) with this status and code; its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"schema_version", "source", "error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]["message"]


# ------------------------------------------------------------------------------------------ endpoints
def test_health_and_ready(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["model"].startswith("en_core_web_sm")


def test_not_ready_before_the_model_is_loaded():
    c = TestClient(create_app(LIMITS))  # not entered: the lifespan (model load) has not run
    assert c.get("/healthz").status_code == 200
    error_of(c.get("/readyz"), 503, "E607")
    error_of(c.post("/extract", json={"text": "He said so."}), 503, "E607")


def test_extract_is_the_json_of_quotex_extract(client):
    r = client.post("/extract", json={"text": ARTICLE, "source": "a.txt"})
    assert r.status_code == 200
    assert r.json() == json.loads(api.extract(ARTICLE, source="a.txt").model_dump_json())
    body = r.json()
    assert body["source"] == "a.txt" and len(body["quotations"]) >= 2
    for q in body["quotations"]:  # offsets into the exact text sent (CRLF kept)
        for span in [q["content"], *q["fragments"], q["speaker"], q["cue"]]:
            if span:
                assert ARTICLE[span["start"] : span["end"]] == span["text"]
    assert client.post("/extract", json={"text": ARTICLE}).json()["source"] == "<request>"


def test_the_cli_gives_the_same_json(client, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    proc = subprocess.run([sys.executable, "-m", "quotex", "extract", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    served = client.post("/extract", json={"text": ARTICLE, "source": str(path)}).json()
    assert served == json.loads(proc.stdout)


def test_batch_in_order_with_error_records_in_place(client):
    texts = ["“Yes,” Bob said.", "  \n ", "Ana Ruiz said that taxes would rise."]
    r = client.post("/extract/batch", json={"documents": [{"text": t} for t in texts]})
    assert r.status_code == 200
    out = r.json()
    assert [d["source"] for d in out] == ["documents[0]", "documents[1]", "documents[2]"]
    assert out[1]["error"]["code"] == "E103"
    for i in (0, 2):
        assert out[i] == json.loads(api.extract(texts[i], source=f"documents[{i}]").model_dump_json())


def test_batch_limits(client):
    error_of(client.post("/extract/batch", json={"documents": [{"text": "a b"}] * 4}), 413, "E603")
    msg = error_of(
        client.post("/extract/batch", json={"documents": [{"text": "ok."}, {"text": "x" * 2_001}]}), 413, "E602"
    )
    assert "documents[1].text" in msg and "2000" in msg and "max_chars" in msg
    assert "documents" in error_of(client.post("/extract/batch", json={"documents": []}), 422, "E604")


def test_check_gives_the_verdicts_of_quotex_check(client):
    claims = [
        {"quote": "prices will fall by the summer", "speaker": "Ruiz", "id": "c1"},
        {"quote": "We have heard this before", "speaker": "Ruiz"},
    ]
    r = client.post("/check", json={"text": ARTICLE, "claims": claims})
    assert r.status_code == 200
    out = r.json()
    expected = check_claims(api.extract(ARTICLE, source="<request>"), ARTICLE, [Claim(**c) for c in claims])
    assert out == [json.loads(e.model_dump_json()) for e in expected]
    assert [v["verdict"] for v in out] == ["supported", "misattributed"]
    assert out[0]["id"] == "c1" and "Reed" in out[1]["attributed_to"]


def test_check_limits_and_bad_claims(client):
    many = [{"quote": "prices will fall"}] * 3
    assert "claims" in error_of(client.post("/check", json={"text": ARTICLE, "claims": many}), 413, "E603")
    long_quote = [{"quote": "word " * 500}]
    assert "claims[0].quote" in error_of(
        client.post("/check", json={"text": ARTICLE, "claims": long_quote}), 413, "E602"
    )
    assert "claims[0].quote" in error_of(
        client.post("/check", json={"text": ARTICLE, "claims": [{"quote": "…"}]}), 422, "E604"
    )
    assert "threshold" in error_of(
        client.post("/check", json={"text": ARTICLE, "claims": many[:1], "threshold": 101}), 422, "E604"
    )


def test_render_is_the_page_of_quotex_render(client):
    text = ARTICLE + "A reader wrote <script>alert('x')</script> in the comments.\n"
    r = client.post("/render", json={"text": text, "title": "T <b>"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text == render_html(api.extract(text, source="<request>"), text, title="T <b>")
    assert "&lt;script&gt;alert" in r.text and "<script>alert" not in r.text


def test_schema_and_openapi(client):
    assert client.get("/schema").json() == json_schema()
    spec = client.get("/openapi.json").json()
    assert {"/extract", "/extract/batch", "/check", "/render", "/healthz", "/readyz", "/schema"} <= set(spec["paths"])
    # the answers are quotex's own models, not a second contract
    assert "ExtractionResult" in spec["components"]["schemas"] and "ErrorRecord" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_page_is_self_contained_with_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "unsafe-eval" not in csp
    assert "script-src 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "http://" not in r.text and "https://" not in r.text and "innerHTML" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "text"),
        ({"txt": "He said so."}, "txt"),
        ({"text": 5}, "text"),
        ({"text": "ok", "source": ["x"]}, "source"),
    ],
)
def test_wrong_fields_are_422_naming_the_field(client, body, field):
    assert field in error_of(client.post("/extract", json=body), 422, "E604")


def test_bad_json_wrong_media_unknown_path_wrong_method(client):
    msg = error_of(
        client.post("/extract", content=b'{"text": ', headers={"content-type": "application/json"}), 422, "E604"
    )
    assert "JSON" in msg
    error_of(client.post("/extract", content=b"text", headers={"content-type": "text/plain"}), 415, "E612")
    error_of(client.get("/nope"), 404, "E608")
    error_of(client.get("/extract"), 405, "E609")


def test_bad_texts_reuse_the_cli_codes(client):
    error_of(client.post("/extract", json={"text": " \n\t"}), 422, "E103")
    error_of(client.post("/extract", json={"text": "a\x00b"}), 422, "E104")
    raw = b'{"text": "a \\ud800 b"}'  # a lone surrogate: valid JSON, not text
    assert "U+D800" in error_of(
        client.post("/extract", content=raw, headers={"content-type": "application/json"}), 422, "E105"
    )


def test_body_limit_declared_and_streamed(client):
    big = json.dumps({"text": "x" * 25_000})
    msg = error_of(client.post("/extract", content=big, headers={"content-type": "application/json"}), 413, "E601")
    assert "20000" in msg and "max_body_bytes" in msg

    def chunks():  # no Content-Length: the limit counts the bytes as they come
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * 1_000
        yield b'"}'

    error_of(client.post("/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "E601")


def test_per_document_char_limit(client):
    msg = error_of(client.post("/extract", json={"text": "z" * 2_001}), 413, "E602")
    assert "text" in msg and "2001" in msg and "2000" in msg
    error_of(client.post("/render", json={"text": "z" * 2_001}), 413, "E602")
    error_of(client.post("/check", json={"text": "z" * 2_001, "claims": [{"quote": "zz"}]}), 413, "E602")


# ------------------------------------------------------------------------- the inference thread
class _BlockingNlp:
    """Stands in for the pipeline: parses nothing until released; records what it was given."""

    def __init__(self, real=None, fail: bool = False):
        self.real, self.fail = real, fail
        self.release = threading.Event()
        self.started = threading.Event()
        self.seen: list[str] = []

    def pipe(self, texts, batch_size):
        texts = list(texts)
        self.seen.extend(texts)
        self.started.set()
        self.release.wait(10)
        if self.fail:
            raise RuntimeError("secret detail /home/x/model")
        yield from self.real.pipe(texts, batch_size=batch_size)


def _nlp():
    from quotex.pipeline.loader import load_pipeline

    return load_pipeline(None)


def test_a_request_past_its_deadline_gets_504_and_queued_work_is_dropped():
    app = create_app(ServeSettings(timeout=0.5))
    with TestClient(app) as c:
        real = app.state.engine
        slow = _BlockingNlp(_nlp())
        app.state.engine = Engine(slow, real.label, pipe_batch=1)
        try:
            first = threading.Thread(target=lambda: c.post("/extract", json={"text": "First, he said."}))
            first.start()
            assert slow.started.wait(5)
            t0 = time.monotonic()
            msg = error_of(c.post("/extract", json={"text": "Second, she said."}), 504, "E605")
            assert time.monotonic() - t0 < 5 and "0.5" in msg
            # the event loop was free all along: health answers while the parser is busy
            assert c.get("/healthz").status_code == 200
            slow.release.set()
            first.join(10)
            time.sleep(0.2)
            assert slow.seen == ["First, he said."]  # the timed-out request's text was never parsed
        finally:
            slow.release.set()
            app.state.engine.close()
            app.state.engine = real


def test_queue_full_is_503_and_a_crash_is_500_without_details():
    app = create_app(LIMITS)
    with TestClient(app, raise_server_exceptions=False) as c:
        real = app.state.engine
        try:
            app.state.engine = Engine(_nlp(), real.label, max_queue=0)
            assert "max_queue" in error_of(c.post("/extract", json={"text": "He said so."}), 503, "E606")
            app.state.engine.close()
            broken = _BlockingNlp(fail=True)
            broken.release.set()
            app.state.engine = Engine(broken, real.label)
            msg = error_of(c.post("/extract", json={"text": "He said so."}), 500, "E610")
            assert "secret" not in msg and "/home" not in msg
            # the inference thread survived the crash
            broken.fail = False
            broken.real = _nlp()
            assert c.post("/extract", json={"text": "He said so."}).status_code == 200
        finally:
            app.state.engine.close()
            app.state.engine = real


def test_engine_batches_in_order_and_refuses_past_max_queue():
    nlp = _BlockingNlp(_nlp())
    engine = Engine(nlp, "m", pipe_batch=4, max_queue=3)
    try:
        futures = engine.submit([("One, he said.", "a")])
        assert nlp.started.wait(5)
        more = engine.submit([("Two, she said.", "b"), ("Three.", "c")])
        with pytest.raises(QueueFull):
            engine.submit([("x", "x"), ("y", "y")])
        nlp.release.set()
        out = results(futures + more, time.monotonic() + 20)
        assert [r.source for r in out] == ["a", "b", "c"]
        assert nlp.seen == ["One, he said.", "Two, she said.", "Three."]
    finally:
        nlp.release.set()
        engine.close()


# ------------------------------------------------------------------------------------------ the CLI
def test_serve_help_imports_no_fastapi_or_spacy():
    [output], modules = run_fresh(["serve", "--help"])
    assert "--workers" in output, output
    bad = {"spacy", "fastapi", "uvicorn", "starlette"} & modules
    assert not bad, bad


def test_serve_fails_with_one_line_on_a_busy_port_or_missing_model():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "quotex", "serve", "--port", str(port), "--workers", "2"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2 and proc.stderr.startswith("quotex: error E611: cannot serve"), proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "quotex", "serve", "--model", "no_such_pipeline_xyz"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 4 and proc.stderr.startswith("quotex: error E201"), proc.stderr
