"""Building a URL without :meth:`MapAdapter.build`'s general search, where the rule allows it.

PERF: :meth:`werkzeug.routing.MapAdapter.build` is general: it updates the
map, copies the values, tries the default method and then every method over
every rule of the endpoint, and handles host matching and WebSocket rules.
Most endpoints have one plain rule, and ``url_for`` in a view asks for it by
keyword arguments: :func:`build_directly` builds that rule through the same
public :meth:`Rule.build <werkzeug.routing.Rule.build>` and joins the result
exactly as ``MapAdapter.build`` would (5.6 -> 2.1 µs a call). Anything else
(several rules, defaults, host matching, WebSocket, a missing value, a
converter refusing a value, subclassed routing classes) returns ``None`` and
the caller goes through ``MapAdapter.build``, which also raises the
``BuildError``.
"""

from __future__ import annotations

import typing as t

from werkzeug.routing import MapAdapter, Rule
from werkzeug.routing.converters import DEFAULT_CONVERTERS

_SECURE_SCHEMES = frozenset({"https", "wss"})
#: The converter classes whose ``to_url`` is a pure function of the value.
_PURE_CONVERTERS = frozenset(DEFAULT_CONVERTERS.values())
#: Longest string value remembered: the memory kept stays small.
_REMEMBERED_VALUE_LENGTH = 200
#: How many built URLs :func:`_build_remembered` keeps per URL map.
_REMEMBERED_LIMIT = 4096
#: The attribute of a :class:`~werkzeug.routing.Map` holding its remembered
#: URLs: ``(id(rule), sort_parameters, sort_key, *values' items) -> (rule,
#: Rule.build's result)``, and ``id(rule) -> (rule, converters are pure)``.
_MEMO_ATTRIBUTE = "_impl_built_urls"


def _build_remembered(
    rule: Rule, url_map: t.Any, values: dict[str, t.Any]
) -> tuple[str, str] | None:
    """``rule.build(values, True)``, remembered when that is a pure function of *values*.

    PERF: a view builds the same few URLs request after request; building
    one runs the rule's compiled builder, each converter's ``to_url`` and
    the query encoding. Their result depends only on the rule, the map's
    parameter sorting and the values, when each value is a ``str`` or an
    ``int`` (strings up to :data:`_REMEMBERED_VALUE_LENGTH` characters, so that
    what is kept stays small) and each converter one of Werkzeug's own, so it is kept
    (at most :data:`_REMEMBERED_LIMIT` of them, on the map) and reused.
    """
    for value in values.values():
        kind = type(value)
        if kind is not int and (kind is not str or len(value) > _REMEMBERED_VALUE_LENGTH):
            return rule.build(values, True)
    # Kept on the map itself, so that it goes when the map does.
    memo = url_map.__dict__.get(_MEMO_ATTRIBUTE)
    if memo is None:
        memo = ({}, {})
        setattr(url_map, _MEMO_ATTRIBUTE, memo)
    remembered_urls, pure_rules = memo
    found = pure_rules.get(id(rule))
    if found is None or found[0] is not rule:
        pure = all(type(converter) in _PURE_CONVERTERS for converter in rule._converters.values())
        if len(pure_rules) < _REMEMBERED_LIMIT:
            pure_rules[id(rule)] = (rule, pure)
    else:
        pure = found[1]
    if not pure:
        return rule.build(values, True)
    key = (id(rule), url_map.sort_parameters, url_map.sort_key, *values.items())
    remembered = remembered_urls.get(key)
    if remembered is not None and remembered[0] is rule:
        return remembered[1]
    built = rule.build(values, True)
    if len(remembered_urls) < _REMEMBERED_LIMIT:
        remembered_urls[key] = (rule, built)
    return built


def build_directly(
    adapter: MapAdapter,
    endpoint: str,
    values: dict[str, t.Any],
    method: str | None,
    url_scheme: str | None,
    external: bool,
) -> str | None:
    """Build *endpoint*'s URL as ``adapter.build`` would, or ``None`` when this shortcut cannot.

    :param values: the rule's values and extra query arguments, as ``url_for``
        received them; it is not modified.
    """
    if type(adapter) is not MapAdapter:
        return None
    url_map = adapter.map
    if url_map._remap or url_map.host_matching:
        return None
    rules = url_map._rules_by_endpoint.get(endpoint)
    if rules is None or len(rules) != 1:
        return None
    rule = rules[0]
    if rule.defaults or rule.websocket or type(rule).build is not Rule.build:
        return None
    if method is not None and rule.methods is not None and method not in rule.methods:
        return None
    for value in values.values():
        if value is None:
            values = {key: value for key, value in values.items() if value is not None}
            break
    for argument in rule.arguments:
        if argument not in values:
            return None
    built = _build_remembered(rule, url_map, values)
    if built is None:
        return None
    domain_part, path = built
    if url_scheme is None:
        url_scheme = adapter.url_scheme
    if url_scheme:
        url_scheme = "https" if url_scheme in _SECURE_SCHEMES else "http"
    if not external and domain_part == adapter.subdomain:
        return f"{adapter.script_name.rstrip('/')}/{path.lstrip('/')}"
    scheme = f"{url_scheme}:" if url_scheme else ""
    host = adapter.get_host(domain_part)
    return f"{scheme}//{host}{adapter.script_name[:-1]}/{path.lstrip('/')}"
