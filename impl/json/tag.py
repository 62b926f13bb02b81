"""Tagged JSON: lossless JSON for the types sessions need.

JSON has no tuples, bytes, markup, UUIDs or datetimes. Each such value is
written as a one-key object ``{" key": json_value}`` whose key starts with a
space (so it cannot collide with ordinary identifier-like keys) and read back
into the original type. The session cookie uses this format, so it must
stay byte-compatible with Flask's.

To support another type, subclass :class:`JSONTag` and register the class
on a :class:`TaggedJSONSerializer`. For example, frozensets kept as lists::

    class TagFrozenset(JSONTag):
        key = " fs"
        __slots__ = ()

        def to_python(self, value):
            return frozenset(value)

        def to_json(self, value):
            return [self.serializer.tag(item) for item in value]

        def check(self, value):
            return isinstance(value, frozenset)

    serializer = app.session_interface.serializer
    serializer.register(TagFrozenset, index=0)

Tags registered this way are tried before the built-in ones only when given
an ``index``; otherwise they are appended and may be shadowed by them.
"""

from __future__ import annotations

import json as _json
from base64 import b64decode, b64encode
from datetime import datetime
from json.encoder import c_make_encoder as _c_make_encoder
from json.encoder import encode_basestring as _encode_text
from json.encoder import encode_basestring_ascii as _encode_ascii
from typing import Any
from uuid import UUID

from markupsafe import Markup
from werkzeug.http import http_date, parse_date

from ..globals import _cv_app
from ..json import dumps, loads
from .provider import _compact_encoder, _default_loads


class JSONTag:
    """One convertible type: how to recognise it, and how to turn it into
    JSON and back."""

    #: The marker key written in front of the JSON value. An empty key
    #: means the tag only rewrites containers and adds no marker.
    key: str = ""

    __slots__ = ("serializer",)

    def __init__(self, serializer: TaggedJSONSerializer) -> None:
        #: The serializer that owns this tag, for tagging nested values.
        self.serializer = serializer

    def check(self, value: object) -> bool:
        """Tell whether this tag handles ``value``."""
        raise NotImplementedError

    def to_json(self, value: Any) -> Any:
        """Return a JSON-compatible form of ``value`` (without the key)."""
        raise NotImplementedError

    def to_python(self, value: Any) -> Any:
        """Rebuild the original value from what :meth:`to_json` produced."""
        raise NotImplementedError

    def tag(self, value: Any) -> dict[str, Any]:
        """Return ``{key: to_json(value)}``."""
        return {self.key: self.to_json(value)}


#: A :class:`JSONTag` subclass, as :meth:`TaggedJSONSerializer.register` takes.
_TagClass = type[JSONTag]


class TagDict(JSONTag):
    """A one-key dict whose key is itself a tag key: the key gets a ``__``
    suffix so the dict is not mistaken for a tagged value on the way back."""

    key = " di"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """Only dicts of exactly one item whose key is a registered tag."""
        if not isinstance(value, dict) or len(value) != 1:
            return False
        return not self.serializer.tags.keys().isdisjoint(value)

    def to_json(self, value: Any) -> Any:
        """Suffix the key and tag the item."""
        ((name, item),) = value.items()
        return {name + "__": self.serializer.tag(item)}

    def to_python(self, value: Any) -> Any:
        """Strip the suffix again."""
        ((name, item),) = value.items()
        return {name[:-2]: item}


class PassDict(JSONTag):
    """Any other dict: stays a dict, its values are tagged."""

    __slots__ = ()

    def check(self, value: object) -> bool:
        """Any dict."""
        return isinstance(value, dict)

    def to_json(self, value: Any) -> Any:
        """Tag the values; keys are strings in JSON anyway."""
        tag_item = self.serializer.tag
        return {name: tag_item(item) for name, item in value.items()}

    tag = to_json


class TagTuple(JSONTag):
    """A tuple, stored as a list of tagged items."""

    key = " t"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """Tuples, including named tuples (read back as plain tuples)."""
        return isinstance(value, tuple)

    def to_json(self, value: Any) -> Any:
        """A list of the tagged items."""
        return list(map(self.serializer.tag, value))

    def to_python(self, value: Any) -> Any:
        """Back to a tuple."""
        return tuple(value)


