"""Report formats rendered from the one result model: JUnit XML, Markdown, HTML, badges.

Every format reads the same records the terminal tables and ``--json`` read
(:class:`~conformance.results.SpecResult` plus each target's facts: version,
error, incidents), and counts with :func:`~conformance.results.tally`, so no
view can disagree with another about what happened. The formats only decide
how an outcome looks, never what it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from conformance.results import AreaTally, SpecResult

FORMATS = ("junit", "markdown", "html", "badge")

# XML 1.0 cannot carry most control characters, even escaped, and HTML readers
# mangle them; a failure message can hold any of them (a spec comparing raw
# bytes, say).
_NOT_TEXT = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: object) -> str:
    """*value* as text any XML or HTML reader accepts: other characters become U+FFFD."""
    return _NOT_TEXT.sub("\ufffd", str(value))


def write_formats(
    targets: dict[str, dict],
    results: Sequence[SpecResult],
    *,
    junit: Path | None = None,
    markdown: Path | None = None,
    html: Path | None = None,
    badge: Path | None = None,
) -> list[str]:
    """Write every format given a path; return one ``wrote ...`` line per file.

    :param targets: each target's facts, as in the ``--json`` report's ``targets``.
    :param results: the records of every target.
    """
    written: list[str] = []
    if junit is not None:
        from conformance.formats import junit as junit_format

        _write(junit, junit_format.render(targets, results))
        written.append(f"wrote JUnit XML for {len(results)} records to {junit}")
    if markdown is not None:
        from conformance.formats import markdown as markdown_format

        _write(markdown, markdown_format.render(targets, results))
        written.append(f"wrote the Markdown summary to {markdown}")
    if html is not None:
        from conformance.formats import html as html_format

        _write(html, html_format.render(targets, results))
        written.append(f"wrote the HTML report to {html}")
    if badge is not None:
        from conformance.formats import badge as badge_format

        for path in badge_format.write(badge, targets, results):
            written.append(f"wrote a badge to {path}")
    return written


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def ordered_targets(targets: dict[str, dict], results: Iterable[SpecResult]) -> list[str]:
    """The targets in the order they ran, then any target only the records name."""
    names = list(targets)
    for result in results:
        if result.target not in names:
            names.append(result.target)
    return names


def total_of(results: Iterable[SpecResult]) -> AreaTally:
    """All areas of some records in one tally (the ``total`` row)."""
    counts = AreaTally()
    for result in results:
        counts.add(result)
    return counts


def target_label(name: str, facts: dict | None) -> str:
    """``name (version)``, or the bare name when the version is unknown."""
    version = (facts or {}).get("version")
    return f"{name} ({version})" if version and version != "unknown" else name
