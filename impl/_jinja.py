"""The Jinja-dependent half of :mod:`impl.templating`: the app-bound
environment and the loader that searches the app and its blueprints.

Kept apart so that importing impl (and defining the app class) does not
import Jinja; :mod:`impl.templating` hands these classes out on first use.
"""

from __future__ import annotations

import typing as t
from contextlib import suppress

from jinja2 import BaseLoader, Template, TemplateNotFound
from jinja2 import Environment as BaseEnvironment

from .globals import _cv_request

if t.TYPE_CHECKING:
    from .app import Flask
    from .scaffold import Scaffold

    App = Flask

_SourceTuple = tuple[str, "str | None", "t.Callable[[], bool] | None"]

#: The environment's tables whose contents can change how a template
#: compiles (filters and tests are called by constant folding).
_TRACKED_TABLES = frozenset({"filters", "tests", "globals", "policies"})

#: Methods a subclass may override to compile differently; when one is,
#: string templates are not cached, as the override may not be repeatable.
_COMPILE_STEPS = (
    "from_string", "compile", "parse", "_parse", "lex", "_tokenize", "preprocess",
    "_generate", "_compile", "make_globals",
)  # fmt: skip

#: At most this many compiled string templates are kept per environment.
_STRING_CACHE_SIZE = 400


class _TrackedTable(dict):  # type: ignore[type-arg]
    """One of the environment's tables (``filters``, ``tests`` ...) that
    empties the cache of compiled string templates whenever it changes."""

    __slots__ = ("_compiled",)

    def __init__(self, items: t.Any, compiled: dict[str, Template]) -> None:
        super().__init__(items)
        self._compiled = compiled

    def __setitem__(self, key: t.Any, value: t.Any) -> None:
        self._compiled.clear()
        super().__setitem__(key, value)

    def __delitem__(self, key: t.Any) -> None:
        self._compiled.clear()
        super().__delitem__(key)

    def __ior__(self, other: t.Any) -> _TrackedTable:
        self._compiled.clear()
        return super().__ior__(other)  # type: ignore[no-any-return]

    def _changing(name: str) -> t.Any:  # type: ignore[misc]
        plain = getattr(dict, name)

        def change(self: _TrackedTable, *args: t.Any, **kwargs: t.Any) -> t.Any:
            self._compiled.clear()
            return plain(self, *args, **kwargs)

        change.__name__ = name
        return change

    update = _changing("update")
    pop = _changing("pop")
    popitem = _changing("popitem")
    clear = _changing("clear")
    setdefault = _changing("setdefault")
    del _changing


class Environment(BaseEnvironment):
    """A Jinja environment that knows its application.

    Unless a ``loader`` is given, it loads templates through
    ``app.create_global_jinja_loader()``, so the app's templates and those of
    its blueprints are all found by name.
    """

    # PERF: render_template_string compiled its source on every call (about
    # 0.55 ms for a small template, 20 times the render itself). The
    # environment keeps the templates compiled from strings, keyed on the
    # source; setting any attribute (an option, auto_reload, a table) or
    # changing a table (adding a filter, test or global) empties the cache,
    # so a cached template is always what compiling anew would give. The
    # small-template request went from 0.91 to 0.05 of Flask's time.
    _compiled_strings: dict[str, Template] | None = None

    def __init__(self, app: App, **options: t.Any) -> None:
        #: The application this environment renders for.
        self.app = app
        if "loader" not in options:
            # By default, search the app and then each of its blueprints.
            options["loader"] = app.create_global_jinja_loader()
        super().__init__(**options)
        kind = type(self)
        if all(getattr(kind, step) is getattr(Environment, step) for step in _COMPILE_STEPS):
            compiled: dict[str, Template] = {}
            for table in _TRACKED_TABLES:
                super().__setattr__(table, _TrackedTable(getattr(self, table), compiled))
            self._compiled_strings = compiled

    def __setattr__(self, name: str, value: t.Any) -> None:
        compiled = self._compiled_strings
        if compiled is not None:
            compiled.clear()
            if name in _TRACKED_TABLES and type(value) is not _TrackedTable:
                value = _TrackedTable(value, compiled)
        super().__setattr__(name, value)

    def _string_template(self, source: str) -> Template:
        """``from_string(source)``, compiled once while nothing changes."""
        compiled = self._compiled_strings
        if compiled is None or type(source) is not str:
            return self.from_string(source)
        template = compiled.get(source)
        # An overlay shares the cache dict; only reuse what this one made.
        if template is None or template.environment is not self:
            template = self.from_string(source)
            if len(compiled) >= _STRING_CACHE_SIZE:
                del compiled[next(iter(compiled))]
            compiled[source] = template
        return template


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
        report.append("Warning: more than one loader has this template; the first match is used.")
    elif matches == 0:
        report.append("Error: the template could not be found by any loader.")
    if matches != 1:
        # Either outcome may come from a template placed in the wrong
        # blueprint's folder: say which blueprint the lookup came from.
        request_context = _cv_request.get(None)
        blueprint = request_context.request.blueprint if request_context else None
        if blueprint is not None:
            report.append(
                f"  It was looked up from an endpoint that belongs to the blueprint {blueprint!r};"
            )
            report.append("  check that the template sits in a folder the app or that blueprint")
            report.append("  loads. See https://flask.palletsprojects.com/blueprints/#templates")
    return "\n".join(report)