class PassList(JSONTag):
    """A list: stays a list, its items are tagged."""

    __slots__ = ()

    def check(self, value: object) -> bool:
        """Any list."""
        return isinstance(value, list)

    def to_json(self, value: Any) -> Any:
        """The list of tagged items."""
        return list(map(self.serializer.tag, value))

    tag = to_json


class TagBytes(JSONTag):
    """Bytes, stored as standard base64 text."""

    key = " b"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """``bytes`` only (not ``bytearray``)."""
        return isinstance(value, bytes)

    def to_json(self, value: Any) -> Any:
        """Base64 text."""
        return b64encode(value).decode("ascii")

    def to_python(self, value: Any) -> Any:
        """Decode the base64 text."""
        return b64decode(value)


class TagMarkup(JSONTag):
    """An object with ``__html__`` (such as :class:`~markupsafe.Markup`),
    stored as its HTML and read back as ``Markup``."""

    key = " m"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """Anything with a callable ``__html__``."""
        return callable(getattr(value, "__html__", None))

    def to_json(self, value: Any) -> Any:
        """The HTML text."""
        return str(value.__html__())

    def to_python(self, value: Any) -> Any:
        """Safe markup again."""
        return Markup(value)


class TagUUID(JSONTag):
    """A :class:`~uuid.UUID`, stored as its 32 hex digits."""

    key = " u"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """UUID instances."""
        return isinstance(value, UUID)

    def to_json(self, value: Any) -> Any:
        """The hex digits, without dashes."""
        return value.hex

    def to_python(self, value: Any) -> Any:
        """Parse the hex digits."""
        return UUID(value)


class TagDateTime(JSONTag):
    """A :class:`~datetime.datetime`, stored as an HTTP date (whole seconds,
    read back as UTC)."""

    key = " d"
    __slots__ = ()

    def check(self, value: object) -> bool:
        """Datetimes (plain dates are not tagged)."""
        return isinstance(value, datetime)

    def to_json(self, value: Any) -> Any:
        """An RFC 9110 date string."""
        return http_date(value)

    def to_python(self, value: Any) -> Any:
        """Parse the date string into an aware UTC datetime."""
        return parse_date(value)


#: Types that no built-in tag converts: they pass through :meth:`tag` as is.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


