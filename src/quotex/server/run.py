"""Running the server: one uvicorn process, or N worker processes that each own a listening socket.

Why not uvicorn's own `workers=N`: there, the workers share one listening socket and asyncio
accepts every pending connection on whichever worker wakes first, so a burst of kept-alive
clients (8 in benchmarks/serve.py) all landed on one worker while the other stayed idle (measured:
20.8 CPU s against 0.2). Here each worker binds its own socket with SO_REUSEPORT and the kernel
spreads new connections over them. A worker's socket is bound before, but listens only after,
its lifespan has loaded the model (asyncio's `create_server` calls `listen()`), so no connection
is ever queued on a worker that is not ready. The parent forwards SIGINT/SIGTERM, and restarts a
worker that dies after it started (not one that failed to start: that would fail again).

    python -m quotex.server.run HOST PORT LOG_LEVEL     # one worker; settings in $QUOTEX_SERVE_SETTINGS
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType
from typing import TYPE_CHECKING

from quotex.server.settings import ENV_VAR, ServeSettings

if TYPE_CHECKING:
    import uvicorn

APP = "quotex.server.app:create_app"
STARTUP_FAILURE = 3  # uvicorn's exit code when the lifespan (model load) fails


def _config(host: str, port: int, log_level: str) -> uvicorn.Config:
    import uvicorn

    return uvicorn.Config(APP, factory=True, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=10)


def serve_here(host: str, port: int, settings: ServeSettings, log_level: str) -> None:
    """One server in this process (uvicorn binds the socket itself)."""
    import uvicorn

    os.environ[ENV_VAR] = settings.to_env()
    uvicorn.Server(_config(host, port, log_level)).run()


def _reuse_port_socket(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)  # not listening yet: uvicorn listens once the model is loaded
    return sock


def worker_main(argv: list[str]) -> None:
    import uvicorn

    host, port, log_level = argv[0], int(argv[1]), argv[2]
    sock = _reuse_port_socket(host, port)
    uvicorn.Server(_config(host, port, log_level)).run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int, settings: ServeSettings, log_level: str) -> int:
    """N worker processes on one port; returns the exit code once they have stopped."""
    env = {**os.environ, ENV_VAR: settings.to_env()}
    command = [sys.executable, "-m", "quotex.server.run", host, str(port), log_level]
    stopping = False

    def start() -> subprocess.Popen:
        return subprocess.Popen(command, env=env)

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    procs = [start() for _ in range(workers)]
    code = 0
    while not stopping:
        time.sleep(0.2)
        for i, proc in enumerate(procs):
            rc = proc.poll()
            if rc is None or stopping:
                continue
            if rc == STARTUP_FAILURE:
                print(f"quotex serve: worker {proc.pid} failed to start; stopping", file=sys.stderr)
                stopping, code = True, 1
                break
            print(f"quotex serve: worker {proc.pid} exited with {rc}; starting another", file=sys.stderr)
            procs[i] = start()
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # uvicorn's graceful shutdown
    deadline = time.monotonic() + 20
    for proc in procs:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return code


if __name__ == "__main__":
    worker_main(sys.argv[1:])
