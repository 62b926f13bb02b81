"""The HTML report in a real browser: headless Chromium renders the page and runs its script.

The page is rendered from hand-made records (those of tests/test_formats.py),
so no run is needed. Chromium comes from Debian's ``chromium`` package; when it
is missing the set-up installs it (as root, with apt-get), and the tests skip
only when no browser can be had, saying why.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from conformance.formats.html import render
from tests.test_formats import RESULTS, SHOWN, TARGETS

# No network, no first-run or background chatter, a profile of its own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WIDTH, HEIGHT = 640, 400


def _installed() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _install() -> str:
    """Install Debian's chromium; return why not when it cannot be done."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "chromium is not installed and installing it needs root"
    if shutil.which("apt-get") is None:
        return "chromium is not installed and there is no apt-get to install it"
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")

    def apt_get(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["apt-get", *args], capture_output=True, text=True, env=environment, timeout=1200
        )

    completed = apt_get("install", "-y", "chromium")
    if completed.returncode != 0:  # stale package lists: refresh them once and retry
        apt_get("update")
        completed = apt_get("install", "-y", "chromium")
    if completed.returncode != 0:
        return "apt-get install chromium failed: " + completed.stderr.strip()[-300:]
    return ""


@pytest.fixture(scope="session")
def chromium() -> str:
    found = _installed()
    if found is None:
        reason = _install()
        found = _installed()
        if found is None:
            pytest.skip(reason or "chromium installed but not on PATH")
    return found


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render(TARGETS, RESULTS), encoding="utf-8")
    return path


def browse(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_script_runs_and_expands_the_spec_the_url_names(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    url = page.as_uri() + "#expand=" + quote(SHOWN, safe="")
    completed = browse(chromium, tmp_path / "profile", "--dump-dom", url)
    dom = completed.stdout
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert 'data-ready="yes"' in dom  # the script ran to its end
    assert '<table id="summary">' in dom
    assert f"showing 2 of {len(RESULTS)} results" in dom  # the spec alone, on both targets
    assert f'<details data-spec="{SHOWN}" data-target="flask" open="">' in dom
    assert f'<details data-spec="{SHOWN}" data-target="other" open="">' in dom
    assert dom.count(' open="">') == 2
    panel = dom.split(f'<details data-spec="{SHOWN}" data-target="other" open="">')[1]
    assert '<tr class="differs"><td class="mark">≠</td><td>response 1: 200</td>' in panel


def test_page_paints_the_summary_in_its_colours(chromium: str, page: Path, tmp_path: Path) -> None:
    screenshot = tmp_path / "page.png"
    completed = browse(
        chromium,
        tmp_path / "profile",
        f"--window-size={WIDTH},{HEIGHT}",
        "--hide-scrollbars",
        f"--screenshot={screenshot}",
        page.as_uri(),
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    width, height, pixels = read_png(screenshot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    colours = set(pixels)
    assert len(colours) > 50  # text and tables, not a blank page
    assert (0xD5, 0xF2, 0xDA) in colours  # a green summary cell (every spec behaves)
    assert (0xFF, 0xD3, 0xD0) in colours  # a red one (unexpected results)


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB or RGBA PNG into its pixels' RGB values (no imaging library here)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed, header = 8, b"", None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    assert header is not None
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(compressed)
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            up_left = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
                nearest = (left, up, up_left)[distances.index(min(distances))]
                line[index] = (line[index] + nearest) & 0xFF
        pixels += [tuple(line[i : i + 3]) for i in range(0, stride, channels)]
        previous = line
    return width, height, pixels
