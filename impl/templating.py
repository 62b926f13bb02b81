"""Jinja integration: the app-bound environment, the loader that searches the
app and its blueprints, and the ``render_template`` family.

Jinja itself is imported when an environment is first made (``app.jinja_env``)
or :class:`Environment` / :class:`DispatchingJinjaLoader` are first looked up
here; they live in :mod:`impl._jinja`.
"""

from __future__ import annotations

import typing as t

from .globals import _cv_app, _cv_request, current_app, request
from .helpers import stream_with_context
from .signals import before_render_template, template_rendered

if t.TYPE_CHECKING:
    from jinja2 import Template

    from ._jinja import DispatchingJinjaLoader as DispatchingJinjaLoader
    from ._jinja import Environment as Environment
    from .app import Flask

#: A template, its name, or candidates of which the first that exists is used.
_TemplateChoice = t.Union[str, "Template", list[t.Union[str, "Template"]]]

# PERF: importing Jinja takes about 15 ms; these names load it on first use.
_JINJA_NAMES = frozenset({"Environment", "DispatchingJinjaLoader"})


def __getattr__(name: str) -> t.Any:
    if name in _JINJA_NAMES:
        from . import _jinja

        return getattr(_jinja, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _EnvironmentClass:
    """Stands for :class:`Environment` as ``Flask.jinja_environment``, so that
    defining the app class does not import Jinja: reading the attribute
    gives the real class, and calling this stand-in builds an environment.
    Subclasses and instances may still assign their own class."""

    def __get__(self, instance: object, owner: type | None = None) -> type[Environment]:
        from ._jinja import Environment

        return Environment

    def __call__(self, app: Flask, **options: t.Any) -> Environment:
        from ._jinja import Environment

        return Environment(app, **options)

    @property
    def __signature__(self) -> t.Any:
        # inspect would otherwise take the stand-in for a method descriptor.
        import inspect

        return inspect.signature(self.__call__)


def _default_template_ctx_processor() -> dict[str, t.Any]:
    """Give templates the real ``g`` and ``request`` objects in place of the
    proxies in the environment globals, which are slower to use.

    ``session`` is deliberately left to the proxy global: looking it up marks
    the session accessed, which should only happen if a template uses it.
    """
    values: dict[str, t.Any] = {}
    if (app_context := _cv_app.get(None)) is not None:
        values["g"] = app_context.g
    if (request_context := _cv_request.get(None)) is not None:
        values["request"] = request_context.request
    return values


def _notify(signal: t.Any, app: Flask, template: Template, context: dict[str, t.Any]) -> None:
    """Send a template signal with the app as sender."""
    # PERF: skip the send machinery entirely when nobody listens.
    if signal.receivers:
        signal.send(app, _async_wrapper=app.ensure_sync, template=template, context=context)


def _current_app() -> Flask:
    # PERF: the context variable directly; the proxy only to raise its error.
    context = _cv_app.get(None)
    if context is None:
        return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]
    return context.app  # type: ignore[no-any-return]


def _render(app: Flask, template: Template, context: dict[str, t.Any]) -> str:
    app.update_template_context(context)
    _notify(before_render_template, app, template, context)
    html = template.render(context)
    _notify(template_rendered, app, template, context)
    return html


def render_template(
    template_name_or_list: _TemplateChoice,
    **context: t.Any,
) -> str:
    """Render a template from the app's loader with ``context``.

    :param template_name_or_list: a template name, a template object, or a
        list of them; the first one that exists is used.
    :param context: variables for the template, added to those from the
        context processors.
    """
    app = _current_app()
    chosen = app.jinja_env.get_or_select_template(template_name_or_list)
    return _render(app, chosen, context)


def _string_template(app: Flask, source: str) -> Template:
    """The template compiled from ``source``, cached by impl's environment."""
    environment = app.jinja_env
    compile_once = getattr(environment, "_string_template", None)
    if compile_once is None:  # a Jinja environment that is not ours
        return environment.from_string(source)
    return compile_once(source)  # type: ignore[no-any-return]


def render_template_string(source: str, **context: t.Any) -> str:
    """Render a template given as a string, with ``context``."""
    app = _current_app()
    return _render(app, _string_template(app, source), context)


def _stream(app: Flask, template: Template, context: dict[str, t.Any]) -> t.Iterator[str]:
    app.update_template_context(context)
    _notify(before_render_template, app, template, context)

    def pieces() -> t.Iterator[str]:
        yield from template.generate(context)
        # Only once the whole template has been produced.
        _notify(template_rendered, app, template, context)

    if not request:
        return pieces()
    # Keep the request context alive while a response body streams.
    return stream_with_context(pieces())


def stream_template(
    template_name_or_list: _TemplateChoice,
    **context: t.Any,
) -> t.Iterator[str]:
    """Render a template piece by piece, for use as a streaming response
    body. During a request the request context stays available to the
    template until the stream ends.

    :param template_name_or_list: a template name, a template object, or a
        list of them; the first one that exists is used.
    :param context: variables for the template.
    """
    app = _current_app()
    chosen = app.jinja_env.get_or_select_template(template_name_or_list)
    return _stream(app, chosen, context)


def stream_template_string(source: str, **context: t.Any) -> t.Iterator[str]:
    """Render a template given as a string piece by piece; see
    :func:`stream_template`."""
    app = _current_app()
    return _stream(app, _string_template(app, source), context)
