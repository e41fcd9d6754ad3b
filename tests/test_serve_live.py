"""The real server: `quotex serve` started as a process (two workers, conftest `quotex_server`) on a free
loopback port, over HTTP."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="quotex[serve] is not installed")
httpx = pytest.importorskip("httpx")

from quotex import api  # noqa: E402

TEXTS = [
    "“The bridge will open in May,” the mayor, Ana Ruiz, said.",
    "Council member Tom Reed said that the budget was too small.",
    "“We will strike,” a union spokesman told reporters on Friday.",
    "According to the report, sales fell by a third.",
]


def test_real_server_over_http(quotex_server):
    with httpx.Client(base_url=quotex_server, timeout=60) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        # each worker has its own socket: fresh connections reach both (chance of not: 2 in 2**16)
        workers = {httpx.get(f"{quotex_server}/readyz", timeout=60).json()["worker"] for _ in range(16)}
        assert len(workers) == 2, workers
        # eight concurrent requests: each answer is the library's own
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda t: client.post("/extract", json={"text": t, "source": "s"}), TEXTS * 2))
        for text, answer in zip(TEXTS * 2, answers):
            assert answer.status_code == 200
            assert answer.json() == json.loads(api.extract(text, source="s").model_dump_json())
        # the limit given on the command line reached the workers (413, named)
        too_long = client.post("/extract", json={"text": "word " * 4001})
        assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "E602"
        assert "max_chars" in too_long.json()["error"]["message"]
        bad = client.post("/extract", content=b"{", headers={"content-type": "application/json"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "E604"
        page = client.get("/")
        assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]


def test_a_worker_that_dies_is_replaced(quotex_server):
    import os
    import signal
    import time

    def workers_seen() -> set[int]:
        seen = set()
        for _ in range(16):  # fresh connections: the kernel picks a worker's socket for each
            try:
                seen.add(httpx.get(f"{quotex_server}/readyz", timeout=60).json()["worker"])
            except httpx.TransportError:
                pass
        return seen

    before = workers_seen()
    assert len(before) == 2
    victim = min(before)
    os.kill(victim, signal.SIGKILL)  # a worker of the server this session started
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        now = workers_seen()
        if len(now) == 2 and victim not in now:
            break
        time.sleep(0.5)
    assert len(now) == 2 and victim not in now, now
    assert httpx.post(f"{quotex_server}/extract", json={"text": "He said so."}, timeout=60).status_code == 200
