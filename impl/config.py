"""Application configuration: a ``dict`` that knows how to fill itself.

Only upper-case keys are taken from objects, modules and mappings, so helper
names and imports in a settings file never leak into the configuration.
"""

from __future__ import annotations

import errno
import json
import os
import types
import typing as t

from werkzeug.utils import import_string

if t.TYPE_CHECKING:
    from .app import Flask as App

    _PathName = str | os.PathLike[str]

T = t.TypeVar("T")
_Converter = t.Callable[[t.Any], T]
#: A file loader for :meth:`Config.from_file`: open file in, mapping out.
_Loader = t.Callable[[t.IO[t.Any]], t.Mapping[str, t.Any]]

#: ``errno`` values that ``silent=True`` turns into a ``False`` return, for
#: :meth:`Config.from_pyfile` and :meth:`Config.from_file` respectively.
_MISSING_FILE_ERRORS = frozenset((errno.ENOENT, errno.EISDIR, errno.ENOTDIR))
_ABSENT_FILE_ERRORS = frozenset((errno.ENOENT, errno.EISDIR))


def _execute_file(path: str, namespace: dict[str, t.Any]) -> None:
    """Run the Python file at ``path`` with ``namespace`` as its globals."""
    with open(path, mode="rb") as handle:
        code = compile(handle.read(), path, "exec")
        exec(code, namespace)


def _load_file(path: str, load: t.Callable[[t.IO[t.Any]], t.Any], mode: str) -> t.Any:
    with open(path, mode) as handle:
        return load(handle)


class ConfigAttribute(t.Generic[T]):
    """Expose ``app.config[name]`` as an attribute of the app.

    :param name: the configuration key to read and write.
    :param get_converter: applied to the stored value on every read.
    """

    def __init__(self, name: str, get_converter: _Converter[T] | None = None) -> None:
        self.get_converter = get_converter
        # Named like a function so tools that introspect descriptors see the key.
        self.__name__ = name

    def __get__(self, obj: App | None, owner: type[App] | None = None) -> t.Any:
        """Read the key from the app's config, converting it if asked to;
        on the class, return the descriptor itself."""
        if obj is None:
            return self
        value = obj.config[self.__name__]
        convert = self.get_converter
        return value if convert is None else convert(value)

    def __set__(self, obj: App, value: t.Any) -> None:
        """Store ``value`` under the key in the app's config."""
        obj.config[self.__name__] = value


