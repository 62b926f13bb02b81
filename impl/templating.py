"""Jinja integration: the app-bound environment, the loader that searches the
app and its blueprints, and the ``render_template`` family."""

from __future__ import annotations

import typing as t
from contextlib import suppress

from jinja2 import BaseLoader, Template, TemplateNotFound
from jinja2 import Environment as BaseEnvironment

from .globals import _cv_app, _cv_request, current_app, request
from .helpers import stream_with_context
from .signals import before_render_template, template_rendered

if t.TYPE_CHECKING:
    from .app import Flask
    from .scaffold import Scaffold

    App = Flask

#: A template, its name, or candidates of which the first that exists is used.
_TemplateChoice = str | Template | list[str | Template]

_SourceTuple = tuple[str, "str | None", "t.Callable[[], bool] | None"]


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


class Environment(BaseEnvironment):
    """A Jinja environment that knows its application.

    Unless a ``loader`` is given, it loads templates through
    ``app.create_global_jinja_loader()``, so the app's templates and those of
    its blueprints are all found by name.
    """

    def __init__(self, app: App, **options: t.Any) -> None:
        #: The application this environment renders for.
        self.app = app
        if "loader" not in options:
            # By default, search the app and then each of its blueprints.
            options["loader"] = app.create_global_jinja_loader()
        super().__init__(**options)


class DispatchingJinjaLoader(BaseLoader):
    """Look a template up in the application's template folder first, then
    in each blueprint's, in registration order; the first match wins.

    With ``EXPLAIN_TEMPLATE_LOADING`` set, every lookup is logged at ``INFO``
    on the app's logger, listing each loader tried and what it found.
    """

    def __init__(self, app: App) -> None:
        self.app = app

    def get_source(self, environment: BaseEnvironment, template: str) -> _SourceTuple:
        """Return the source of the first loader that has ``template``."""
        explain = self.app.config["EXPLAIN_TEMPLATE_LOADING"]
        lookup = self._get_source_explained if explain else self._get_source_fast
        return lookup(environment, template)

    def _get_source_explained(self, environment: BaseEnvironment, template: str) -> _SourceTuple:
        attempts: list[tuple[BaseLoader, Scaffold, _SourceTuple | None]] = []
        found: _SourceTuple | None = None
        for owner, loader in self._iter_loaders(template):
            try:
                result: _SourceTuple | None = loader.get_source(environment, template)
            except TemplateNotFound:
                result = None
            if found is None:
                found = result
            attempts.append((loader, owner, result))
        self.app.logger.info(_explain_attempts(self.app, template, attempts))
        if found is None:
            raise TemplateNotFound(template)
        return found

    def _get_source_fast(self, environment: BaseEnvironment, template: str) -> _SourceTuple:
        for _owner, loader in self._iter_loaders(template):
            with suppress(TemplateNotFound):
                return loader.get_source(environment, template)
        raise TemplateNotFound(template)

    def _iter_loaders(self, template: str) -> t.Iterator[tuple[Scaffold, BaseLoader]]:
        """Yield ``(owner, loader)`` for the app and each blueprint that has
        a template folder, in search order."""
        owners: list[Scaffold] = [self.app, *self.app.iter_blueprints()]
        for owner in owners:
            found = owner.jinja_loader
            if found is not None:
                yield owner, found

    def list_templates(self) -> list[str]:
        """Names of all templates the app and its blueprints provide."""
        names = {
            name for _owner, found in self._iter_loaders("") for name in found.list_templates()
        }
        return list(names)


def _describe_owner(owner: t.Any, app: Flask) -> str:
    if owner is app:
        return f"application {owner.import_name!r}"
    return f"blueprint {owner.name!r} ({owner.import_name})"


def _describe_loader(loader: BaseLoader) -> list[str]:
    """The loader's class and its public settings: scalars shown with
    ``repr``, lists of strings one item a line. Other values are left out."""
    kind = type(loader)
    lines = [f"class: {kind.__module__}.{kind.__name__}"]
    public = sorted(item for item in vars(loader).items() if not item[0].startswith("_"))
    for attribute, value in public:
        if isinstance(value, str | int | float | bool):
            lines.append(f"{attribute}: {value!r}")
        elif isinstance(value, tuple | list) and all(isinstance(one, str) for one in value):
            lines.append(f"{attribute}:")
            lines.extend(f"  - {item}" for item in value)
    return lines


def _explain_attempts(
    app: Flask, template: str, attempts: list[tuple[BaseLoader, t.Any, _SourceTuple | None]]
) -> str:
    """Write the report logged under ``EXPLAIN_TEMPLATE_LOADING``."""
    report = [f"Locating template {template!r}:"]
    matches = 0
    for number, (loader, owner, result) in enumerate(attempts, 1):
        report.append(f"{number:5}: trying loader of {_describe_owner(owner, app)}")
        report.extend(f"       {line}" for line in _describe_loader(loader))
        if result is None:
            report.append("       -> no match")
        else:
            matches += 1
            report.append(f"       -> found ({result[1] or '<string>'!r})")
    if matches > 1:
        report.append("Warning: multiple loaders returned a match for the template.")
    elif matches == 0:
        report.append("Error: the template could not be found.")
        request_context = _cv_request.get(None)
        blueprint = request_context.request.blueprint if request_context else None
        if blueprint is not None:
            report.append(
                "  The template was looked up from an endpoint that belongs"
                f" to the blueprint {blueprint!r}."
            )
            report.append("  Maybe you did not place a template in the right folder?")
            report.append("  See https://flask.palletsprojects.com/blueprints/#templates")
    return "\n".join(report)


def _notify(signal: t.Any, app: Flask, template: Template, context: dict[str, t.Any]) -> None:
    """Send a template signal with the app as sender."""
    # PERF: skip the send machinery entirely when nobody listens.
    if signal.receivers:
        signal.send(app, _async_wrapper=app.ensure_sync, template=template, context=context)


def _current_app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]


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


def render_template_string(source: str, **context: t.Any) -> str:
    """Render a template given as a string, with ``context``."""
    app = _current_app()
    return _render(app, app.jinja_env.from_string(source), context)


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
    return _stream(app, app.jinja_env.from_string(source), context)
