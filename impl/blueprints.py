"""Blueprints: groups of routes and hooks recorded now, applied to an app later.

A :class:`Blueprint` has the same registration methods as the application.
Its hooks go into its own scope-keyed dicts; routes and app-wide hooks are
recorded as deferred functions. :meth:`Blueprint.register` copies the hooks
into the app under the blueprint's dotted name and replays the deferred
functions with a :class:`BlueprintSetupState` carrying the URL prefix,
subdomain and name this registration uses.
"""

from __future__ import annotations

import typing as t
from collections import defaultdict
from dataclasses import dataclass
from functools import update_wrapper

from .helpers import send_from_directory as send_from_directory
from .scaffold import (
    Scaffold,
    T_after_request,
    T_before_request,
    T_error_handler,
    T_teardown,
    T_url_defaults,
    T_url_value_preprocessor,
    _cli_group_made,
    _Decorator,
    _endpoint_from_view_func,
    _Folder,
    _HandlerKey,
    _open_for_reading,
    _OptionalFlag,
    _OptionalText,
    _registering,
    _sentinel,
    _View,
    setupmethod,
)

if t.TYPE_CHECKING:
    from .app import Flask
    from .cli import AppGroup as AppGroup


def __getattr__(name: str) -> t.Any:
    # ``AppGroup`` is importable from here, as from Flask's module, without
    # importing Click until it is asked for.
    if name == "AppGroup":
        from .cli import AppGroup

        return AppGroup
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DeferredSetupFunction = t.Callable[["BlueprintSetupState"], None]
F = t.TypeVar("F", bound=t.Callable[..., t.Any])
T_template_filter = t.TypeVar("T_template_filter", bound=t.Callable[..., t.Any])
T_template_global = t.TypeVar("T_template_global", bound=t.Callable[..., t.Any])
T_template_test = t.TypeVar("T_template_test", bound=t.Callable[..., t.Any])

#: Registries copied from a blueprint into the app, scope-prefixed.
_LIST_REGISTRIES = (
    "before_request_funcs",
    "after_request_funcs",
    "teardown_request_funcs",
    "url_default_functions",
    "url_value_preprocessors",
    "template_context_processors",
)


def _option_or(options: t.Mapping[str, t.Any], key: str, fallback: t.Any) -> t.Any:
    value = options.get(key)
    return fallback if value is None else value


def _check_name(what: str, value: str | None) -> None:
    """Blueprint and endpoint names are dot-separated paths, so no dots inside."""
    if what == "name" and not value:
        raise ValueError("A blueprint needs a non-empty 'name'.")
    if value and "." in value:
        raise ValueError(
            f"{what!r} is {value!r}, which holds a '.': dots only separate nested blueprint names."
        )


def _join_prefix(outer: str | None, inner: str | None) -> str | None:
    """Join two URL prefixes with exactly one slash; ``None`` means absent."""
    if outer is None:
        return inner
    if inner is None:
        return outer
    return f"{outer.rstrip('/')}/{inner.lstrip('/')}"


def _join_subdomain(outer: str | None, inner: str | None) -> str | None:
    """A nested blueprint's subdomain sits in front of its parent's."""
    if outer is None:
        return inner
    if inner is None:
        return outer
    return f"{inner}.{outer}"


