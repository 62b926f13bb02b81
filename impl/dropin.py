"""Drop-in mode: run an unmodified Flask application, with unmodified Flask
extensions, on impl.

:func:`install` makes ``import flask`` and ``import flask.<submodule>``
resolve to impl's own modules. There is one module object under both names
(``sys.modules["flask"] is sys.modules["impl"]``,
``sys.modules["flask.sessions"] is impl.sessions``), so an extension that does
``isinstance(app, flask.Flask)`` or connects to ``flask.signals`` sees exactly
what the application uses. The installed Flask distribution is left alone:
``importlib.metadata.version("flask")`` still reads its metadata.

The alias must be in place before anything imports the real Flask, since
objects from two frameworks cannot be mixed; :func:`install` refuses with
:class:`FlaskAlreadyImported` otherwise. The simplest way to get the order
right is to start the program through this module::

    python -m impl.dropin -m MODULE [ARGS...]   # like python -m MODULE
    python -m impl.dropin -c CODE [ARGS...]     # like python -c CODE
    python -m impl.dropin PATH.py [ARGS...]     # like python PATH.py
    python -m impl.dropin COMMAND [ARGS...]     # an installed console script

.. versionadded:: 0.1
    impl's own addition; Flask has no counterpart.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.metadata
import importlib.util
import os
import runpy
import shutil
import sys
import types
import typing as t

__all__ = ["FlaskAlreadyImported", "install", "main", "uninstall"]

_ALIAS = "flask"
_TARGET = "impl"


class FlaskAlreadyImported(RuntimeError):
    """:func:`install` was called after the real Flask had been imported in
    this process, so impl can no longer stand in for it."""


def _impl_name(flask_name: str) -> str:
    """``flask.json.tag`` -> ``impl.json.tag``."""
    return _TARGET + flask_name[len(_ALIAS) :]


def _is_aliased_name(name: str) -> bool:
    return name == _ALIAS or name.startswith(_ALIAS + ".")


def _is_impl_module(module: object) -> bool:
    name = getattr(module, "__name__", "")
    return name == _TARGET or name.startswith(_TARGET + ".")


class _FlaskAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``flask`` and ``flask.*`` as the matching ``impl`` modules.

    A name impl has no module for (``flask.sansio``) is left to the other
    finders, which look inside impl's package directory and so raise the usual
    ``ModuleNotFoundError``.
    """

    def find_spec(
        self,
        fullname: str,
        path: t.Sequence[str] | None = None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not _is_aliased_name(fullname):
            return None
        impl_spec = importlib.util.find_spec(_impl_name(fullname))
        if impl_spec is None:
            return None
        is_package = impl_spec.submodule_search_locations is not None
        return importlib.util.spec_from_loader(fullname, self, is_package=is_package)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default placeholder; exec_module swaps it out

    def exec_module(self, module: types.ModuleType) -> None:
        # Once exec_module returns, the import system hands out whatever
        # sys.modules holds under the name, so putting impl's module there
        # makes both names one object, with impl's own __spec__ and __name__.
        sys.modules[module.__name__] = importlib.import_module(_impl_name(module.__name__))

    # runpy (``python -m flask``) runs a module from its loader's code and
    # file name rather than importing it: give it impl's.

    def get_code(self, fullname: str) -> types.CodeType | None:
        impl_spec = self._impl_spec(fullname)
        return impl_spec.loader.get_code(impl_spec.name)  # type: ignore[union-attr]

    def get_filename(self, fullname: str) -> str:
        impl_spec = self._impl_spec(fullname)
        return impl_spec.loader.get_filename(impl_spec.name)  # type: ignore[union-attr]

    def _impl_spec(self, fullname: str) -> importlib.machinery.ModuleSpec:
        impl_spec = importlib.util.find_spec(_impl_name(fullname))
        if impl_spec is None or impl_spec.loader is None:
            raise ImportError(f"No module named {_impl_name(fullname)!r}", name=fullname)
        return impl_spec


_finder = _FlaskAliasFinder()


def _real_flask_modules() -> list[str]:
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if _is_aliased_name(name) and module is not None and not _is_impl_module(module)
    )


def install() -> None:
    """Make ``import flask`` and ``import flask.<submodule>`` give impl's
    modules from now on, in this process. Calling it again does nothing.

    :raises FlaskAlreadyImported: the real Flask is already imported here.
    """
    if _finder in sys.meta_path:
        return
    real = _real_flask_modules()
    if real:
        origin = getattr(sys.modules[real[0]], "__file__", None) or "built in"
        raise FlaskAlreadyImported(
            f"cannot run on impl: the real Flask ({real[0]!r} from {origin}) is"
            " already imported in this process; install drop-in mode before"
            " anything imports flask, e.g. start with 'python -m impl.dropin'"
        )
    sys.meta_path.insert(0, _finder)


