"""Evidence: what a spec's client sent and got back, and the lifecycle it went through.

A failing spec says *that* a target diverges; the evidence says *how*: each
request the spec's ``client`` sent and the response it got, and the ordered
trace of lifecycle events (hooks, signals) seen meanwhile. ``compare`` puts
two targets' evidence side by side so a reader sees the diverging line.

The :class:`Recorder` watches through public APIs only, and only in ways a
spec cannot observe:

- every signal of ``target.signals`` gets a receiver (``weak=False``, any
  sender) that appends one line, disconnected when the spec ends;
- the app the ``app`` fixture built gets a ``url_value_preprocessor``, a
  ``before_request``, an ``after_request``, a ``teardown_request`` and a
  ``teardown_appcontext`` hook, registered lazily, just before the first
  request the ``client`` fixture sends, so they come after every hook the
  spec registered (a spec cannot register one after the first request). They
  return nothing (the ``after_request`` hook returns the response it got), so
  a spec sees the same responses, in the same order;
- the ``client`` fixture returns a :class:`RecordingClient`, a thin proxy
  that passes each call to the target's client and keeps the response.

Nothing of a target is patched. ``after_this_request`` callbacks leave no
observable mark without registering one of our own in the spec's request, so
they are not traced. The view is traced (``view <endpoint>``) when the app's
own ``before_request`` hooks let the request through to dispatch and no
blueprint's hooks run after ours; for a request routed into a blueprint the
trace says which endpoint dispatch aims at (``before_request endpoint=...``).

Recording is cheap; turning it into the evidence dict (the shape below) and
reading response bodies happen only for specs that need it (failures, or
every spec with ``--evidence all``). A body is read after the spec ended,
and only when it was already buffered or declares its length: iterating a
streamed body would run the target's code again.

The shape::

    {"exchanges": [{"request": {"method", "path", "query", "headers", "body_size"},
                    "response": {"status", "headers", "body", "body_size"}}],
     "trace": ["before_request endpoint=index", "view index", ...],
     "truncated": false}

``response`` is None when the client call raised (the trace says what, in a
``client raised`` line); the request is then the one the app started. A
streamed body the spec left unread is left so (``body`` empty, ``body_size``
0) and ``truncated`` says that something was left out, as it does when a spec
sends more than :data:`EXCHANGE_LIMIT` requests or sees more than
:data:`TRACE_LIMIT` events. The JSON Schema of ``--json``
(conformance/schema/results.schema.json) holds the same shape.
:func:`evidence_lines` and :func:`side_by_side` render it for the views (the
terminal ``compare``, the HTML report).
"""

from __future__ import annotations

import contextlib
import difflib
import json
from collections.abc import Callable
from itertools import zip_longest
from typing import Any

#: How much of a response body the evidence keeps.
BODY_LIMIT = 2048
#: Exchanges and trace events kept per spec; more set ``truncated``.
EXCHANGE_LIMIT = 20
TRACE_LIMIT = 300
#: A body declaring more than this many bytes is not read for the evidence.
READ_LIMIT = 1 << 20

#: ``--evidence`` values: keep it for failing specs, for every spec, or record nothing.
FAILURES, ALL, OFF = "failures", "all", "off"
MODES = (FAILURES, ALL, OFF)

#: The signals the recorder listens to, with the keyword argument each one's
#: trace line shows (Flask's signal documentation names them).
SIGNAL_DETAILS: dict[str, str | None] = {
    "appcontext_pushed": None,
    "request_started": None,
    "before_render_template": "template",
    "template_rendered": "template",
    "message_flashed": "category",
    "got_request_exception": "exception",
    "request_finished": "response",
    "request_tearing_down": "exc",
    "appcontext_tearing_down": "exc",
    "appcontext_popped": None,
}