class BlueprintSetupState:
    """What one registration of a blueprint on an app needs to know.

    Deferred functions receive it; :meth:`add_url_rule` applies the
    registration's prefix, subdomain, defaults and endpoint name.
    """

    def __init__(
        self, blueprint: Blueprint, app: Flask, options: t.Any, first_registration: bool
    ) -> None:
        given = options
        self.app, self.blueprint, self.options = app, blueprint, given
        #: Whether this is the blueprint's first registration on :attr:`app`.
        self.first_registration = first_registration
        #: Subdomain and URL prefix of the rules; options win over the blueprint.
        self.subdomain = _option_or(given, "subdomain", blueprint.subdomain)
        self.url_prefix = _option_or(given, "url_prefix", blueprint.url_prefix)
        #: Name of this registration (``name=`` registers a blueprint twice),
        #: and the dotted name of the parent registration ("" at the top).
        self.name, self.name_prefix = (
            given.get("name", blueprint.name),
            given.get("name_prefix", ""),
        )
        #: URL defaults for every rule of this registration.
        self.url_defaults = {**blueprint.url_values_defaults, **dict(given.get("url_defaults", ()))}

    def add_url_rule(
        self,
        rule: str,
        endpoint: _OptionalText = None,
        view_func: _View | None = None,
        **options: t.Any,
    ) -> None:
        """Add a rule to the app, prefixed and named for this registration."""
        prefix = self.url_prefix
        if prefix is not None:
            rule = f"{prefix.rstrip('/')}/{rule.lstrip('/')}" if rule else prefix
        short_name = _endpoint_from_view_func(view_func) if endpoint is None else endpoint
        options["defaults"] = {**self.url_defaults, **options.get("defaults", {})}
        if "subdomain" not in options:
            options["subdomain"] = self.subdomain
        parent = f"{self.name_prefix}." if self.name_prefix else ""
        dotted = f"{parent}{self.name}.{short_name}"
        self.app.add_url_rule(rule, dotted, view_func, **options)


@dataclass(frozen=True)
class _DeferredRule:
    """A recorded :meth:`Blueprint.add_url_rule` call, replayed per registration."""

    rule: str
    endpoint: str | None
    view_func: _View | None
    options: dict[str, t.Any]

    def __call__(self, state: BlueprintSetupState) -> None:
        state.add_url_rule(self.rule, self.endpoint, self.view_func, **self.options)


class _OnceOnApp:
    """A deferred function that only runs on a blueprint's first registration."""

    def __init__(self, func: DeferredSetupFunction) -> None:
        self.func = func

    def __call__(self, state: BlueprintSetupState) -> None:
        if state.first_registration:
            self.func(state)


def _nested_options(
    state: BlueprintSetupState, child: Blueprint, given: dict[str, t.Any], parent_name: str
) -> dict[str, t.Any]:
    """Registration options of a nested blueprint, combined with its parent's."""
    subdomain = _join_subdomain(state.subdomain, _option_or(given, "subdomain", child.subdomain))
    url_prefix = _join_prefix(state.url_prefix, _option_or(given, "url_prefix", child.url_prefix))
    combined = {
        **given,
        "subdomain": subdomain,
        "url_prefix": url_prefix,
        "name_prefix": parent_name,
    }
    # Absent rather than None, so the child's own values apply.
    for key in ("subdomain", "url_prefix"):
        if combined[key] is None:
            del combined[key]
    return combined


