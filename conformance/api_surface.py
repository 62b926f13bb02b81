"""Record Flask's public surface as data, for the ``api`` spec area.

The ``api`` area checks a target's names, class members, signatures and
instance attributes against what upstream Flask has. What Flask has is not
written by hand: this module reads it from the installed Flask (by
introspection, and by parsing each module's source to tell the names a module
defines or re-exports from those it merely imports) and writes it to
``fixtures/data/api/*.json``. ``conformance record-api`` runs it again when
Flask moves.

What counts as public:

- every name of the ``flask`` package that does not start with an underscore;
- in each public submodule, the names it defines at top level (``def``,
  ``class``, assignments) and the names it re-exports in the ``import x as x``
  form, without a leading underscore and other than modules;
- the members of each public class defined by Flask: what its Flask-defined
  classes (its own and its Flask bases) hold, plus ``__init__``, ``__call__``,
  ``__enter__`` and ``__exit__``;
- the parameters (name, kind, whether it has a default; written as in a
  ``def`` line, see :func:`parameters`) of each public
  function and of each method, class method and static method among those
  members;
- the attributes a new ``Flask`` and a new ``Blueprint`` set on themselves;
- the submodules that are attributes of the package right after a bare
  ``import flask``, read in a fresh interpreter.

``flask.sansio`` is left out. Its README says it holds code shared with
alternative implementations such as Quart; Flask's API documentation does not
list it, and no extension we know imports it. What it defines and users do
reach (the members ``Flask`` and ``Blueprint`` inherit, ``BlueprintSetupState``
re-exported by ``flask.blueprints``) is recorded through the public classes.

Records named in :data:`EXTENSION_TIER` are tagged ``"tier": "extension"``:
the names extensions import beyond the documented API and the override seams
they subclass. The specs report them under their own spec functions.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

from conformance.paths import DATA_DIR
from conformance.targets import SUBMODULES

REFERENCE = "flask"
API_DATA_DIR = DATA_DIR / "api"

#: The public modules, as dotted paths below the package ("" is the package).
MODULES: tuple[str, ...] = ("", *SUBMODULES)

#: Dunder members recorded with a class: the protocols applications use
#: (building, calling, ``with``).
PROTOCOL_MEMBERS = frozenset({"__init__", "__call__", "__enter__", "__exit__"})

#: Instances whose own attributes are recorded: how to build each from the package.
INSTANCES: dict[str, str] = {
    "flask.Flask": "Flask('api_surface')",
    "flask.Blueprint": "Blueprint('api_surface', 'api_surface')",
}

#: What extensions import or override beyond the documented API (apiflask,
#: flask-smorest, Flask-RESTful, Flask-Login, Flask-SQLAlchemy and others),
#: by record path. Names of instance attributes are ``<class>().<attribute>``.
EXTENSION_TIER: frozenset[str] = frozenset(
    {
        # Names imported from the modules directly.
        "flask.globals.app_ctx",
        "flask.globals.request_ctx",
        "flask.signals.Namespace",
        "flask.debughelpers.DebugFilesKeyError",
        "flask.debughelpers.FormDataRoutingRedirect",
        "flask.debughelpers.UnexpectedUnicodeError",
        "flask.config.ConfigAttribute",
        "flask.cli.AppGroup",
        "flask.sessions.SessionInterface",
        "flask.sessions.SessionMixin",
        # The seams of Flask that extensions override in subclasses.
        *(
            f"flask.Flask.{name}"
            for name in (
                "make_response",
                "handle_exception",
                "handle_user_exception",
                "handle_http_exception",
                "full_dispatch_request",
                "dispatch_request",
                "preprocess_request",
                "process_response",
                "finalize_request",
                "wsgi_app",
                "log_exception",
                "make_default_options_response",
                "create_url_adapter",
                "raise_routing_exception",
                "do_teardown_request",
                "do_teardown_appcontext",
                "ensure_sync",
                "add_url_rule",
                "register_blueprint",
                "route",
                "request_class",
                "response_class",
                "json_provider_class",
                "session_interface",
                "url_rule_class",
                "url_map_class",
                "app_ctx_globals_class",
                "test_client_class",
                "test_cli_runner_class",
                "jinja_environment",
            )
        ),
        *(
            f"flask.Blueprint.{name}"
            for name in (
                "register",
                "add_url_rule",
                "route",
                "register_blueprint",
                "make_setup_state",
                "record",
                "record_once",
            )
        ),
        "flask.views.View.dispatch_request",
        "flask.views.View.as_view",
        "flask.views.MethodView.dispatch_request",
        # The registries extensions read and write on an application.
        *(
            f"flask.Flask().{name}"
            for name in (
                "extensions",
                "view_functions",
                "blueprints",
                "url_map",
                "config",
                "error_handler_spec",
                "before_request_funcs",
                "after_request_funcs",
                "teardown_request_funcs",
                "teardown_appcontext_funcs",
                "url_value_preprocessors",
                "url_default_functions",
                "template_context_processors",
            )
        ),
        "flask.Blueprint().deferred_functions",
    }
)

#: Builtin types an instance attribute is recorded as (the first in its MRO);
#: anything else is recorded as ``"object"``.
BUILTIN_TYPES = ("bool", "int", "float", "str", "bytes", "dict", "list", "set", "tuple")


def name_kind(obj: Any) -> str:
    """``"class"``, ``"function"`` (any routine) or ``"object"`` (proxies, signals, aliases...)."""
    if isinstance(obj, type):
        return "class"
    if inspect.isroutine(obj):
        return "function"
    return "object"


def member_kind(owner: type, name: str) -> str:
    """The kind of a class member: how it behaves, not how it is stored.

    ``"staticmethod"`` and ``"classmethod"`` by their wrappers; ``"method"``
    for a function; ``"property"`` for a descriptor that answers for the class
    with itself (``property``, ``cached_property``, ``ConfigAttribute``) and
    computes a value per instance; ``"attribute"`` for a plain class attribute,
    including one a descriptor hands out unchanged on the class (a class
    loaded lazily is still a class attribute to a subclass or a reader).
    """
    raw = inspect.getattr_static(owner, name)
    if isinstance(raw, staticmethod):
        return "staticmethod"
    if isinstance(raw, classmethod):
        return "classmethod"
    if inspect.isfunction(raw):
        return "method"
    if isinstance(raw, type) or not hasattr(type(raw), "__get__"):
        return "attribute"
    try:
        on_class = getattr(owner, name)
    except Exception:  # a descriptor that refuses class access is per instance
        return "property"
    if on_class is raw:
        return "property"
    return "method" if inspect.isroutine(on_class) and callable(raw) else "attribute"


def value_type(value: Any) -> str:
    """The builtin type an attribute's value is an instance of, else ``"object"``."""
    if value is None:
        return "None"
    for klass in type(value).__mro__:
        if klass.__module__ == "builtins" and klass.__name__ in BUILTIN_TYPES:
            return klass.__name__
    return "object"


