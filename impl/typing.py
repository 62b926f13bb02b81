"""Type aliases for annotating views, hooks and handlers.

They describe what the framework accepts and have no effect at runtime.
Small building blocks are combined; ``typing.Union`` flattens nested unions.
"""

# ruff: noqa: UP007  (string forward references need typing.Union at runtime)
from __future__ import annotations

import collections.abc as cabc
import typing as t

if t.TYPE_CHECKING:  # pragma: no cover
    from _typeshed.wsgi import WSGIApplication
    from werkzeug.datastructures import Headers
    from werkzeug.sansio.response import Response

_Any = t.Any
_Text = t.Union[str, bytes]
_SyncStream = t.Union[t.Iterator[str], t.Iterator[bytes]]
_AsyncStream = t.Union[cabc.AsyncIterable[str], cabc.AsyncIterable[bytes]]
_JSONBody = t.Union[list[_Any], t.Mapping[str, _Any]]

#: A body a view may return.
ResponseValue = t.Union["Response", _Text, _JSONBody, _SyncStream, _AsyncStream]
#: One header value, or several for a repeated header.
HeaderValue = t.Union[str, list[str], tuple[str, ...]]
#: Headers in any form ``Headers.update`` accepts.
HeadersValue = t.Union["Headers", t.Mapping[str, HeaderValue], t.Sequence[tuple[str, HeaderValue]]]

_WithHeaders = tuple[ResponseValue, HeadersValue]
_WithStatus = t.Union[tuple[ResponseValue, int], tuple[ResponseValue, int, HeadersValue]]
#: Everything a view may return, tuples and WSGI apps included.
ResponseReturnValue = t.Union[ResponseValue, _WithHeaders, _WithStatus, "WSGIApplication"]

#: A response class, or a subclass of it.
ResponseClass = t.TypeVar("ResponseClass", bound="Response")

_Maybe = t.Optional
_Awaitable = t.Awaitable

AppOrBlueprintKey = _Maybe[str]
AfterRequestCallable = t.Union[
    t.Callable[[ResponseClass], ResponseClass],
    t.Callable[[ResponseClass], _Awaitable[ResponseClass]],
]
BeforeFirstRequestCallable = t.Union[t.Callable[[], None], t.Callable[[], _Awaitable[None]]]
_BeforeResult = _Maybe[ResponseReturnValue]
BeforeRequestCallable = t.Union[
    t.Callable[[], _BeforeResult], t.Callable[[], _Awaitable[_BeforeResult]]
]
ShellContextProcessorCallable = t.Callable[[], dict[str, _Any]]
_Error = _Maybe[BaseException]
TeardownCallable = t.Union[t.Callable[[_Error], None], t.Callable[[_Error], _Awaitable[None]]]
_Context = dict[str, _Any]
TemplateContextProcessorCallable = t.Union[
    t.Callable[[], _Context], t.Callable[[], _Awaitable[_Context]]
]
TemplateFilterCallable = t.Callable[..., _Any]
TemplateGlobalCallable = t.Callable[..., _Any]
TemplateTestCallable = t.Callable[..., bool]
URLDefaultCallable = t.Callable[[str, dict[str, _Any]], None]
URLValuePreprocessorCallable = t.Callable[[_Maybe[str], _Maybe[dict[str, _Any]]], None]
#: An error handler; it receives the exception.
ErrorHandlerCallable = t.Union[
    t.Callable[[_Any], ResponseReturnValue], t.Callable[[_Any], _Awaitable[ResponseReturnValue]]
]
#: A view function.
RouteCallable = t.Union[
    t.Callable[..., ResponseReturnValue], t.Callable[..., _Awaitable[ResponseReturnValue]]
]