class Recorder:
    """Collects one spec's exchanges and lifecycle trace (see the module docstring)."""

    def __init__(self, target: Any) -> None:
        self._target = target
        self._sent: list[tuple[str, tuple, dict, Any, dict | None]] = []
        self._exchanges: list[dict] | None = None  # set by finish()
        self.trace: list[str] = []
        self.truncated = False
        self._connected: list[tuple[Any, Callable]] = []
        self._hooked: list[Any] = []  # apps our hooks are registered on
        #: The environ of the last request an app started (read by request_started's
        #: receiver): the request of a client call that raised has no response to show it.
        self.seen_environ: dict | None = None
        try:
            self._request = target.request
        except Exception:  # a target lacking ``request``: no view lines
            self._request = None

    # -- recording ---------------------------------------------------------

    def event(self, line: str) -> None:
        """Append one lifecycle line to the trace."""
        if len(self.trace) < TRACE_LIMIT:
            self.trace.append(line)
        else:
            self.truncated = True

    def connect_signals(self) -> None:
        """Listen to every signal the target has, from any sender, until :meth:`finish`."""
        try:
            namespace = self._target.signals
        except Exception:  # no signals (an adapter declaring them unsupported)
            return
        for name, detail in SIGNAL_DETAILS.items():
            signal = getattr(namespace, name, None)
            if signal is None or not hasattr(signal, "connect"):
                continue
            receiver = self._receiver(name, detail)
            try:
                signal.connect(receiver, weak=False)
            except Exception:
                continue
            self._connected.append((signal, receiver))

    def _receiver(self, name: str, detail: str | None) -> Callable:
        def receive(sender: Any, **extra: Any) -> None:
            if name == "request_started":
                with contextlib.suppress(Exception):
                    self.seen_environ = self._request.environ
            line = f"signal {name} sender={_name_of(sender)}"
            if detail is not None and detail in extra:
                line += f" {_detail(detail, extra[detail])}"
            self.event(line)

        return receive

    def hook_into(self, app: Any) -> None:
        """Register the tracing hooks on *app*, once, before the first request it serves."""
        if any(app is hooked for hooked in self._hooked):
            return
        self._hooked.append(app)
        hooks = (
            ("url_value_preprocessor", self._url_value_preprocessor),
            ("before_request", self._before_request),
            ("after_request", self._after_request),
            ("teardown_request", self._teardown("teardown_request")),
            ("teardown_appcontext", self._teardown("teardown_appcontext")),
        )
        for name, hook in hooks:
            try:
                getattr(app, name)(hook)
            except Exception:  # a setup already finished, or a target without the hook
                continue

    def _url_value_preprocessor(self, endpoint: str | None, values: Any) -> None:
        self.event(f"url_value_preprocessor endpoint={endpoint}")

    def _before_request(self) -> None:
        try:
            request = self._request
            endpoint = request.endpoint
            self.event(f"before_request endpoint={endpoint}")
            if request.blueprint is not None:
                return  # the blueprint's own before_request hooks run after this one
            routing = request.routing_exception
            if routing is not None:
                self.event(f"routing {type(routing).__name__}")
                return
            rule = request.url_rule
            if request.method == "OPTIONS" and getattr(rule, "provide_automatic_options", False):
                self.event("automatic OPTIONS response")
            else:
                self.event(f"view {endpoint}")
        except Exception:
            self.event("before_request")

    def _after_request(self, response: Any) -> Any:
        try:
            self.event(f"after_request status={response.status_code}")
        except Exception:
            self.event("after_request")
        return response

    def _teardown(self, kind: str) -> Callable:
        def teardown(error: BaseException | None = None) -> None:
            self.event(f"{kind} exc={_type_name(error)}")

        return teardown

    def sent(
        self,
        method: str,
        args: tuple,
        kwargs: dict,
        response: Any = None,
        raised: BaseException | None = None,
    ) -> None:
        """Keep one client call: its response (the redirects it followed too), or the request
        the app saw and, in the trace, what the call raised."""
        if raised is not None:
            self.event(f"client raised {type(raised).__name__}: {raised}"[:300])
            self._keep(method, args, kwargs, None, self.seen_environ)
            return
        for earlier in getattr(response, "history", None) or ():
            self._keep(method, args, kwargs, earlier, None)
        self._keep(method, args, kwargs, response, None)

    def _keep(
        self, method: str, args: tuple, kwargs: dict, response: Any, environ: dict | None
    ) -> None:
        if len(self._sent) < EXCHANGE_LIMIT:
            self._sent.append((method, args, kwargs, response, environ))
        else:
            self.truncated = True

    # -- ending ------------------------------------------------------------

    def finish(self, keep: bool) -> None:
        """Drop the target's objects and disconnect; first, when *keep*, turn the kept
        calls into plain data, bodies included.

        Called when the spec's fixtures are torn down, still inside the spec's
        context and timeout. A spec whose evidence nobody will read (a pass,
        under ``--evidence failures``) costs no more than the recording.
        """
        sent, self._sent = self._sent, []
        if keep:
            self._exchanges = self._as_data(sent, read_bodies=True)
        else:
            self._exchanges = []
            self.truncated = self.truncated or bool(sent)
        del sent
        for signal, receiver in self._connected:
            with contextlib.suppress(Exception):
                signal.disconnect(receiver)
        self._connected.clear()
        self._hooked.clear()
        self._request = self.seen_environ = None

    def evidence(self) -> dict:
        """The evidence dict (the shape in the module docstring)."""
        exchanges = self._exchanges
        if exchanges is None:  # not finished: the spec's fixtures never got torn down
            exchanges = self._as_data(self._sent, read_bodies=False)
        return {"exchanges": exchanges, "trace": list(self.trace), "truncated": self.truncated}

    def _as_data(self, sent: list, read_bodies: bool) -> list[dict]:
        """The kept calls as exchanges; one that cannot be read whole sets ``truncated``."""
        exchanges = []
        for call in sent:
            try:
                exchange, complete = _exchange(*call, read_bodies=read_bodies)
            except Exception:  # not a response we can read (an adapter's own object)
                exchange, complete = None, False
            if exchange is not None:
                exchanges.append(exchange)
            self.truncated = self.truncated or not complete
        return exchanges