class TaggedJSONSerializer:
    """Serialize values to tagged JSON and back.

    Tags are tried in :attr:`order`; the first whose ``check`` accepts a value
    converts it. Decoding looks tagged objects up by key in :attr:`tags`.
    """

    __slots__ = ("_builtin_order", "_decoder", "order", "tags")

    #: Tag classes every new serializer registers, in this order: containers
    #: first, so their items get tagged, then the leaf types.
    default_tags = [TagDict, PassDict, TagTuple, PassList]
    default_tags += [TagBytes, TagMarkup, TagUUID, TagDateTime]

    def __init__(self) -> None:
        #: Tags in the order they are tried when encoding.
        self.order: list[JSONTag] = []
        #: Registered tags by key, for decoding.
        self.tags: dict[str, JSONTag] = {}
        for tag_class in self.default_tags:
            self.register(tag_class)
        # PERF: with only the built-in tags, tagging dispatches on the exact
        # type of plain values and containers instead of asking each tag's
        # check() in turn (8 calls per leaf value); _tag_builtin() does that
        # while ``order`` still equals this snapshot. 2.0 -> 1.2 µs for a
        # three-key session.
        builtin = [type(each) for each in self.order] == _BUILTIN_TAGS
        self._builtin_order = list(self.order) if builtin else None
        self._decoder: _json.JSONDecoder | None = None

    def register(self, tag_class: _TagClass, force: bool = False, index: int | None = None) -> None:
        """Add a tag type to this serializer.

        :param tag_class: the :class:`JSONTag` subclass; it is instantiated
            with this serializer.
        :param force: replace an existing tag with the same key instead of
            raising :exc:`KeyError`.
        :param index: position in :attr:`order`; appended when ``None``. Put
            a tag before the defaults to take precedence over them.
        """
        new_tag = tag_class(self)
        marker = new_tag.key
        if marker and marker in self.tags and not force:
            raise KeyError(
                f"A tag with key {marker!r} exists; register with force=True to replace it."
            )
        if marker:
            self.tags[marker] = new_tag
        position = len(self.order) if index is None else index
        self.order.insert(position, new_tag)

    def tag(self, value: Any) -> Any:
        """Convert ``value`` to its JSON-compatible tagged form."""
        if self.order == self._builtin_order:
            return self._tag_builtin(value)
        return self._tag_scan(value)

    def _tag_scan(self, value: Any) -> Any:
        chosen = next((each for each in self.order if each.check(value)), None)
        # Plain JSON values pass through unchanged.
        return value if chosen is None else chosen.tag(value)

    def _tag_builtin(self, value: Any) -> Any:
        """What :meth:`_tag_scan` gives with the built-in tags, deciding by
        the exact type where that is enough."""
        kind = type(value)
        if kind in _PLAIN_TYPES:
            return value
        convert = self._tag_builtin
        if kind is dict:
            if len(value) == 1 and not self.tags.keys().isdisjoint(value):
                ((name, item),) = value.items()
                return {TagDict.key: {name + "__": convert(item)}}
            return {name: convert(item) for name, item in value.items()}
        if kind is list:
            return [convert(item) for item in value]
        if kind is tuple:
            return {TagTuple.key: [convert(item) for item in value]}
        # Subclasses and the leaf types: ask the tags.
        return self._tag_scan(value)

    def untag(self, value: dict[str, Any]) -> Any:
        """Turn a single tagged object back into its Python value; other
        dicts are returned unchanged."""
        if len(value) == 1:
            ((marker, data),) = value.items()
            known = self.tags.get(marker)
            if known is not None:
                return known.to_python(data)
        return value

    def _untag_scan(self, value: Any) -> Any:
        """Untag a parsed document bottom-up, so inner values are restored
        before the containers holding them."""
        if isinstance(value, dict):
            scan = self._untag_scan
            return self.untag({name: scan(item) for name, item in value.items()})
        if isinstance(value, list):
            scan = self._untag_scan
            return [scan(item) for item in value]
        return value

    def dumps(self, value: Any) -> str:
        """Tag ``value`` and serialize it as compact JSON."""
        tagged = self.tag(value)
        context = _cv_app.get(None)
        # PERF: the app's cached compact encoder rather than json.dumps()
        # building one per call: 2.6 -> 1.3 µs.
        encoder = None if context is None else _compact_encoder(context.app.json)
        if encoder is not None:
            if type(tagged) is dict:
                return _encode_once(encoder, tagged)
            return encoder.encode(tagged)
        return dumps(tagged, separators=(",", ":"))

    def loads(self, value: str) -> Any:
        """Parse tagged JSON and restore the tagged values."""
        context = _cv_app.get(None)
        plain = context is None or type(context.app.json).loads is _default_loads
        if plain and type(value) is str and not value.startswith("\ufeff"):
            # PERF: with the standard json module underneath, untag each
            # object as the parser builds it (bottom-up, as _untag_scan
            # does), with one decoder kept for the purpose: 3.5 -> 1.9 µs.
            decoder = self._decoder
            if decoder is None:
                decoder = self._decoder = _json.JSONDecoder(object_hook=self.untag)
            # PERF: ``decode`` matches whitespace before and after the value
            # with a regular expression, then calls the scanner at the first
            # non-blank character. A document with no blanks around it
            # (every one ``dumps`` writes) goes to the scanner at once
            # (1.6 -> 0.5 µs); anything else, errors included, goes the long
            # way, which gives the same value or raises the same error.
            try:
                parsed, end = decoder.scan_once(value, 0)
            except StopIteration:
                end = -1
            if end == len(value):
                return parsed
            return decoder.decode(value)
        return self._untag_scan(loads(value))


_BUILTIN_TAGS = list(TaggedJSONSerializer.default_tags)


def _encode_once(encoder: _json.JSONEncoder, value: dict[str, Any]) -> str:
    """``encoder.encode(value)`` for a compact plain :class:`json.JSONEncoder`,
    building the C encoder directly."""
    # PERF: ``JSONEncoder.encode`` goes through ``iterencode``, which defines
    # a float formatter and reads every setting before it builds the C
    # encoder it then uses (2.5 -> 1.5 µs for a small session). The C
    # encoder is built here from the same settings, fresh for each call as
    # there, since it keeps the containers it is inside of for detecting
    # cycles. Without the C encoder, ``encode`` does it all.
    if _c_make_encoder is None or type(encoder) is not _json.JSONEncoder:
        return encoder.encode(value)
    quote = _encode_ascii if encoder.ensure_ascii else _encode_text
    build = _c_make_encoder(
        {} if encoder.check_circular else None,
        encoder.default,
        quote,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )
    return "".join(build(value, 0))