def uninstall() -> None:
    """Undo :func:`install`: forget the alias and the ``flask`` names it put in
    :data:`sys.modules`. Objects already imported under those names keep
    pointing at impl."""
    while _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    for name in [name for name in sys.modules if _is_aliased_name(name)]:
        if _is_impl_module(sys.modules[name]):
            del sys.modules[name]


# --- python -m impl.dropin ------------------------------------------------

USAGE = "usage: python -m impl.dropin (-m MODULE | -c CODE | PATH.py | COMMAND) [ARGS...]"

HELP = f"""{USAGE}

Run a program with impl standing in for Flask: 'import flask' and
'import flask.<submodule>' give impl's modules.

  -m MODULE   run a module as a script, like 'python -m MODULE'
  -c CODE     run a string of Python code, like 'python -c CODE'
  PATH.py     run a Python file (any argument ending in .py or containing a
              path separator is a path), like 'python PATH.py'
  COMMAND     run an installed console script, like 'gunicorn' or 'flask'

Every argument after the program is passed to it unchanged.

examples:
  python -m impl.dropin gunicorn app:app
  python -m impl.dropin flask --app app routes
  python -m impl.dropin -m pytest tests
  python -m impl.dropin serve.py --port 8000
"""


class _UsageError(Exception):
    pass


#: Runs the named program with its arguments.
_Runner = t.Callable[[str, list[str]], None]


def _run_module(name: str, args: list[str]) -> None:
    sys.argv = [name, *args]  # runpy replaces argv[0] with the module's path
    try:
        found = importlib.util.find_spec(name) is not None
    except ModuleNotFoundError as error:
        # A missing parent package means no such module; any other import
        # error comes from the program's own code, so it propagates.
        if not (name + ".").startswith(f"{error.name}."):
            raise
        found = False
    except ValueError:  # an empty or relative name
        found = False
    if not found:
        raise _UsageError(f"no module named {name!r}")
    runpy.run_module(name, run_name="__main__", alter_sys=True)


def _run_code(code: str, args: list[str]) -> None:
    sys.argv = ["-c", *args]
    main_module = types.ModuleType("__main__")
    sys.modules["__main__"] = main_module
    exec(compile(code, "<string>", "exec"), main_module.__dict__)


def _run_path(path: str, args: list[str]) -> None:
    if not os.path.isfile(path):
        raise _UsageError(f"no such file: {path!r}")
    sys.argv = [path, *args]
    sys.path[0] = os.path.dirname(os.path.abspath(path))  # as 'python PATH.py' does
    runpy.run_path(path, run_name="__main__")


def _run_console_script(name: str, args: list[str]) -> None:
    entry_points = importlib.metadata.entry_points(group="console_scripts", name=name)
    if not entry_points:
        raise _UsageError(
            f"no console script named {name!r} is installed (to run a file, give its path)"
        )
    entry_point = next(iter(entry_points))
    sys.argv = [shutil.which(name) or name, *args]
    sys.exit(entry_point.load()())


def main(argv: list[str] | None = None) -> None:
    """``python -m impl.dropin``: install drop-in mode, then run the program
    the arguments name. Bad usage is one line on stderr and exit status 2."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        run, program, args = _parse(argv)
    except _UsageError as error:
        _exit_with_error(str(error), status=2)
    if run is None:
        print(HELP, end="")
        return
    try:
        install()
    except FlaskAlreadyImported as error:
        _exit_with_error(str(error), status=1)
    try:
        run(program, args)
    except _UsageError as error:
        _exit_with_error(str(error), status=2)


def _parse(argv: list[str]) -> tuple[_Runner | None, str, list[str]]:
    """The runner, the program and its arguments; no runner for ``--help``."""
    if not argv:
        raise _UsageError("name a program to run (see --help)")
    first, rest = argv[0], argv[1:]
    if first in ("-h", "--help"):
        return None, "", []
    for option, run in (("-m", _run_module), ("-c", _run_code)):
        if first == option:
            if not rest:
                raise _UsageError(f"{option} needs an argument (see --help)")
            return run, rest[0], rest[1:]
        if first.startswith(option):  # -mpytest, as python accepts
            return run, first[len(option) :], rest
    if first.startswith("-"):
        raise _UsageError(f"unknown option {first!r} (see --help)")
    if first.endswith(".py") or os.sep in first or (os.altsep and os.altsep in first):
        return _run_path, first, rest
    return _run_console_script, first, rest


def _exit_with_error(message: str, status: int) -> t.NoReturn:
    print(f"python -m impl.dropin: {message}", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    # Run the copy importable as impl.dropin, so a program that calls
    # impl.dropin.install() itself finds drop-in mode already installed.
    from impl.dropin import main as _main

    _main()
