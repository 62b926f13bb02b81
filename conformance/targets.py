"""Targets: the implementations of Flask's API that specs run against.

A spec never imports an implementation. It receives a :class:`Target`, whose
attributes are the public names of ``flask`` (``target.Flask``,
``target.request``) and its public submodules (``target.signals``,
``target.json.provider``). Behind a target sits an :class:`Adapter`, which
knows how to load one implementation and where its modules live.

The default adapter, :class:`ModuleAdapter`, serves any importable module laid
out like ``flask`` (``flask`` itself, ``impl``, a mutant). Implementations of
another shape register an adapter class under the ``conformance.targets``
entry point group; see ``conformance/TARGETS.md``.
"""

from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

from conformance.capabilities import CAPABILITIES, UnknownCapability, check_names, covering

ENTRY_POINT_GROUP = "conformance.targets"

#: The public submodules of ``flask`` a target provides, by dotted path.
SUBMODULES: tuple[str, ...] = (
    "app",
    "blueprints",
    "cli",
    "config",
    "ctx",
    "debughelpers",
    "globals",
    "helpers",
    "json",
    "json.provider",
    "json.tag",
    "logging",
    "sessions",
    "signals",
    "templating",
    "testing",
    "typing",
    "views",
    "wrappers",
)

_TOP_LEVEL_SUBMODULES = frozenset(path.split(".")[0] for path in SUBMODULES)


class TargetError(Exception):
    """A target cannot be used at all: it is unknown or fails to import."""


class MissingName(AttributeError):
    """The target lacks a public name of Flask's API; the spec using it fails."""


class Unsupported(MissingName):
    """The target does not offer a capability at all; the spec needing it is graded
    ``unsupported``, not failed. Adapters raise it (``make_client`` on a framework
    without a test client, say); the harness raises it for names the capability covers."""

    def __init__(self, capability: str, reason: str) -> None:
        super().__init__(f"unsupported: {capability}: {reason}")
        self.capability = capability
        self.reason = reason


class Adapter:
    """How the harness reaches one implementation of Flask's API.

    Subclass it for an implementation that is not a module laid out like
    ``flask``, and register the subclass under the ``conformance.targets``
    entry point group; the entry point's name is the target's name. An
    adapter is built with that name and loaded once per run.
    """

    #: Capabilities (names from :data:`conformance.capabilities.CAPABILITIES`)
    #: the implementation does not offer at all, each with the reason, in the
    #: framework's terms: ``{"cli": "goflask has no command line interface"}``.
    unsupported: dict[str, str] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    def load(self) -> None:
        """Import the implementation; raise :class:`TargetError` when it cannot."""
        raise NotImplementedError

    def module(self, path: str) -> Any:
        """Return the object standing for ``flask`` (``path=""``) or ``flask.<path>``."""
        raise NotImplementedError

    @property
    def version(self) -> str:
        """A version string for reports; ``"unknown"`` when there is none."""
        return "unknown"

    def make_app(self, import_name: str, **options: Any) -> Any:
        """Build an application object, as ``flask.Flask(import_name, **options)`` does."""
        return self.module("").Flask(import_name, **options)

    def make_client(self, app: Any, **options: Any) -> Any:
        """Build a test client for *app*, as ``app.test_client(**options)`` does."""
        return app.test_client(**options)

    def submodule_bound(self, path: str) -> bool:
        """Whether the module standing for ``flask.<path>`` is an attribute of its package
        right after :meth:`load`, reached by attribute access alone (what code that
        writes ``flask.cli.AppGroup`` after a bare ``import flask`` relies on).

        Called in a process that has loaded the target and nothing else. The
        default walks the attributes of ``module("")``.
        """
        found: Any = self.module("")
        for part in path.split("."):
            found = getattr(found, part, None)
        return isinstance(found, ModuleType)

    def restore_clean_state(self) -> None:
        """Undo what a spec left behind, after every spec.

        The harness runs each spec in a copy of the ``contextvars`` context, so
        contexts kept in context variables (Flask's way) vanish with it. An
        implementation keeping state elsewhere (a module-level stack of
        contexts, say) overrides this to clear it; the default does nothing.
        """


