"""The request and response classes, Werkzeug's with application awareness.

The limits on request bodies and cookie sizes come from the current app's
config unless set on the object itself, and JSON goes through the app's JSON
provider.
"""

from __future__ import annotations

import typing as t
from types import SimpleNamespace
from urllib.parse import unquote

from werkzeug.datastructures import EnvironHeaders, Headers, ImmutableMultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.formparser import FormDataParser
from werkzeug.sansio.http import parse_cookie
from werkzeug.sansio.utils import get_host
from werkzeug.utils import get_content_type
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import ClosingIterator

from . import json
from .globals import _cv_app

if t.TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment
    from werkzeug.routing import Rule

#: ``Content-Type`` values by mimetype, as Werkzeug derives them (charset
#: added for text types); filled as mimetypes are met.
_CONTENT_TYPES: dict[str, str] = {}
#: ``(status line, code)`` by integer status, as Werkzeug cleans them.
_STATUS_LINES: dict[int, tuple[str, int]] = {}
#: Headers whose presence sends a response through Werkzeug's full header fix-up.
_FIXED_UP_HEADERS = frozenset(("location", "content-location"))
#: Statuses whose responses carry no body (or no length) under Werkzeug's rules.
_BODYLESS_STATUSES = frozenset((204, 304))
#: Werkzeug's form parsing steps that Request._load_urlencoded_form stands in for.
_WERKZEUG_FORM_PARSE = FormDataParser.parse
_WERKZEUG_PARSE_URLENCODED = FormDataParser._parse_urlencoded
#: ``Request.host`` by ``(scheme, Host header, server address)``, for requests
#: without ``trusted_hosts``; bounded, as clients choose the Host header.
_HOSTS: dict[tuple[t.Any, ...], str] = {}
_HOSTS_LIMIT = 256
#: What a request's ``__dict__`` gives for a value not computed yet.
_NOT_KEPT: t.Any = object()
#: How Werkzeug computes ``Request.cookies``: joins the headers' ``Cookie``
#: values and parses them.
_WERKZEUG_COOKIES = _WerkzeugRequest.cookies.fget


def _cookie_key_read_as_werkzeug_does() -> bool:
    """Whether parsing the environ's ``HTTP_COOKIE`` gives what the installed
    Werkzeug's ``Request.cookies`` gives, tried on a header with a quoted
    value, an escape, a repeated name and a bad part."""
    environ = {"HTTP_COOKIE": 'a=1; b="x\\"y"; a=2;; =c; d', "HTTP_HOST": "h"}
    request = SimpleNamespace(
        headers=EnvironHeaders(environ), dict_storage_class=ImmutableMultiDict
    )
    expected = _WERKZEUG_COOKIES(request)
    found = parse_cookie(environ["HTTP_COOKIE"], ImmutableMultiDict)
    return type(found) is type(expected) and list(found.items(multi=True)) == list(
        expected.items(multi=True)
    )


_COOKIE_KEY_READ_AS_WERKZEUG_DOES = _cookie_key_read_as_werkzeug_does()


def _from_wsgi(value: str) -> str:
    """A WSGI environ string (latin-1 code points) decoded as UTF-8, bad bytes replaced."""
    if value.isascii():  # PERF: ASCII decodes to itself
        return value
    return value.encode("latin1").decode(errors="replace")


def _environ_headers(environ: WSGIEnvironment) -> EnvironHeaders:
    """``EnvironHeaders(environ)``, without its two constructors' Python calls."""
    headers = _new_headers(EnvironHeaders)
    headers._list = []
    headers.environ = environ
    return headers


_new_headers = object.__new__
# PERF: the function above stands in for constructors that only set
# attributes (0.15 µs); checked here against the installed Werkzeug's, which
# is used instead should the state they set ever differ.
if vars(EnvironHeaders({})) != vars(_environ_headers({})):
    _environ_headers = EnvironHeaders  # type: ignore[assignment]