def parameters(function: Any) -> list[str] | None:
    """A callable's parameters in Python's own notation, one string each; None without one.

    ``"name"`` has no default, ``"name="`` has one, ``"*args"`` and
    ``"**kwargs"`` gather the rest, and the markers ``"/"`` and ``"*"`` end
    the positional-only parameters and start the keyword-only ones, as in a
    ``def`` line: ``["self", "endpoint", "*", "_anchor=", "**values"]``.
    """
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    rendered: list[str] = []
    kind = inspect.Parameter
    previous = None
    for parameter in signature.parameters.values():
        if previous is kind.POSITIONAL_ONLY and parameter.kind is not kind.POSITIONAL_ONLY:
            rendered.append("/")
        if parameter.kind is kind.KEYWORD_ONLY and previous not in (
            kind.KEYWORD_ONLY,
            kind.VAR_POSITIONAL,
        ):
            rendered.append("*")
        prefix = {kind.VAR_POSITIONAL: "*", kind.VAR_KEYWORD: "**"}.get(parameter.kind, "")
        default = "=" if parameter.default is not kind.empty else ""
        rendered.append(f"{prefix}{parameter.name}{default}")
        previous = parameter.kind
    if previous is kind.POSITIONAL_ONLY:
        rendered.append("/")
    return rendered


def unwrap_member(raw: Any) -> Any:
    """The function behind a method, class method or static method."""
    if isinstance(raw, staticmethod | classmethod):
        return raw.__func__
    return raw


