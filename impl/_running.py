"""Running an application outside a production server: dev server and tests.

:class:`RunningMixin` gives :class:`~impl.Flask` its ``run``,
``test_client`` and ``test_cli_runner`` methods. Everything here is imported
lazily, so an app served by a WSGI server never loads the development
server, Click's test runner or the test client.
"""

from __future__ import annotations

import os
import typing as t

from werkzeug.serving import is_running_from_reloader

from .helpers import _first_given, get_debug_flag, get_load_dotenv

if t.TYPE_CHECKING:
    from .testing import FlaskClient, FlaskCliRunner

_Host = str | None
_Port = int | None
_Switch = bool | None
_DEFAULT_HOST = "127.0.0.1"
_DEFAULT_PORT = 5000
_NESTED_RUN_WARNING = (
    " * Not starting a second server: 'app.run()' was called while the 'flask'"
    " command is already serving.\n   Put the call under an"
    " 'if __name__ == \"__main__\":' guard."
)


def _server_address(server_name: str | None, host: _Host, port: _Port) -> tuple[str, int]:
    """Host and port to listen on: the arguments, else ``SERVER_NAME``, else defaults."""
    named_host, _, named_port = (server_name or "").partition(":")
    if port in (None, ""):
        port = int(named_port) if named_port else _DEFAULT_PORT
    return host or named_host or _DEFAULT_HOST, int(port)


def _debug_from_environment(load_dotenv: bool, loader: t.Callable[[], t.Any]) -> bool | None:
    """Load ``.env`` files unless disabled, then read ``FLASK_DEBUG`` if it is set."""
    if not get_load_dotenv(load_dotenv):
        return None
    loader()
    return get_debug_flag() if "FLASK_DEBUG" in os.environ else None


class RunningMixin:
    """Development server and test helpers of :class:`~impl.Flask`."""

    def run(
        self,
        host: _Host = None,
        port: _Port = None,
        debug: _Switch = None,
        load_dotenv: bool = True,
        **options: t.Any,
    ) -> None:
        """Serve the app with Werkzeug's development server; not for production.

        :param host: interface to listen on; ``SERVER_NAME``'s host or
            ``127.0.0.1`` by default.
        :param port: port to listen on; ``SERVER_NAME``'s port or ``5000``.
        :param debug: switch debug mode, which also turns on the reloader and
            the interactive debugger unless *options* say otherwise.
        :param load_dotenv: load ``.env`` and ``.flaskenv`` files first.
        :param options: passed on to :func:`werkzeug.serving.run_simple`.
        """
        if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
            # ``flask run`` imported a module that calls app.run() at import
            # time; starting another server here would block the command.
            if not is_running_from_reloader():
                import click

                click.secho(_NESTED_RUN_WARNING, fg="red")
            return

        from . import cli

        chosen_debug = _first_given(debug, _debug_from_environment(load_dotenv, cli.load_dotenv))
        if chosen_debug is not None:
            self.debug = bool(chosen_debug)
        bind_host, bind_port = _server_address(self.config.get("SERVER_NAME"), host, port)
        in_debug = self.debug
        server_options = {"use_reloader": in_debug, "use_debugger": in_debug, "threaded": True}
        server_options.update(options)
        cli.show_server_banner(in_debug, self.name)

        from werkzeug.serving import run_simple

        try:
            run_simple(bind_host, bind_port, self, **server_options)
        finally:
            # Setup methods work again once the server stops, so an
            # interactive session can change the app and run it again.
            self._setup_closed = False

    def test_client(self, use_cookies: bool = True, **kwargs: t.Any) -> FlaskClient:
        """A client that sends requests straight to the app, without a server.

        Inside ``with app.test_client() as client:`` the contexts of the
        latest request stay available after its response.

        :param use_cookies: keep cookies between requests.
        :param kwargs: passed to :attr:`~impl.Flask.test_client_class`.
        """
        from .testing import FlaskClient

        client_class = self.test_client_class or FlaskClient
        return client_class(self, self.response_class, use_cookies=use_cookies, **kwargs)

    def test_cli_runner(self, **kwargs: t.Any) -> FlaskCliRunner:
        """A runner that invokes the app's CLI commands in tests.

        :param kwargs: passed to :attr:`~impl.Flask.test_cli_runner_class`.
        """
        from .testing import FlaskCliRunner

        runner_class = self.test_cli_runner_class or FlaskCliRunner
        return runner_class(self, **kwargs)
