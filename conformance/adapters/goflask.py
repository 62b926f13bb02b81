"""goflask: a Flask-style API in front of a Go HTTP server.

goflask names its application class ``GoFlask`` (``goflask.Flask`` is an
alias) and keeps its Flask-style helpers in ``goflask.helpers`` and its Click
commands (``FlaskGroup``...) in ``goflask.cli``. A ``GoFlask`` app is neither a
WSGI callable nor has a ``test_client()``: requests reach it only through the
server ``app.run()`` starts, so the adapter cannot build an honest test client
and declares the capability unsupported. It has no signals, renders no
templates (``goflask.helpers.render_template`` returns the template name and
context as data) and has no CLI runner.
"""

from __future__ import annotations

from typing import Any, NoReturn

from conformance.adapters import FrameworkAdapter
from conformance.targets import Unsupported

_NO_TEST_CLIENT = (
    "GoFlask apps have no test_client() and are not WSGI callables; "
    "requests reach them only through the server app.run() starts"
)


class GoFlaskAdapter(FrameworkAdapter):
    """goflask seen as Flask: ``GoFlask`` for ``Flask``, no test client."""

    package = "goflask"
    distribution = "goflask"
    renames = {"Flask": "GoFlask"}
    unsupported = {
        "test-client": _NO_TEST_CLIENT,
        "cli-runner": "GoFlask apps have no test_cli_runner()",
        "signals": "goflask sends no Blinker signals (it has no signals module)",
        "templating": "goflask renders no templates: goflask.helpers.render_template returns "
        "the template name and context as data, with no Jinja environment",
    }

    def make_client(self, app: Any, **options: Any) -> NoReturn:
        raise Unsupported("test-client", _NO_TEST_CLIENT)