class Config(dict):  # type: ignore[type-arg]
    """The configuration mapping of an application.

    Besides being a plain ``dict`` it can load values from Python files,
    objects, environment variables and any file format with a loader.

    :param root_path: relative file names given to the loaders are resolved
        against this directory (normally the application's root path).
    :param defaults: initial values.
    """

    def __init__(self, root_path: _PathName, defaults: dict[str, t.Any] | None = None) -> None:
        dict.__init__(self, defaults or ())
        #: Directory that relative file names given to the loaders start from.
        self.root_path = root_path

    def from_envvar(self, variable_name: str, silent: bool = False) -> bool:
        """Load the Python file named by the environment variable
        ``variable_name`` with :meth:`from_pyfile`.

        :param variable_name: name of the environment variable.
        :param silent: return ``False`` instead of raising when the variable
            is unset or the file is missing.
        :return: whether a file was loaded.
        """
        path = os.environ.get(variable_name)
        if path:
            return self.from_pyfile(path, silent=silent)
        if silent:
            return False
        raise RuntimeError(
            f"No configuration was loaded: the environment variable {variable_name!r}"
            " is not set. Point it at a configuration file first."
        )

    def from_prefixed_env(
        self, prefix: str = "FLASK", *, loads: t.Callable[[str], t.Any] = json.loads
    ) -> bool:
        """Load every environment variable named ``{prefix}_KEY``.

        Values are parsed with ``loads`` (JSON by default, so ``true``, ``3``
        and ``[1, 2]`` become Python values); a value that does not parse is
        kept as a string. A double underscore in the key descends into nested
        dicts, ``FLASK_DB__HOST`` sets ``config["DB"]["HOST"]``, creating the
        intermediate dict when missing. Variables are applied in sorted order.

        :param prefix: the prefix, without its trailing underscore.
        :param loads: parses each value.
        :return: always ``True``.
        """
        start = f"{prefix}_"
        environ = os.environ
        for name in sorted(environ):
            if not name.startswith(start):
                continue
            raw = environ[name]
            try:
                value = loads(raw)
            except Exception:
                value = raw
            *parents, leaf = name[len(start) :].split("__")
            target: t.Any = self
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = value
        return True

    def _resolve(self, filename: _PathName) -> str:
        return os.path.join(self.root_path, filename)

    @staticmethod
    def _reraise_or_skip(error: OSError, silent: bool, skippable: frozenset[int]) -> bool:
        """Return ``False`` for a missing file when silent, else re-raise
        with a message saying a configuration file was being loaded."""
        if silent and error.errno in skippable:
            return False
        error.strerror = f"Unable to load configuration file ({error.strerror})"
        raise error

    def from_pyfile(self, filename: _PathName, silent: bool = False) -> bool:
        """Execute a Python file and load its upper-case globals through
        :meth:`from_object`.

        :param filename: path of the file, relative to :attr:`root_path`.
        :param silent: return ``False`` instead of raising if it is missing.
        :return: whether the file was loaded.
        """
        path = self._resolve(filename)
        settings = types.ModuleType("config")
        settings.__file__ = path
        try:
            _execute_file(path, vars(settings))
        except OSError as error:
            return self._reraise_or_skip(error, silent, _MISSING_FILE_ERRORS)
        self.from_object(settings)
        return True

    def from_object(self, obj: object | str) -> None:
        """Copy the upper-case attributes of ``obj`` into the config.

        :param obj: a module, class or instance, or an import string naming
            one (``"pkg.settings.Production"``).
        """
        source = import_string(obj) if isinstance(obj, str) else obj
        self.update((name, getattr(source, name)) for name in dir(source) if name.isupper())

    def from_file(
        self,
        filename: _PathName,
        load: _Loader,
        silent: bool = False,
        text: bool = True,
    ) -> bool:
        """Read a file with ``load`` (``json.load``, ``tomllib.load``, ...)
        and pass the mapping it returns to :meth:`from_mapping`.

        :param filename: path of the file, relative to :attr:`root_path`.
        :param load: called with the open file, returns a mapping.
        :param silent: return ``False`` instead of raising if it is missing.
        :param text: open in text mode; pass ``False`` for loaders that need
            bytes, such as ``tomllib.load``.
        :return: whether the file was loaded.
        """
        try:
            data = _load_file(self._resolve(filename), load, "r" if text else "rb")
        except OSError as error:
            # Unlike from_pyfile, a path through a non-directory is an error.
            return self._reraise_or_skip(error, silent, _ABSENT_FILE_ERRORS)
        return self.from_mapping(data)

    def from_mapping(self, mapping: t.Mapping[str, t.Any] | None = None, **kwargs: t.Any) -> bool:
        """Store the upper-case keys of ``mapping`` and of ``kwargs``;
        other keys are ignored.

        :return: always ``True``.
        """
        # dict() also takes an iterable of (key, value) pairs, as dict.update does.
        merged = dict(mapping if mapping is not None else (), **kwargs)
        self.update({key: merged[key] for key in merged if key.isupper()})
        return True

    def __repr__(self) -> str:
        contents = dict.__repr__(self)
        return f"<{self.__class__.__name__} {contents}>"

    def get_namespace(
        self, namespace: str, lowercase: bool = True, trim_namespace: bool = True
    ) -> dict[str, t.Any]:
        """Collect the entries whose key starts with ``namespace``.

        ``config.get_namespace("IMAGE_STORE_")`` turns ``IMAGE_STORE_PATH``
        into ``{"path": ...}``, handy as keyword arguments.

        :param namespace: the key prefix to select.
        :param lowercase: lower-case the resulting keys.
        :param trim_namespace: drop the prefix from the resulting keys.
        """
        cut = len(namespace) if trim_namespace else 0
        found: dict[str, t.Any] = {}
        for key, value in self.items():
            if key.startswith(namespace):
                short = key[cut:]
                found[short.lower() if lowercase else short] = value
        return found