def _declared_names(source: str) -> list[str]:
    """Names a module defines at top level or re-exports as ``import x as x``.

    Statements under ``if TYPE_CHECKING:`` are skipped: they do not run.
    """
    names: list[str] = []

    def walk(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.append(node.name)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    names.extend(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(
                node.target, ast.Name
            ):
                names.append(node.target.id)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names.extend(alias.asname for alias in node.names if alias.asname == alias.name)
            elif isinstance(node, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(node.test):
                    walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)
                for handler in node.handlers:
                    walk(handler.body)
                walk(node.orelse)
                walk(node.finalbody)

    walk(ast.parse(source).body)
    return list(dict.fromkeys(names))


def _public_names(module: types.ModuleType, is_package_root: bool) -> list[str]:
    if is_package_root:
        candidates = list(vars(module))
    else:
        candidates = _declared_names(inspect.getsource(module))
        # Imported names extensions rely on (signals.Namespace) count too.
        candidates += [
            path.rsplit(".", 1)[1]
            for path in EXTENSION_TIER
            if path.rsplit(".", 1)[0] == module.__name__ and "()" not in path
        ]
    return [
        name
        for name in dict.fromkeys(candidates)
        if not name.startswith("_")
        and hasattr(module, name)
        and not isinstance(getattr(module, name), types.ModuleType)
    ]


def _flask_classes(cls: type) -> list[type]:
    return [klass for klass in cls.__mro__ if klass.__module__.split(".")[0] == REFERENCE]


def _tier(path: str) -> str:
    return "extension" if path in EXTENSION_TIER else "documented"


def record_surface() -> dict[str, list[dict[str, Any]]]:
    """Read Flask's public surface from the installed package, as lists of records."""
    package = importlib.import_module(REFERENCE)
    names: list[dict[str, Any]] = []
    canonical: dict[int, tuple[str, Any]] = {}
    for dotted in MODULES:
        module_name = f"{REFERENCE}.{dotted}" if dotted else REFERENCE
        module = importlib.import_module(module_name)
        for name in sorted(_public_names(module, not dotted)):
            obj = getattr(module, name)
            path = f"{module_name}.{name}"
            names.append(
                {"path": path, "module": module_name, "name": name, "kind": name_kind(obj)}
            )
            # The first path found (the package's, else the module's) stands for
            # the object when its members and parameters are recorded.
            if name_kind(obj) != "object":
                canonical.setdefault(id(obj), (path, obj))

    members: list[dict[str, Any]] = []
    signatures: list[dict[str, Any]] = []
    for path, obj in canonical.values():
        if name_kind(obj) == "function":
            found = parameters(obj)
            if found is not None:
                signatures.append({"path": path, "owner": None, "name": None, "parameters": found})
            continue
        flask_classes = _flask_classes(obj)
        if not flask_classes:
            continue  # a class Flask re-exports (Namespace): its members are not Flask's
        seen: dict[str, Any] = {}
        for klass in flask_classes:
            for member, raw in vars(klass).items():
                if member.startswith("_") and member not in PROTOCOL_MEMBERS:
                    continue
                seen.setdefault(member, raw)
        for member, raw in sorted(seen.items()):
            member_path = f"{path}.{member}"
            kind = member_kind(obj, member)
            members.append({"path": member_path, "owner": path, "name": member, "kind": kind})
            if kind in ("method", "classmethod", "staticmethod"):
                found = parameters(unwrap_member(raw))
                if found is not None:
                    signatures.append(
                        {"path": member_path, "owner": path, "name": member, "parameters": found}
                    )

    instance_attributes: list[dict[str, Any]] = []
    for owner, construction in INSTANCES.items():
        instance = eval(construction, vars(package))
        for attribute, value in sorted(vars(instance).items()):
            if attribute.startswith("_"):
                continue
            instance_attributes.append(
                {
                    "path": f"{owner}().{attribute}",
                    "owner": owner,
                    "name": attribute,
                    "type": value_type(value),
                }
            )

    surface = {
        "names": names,
        "members": members,
        "signatures": signatures,
        "instance_attributes": instance_attributes,
        "bare_import": record_bare_import(),
    }
    for records in surface.values():
        for record in records:
            record["tier"] = _tier(record["path"])
    return surface


_BARE_IMPORT_PROGRAM = """\
import json, sys, types
package = __import__(sys.argv[1])
found = []
for dotted in json.loads(sys.argv[2]):
    obj = package
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    if isinstance(obj, types.ModuleType):
        found.append(dotted)
print(json.dumps(found))
"""


def record_bare_import() -> list[dict[str, Any]]:
    """The public submodules that are attributes of the package right after ``import flask``.

    Read in a fresh interpreter, where nothing but the bare import has run.
    """
    submodules = [dotted for dotted in MODULES if dotted]
    completed = subprocess.run(
        [sys.executable, "-c", _BARE_IMPORT_PROGRAM, REFERENCE, json.dumps(submodules)],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    found = json.loads(completed.stdout)
    return [{"path": f"{REFERENCE}.{dotted}", "submodule": dotted} for dotted in found]


def write_surface(directory: Path = API_DATA_DIR) -> dict[str, int]:
    """Record the surface and write one JSON file per kind of record; return the counts."""
    surface = record_surface()
    directory.mkdir(parents=True, exist_ok=True)
    version = importlib.metadata.version(REFERENCE)
    for kind, records in surface.items():
        paths = [record["path"] for record in records]
        if len(set(paths)) != len(paths):
            raise ValueError(f"{kind}: two records share a path")
        # One record a line, so a refresh shows as a readable diff.
        lines = ",\n".join("  " + json.dumps(record) for record in records)
        text = (
            f'{{"recorded_from": {json.dumps(f"{REFERENCE} {version}")},\n'
            f' "records": [\n{lines}\n]}}\n'
        )
        (directory / f"{kind}.json").write_text(text, encoding="utf-8")
    return {kind: len(records) for kind, records in surface.items()}


def read_records(kind: str, tier: str, directory: Path = API_DATA_DIR) -> list[dict[str, Any]]:
    """The records of one kind and tier, as written by :func:`write_surface`."""
    document = json.loads((directory / f"{kind}.json").read_text(encoding="utf-8"))
    return [record for record in document["records"] if record["tier"] == tier]
