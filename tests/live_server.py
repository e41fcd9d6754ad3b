"""Start `quotex serve` as a real process on a free 127.0.0.1 port, wait until it is ready, stop it."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator

from quotex.server.launch import HOST, free_port, serve_command, stop, wait_ready


@contextlib.contextmanager
def running_server(*args: str, ready_timeout: float = 90) -> Iterator[str]:
    """Yields the base URL once /readyz answers 200; stops the server (and its workers) afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        serve_command(port, *args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so that workers can be stopped with it
    )
    try:
        url = f"http://{HOST}:{port}"
        wait_ready(proc, url, ready_timeout)
        yield url
    finally:
        stop(proc, grace=20)
