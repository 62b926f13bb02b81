"""JSON helpers that follow the current application's JSON provider.

Inside an application context every function here delegates to
``current_app.json``, so an app's provider settings apply everywhere;
outside one they fall back to :mod:`json` with the default provider's
support for extra types.
"""

from __future__ import annotations

import json as _json
import typing as t

from ..globals import _cv_app, current_app
from .provider import _default

if t.TYPE_CHECKING:
    from ..wrappers import Response

# PERF: the helpers read the context variable directly instead of testing the
# truth of the ``current_app`` proxy, which costs a proxy lookup and a second
# lookup for the attribute; the session serializer calls them every request.


def dumps(obj: t.Any, **kwargs: t.Any) -> str:
    """Serialize ``obj`` to a JSON string.

    :param obj: the value to serialize.
    :param kwargs: passed on to the provider's (or :func:`json.dumps`'s)
        ``dumps``.
    """
    context = _cv_app.get(None)
    if context is not None:
        return context.app.json.dumps(obj, **kwargs)
    return _json.dumps(obj, **{"default": _default, **kwargs})


def dump(obj: t.Any, fp: t.IO[str], **kwargs: t.Any) -> None:
    """Serialize ``obj`` as JSON into the text file ``fp``."""
    context = _cv_app.get(None)
    if context is not None:
        context.app.json.dump(obj, fp, **kwargs)
        return
    _json.dump(obj, fp, **{"default": _default, **kwargs})


def loads(s: str | bytes, **kwargs: t.Any) -> t.Any:
    """Parse the JSON document ``s``."""
    context = _cv_app.get(None)
    if context is not None:
        return context.app.json.loads(s, **kwargs)
    return _json.loads(s, **kwargs)


def load(fp: t.IO[t.AnyStr], **kwargs: t.Any) -> t.Any:
    """Read and parse the JSON document in the file ``fp``."""
    context = _cv_app.get(None)
    if context is not None:
        return context.app.json.load(fp, **kwargs)
    return _json.load(fp, **kwargs)


def jsonify(*args: t.Any, **kwargs: t.Any) -> Response:
    """Return a JSON response built by ``current_app.json.response``.

    One positional argument is serialized as is, several become a list, and
    keyword arguments become an object; mixing both is a ``TypeError``.
    Needs an application context.
    """
    context = _cv_app.get(None)
    if context is None:  # the proxy raises the "outside of context" error
        return current_app.json.response(*args, **kwargs)  # type: ignore[return-value]
    return context.app.json.response(*args, **kwargs)  # type: ignore[no-any-return]


def __getattr__(name: str) -> t.Any:
    # Flask's package has loaded json.tag (for sessions) by the end of a bare
    # ``import flask``, so code writes ``flask.json.tag.TaggedJSONSerializer``
    # without importing it; impl loads it on that first access instead.
    if name == "tag":
        import importlib

        # Importing the submodule binds it here, so this runs once.
        return importlib.import_module(f"{__name__}.tag")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