#: Whether a ``Headers`` holds nothing but its list, so that a response's
#: headers can be made around a list without the constructor's Python call.
_HEADERS_ARE_THEIR_LIST = vars(Headers()) == {"_list": []}


def _split_blueprint_path(name: str) -> list[str]:
    """``"a.b.c"`` -> ``["a.b.c", "a.b", "a"]``: a blueprint and its parents."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _parse_urlencoded(text: str) -> list[tuple[str, str]]:
    """``parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")``, more directly.

    Fields are split on ``&`` (empty ones dropped), a field without ``=``
    has an empty value, ``+`` means a space, and only parts holding a ``%``
    go through :func:`urllib.parse.unquote` (which returns the others
    unchanged anyway), with Werkzeug's error handler for bad UTF-8.
    """
    items = []
    for field in text.split("&"):
        if not field:
            continue
        name, _, value = field.partition("=")
        name, value = name.replace("+", " "), value.replace("+", " ")
        if "%" in name:
            name = unquote(name, errors="werkzeug.url_quote")
        if "%" in value:
            value = unquote(value, errors="werkzeug.url_quote")
        items.append((name, value))
    return items


def _config_value(key: str) -> tuple[bool, t.Any]:
    active = _cv_app.get(None)
    if active is None:
        return False, None
    return True, active.app.config[key]


def _config_limit(attribute: str, config_key: str, doc: str) -> t.Any:
    """A request size limit: the value set on the request, else the current
    app's *config_key*, else Werkzeug's class default (outside an app)."""
    override_key = f"_own_{attribute}"
    werkzeug_default = getattr(_WerkzeugRequest, attribute)

    def read(self: Request) -> int | None:
        own = self.__dict__.get(override_key)
        if own is not None:
            return own  # type: ignore[no-any-return]
        found, configured = _config_value(config_key)
        return configured if found else werkzeug_default  # type: ignore[no-any-return]

    def write(self: Request, value: int | None) -> None:
        self.__dict__[override_key] = value

    read.__name__ = write.__name__ = attribute
    return property(read, write, doc=doc)


# The states of a _ContextKeepingStream: not started, contexts pushed, finished.
_WAITING, _RUNNING, _DONE = range(3)


class _ContextKeepingStream:
    """Iterates *source* with the contexts it was created in pushed again.

    :func:`stream_with_context` returns one. The contexts are recorded at
    creation and pushed on the first step (the app context first, so the
    request context reuses it), then popped when the source is exhausted,
    fails, or the stream is closed. Pushing late matters: the request has
    usually ended by then, so the request teardown runs a second time.
    """

    def __init__(self, source: t.Iterator[t.Any], contexts: tuple[t.Any, t.Any]) -> None:
        self._source, self._contexts = source, contexts
        self._state = _WAITING
        # Set by Response.__call__ when it hands this stream to the server as
        # the response body: chunks are then encoded here and close() closes
        # the response; see :meth:`serve_as_body`.
        self._encode = False
        self._response: Response | None = None

    def __iter__(self) -> _ContextKeepingStream:
        return self

    def serve_as_body(self, response: Response) -> _ContextKeepingStream:
        """Make this stream the WSGI body of *response*, the response it belongs to.

        PERF: Werkzeug wraps a streamed body in a generator that encodes
        ``str`` chunks and a ``ClosingIterator`` that closes the response:
        two more Python frames per chunk. This stream does both itself:
        chunks are encoded as Werkzeug's generator would, and ``close()``
        calls the response's (Werkzeug's) ``close``, which closes this stream
        in turn and runs the response's ``call_on_close`` functions, exactly
        as the ``ClosingIterator`` would.
        """
        self._encode, self._response = True, response
        return self

    def __next__(self) -> t.Any:
        state = self._state
        if state != _RUNNING:
            if state == _DONE:
                raise StopIteration
            for context in self._contexts:
                context.push()
            self._state = _RUNNING
        try:
            item = next(self._source)
        except StopIteration:
            self._finish(None)
            raise
        except BaseException as error:
            self._finish(error)
            raise
        if self._encode and isinstance(item, str):
            return item.encode()
        return item

    def close(self) -> None:
        """Close the source and pop the contexts; WSGI servers call this.

        Closed while running (a client gone mid-stream), the stream was cut
        short: teardown functions receive a ``GeneratorExit``, as Flask's do.
        """
        response = self._response
        if response is not None:
            # Served as a body: the server's close() is the response's.
            self._response = None
            if self._state == _DONE and not response._on_close and response.response is self:
                # PERF: all the response's close() would do is close this
                # finished stream again: 0.3 µs of the stream scenario.
                return
            response.close()
            return
        self._finish(GeneratorExit() if self._state == _RUNNING else None)

    def _finish(self, error: BaseException | None) -> None:
        previous, self._state = self._state, _DONE
        if previous == _DONE:
            return
        try:
            closer = getattr(self._source, "close", None)
            if closer is not None:
                closer()
        finally:
            if previous == _RUNNING:
                for context in reversed(self._contexts):
                    context.pop(error)


class Request(_WerkzeugRequest):
    """The request object the application uses, available as ``request``.

    Adds routing results (:attr:`url_rule`, :attr:`view_args`,
    :attr:`routing_exception`) and the blueprint/endpoint that handles it.
    Set :attr:`Flask.request_class` to use a subclass.
    """

    #: Set by routing: the matched :class:`~werkzeug.routing.Rule` and its
    #: arguments, or the error (404, 405, redirect) that dispatch raises.
    url_rule: Rule | None = None
    view_args: dict[str, t.Any] | None = None
    routing_exception: Exception | None = None

    #: Module or provider whose ``loads`` reads JSON bodies; each request
    #: context sets it to the app's JSON provider.
    json_module: t.Any = json

    # Limits on what the request will parse. Assign one on a request to
    # change it for that request only.
    max_content_length = _config_limit(
        "max_content_length",
        "MAX_CONTENT_LENGTH",
        "Largest body accepted, in bytes; ``MAX_CONTENT_LENGTH`` by default.",
    )
    max_form_memory_size = _config_limit(
        "max_form_memory_size",
        "MAX_FORM_MEMORY_SIZE",
        "Largest non-file form field, in bytes; ``MAX_FORM_MEMORY_SIZE`` by default.",
    )
    max_form_parts = _config_limit(
        "max_form_parts",
        "MAX_FORM_PARTS",
        "Most multipart fields parsed; ``MAX_FORM_PARTS`` by default.",
    )

    @property
    def endpoint(self) -> str | None:
        """Endpoint of the matched rule, ``None`` before or without a match."""
        rule = self.url_rule
        return None if rule is None else rule.endpoint

    @property
    def blueprint(self) -> str | None:
        """Dotted name of the blueprint that owns the endpoint, if any."""
        endpoint = self.endpoint
        if endpoint is None or "." not in endpoint:
            return None
        return endpoint.rpartition(".")[0]

    @property
    def blueprints(self) -> list[str]:
        """The owning blueprint and its parents, innermost first."""
        name = self.blueprint
        return [] if name is None else _split_blueprint_path(name)

    def __init__(
        self, environ: WSGIEnvironment, populate_request: bool = True, shallow: bool = False
    ) -> None:
        """Read the request line's parts from *environ*; everything else is parsed on use.

        PERF: Werkzeug's constructor passes each part through its sans-IO
        base class's constructor, decoding the script name and path with an
        encode/decode round trip even when they are ASCII, which they almost
        always are. This sets the same attributes to the same values in one
        step: 1.4 -> 0.9 µs.

        :param populate_request: store the request in the environ under
            ``werkzeug.request``, unless *shallow*.
        :param shallow: forbid reading the body (for middleware).
        """
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        self.scheme = environ.get("wsgi.url_scheme", "http")
        name = environ.get("SERVER_NAME")
        if name is None:
            self.server = None
        else:
            try:
                self.server = (name, int(environ.get("SERVER_PORT")))  # type: ignore[arg-type]
            except (TypeError, ValueError):  # a unix socket
                self.server = (name, None)
        root_path = environ.get("SCRIPT_NAME") or ""
        path = environ.get("PATH_INFO") or ""
        if not (root_path.isascii() and path.isascii()):  # ASCII decodes to itself
            root_path, path = _from_wsgi(root_path), _from_wsgi(path)
        self.root_path = root_path.rstrip("/")
        self.path = "/" + path.lstrip("/")
        self.query_string = environ.get("QUERY_STRING", "").encode("latin1")
        self.headers = _environ_headers(environ)
        self.remote_addr = environ.get("REMOTE_ADDR")
        self.environ = environ
        self.shallow = shallow
        if populate_request and not shallow:
            environ["werkzeug.request"] = self

    def _read_host(self) -> str:
        """The host the request was made to, with the port when not the scheme's default.

        Checked against :attr:`trusted_hosts`; a host with characters a host
        cannot have reads as ``""``. Computed on first use and kept, like
        Werkzeug's cached property: assigning sets the kept value, deleting
        forgets it. PERF: checking the characters takes a regular expression
        (1.4 µs a request); without trusted hosts the outcome depends only on
        the scheme, the Host header and the server address, so it is
        remembered for those. A plain ``property`` rather than Werkzeug's
        ``cached_property``, whose ``__get__`` is one more Python call (0.3 µs).
        """
        state = self.__dict__
        found = state.get("host", _NOT_KEPT)
        if found is not _NOT_KEPT:
            return found  # type: ignore[no-any-return]
        headers = self.headers
        server = self.server
        if (
            self.trusted_hosts
            or type(headers) is not EnvironHeaders
            or not (server is None or type(server) is tuple)
        ):
            found = get_host(self.scheme, headers.get("host"), server, self.trusted_hosts)
        else:
            key = (self.scheme, self.environ.get("HTTP_HOST"), server)
            found = _HOSTS.get(key)
            if found is None:
                found = get_host(*key)
                if len(_HOSTS) < _HOSTS_LIMIT:
                    _HOSTS[key] = found
        state["host"] = found
        return found

    def _keep_host(self, value: str) -> None:
        self.__dict__["host"] = value

    def _forget_host(self) -> None:
        del self.__dict__["host"]

    host = property(_read_host, _keep_host, _forget_host, doc=_read_host.__doc__)

    def _read_cookies(self) -> t.Any:
        """The cookies the request came with, as a :attr:`dict_storage_class`
        mapping (several values for one name are kept, the first one first).

        Computed on first use and kept; assigning sets the kept value,
        deleting forgets it, as with Werkzeug's cached property. PERF:
        Werkzeug finds the ``Cookie`` header by walking every environ key
        through the headers' generator (4 µs for an environ of twenty
        keys). WSGI servers name it ``HTTP_COOKIE`` (PEP 3333), so while the
        headers are Werkzeug's own view of the environ, that key is read and
        parsed by the same Werkzeug function: session 41.7 -> 39.2 µs.
        Headers of any other kind go Werkzeug's way.
        """
        state = self.__dict__
        found = state.get("cookies", _NOT_KEPT)
        if found is not _NOT_KEPT:
            return found
        headers = self.headers
        if type(headers) is EnvironHeaders and _COOKIE_KEY_READ_AS_WERKZEUG_DOES:
            found = parse_cookie(headers.environ.get("HTTP_COOKIE"), self.dict_storage_class)
        else:
            found = _WERKZEUG_COOKIES(self)
        state["cookies"] = found
        return found

    def _keep_cookies(self, value: t.Any) -> None:
        self.__dict__["cookies"] = value

    def _forget_cookies(self) -> None:
        del self.__dict__["cookies"]

    cookies = property(_read_cookies, _keep_cookies, _forget_cookies, doc=_read_cookies.__doc__)

    def _load_form_data(self) -> None:
        if not self._load_urlencoded_form():
            super()._load_form_data()
        # In debug mode, make a missing enctype easy to diagnose.
        active = _cv_app.get(None)
        if (
            active is not None
            and active.app.debug
            and self.mimetype != "multipart/form-data"
            and not self.files
        ):
            from .debughelpers import _FilesWithHint

            self.__dict__["files"] = _FilesWithHint(self)

    def _load_urlencoded_form(self) -> bool:
        """Parse a urlencoded body as Werkzeug's form parser would; ``False`` to leave it to it.

        PERF: Werkzeug builds a :class:`~werkzeug.formparser.FormDataParser`
        (reading three size limits, each from the app's config here) and
        dispatches on the mimetype before :func:`urllib.parse.parse_qsl`
        splits the body. For a urlencoded body none of that is needed: the
        same stream is read whole, split by :func:`_parse_urlencoded`, and
        a body that does not decode gives an empty form, as the parser's
        silent mode does. Taken only while the parser's classes and
        methods are Werkzeug's own. post_form: 0.43 -> 0.35 of Flask's CPU time.
        """
        if "form" in self.__dict__:
            return True
        cls = type(self)
        if (
            cls.make_form_data_parser is not _WerkzeugRequest.make_form_data_parser
            or cls.form_data_parser_class is not FormDataParser
            or FormDataParser.parse is not _WERKZEUG_FORM_PARSE
            or FormDataParser._parse_urlencoded is not _WERKZEUG_PARSE_URLENCODED
            or not self.want_form_data_parsed
            or self.mimetype != "application/x-www-form-urlencoded"
        ):
            return False
        stream = self._get_stream_for_parsing()
        storage = self.parameter_storage_class
        try:
            form = storage(_parse_urlencoded(stream.read().decode()))
        except ValueError:
            form = storage()
        environ_dict = self.__dict__
        environ_dict["stream"], environ_dict["form"], environ_dict["files"] = (
            stream,
            form,
            storage(),
        )
        return True

    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        """Turn a JSON decoding failure into 400 Bad Request.

        The description names the parse error only in debug mode.
        """
        try:
            return super().on_json_loading_failed(e)
        except BadRequest as detailed:
            active = _cv_app.get(None)
            if active is not None and active.app.debug:
                raise
            raise BadRequest() from detailed


class Response(_WerkzeugResponse):
    """The response class the application uses; HTML by default.

    Set :attr:`Flask.response_class` to use a subclass.
    """

    #: Responses are HTML unless told otherwise.
    default_mimetype: str | None = "text/html"
    #: Keep ``Location`` headers as given (relative URLs stay relative).
    autocorrect_location_header = False
    #: Serialises :attr:`json` bodies; the app's provider is used in ``jsonify``.
    json_module = json

    @property
    def max_cookie_size(self) -> int:  # type: ignore[override]
        """Largest cookie allowed, from ``MAX_COOKIE_SIZE`` inside an app context."""
        found, value = _config_value("MAX_COOKIE_SIZE")
        return value if found else super().max_cookie_size

    # PERF: Werkzeug's constructor and WSGI call are generic (any header
    # source, any status form, any body); together they were a third of a
    # hello-world request. The two methods below take a direct route for the
    # overwhelmingly common shapes (a str/bytes body with default headers; a
    # buffered body with a Content-Length and no Location) and hand
    # everything else to Werkzeug. The direct route writes the same state
    # and emits the same status, header list and body, and is skipped for
    # subclasses that override any step it replaces. Hello: 9.0 -> 2.6 µs.

    def __init__(
        self,
        response: t.Any = None,
        status: int | str | None = None,
        headers: t.Any = None,
        mimetype: str | None = None,
        content_type: str | None = None,
        direct_passthrough: bool = False,
    ) -> None:
        cls = type(self)
        if (
            headers is None
            and content_type is None
            and not direct_passthrough
            and (status is None or type(status) is int)
            and response is not None
            and not isinstance(response, bytearray)
            and cls._clean_status is _WerkzeugResponse._clean_status
            and cls.status is _WerkzeugResponse.status
            and cls.set_data is _WerkzeugResponse.set_data
            and cls.automatically_set_content_length
        ):
            if status is None:
                status = cls.default_status
            status_line = _STATUS_LINES.get(status)  # type: ignore[arg-type]
            if status_line is None:
                status_line = self._clean_status(status)  # type: ignore[arg-type]
                if len(_STATUS_LINES) < 256:  # views choose the codes
                    _STATUS_LINES[status] = status_line  # type: ignore[index]
            if mimetype is None:
                mimetype = cls.default_mimetype
            if isinstance(response, (str, bytes)):
                body = response.encode() if isinstance(response, str) else response
                fixed: list[tuple[str, str]] = [("Content-Length", str(len(body)))]
                self.response = [body]
            else:
                # PERF: a streamed body (any other iterable) has no length to
                # set; it is kept as it is, as Werkzeug keeps it. With the
                # streamed case in __call__ below: stream scenario 0.67 -> 0.43.
                fixed = []
                self.response = response
            fresh = _new_headers(Headers) if _HEADERS_ARE_THEIR_LIST else Headers()
            # Headers' values are checked as they are added; these are known
            # to be valid, so the list is set directly.
            if mimetype is None:
                fresh._list = fixed
            else:
                found = _CONTENT_TYPES.get(mimetype)
                if found is None:
                    found = get_content_type(mimetype, "utf-8")
                    if len(_CONTENT_TYPES) < 256:
                        _CONTENT_TYPES[mimetype] = found
                fresh._list = [("Content-Type", found), *fixed]
            self.headers = fresh
            self._status, self._status_code = status_line
            self.direct_passthrough = False
            self._on_close: list[t.Callable[[], t.Any]] = []
            return
        super().__init__(response, status, headers, mimetype, content_type, direct_passthrough)

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> t.Iterable[bytes]:
        """Start the response and return its body iterable (WSGI)."""
        cls = type(self)
        headers = self.headers
        body = self.response
        code = self._status_code
        if (
            type(headers) is Headers
            and code >= 200
            and code not in _BODYLESS_STATUSES
            and not self.direct_passthrough
            and cls.get_wsgi_response is _WerkzeugResponse.get_wsgi_response
            and cls.get_wsgi_headers is _WerkzeugResponse.get_wsgi_headers
            and cls.get_app_iter is _WerkzeugResponse.get_app_iter
            and cls.iter_encoded is _WerkzeugResponse.iter_encoded
            and cls.status_code is _WerkzeugResponse.status_code
            and cls.status is _WerkzeugResponse.status
        ):
            header_list = headers._list
            # A list or tuple body needs a Content-Length (Werkzeug adds one
            # when missing); any other body is streamed without one.
            sequence = isinstance(body, (list, tuple))
            ready = not sequence
            for name, _ in header_list:
                lowered = name.lower()
                if lowered == "content-length":
                    ready = True
                elif lowered in _FIXED_UP_HEADERS:
                    ready = False
                    break
            if ready:
                start_response(self._status, header_list[:])
                head = environ["REQUEST_METHOD"] == "HEAD"
                # Without call_on_close functions a sequence body has nothing
                # for the server's close() to reach.
                if sequence and not self._on_close:
                    if head:
                        return []
                    if type(body) is list and len(body) == 1 and type(body[0]) is bytes:
                        # PERF: nothing to close and nothing to encode, so the
                        # server may iterate the list directly instead of
                        # through a ClosingIterator: 1.5 µs a request.
                        return body
                if head:
                    return ClosingIterator((), self.close)
                if type(body) is _ContextKeepingStream and cls.close is _WerkzeugResponse.close:
                    # PERF: stream_with_context's stream encodes and closes
                    # itself, one frame per chunk instead of three; stream
                    # scenario 0.44 -> 0.41 of Flask's CPU time.
                    return body.serve_as_body(self)
                return ClosingIterator(self.iter_encoded(), self.close)
        return super().__call__(environ, start_response)
