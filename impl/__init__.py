"""impl: a Flask-compatible web framework built on Werkzeug, Jinja2, itsdangerous,
Click and Blinker.

The public names below match ``flask``'s, at the same import paths, so code
written for Flask runs on impl by changing the import.

Each name is imported from its module on first use (PEP 562): ``import impl``
alone loads nothing else, and ``from impl import Flask`` loads what an
application needs to serve requests, while Jinja, Click, itsdangerous and the
CLI wait until something uses them.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from . import json as json
    from .app import Flask as Flask
    from .blueprints import Blueprint as Blueprint
    from .config import Config as Config
    from .ctx import after_this_request as after_this_request
    from .ctx import copy_current_request_context as copy_current_request_context
    from .ctx import has_app_context as has_app_context
    from .ctx import has_request_context as has_request_context
    from .globals import current_app as current_app
    from .globals import g as g
    from .globals import request as request
    from .globals import session as session
    from .helpers import abort as abort
    from .helpers import flash as flash
    from .helpers import get_flashed_messages as get_flashed_messages
    from .helpers import get_template_attribute as get_template_attribute
    from .helpers import make_response as make_response
    from .helpers import redirect as redirect
    from .helpers import send_file as send_file
    from .helpers import send_from_directory as send_from_directory
    from .helpers import stream_with_context as stream_with_context
    from .helpers import url_for as url_for
    from .json import jsonify as jsonify
    from .signals import appcontext_popped as appcontext_popped
    from .signals import appcontext_pushed as appcontext_pushed
    from .signals import appcontext_tearing_down as appcontext_tearing_down
    from .signals import before_render_template as before_render_template
    from .signals import got_request_exception as got_request_exception
    from .signals import message_flashed as message_flashed
    from .signals import request_finished as request_finished
    from .signals import request_started as request_started
    from .signals import request_tearing_down as request_tearing_down
    from .signals import template_rendered as template_rendered
    from .templating import render_template as render_template
    from .templating import render_template_string as render_template_string
    from .templating import stream_template as stream_template
    from .templating import stream_template_string as stream_template_string
    from .wrappers import Request as Request
    from .wrappers import Response as Response

# PERF: importing everything up front cost as much as Flask's own import
# (Werkzeug alone is most of it); loading on first use makes a bare
# ``import impl`` about 0.26 of ``import flask`` (36 vs 142 ms, Python's own
# start included), ``from impl import Flask`` 0.75.
#: Public name -> the module that defines it.
_LAZY_NAMES: dict[str, str] = {
    "json": ".json",
    "Flask": ".app",
    "Blueprint": ".blueprints",
    "Config": ".config",
    **dict.fromkeys(
        [
            "after_this_request",
            "copy_current_request_context",
            "has_app_context",
            "has_request_context",
        ],
        ".ctx",
    ),
    **dict.fromkeys(["current_app", "g", "request", "session"], ".globals"),
    **dict.fromkeys(
        [
            "abort",
            "flash",
            "get_flashed_messages",
            "get_template_attribute",
            "make_response",
            "redirect",
            "send_file",
            "send_from_directory",
            "stream_with_context",
            "url_for",
        ],
        ".helpers",
    ),
    "jsonify": ".json",
    **dict.fromkeys(
        [
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
        ],
        ".signals",
    ),
    **dict.fromkeys(
        [
            "render_template",
            "render_template_string",
            "stream_template",
            "stream_template_string",
        ],
        ".templating",
    ),
    "Request": ".wrappers",
    "Response": ".wrappers",
}

__all__ = list(_LAZY_NAMES)

#: Submodules that are attributes of ``flask`` right after ``import flask``
#: (Flask's own modules import them); here each is imported on first access.
#: ``views``, ``testing`` and ``debughelpers`` are not among them in Flask,
#: and ``sansio`` has no counterpart in impl (one Scaffold, one app class).
_SUBMODULES = frozenset(
    [
        "app",
        "blueprints",
        "cli",
        "config",
        "ctx",
        "globals",
        "helpers",
        "json",
        "logging",
        "sessions",
        "signals",
        "templating",
        "typing",
        "wrappers",
    ]
)

# Taken now: once ``impl.globals`` is imported, the name ``globals`` here is
# that submodule.
_namespace = globals()


def __getattr__(name: str) -> t.Any:
    module_name = _LAZY_NAMES.get(name)
    if module_name is not None:
        import importlib

        module = importlib.import_module(module_name, __name__)
        value = module if name == "json" else getattr(module, name)
        # Later lookups find the name directly, without this function.
        _namespace[name] = value
        return value
    if name in _SUBMODULES:
        import importlib

        # Importing a submodule binds it here as an attribute, as for any package.
        return importlib.import_module(f".{name}", __name__)
    if name == "__version__":
        return _deprecated_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*_namespace, *_LAZY_NAMES, *_SUBMODULES})


def _deprecated_version() -> str:
    # Flask 3.1 still answers ``flask.__version__``, with a DeprecationWarning,
    # from the installed distribution's metadata; extensions that read it work
    # the same way here, and in drop-in mode (impl.dropin) the two agree.
    import importlib.metadata
    import warnings

    warnings.warn(
        "'__version__' is deprecated, as in Flask 3.1, and goes away with"
        " Flask 3.2; use feature detection or importlib.metadata.version('flask').",
        DeprecationWarning,
        stacklevel=3,
    )
    try:
        return importlib.metadata.version("flask")
    except importlib.metadata.PackageNotFoundError:
        from .cli import _FLASK_API_VERSION

        return _FLASK_API_VERSION