class Blueprint(Scaffold):
    """A reusable group of views, hooks, templates and static files.

    Register it on an application with :meth:`~impl.Flask.register_blueprint`
    (or on another blueprint to nest it). Endpoints are named
    ``"<blueprint>.<view>"``.

    :param name: the blueprint's name, prefixed to its endpoints; no dots.
    :param import_name: the blueprint's module, usually ``__name__``.
    :param static_folder: static files folder relative to the blueprint.
    :param static_url_path: URL of the static route; the folder name by default.
    :param template_folder: templates folder, searched after the app's.
    :param url_prefix: path prepended to every rule.
    :param subdomain: subdomain of every rule.
    :param url_defaults: default view arguments of every rule.
    :param root_path: directory of the blueprint's resources.
    :param cli_group: name of the CLI group for its commands; ``None`` adds
        them to the app's group.
    """

    _closed_because = "it has already been registered on an application"

    def __init__(
        self,
        name: str,
        import_name: str,
        static_folder: _Folder = None,
        static_url_path: _OptionalText = None,
        template_folder: _Folder = None,
        url_prefix: _OptionalText = None,
        subdomain: _OptionalText = None,
        url_defaults: dict[str, t.Any] | None = None,
        root_path: _OptionalText = None,
        cli_group: _OptionalText = _sentinel,  # type: ignore[assignment]
    ) -> None:
        _check_name("name", name)
        super().__init__(import_name, static_folder, static_url_path, template_folder, root_path)
        self.name, self.cli_group = name, cli_group
        self.url_prefix, self.subdomain = url_prefix, subdomain
        self.url_values_defaults = url_defaults if url_defaults is not None else {}
        #: Functions called with a :class:`BlueprintSetupState` on registration.
        self.deferred_functions: list[DeferredSetupFunction] = []
        # Blueprints nested in this one, with their registration options.
        self._children: list[tuple[Blueprint, dict[str, t.Any]]] = []
        # ``self.cli``, the blueprint's command group, is made on first use.

    def open_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = "utf-8"
    ) -> t.IO[t.AnyStr]:
        """Open a file relative to the blueprint's :attr:`root_path` for reading."""
        return _open_for_reading(self.root_path, resource, mode, encoding)

    # -- deferred setup ----------------------------------------------------

    @setupmethod
    def record(self, func: DeferredSetupFunction) -> None:
        """Call *func* with the setup state each time the blueprint is registered."""
        self.deferred_functions.append(func)

    @setupmethod
    def record_once(self, func: DeferredSetupFunction) -> None:
        """Like :meth:`record`, but only on the first registration on an app."""
        self.record(update_wrapper(_OnceOnApp(func), func))

    def make_setup_state(
        self, app: Flask, options: dict[str, t.Any], first_registration: bool = False
    ) -> BlueprintSetupState:
        """Build the state deferred functions receive; override to customise."""
        return BlueprintSetupState(self, app, options, first_registration)

    @setupmethod
    def register_blueprint(self, blueprint: Blueprint, **options: t.Any) -> None:
        """Nest *blueprint* in this one; it is registered along with it.

        Its name becomes ``"<this>.<nested>"`` and URL prefixes and
        subdomains combine.
        """
        if blueprint is not self:
            self._children.append((blueprint, options))
            return
        raise ValueError(f"{self!r} cannot be nested in itself.")

    def register(self, app: Flask, options: dict[str, t.Any]) -> None:
        """Apply the blueprint to *app*; :meth:`Flask.register_blueprint` calls it.

        Copies hooks and error handlers into the app under the dotted name,
        adds the static route, replays deferred functions, adds CLI commands
        and registers nested blueprints.
        """
        name = f"{options.get('name_prefix', '')}.{options.get('name', self.name)}".lstrip(".")
        holder = app.blueprints.get(name)
        if holder is not None:
            whose = "this blueprint" if holder is self else "another blueprint"
            raise ValueError(
                f"{name!r} is already the name of {whose} on the app. Register it"
                " with a different 'name=' to add it again."
            )

        first_registration = not any(other is self for other in app.blueprints.values())
        state = self.make_setup_state(app, options, first_registration)
        app.blueprints[name] = self
        self._setup_closed = True

        if self.has_static_folder:
            state.add_url_rule(
                f"{self.static_url_path}/<path:filename>", "static", self.send_static_file
            )
        # The name is new (checked above), so the hooks are copied under it.
        self._copy_registries_into(app, name)
        for deferred in self.deferred_functions:
            deferred(state)
        self._register_commands(app, name, options)
        for child, child_options in self._children:
            child.register(app, _nested_options(state, child, child_options, name))

    def _register_commands(self, app: Flask, name: str, options: dict[str, t.Any]) -> None:
        if not _cli_group_made(self) or not self.cli.commands:
            return
        group = options.get("cli_group", self.cli_group)
        if group is None:
            app.cli.commands.update(self.cli.commands)
            return
        self.cli.name = name if group is _sentinel else group
        app.cli.add_command(self.cli)

    def _copy_registries_into(self, app: Flask, name: str) -> None:
        """Copy this blueprint's scope-keyed registries into *app* under *name*."""

        def scoped(key: str | None) -> str:
            return name if key is None else f"{name}.{key}"

        for key, by_code in self.error_handler_spec.items():
            copied = app.error_handler_spec[scoped(key)]
            for code, by_class in by_code.items():
                copied[code] = dict(by_class)

        app.view_functions.update(self.view_functions)

        for attribute in _LIST_REGISTRIES:
            target: defaultdict[str | None, list[t.Any]] = getattr(app, attribute)
            for key, functions in getattr(self, attribute).items():
                target[scoped(key)].extend(functions)

    @setupmethod
    def add_url_rule(
        self,
        rule: str,
        endpoint: _OptionalText = None,
        view_func: _View | None = None,
        provide_automatic_options: _OptionalFlag = None,
        **options: t.Any,
    ) -> None:
        """Record a rule; it is added to the app, prefixed, on registration.

        Arguments as for :meth:`Flask.add_url_rule`; the endpoint may not
        contain a dot, as dots separate blueprint names.
        """
        _check_name("endpoint", endpoint)
        view_name = getattr(view_func, "__name__", "")
        if view_func is not None and "." in view_name:
            raise ValueError(
                f"The 'view_func' name is {view_name!r}, which holds a '.': dots only separate"
                " nested blueprint names."
            )
        options["provide_automatic_options"] = provide_automatic_options
        self.record(_DeferredRule(rule, endpoint, view_func, options))

    # -- app-wide registration ---------------------------------------------
    #
    # These register on the app itself, not in the blueprint's scope, and
    # only on the blueprint's first registration with that app.

    def _on_app_hook(self, registry: str, f: F) -> F:
        self.record_once(lambda state: getattr(state.app, registry)[None].append(f))
        return f

    @setupmethod
    def add_app_template_filter(self, f: _View, name: _OptionalText = None) -> None:
        """Register *f* as a Jinja filter of the app."""
        self.record_once(lambda state: state.app.add_template_filter(f, name=name))

    @setupmethod
    def add_app_template_test(self, f: t.Callable[..., bool], name: _OptionalText = None) -> None:
        """Register *f* as a Jinja test of the app."""
        self.record_once(lambda state: state.app.add_template_test(f, name=name))

    @setupmethod
    def add_app_template_global(self, f: _View, name: _OptionalText = None) -> None:
        """Make *f* a Jinja global of the app."""
        self.record_once(lambda state: state.app.add_template_global(f, name=name))

    @setupmethod
    def app_template_filter(self, name: _OptionalText = None) -> _Decorator[T_template_filter]:
        """Decorator form of :meth:`add_app_template_filter`."""
        return _registering(lambda f: self.add_app_template_filter(f, name=name))

    @setupmethod
    def app_template_test(self, name: _OptionalText = None) -> _Decorator[T_template_test]:
        """Decorator form of :meth:`add_app_template_test`."""
        return _registering(lambda f: self.add_app_template_test(f, name=name))

    @setupmethod
    def app_template_global(self, name: _OptionalText = None) -> _Decorator[T_template_global]:
        """Decorator form of :meth:`add_app_template_global`."""
        return _registering(lambda f: self.add_app_template_global(f, name=name))

    @setupmethod
    def app_errorhandler(self, code: _HandlerKey) -> _Decorator[T_error_handler]:
        """Like :meth:`errorhandler`, for errors anywhere in the app."""

        def on_app(f: T_error_handler) -> None:
            self.record_once(lambda state: state.app.register_error_handler(code, f))

        return _registering(on_app)

    @setupmethod
    def before_app_request(self, f: T_before_request) -> T_before_request:
        """Like :meth:`before_request`, for every request of the app."""
        return self._on_app_hook("before_request_funcs", f)

    @setupmethod
    def after_app_request(self, f: T_after_request) -> T_after_request:
        """Like :meth:`after_request`, for every request of the app."""
        return self._on_app_hook("after_request_funcs", f)

    @setupmethod
    def teardown_app_request(self, f: T_teardown) -> T_teardown:
        """Like :meth:`teardown_request`, for every request of the app."""
        return self._on_app_hook("teardown_request_funcs", f)

    @setupmethod
    def app_context_processor(self, f: F) -> F:
        """Like :meth:`context_processor`, for every template of the app."""
        return self._on_app_hook("template_context_processors", f)

    @setupmethod
    def app_url_value_preprocessor(self, f: T_url_value_preprocessor) -> T_url_value_preprocessor:
        """Like :meth:`url_value_preprocessor`, for every request of the app."""
        return self._on_app_hook("url_value_preprocessors", f)

    @setupmethod
    def app_url_defaults(self, f: T_url_defaults) -> T_url_defaults:
        """Like :meth:`url_defaults`, for every URL built in the app."""
        return self._on_app_hook("url_default_functions", f)


#: Flask's framework-neutral blueprint base; impl has a single class.
SansioBlueprint = Blueprint
