"""Capabilities: parts of Flask's API that a target may not offer at all.

A Flask-compatible framework can leave out a whole part of Flask (a command
line interface, signals, a synchronous test client). Specs of that part cannot
tell anything about such a target, so they are graded ``unsupported`` with the
adapter's reason, counted apart from passes and failures.

Three rules keep the grade honest:

- Specs say what they need: an area's ``AREA.toml`` lists ``requires = [...]``
  for all its specs, and a spec elsewhere carries
  ``@pytest.mark.requires("signals")``. Such a spec is not run on a target
  that declares the capability unsupported.
- A spec that reaches a name covered by an unsupported capability (``target.cli``
  on a target without a CLI) is graded ``unsupported`` at that point; any
  other failure of the same spec stays a failure.
- An adapter's declaration is checked against the target: a capability whose
  names the target does provide is not unsupported, whatever the adapter says.
  The declaration is dropped, its specs run, and the run reports an incident.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capability:
    """A part of Flask's API a target offers or not, with the names that make it up."""

    name: str
    description: str
    #: Public paths on the target (``"cli"`` is ``flask.cli``, ``"Blueprint"``
    #: is ``flask.Blueprint``) that belong to this capability alone. A target
    #: offering any of them offers the capability.
    paths: tuple[str, ...] = ()


_SIGNAL_NAMES = (
    "appcontext_popped",
    "appcontext_pushed",
    "appcontext_tearing_down",
    "before_render_template",
    "got_request_exception",
    "message_flashed",
    "request_finished",
    "request_started",
    "request_tearing_down",
    "template_rendered",
)

CAPABILITIES: dict[str, Capability] = {
    capability.name: capability
    for capability in (
        Capability(
            "cli",
            "the flask command: flask.cli (FlaskGroup, AppGroup, ScriptInfo, with_appcontext)",
            ("cli",),
        ),
        Capability(
            "signals",
            "Blinker signals sent during the request lifecycle: flask.signals",
            ("signals", *_SIGNAL_NAMES),
        ),
        Capability(
            "templating",
            "Jinja templates rendered by the framework: flask.templating, render_template",
            ("templating", "render_template", "render_template_string", "stream_template"),
        ),
        Capability(
            "test-client",
            "a synchronous WSGI test client from app.test_client()",
        ),
        Capability(
            "cli-runner",
            "a Click test runner for the app's commands from app.test_cli_runner()",
        ),
        Capability(
            "flask-wording",
            "Flask's own sentences, word for word: the text of its error messages, "
            "warnings, log lines and command help (the facts in them are specified elsewhere)",
        ),
    )
}


class UnknownCapability(ValueError):
    """A spec, an area or an adapter names a capability not listed in :data:`CAPABILITIES`."""


def check_names(names: object, where: str) -> tuple[str, ...]:
    """Return *names* as a tuple, refusing anything not in :data:`CAPABILITIES`."""
    if isinstance(names, str) or not all(isinstance(name, str) for name in names):  # type: ignore[union-attr]
        raise UnknownCapability(f"{where}: capabilities must be a list of names")
    unknown = [name for name in names if name not in CAPABILITIES]  # type: ignore[union-attr]
    if unknown:
        raise UnknownCapability(
            f"{where}: unknown capability {unknown[0]!r}; known: {', '.join(CAPABILITIES)}"
        )
    return tuple(names)  # type: ignore[arg-type]


def covering(path: str, unsupported: dict[str, str]) -> str | None:
    """The unsupported capability that a public *path* belongs to, if any."""
    for name in unsupported:
        capability = CAPABILITIES.get(name)
        if capability is not None and path in capability.paths:
            return name
    return None
