"""List the differences between two observations of the same fuzz case."""

from __future__ import annotations

from typing import Any

FIELDS = ("escaped", "status", "headers", "body", "trace", "warnings")


def differences(target: dict[str, Any], reference: dict[str, Any]) -> list[str]:
    """One line per differing field: ``request N field: target <x> != reference <y>``.

    Headers are compared as normalized by the executor (``Date`` dropped, grouped by
    name); an exception that escaped is compared by its class name, since
    implementations word their messages in their own sentences.
    """
    lines = []
    if target["build_error"] != reference["build_error"]:
        lines.append(
            f"building the app raised: target {target['build_error']} "
            f"!= reference {reference['build_error']}"
        )
        return lines
    for number, (mine, theirs) in enumerate(
        zip(target["exchanges"], reference["exchanges"], strict=True)
    ):
        for field in FIELDS:
            if mine.get(field) != theirs.get(field):
                lines.append(
                    f"request {number} {field}: target {mine.get(field)!r} "
                    f"!= reference {theirs.get(field)!r}"
                )
    return lines
