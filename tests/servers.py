"""Running a server command in a subprocess for a test: a free port, waiting
until it accepts connections, and stopping it with everything it started."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

#: How long a server may take to accept connections, in seconds.
STARTUP_DEADLINE = 20.0
#: How long a server may take to exit after SIGTERM before it is killed.
STOP_DEADLINE = 10.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS just reported free."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _group_exists(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a reused id we do not own
        return False
    return True


def _stop(server: subprocess.Popen) -> None:
    """Ask the server to stop, then kill whatever of its process group is
    left (reloader children, workers)."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=STOP_DEADLINE)
    # The server leads its own process group (start_new_session), so the
    # group id is its pid: only processes this test started are in it.
    if _group_exists(server.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)


@dataclass
class RunningServer:
    """A server started by :func:`serving`."""

    name: str
    port: int
    process: subprocess.Popen
    _output: IO[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        """What the server has printed so far (stdout and stderr)."""
        self._output.seek(0)
        return self._output.read().decode(errors="replace")


@contextlib.contextmanager
def serving(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path | str,
    env: dict[str, str] | None = None,
    name: str | None = None,
) -> Iterator[RunningServer]:
    """Run ``command`` (which must listen on ``port`` of 127.0.0.1) until the
    block ends, yielding it once it accepts connections.

    The server's output goes to a temporary file, shown when it fails to
    start. On the way out the server gets SIGTERM, is killed if it has not
    exited within :data:`STOP_DEADLINE`, and anything left in its process
    group is killed too.
    """
    name = name or command[0]
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        running = RunningServer(name, port, server, output)
        try:
            deadline = time.monotonic() + STARTUP_DEADLINE
            while not _accepts_connections(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    _stop(server)
                    pytest.fail(
                        f"{name} did not start (exit status {server.returncode}):\n"
                        + running.output()
                    )
                time.sleep(0.05)
            yield running
        finally:
            _stop(server)


@contextlib.contextmanager
def connection(port: int, timeout: float = 10) -> Iterator[http.client.HTTPConnection]:
    """An HTTP/1.1 connection to 127.0.0.1:``port``, closed afterwards."""
    opened = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        yield opened
    finally:
        opened.close()