class ModuleAdapter(Adapter):
    """A target that is an importable module with the same layout as ``flask``.

    Submodules are imported on first use, so a partial implementation loads
    and fails only the specs that need what it lacks. A target that is a
    single module (not a package) provides its submodules as attributes.
    """

    def __init__(self, name: str, module_name: str | None = None) -> None:
        super().__init__(name)
        self.module_name = module_name or name
        self._root: ModuleType | None = None

    def load(self) -> None:
        try:
            found = importlib.util.find_spec(self.module_name)
        except (ImportError, ValueError) as error:
            found, reason = None, f"{type(error).__name__}: {error}"
        else:
            reason = "no such module"
        if found is None:
            raise TargetError(f"unknown target {self.name!r}: {reason}")
        try:
            self._root = importlib.import_module(self.module_name)
        except BaseException as error:  # a broken target must not end the run
            if isinstance(error, KeyboardInterrupt):
                raise
            raise TargetError(
                f"target {self.name!r} failed to import: {type(error).__name__}: {error}"
            ) from error

    @property
    def root(self) -> ModuleType:
        if self._root is None:
            self.load()
        assert self._root is not None
        return self._root

    def module(self, path: str) -> Any:
        root = self.root
        if not path:
            return root
        obj: Any = root
        for part in path.split("."):
            found = getattr(obj, part, None)
            if found is None and isinstance(obj, ModuleType) and hasattr(obj, "__path__"):
                found = self._import_child(obj, part)
            if found is None:
                raise MissingName(f"target {self.name!r} has no module {path!r}")
            obj = found
        return obj

    def submodule_bound(self, path: str) -> bool:
        # Plain attribute access on the real package: a lazy module
        # ``__getattr__`` counts, importing the submodule by name does not.
        # A target that re-exports another package's modules (a single-module
        # target) counts when the module's own name ends the same way.
        parts = path.split(".")
        found: Any = self.root
        for part in parts:
            found = getattr(found, part, None)
        return isinstance(found, ModuleType) and found.__name__.split(".")[-len(parts) :] == parts

    @staticmethod
    def _import_child(parent: ModuleType, part: str) -> ModuleType | None:
        full_name = f"{parent.__name__}.{part}"
        try:
            return importlib.import_module(full_name)
        except ModuleNotFoundError as error:
            if error.name == full_name:
                return None
            raise

    @property
    def version(self) -> str:
        from importlib.metadata import packages_distributions
        from importlib.metadata import version as distribution_version

        top = self.module_name.split(".")[0]
        for distribution in packages_distributions().get(top, []):
            try:
                return distribution_version(distribution)
            except Exception:
                continue
        return "unknown"


class Target:
    """What a spec receives as ``target``: Flask's public API, by attribute.

    ``target.Flask`` is the top-level name, ``target.signals`` the submodule;
    a name the implementation lacks raises :class:`MissingName`, so the spec
    that needs it fails with a message naming the target and the name.
    """

    def __init__(self, adapter: Adapter) -> None:
        self._adapter = adapter
        self.name = adapter.name
        #: What the run should report about this target: declarations it refused.
        self.incidents: list[str] = []
        self.unsupported: dict[str, str] = self._checked_unsupported()

    def _checked_unsupported(self) -> dict[str, str]:
        """The adapter's declared unsupported capabilities, minus any the target does offer."""
        declared = dict(self._adapter.unsupported)
        check_names(list(declared), f"adapter of target {self.name!r}")
        for name in list(declared):
            offered = [path for path in CAPABILITIES[name].paths if self._resolves(path)]
            if offered:
                del declared[name]
                self.incidents.append(
                    f"the adapter declares {name!r} unsupported, but the target provides "
                    f"{offered[0]!r}; its specs run"
                )
        return declared

    def _resolves(self, path: str) -> bool:
        try:
            if path in _TOP_LEVEL_SUBMODULES:
                self._adapter.module(path)
            else:
                getattr(self._adapter.module(""), path)
        except Exception:
            return False
        return True

    @property
    def adapter(self) -> Adapter:
        return self._adapter

    def make_app(self, import_name: str = "conformance_app", **options: Any) -> Any:
        return self._adapter.make_app(import_name, **options)

    def lacks(self, capability: str) -> str | None:
        """The reason the target does not offer *capability*, or None when it does."""
        return self.unsupported.get(capability)

    def make_client(self, app: Any, **options: Any) -> Any:
        return self._adapter.make_client(app, **options)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        capability = covering(name, self.unsupported)
        if capability is not None:
            raise Unsupported(capability, self.unsupported[capability])
        if name in _TOP_LEVEL_SUBMODULES:
            return self._adapter.module(name)
        root = self._adapter.module("")
        try:
            return getattr(root, name)
        except AttributeError:
            raise MissingName(f"target {self.name!r} has no public name {name!r}") from None

    def __repr__(self) -> str:
        return f"<Target {self.name}>"


def adapter_for(name: str) -> Adapter:
    """Find the adapter for a target name: a registered entry point, an adapter class
    named ``module:Class``, else a module laid out like ``flask``."""
    if ":" in name:
        return _adapter_by_reference(name)
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        if entry_point.name == name:
            try:
                adapter_class = entry_point.load()
            except Exception as error:
                raise TargetError(
                    f"adapter for target {name!r} failed to load: {type(error).__name__}: {error}"
                ) from error
            return adapter_class(name)
    return ModuleAdapter(name)


def _adapter_by_reference(name: str) -> Adapter:
    """``package.module:AdapterClass``: an adapter not (yet) registered as an entry point."""
    module_name, _, class_name = name.partition(":")
    try:
        adapter_class = getattr(importlib.import_module(module_name), class_name)
    except Exception as error:
        raise TargetError(
            f"adapter {name!r} failed to load: {type(error).__name__}: {error}"
        ) from error
    if not (isinstance(adapter_class, type) and issubclass(adapter_class, Adapter)):
        raise TargetError(f"{name!r} is not a conformance.targets.Adapter subclass")
    return adapter_class(name)


def load_target(name: str) -> Target:
    """Resolve and import a target; raise :class:`TargetError` with one clear line."""
    adapter = adapter_for(name)
    adapter.load()
    try:
        return Target(adapter)
    except UnknownCapability as error:
        raise TargetError(str(error)) from None