class RecordingClient:
    """The ``client`` fixture's value: the target's test client, with each request kept.

    Every attribute and call passes through to the wrapped client;
    ``isinstance`` sees the wrapped client's class. The sending methods
    (``open``, ``get``, ``post``, ...) first register the recorder's hooks on
    the app (once), then keep the response the client returns.
    """

    def __init__(self, client: Any, app: Any, recorder: Recorder) -> None:
        object.__setattr__(self, "_wrapped", client)
        object.__setattr__(self, "_app", app)
        object.__setattr__(self, "_recorder", recorder)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # so that isinstance(client, FlaskClient) holds
        return type(self._wrapped)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._wrapped, name)

    def __enter__(self) -> RecordingClient:
        self._wrapped.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> Any:
        return self._wrapped.__exit__(*exc_info)

    def __repr__(self) -> str:
        return repr(self._wrapped)

    # Real methods, so that an assertion's explanation names them as it names
    # the client's own (``where get = <FlaskClient ...>.get``).
    def open(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("open", args, kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("get", args, kwargs)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("post", args, kwargs)

    def put(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("put", args, kwargs)

    def patch(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("patch", args, kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("delete", args, kwargs)

    def head(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("head", args, kwargs)

    def options(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("options", args, kwargs)

    def trace(self, *args: Any, **kwargs: Any) -> Any:
        return self._send("trace", args, kwargs)

    def _send(self, name: str, args: tuple, kwargs: dict) -> Any:
        recorder = self._recorder
        recorder.hook_into(self._app)
        recorder.seen_environ = None
        try:
            response = getattr(self._wrapped, name)(*args, **kwargs)
        except BaseException as error:
            recorder.sent(name, args, kwargs, raised=error)
            raise
        recorder.sent(name, args, kwargs, response=response)
        return response


# -- turning kept objects into data ----------------------------------------


def _exchange(
    method: str,
    args: tuple,
    kwargs: dict,
    response: Any,
    environ: dict | None,
    read_bodies: bool,
) -> tuple[dict, bool]:
    """One exchange as data, and whether it is complete (every field read, nothing guessed)."""
    sent = getattr(response, "request", None) if response is not None else None
    if sent is not None:
        environ = getattr(sent, "environ", None)
    if environ is not None:
        request, complete = _request_data(environ), True
    else:
        request, complete = _call_data(method, args, kwargs), False
    if response is None:
        return {"request": request, "response": None}, complete
    data, response_complete = _response_data(response, read_bodies)
    return {"request": request, "response": data}, complete and response_complete


def _request_data(environ: dict) -> dict:
    """A request from its WSGI environ (the client's, from ``TestResponse.request``,
    else the one the app started last, when the client call raised)."""
    from werkzeug.datastructures import EnvironHeaders

    length = str(environ.get("CONTENT_LENGTH") or "0")
    return {
        "method": str(environ.get("REQUEST_METHOD", "")),
        "path": str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", "")),
        "query": str(environ.get("QUERY_STRING", "")),
        "headers": [[str(key), str(value)] for key, value in EnvironHeaders(environ).items()],
        "body_size": int(length) if length.isdigit() else 0,
    }


def _call_data(method: str, args: tuple, kwargs: dict) -> dict:
    """A request as the spec asked for it, when no app saw it (incomplete: no client headers)."""
    path = args[0] if args and isinstance(args[0], str) else kwargs.get("path", "/")
    if not isinstance(path, str):
        path = f"<{type(path).__name__}>"
    path, _, query = path.partition("?")
    query_string = kwargs.get("query_string")
    if isinstance(query_string, str | bytes) and not query:
        query = query_string if isinstance(query_string, str) else query_string.decode("latin-1")
    verb = kwargs.get("method", "GET") if method == "open" else method.upper()
    headers = kwargs.get("headers") or []
    try:
        pairs = [
            [str(k), str(v)] for k, v in (headers.items() if hasattr(headers, "items") else headers)
        ]
    except Exception:
        pairs = []
    data = kwargs.get("data")
    size = len(data) if isinstance(data, str | bytes) else 0
    return {"method": str(verb), "path": path, "query": query, "headers": pairs, "body_size": size}


def _response_data(response: Any, read_body: bool) -> tuple[dict, bool]:
    """The response's status, headers and body, and whether the body could be read."""
    status = int(response.status_code)
    headers = [[str(key), str(value)] for key, value in response.headers.items()]
    body = _body(response) if read_body else None
    if body is None:
        return {"status": status, "headers": headers, "body": "", "body_size": 0}, False
    text, size = body
    return {"status": status, "headers": headers, "body": text, "body_size": size}, True


def _body(response: Any) -> tuple[str, int] | None:
    """The first :data:`BODY_LIMIT` bytes and the size, or None when reading could run the
    target's code (a streamed body the spec left unread) or fails."""
    try:
        declared = response.headers.get("Content-Length")
        buffered = bool(getattr(response, "is_sequence", False))
        known = declared is not None and declared.isdigit() and int(declared) <= READ_LIMIT
        if not (buffered or known):
            return None
        data = response.get_data()
    except Exception:
        return None
    if not isinstance(data, bytes):
        return None
    return data[:BODY_LIMIT].decode("utf-8", "replace"), len(data)


def _name_of(sender: Any) -> str:
    """An app by its import name (what ``Flask(import_name)`` got), else the sender's type."""
    name = getattr(sender, "import_name", None)
    if isinstance(name, str):
        return name
    return type(sender).__name__


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _detail(key: str, value: Any) -> str:
    if key == "response":
        return f"status={getattr(value, 'status_code', '?')}"
    if key in ("exception", "exc"):
        return f"exc={_type_name(value)}"
    if key == "template":
        return f"template={getattr(value, 'name', None)}"
    return f"{key}={value}"


# -- rendering -------------------------------------------------------------


def evidence_lines(evidence: dict | None) -> list[str]:
    """A stable text rendering: one line per request and response field, one per trace event.

    Lines carry no running trace numbers, so that one extra event on one side
    lines up the rest in :func:`side_by_side`; exchanges are numbered, since a
    spec sends the same requests to both targets.
    """
    if evidence is None:
        return ["no evidence recorded"]
    lines: list[str] = []
    for number, exchange in enumerate(evidence.get("exchanges", []), 1):
        request = exchange.get("request") or {}
        query = request.get("query") or ""
        lines.append(
            f"request {number}: {request.get('method', '')} {request.get('path', '')}"
            + (f"?{query}" if query else "")
        )
        lines += [f"request {number} header: {k}: {v}" for k, v in request.get("headers", [])]
        lines.append(f"request {number} body: {_size(request.get('body_size'))}")
        response = exchange.get("response")
        if response is None:
            lines.append(f"response {number}: none (the client call raised, see the trace)")
            continue
        lines.append(f"response {number}: {response.get('status')}")
        lines += [f"response {number} header: {k}: {v}" for k, v in response.get("headers", [])]
        text = json.dumps(response.get("body", ""), ensure_ascii=False)[1:-1]
        size = response.get("body_size")
        clipped = " (first 2 KiB)" if isinstance(size, int) and size > BODY_LIMIT else ""
        lines.append(f"response {number} body, {_size(size)}{clipped}: {text}")
    lines += [f"trace: {event}" for event in evidence.get("trace", [])]
    if evidence.get("truncated"):
        lines.append(
            "truncated: some evidence was left out (a streamed body the spec did not read, "
            "or more requests or events than are kept)"
        )
    return lines


def _size(size: Any) -> str:
    return f"{size} bytes"


def side_by_side(left: dict | None, right: dict | None) -> list[tuple[str, str, bool]]:
    """Align two evidences' lines: ``(left line, right line, whether they differ)``.

    Equal runs pair up; a stretch present on one side only is paired with
    empty strings, so a reader sees exactly where the two targets part.
    """
    first, second = evidence_lines(left), evidence_lines(right)
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    rows: list[tuple[str, str, bool]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [(line, line, False) for line in first[i1:i2]]
        else:
            rows += [
                (mine, theirs, True)
                for mine, theirs in zip_longest(first[i1:i2], second[j1:j2], fillvalue="")
            ]
    return rows
