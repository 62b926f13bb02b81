"""What a spec can leave running after it ends: child processes and listening sockets.

A target that starts a real server from ``app.run()`` (some frameworks do, where
Flask hands over to Werkzeug's ``run_simple``) leaves it behind: a process
holding a port, or a socket listening in the test process itself. Either would
fail later specs (``Address already in use``) for a reason that is not theirs.
The plugin takes a :func:`snapshot` before each spec and compares after it.

Linux only (``/proc``); elsewhere the snapshots are empty and nothing is found.
"""

from __future__ import annotations

import contextlib
import os
import signal
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")
_LISTEN = "0A"  # the TCP state code of a listening socket in /proc/net/tcp


@dataclass(frozen=True)
class Snapshot:
    children: frozenset[int]
    listening: frozenset[str]  # "host:port" of sockets this process listens on


def snapshot() -> Snapshot:
    return Snapshot(frozenset(children(os.getpid())), frozenset(_listening_addresses()))


def children(pid: int) -> list[int]:
    """The direct children of *pid*, from ``/proc/<pid>/task/*/children``."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in (_PROC / str(pid) / "task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(child) for child in (task / "children").read_text().split()]
    return found


def descendants(pid: int) -> list[int]:
    """Every process below *pid*, children first."""
    found: list[int] = []
    pending = children(pid)
    while pending:
        child = pending.pop()
        found.append(child)
        pending += children(child)
    return found


def kill_tree(pids: list[int]) -> None:
    """SIGKILL each process and everything below it, below first."""
    for pid in pids:
        for victim in [*reversed(descendants(pid)), pid]:
            with contextlib.suppress(OSError):
                os.kill(victim, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def _socket_inodes() -> set[str]:
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in (_PROC / "self" / "fd").iterdir():
            with contextlib.suppress(OSError):
                link = os.readlink(fd)
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
    return inodes


def _listening_addresses() -> list[str]:
    mine = _socket_inodes()
    if not mine:
        return []
    found = []
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(OSError):
            for line in (_PROC / "self" / "net" / table).read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9 and fields[3] == _LISTEN and fields[9] in mine:
                    found.append(_address(fields[1]))
    return found


def _address(hex_address: str) -> str:
    host, _, port = hex_address.partition(":")
    if len(host) == 8:  # IPv4, little-endian
        octets = [str(int(host[i : i + 2], 16)) for i in range(6, -1, -2)]
        return f"{'.'.join(octets)}:{int(port, 16)}"
    return f"[ipv6]:{int(port, 16)}"
