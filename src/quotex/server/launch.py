"""Start `quotex serve` as a child process on 127.0.0.1, wait until it is ready, stop it: what the
live tests (tests/live_server.py) and the benchmark (benchmarks/serve.py) share. Standard library only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HOST = "127.0.0.1"  # tests and benchmarks never listen beyond this machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def serve_command(port: int, *args: str) -> list[str]:
    """The command line of a quiet `quotex serve` on `HOST:port`, with more options in `args`."""
    return [
        sys.executable,
        "-m",
        "quotex",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "warning",
        *args,
    ]


def wait_ready(proc: subprocess.Popen, url: str, timeout: float) -> None:
    """Return once `url`/readyz answers 200; RuntimeError if the server exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            tail = proc.stderr.read()[-800:] if proc.stderr else ""
            raise RuntimeError(f"quotex serve exited with {proc.returncode}: {tail}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or 503 while the model loads
        if time.monotonic() > deadline:
            raise RuntimeError(f"quotex serve not ready after {timeout} s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen, grace: float) -> None:
    """SIGINT (uvicorn's graceful shutdown, workers included), then SIGKILL to the process group."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
    if proc.stderr:
        proc.stderr.close()
