"""Adapters for Flask-compatible frameworks published on PyPI.

Each module here holds one small adapter that lets the suite run against a
framework which promises Flask's API under other names or another shape:
Quart (asyncio), BustAPI and zan (Rust cores), goflask (a Go core). They are
registered under the ``conformance.targets`` entry point group in
``pyproject.toml``, so ``--target quart`` finds them.

An adapter only translates: it renames (``Quart`` stands for ``Flask``), points
Flask's submodule paths at the framework's modules, and builds apps and
clients. It never supplies behaviour the framework lacks; a name the framework
does not have stays a :class:`~conformance.targets.MissingName` failure, and a
part of Flask the framework leaves out entirely is declared in ``unsupported``.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as distribution_version
from types import ModuleType
from typing import Any, ClassVar

from conformance.targets import Adapter, MissingName, TargetError


class RenamedModule:
    """A framework module seen through Flask's names.

    Reading ``Flask`` on it reads the framework's own name for the same thing
    (``Quart``, ``BustAPI``); every other name passes through unchanged, so a
    name the framework lacks raises :class:`~conformance.targets.MissingName`
    (an ``AttributeError``) naming the target and Flask's dotted path.
    """

    def __init__(self, module: ModuleType, renames: dict[str, str], target: str, path: str) -> None:
        self._module = module
        self._renames = renames
        self._target = target
        #: Flask's dotted path for this module ("" for flask itself), for messages.
        self._path = path

    def __getattr__(self, name: str) -> Any:
        real_name = self._renames.get(name, name)
        try:
            found = getattr(self._module, real_name)
        except AttributeError:
            found = self._child_module(real_name)
        dotted = f"{self._path}.{name}" if self._path else name
        if found is None:
            raise MissingName(f"target {self._target!r} has no public name {dotted!r}")
        if isinstance(found, ModuleType):
            return RenamedModule(found, self._renames, self._target, dotted)
        return found

    def _child_module(self, name: str) -> ModuleType | None:
        """A submodule not imported yet (``json.tag``), as ``import`` would find it."""
        module = self._module
        if not hasattr(module, "__path__") or name.startswith("_"):
            return None
        full_name = f"{module.__name__}.{name}"
        try:
            return importlib.import_module(full_name)
        except ModuleNotFoundError as error:
            if error.name != full_name:
                raise
            return None

    def __repr__(self) -> str:
        return f"<{self._module.__name__} seen as flask>"


class FrameworkAdapter(Adapter):
    """The common shape of the adapters in this package.

    A subclass names the framework's import package and distribution, the
    names it spells differently from Flask (``renames``) and where Flask's
    submodules live in it (``submodules``). A Flask submodule path not listed
    is looked up under the same name in the framework's package; a path mapped
    to ``None`` means the framework has no counterpart, even if it has a module
    of that name doing something else.
    """

    package: ClassVar[str]
    distribution: ClassVar[str]
    renames: ClassVar[dict[str, str]] = {}
    submodules: ClassVar[dict[str, str | None]] = {}

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._root: ModuleType | None = None

    def load(self) -> None:
        try:
            self._root = importlib.import_module(self.package)
        except ImportError as error:
            raise TargetError(
                f"target {self.name!r} needs the {self.distribution} package "
                f"(pip install {self.distribution}): {error}"
            ) from error
        except Exception as error:  # a framework that breaks on import must not end the run
            raise TargetError(
                f"target {self.name!r} failed to import {self.package}: "
                f"{type(error).__name__}: {error}"
            ) from error

    @property
    def root(self) -> ModuleType:
        if self._root is None:
            self.load()
        assert self._root is not None
        return self._root

    def module(self, path: str) -> Any:
        if not path:
            return RenamedModule(self.root, self.renames, self.name, "")
        module_name = self._framework_module_name(path)
        if module_name is None:
            raise MissingName(f"target {self.name!r} has no module {path!r}")
        try:
            found = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is not None and module_name.startswith(error.name):
                raise MissingName(f"target {self.name!r} has no module {path!r}") from None
            raise
        return RenamedModule(found, self.renames, self.name, path)

    def submodule_bound(self, path: str) -> bool:
        """Whether the framework's module for ``flask.<path>`` is an attribute of its
        package after ``import <package>`` alone (no import by name, unlike :meth:`module`)."""
        module_name = self._framework_module_name(path)
        if module_name is None:
            return False
        found: Any = self.root
        for part in module_name.split(".")[1:]:
            found = getattr(found, part, None)
        return isinstance(found, ModuleType) and found.__name__ == module_name

    def _framework_module_name(self, path: str) -> str | None:
        """The framework module standing for ``flask.<path>``, or None if it has none."""
        if path in self.submodules:
            return self.submodules[path]
        head, _, rest = path.partition(".")
        if head in self.submodules:
            mapped = self.submodules[head]
            return None if mapped is None else f"{mapped}.{rest}"
        return f"{self.package}.{path}"

    @property
    def version(self) -> str:
        try:
            return distribution_version(self.distribution)
        except PackageNotFoundError:
            return "unknown"
