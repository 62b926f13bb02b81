"""Pluggable JSON support: the provider an application uses for ``app.json``."""

from __future__ import annotations

import dataclasses
import json
import typing as t
import uuid
import weakref
from datetime import date

# The pieces json.JSONEncoder puts together for a compact one-shot encode;
# the C encoder is None on Pythons built without the _json module.
from json.encoder import c_make_encoder as _make_c_encoder
from json.encoder import encode_basestring as _encode_string
from json.encoder import encode_basestring_ascii as _encode_string_ascii

from werkzeug.http import http_date

if t.TYPE_CHECKING:
    from werkzeug.sansio.response import Response

    from ..app import Flask as App


class JSONProvider:
    """Base class of JSON providers; set ``app.json_provider_class`` to a
    subclass (or assign ``app.json``) to swap the JSON library.

    Subclasses implement :meth:`dumps` and :meth:`loads`; the rest of the
    interface is derived from those two.

    :param app: the application; kept as a weak proxy so the provider does
        not keep the app alive.
    """

    def __init__(self, app: App) -> None:
        # A weak proxy: the app owns its provider, not the other way round.
        self._app: App = weakref.proxy(app)

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialize ``obj`` to a JSON string."""
        raise NotImplementedError

    def dump(self, obj: t.Any, fp: t.IO[str], **kwargs: t.Any) -> None:
        """Serialize ``obj`` and write it to the text file ``fp``."""
        fp.write(self.dumps(obj, **kwargs))

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Parse a JSON document."""
        raise NotImplementedError

    def load(self, fp: t.IO[t.AnyStr], **kwargs: t.Any) -> t.Any:
        """Read and parse the JSON document in the file ``fp``."""
        return self.loads(fp.read(), **kwargs)

    def _prepare_response_obj(self, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]) -> t.Any:
        """Pick the value to serialize from :meth:`response` arguments:
        nothing gives ``None``, one positional is used as is, several
        positionals make a list, keywords make a dict."""
        if kwargs:
            if args:
                raise TypeError(
                    "app.json.response() got positional and keyword arguments; give args or"
                    " kwargs, one kind only"
                )
            return kwargs
        if not args:
            return None
        return args[0] if len(args) == 1 else args

    def response(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Build an ``application/json`` response from the arguments (see
        :meth:`_prepare_response_obj` for how they are combined)."""
        body = self.dumps(self._prepare_response_obj(args, kwargs))
        return self._app.response_class(body, mimetype="application/json")


def _default(o: t.Any) -> t.Any:
    """Convert the extra types the default provider supports.

    Dates become HTTP dates, decimals and UUIDs strings, dataclasses dicts,
    and objects with ``__html__`` (such as ``Markup``) their HTML text.
    """
    # PERF: decimal (1 ms to import) only once an object needs converting.
    from decimal import Decimal

    if isinstance(o, (Decimal, uuid.UUID)):
        return str(o)
    if isinstance(o, date):  # datetime included
        return http_date(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    html = getattr(o, "__html__", None)
    if html is not None:
        return str(html())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


class DefaultJSONProvider(JSONProvider):
    """JSON through the standard library :mod:`json`, with support for
    dates, decimals, UUIDs, dataclasses and ``__html__`` objects.

    The class attributes below can be changed on the class, a subclass, or
    the ``app.json`` instance.
    """

    #: Called for objects :mod:`json` cannot serialize itself.
    default: t.Callable[[t.Any], t.Any] = staticmethod(_default)

    #: Escape non-ASCII characters as ``\\uXXXX``.
    ensure_ascii = True

    #: Sort object keys; keeps output (and caches keyed on it) stable.
    sort_keys = True

    #: Layout of :meth:`response` bodies: ``True`` compact, ``False``
    #: indented, ``None`` indented only in debug mode.
    compact: bool | None = None

    #: Mimetype of :meth:`response` bodies.
    mimetype = "application/json"

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialize ``obj`` with :func:`json.dumps`; the class settings are
        defaults that ``kwargs`` override."""
        options = {
            "default": self.default,
            "ensure_ascii": self.ensure_ascii,
            "sort_keys": self.sort_keys,
            **kwargs,
        }
        return json.dumps(obj, **options)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Parse ``s`` with :func:`json.loads`."""
        return json.loads(s, **kwargs)

    # PERF: json.dumps() builds a new JSONEncoder on every call made with
    # non-default options, which is every response and every session cookie.
    # Keep the last encoder together with the settings it was built from and
    # reuse it while they stay the same; a changed setting simply builds a new
    # one. The session serializer uses the compact one through
    # _compact_encoder().
    _encoder_cache: tuple[tuple[t.Any, ...], json.JSONEncoder] | None = None

    def _cached_encoder(self, indent: bool) -> json.JSONEncoder:
        """The encoder :meth:`dumps` would build for the current settings
        with ``indent=2`` or compact separators."""
        settings = (self.default, self.ensure_ascii, self.sort_keys, indent)
        cached = self._encoder_cache
        if cached is not None and cached[0] == settings:
            return cached[1]
        encoder = json.JSONEncoder(
            default=settings[0],
            ensure_ascii=settings[1],
            sort_keys=settings[2],
            indent=2 if indent else None,
            separators=None if indent else (",", ":"),
        )
        self._encoder_cache = (settings, encoder)
        return encoder

    def response(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Build a response holding the arguments as JSON, followed by a
        newline, with :attr:`mimetype`.

        Output is compact unless :attr:`compact` is ``False``, or ``None``
        with the app in debug mode, in which case it is indented.
        """
        cls = type(self)
        # PERF: the usual shapes (one value, or keywords only) are picked
        # here without the call; anything else, or an overridden picker,
        # goes through _prepare_response_obj.
        if cls._prepare_response_obj is not _default_prepare:
            obj = self._prepare_response_obj(args, kwargs)
        elif not args and kwargs:
            obj = kwargs
        elif len(args) == 1 and not kwargs:
            obj = args[0]
        else:
            obj = self._prepare_response_obj(args, kwargs)
        compact = self.compact
        indent = compact is False or (compact is None and self._app.debug)
        if cls.dumps is not _default_dumps:
            body = self.dumps(obj, indent=2) if indent else self.dumps(obj, separators=(",", ":"))
        elif indent or _make_c_encoder is None:
            body = self._cached_encoder(indent).encode(obj)
        else:
            # PERF: JSONEncoder.encode and iterencode are two Python frames
            # and a closure per call before they reach the C encoder they
            # build. The C encoder is built here directly with the same
            # arguments, from parts kept while the settings stay the same:
            # jsonify 4.8 -> 4.3 µs. A new one (0.2 µs) per call, since it
            # keeps the dict of containers being encoded for the circular
            # reference check, which must not be shared by two threads.
            default, ensure_ascii, sort_keys = self.default, self.ensure_ascii, self.sort_keys
            parts = self._c_encoder_parts
            if not (
                parts is not None
                and parts[0] is default
                and parts[1] is ensure_ascii
                and parts[2] is sort_keys
            ):
                parts = self._c_encoder_parts = (
                    default,
                    ensure_ascii,
                    sort_keys,
                    _encode_string_ascii if ensure_ascii else _encode_string,
                )
            encode = _make_c_encoder({}, default, parts[3], None, ":", ",", sort_keys, False, True)
            body = "".join(encode(obj, 0))
        return self._app.response_class(f"{body}\n", mimetype=self.mimetype)

    #: What the C encoder of compact :meth:`response` bodies is made from:
    #: the settings it was made for (``default``, ``ensure_ascii``,
    #: ``sort_keys``), then the string encoder they select.
    _c_encoder_parts: tuple[t.Any, t.Any, t.Any, t.Callable[[str], str]] | None = None


_default_dumps = DefaultJSONProvider.dumps
_default_prepare = JSONProvider._prepare_response_obj
_default_loads = DefaultJSONProvider.loads


def _compact_encoder(provider: t.Any) -> json.JSONEncoder | None:
    """The encoder equivalent to ``provider.dumps(obj, separators=(",", ":"))``
    when that is the default provider's ``dumps``, else ``None``."""
    if type(provider).dumps is _default_dumps:
        return provider._cached_encoder(False)  # type: ignore[no-any-return]
    return None
