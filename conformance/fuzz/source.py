"""Turn a fuzz app description (data) into Python code that builds the app.

The generated module defines ``build(target, trace)``, which makes the app
through the target API only (``target.Flask``, ``target.Blueprint``,
``target.request``, ...) and returns it; every hook, view and error handler
appends a short line to ``trace`` so the lifecycle order can be compared. The
same code is executed by the fuzzer, printed in a reproduction and embedded in
a promoted spec, so what a human reads is exactly what ran.

The description's shape (all keys always present):

- ``options``: keyword arguments of ``Flask()`` (``host_matching``, ``subdomain_matching``);
- ``config``: values for ``app.config``;
- ``url_map``: attributes of ``app.url_map`` (``strict_slashes``, ``merge_slashes``);
- ``signals`` (optional): when true, every signal the app sends is traced;
- ``json`` (optional): attributes of ``app.json`` (``sort_keys``, ``ensure_ascii``, ``compact``);
- ``blueprints``: ``{name, parent, url_prefix, subdomain, url_defaults}``, a parent by index;
- ``routes``: ``{scope, segments, slash, endpoint, methods, strict_slashes, defaults,
  subdomain, host, view}``, a scope being ``None`` (the app) or a blueprint index;
- ``hooks``: ``{scope, kind, early, key, value}``;
- ``handlers``: ``{scope, key, does}``.
"""

from __future__ import annotations

from typing import Any

HEADER = '''import werkzeug.exceptions as wexc

TEMPLATE = (
    "{{ text }}|{{ request.path }}|{{ session.get('user') }}|{{ g.get('seen') }}"
    "|{{ get_flashed_messages() }}|{{ config['SERVER_NAME'] }}|{{ text|tojson }}"
)


class FuzzError(Exception):
    """An exception of the app's own, raised by views and matched by handlers."""


SIGNALS = (
    "request_started",
    "request_finished",
    "got_request_exception",
    "request_tearing_down",
    "appcontext_pushed",
    "appcontext_popped",
    "appcontext_tearing_down",
    "message_flashed",
    "template_rendered",
    "before_render_template",
)


def record_signals(target, app, trace):
    """Append each signal the app sends to the trace, with its arguments' names and
    the type of an exception it carries; the receivers live as long as the app."""
    receivers = app.extensions["fuzz_receivers"] = []
    for name in SIGNALS:

        def receiver(sender, _name=name, **extra):
            error = extra.get("exception", extra.get("exc"))
            kind = type(error).__name__ if error is not None else None
            trace.append(f"signal {_name} {sorted(extra)} {kind}")

        receivers.append(receiver)
        getattr(target, name).connect(receiver, app)


def streamed(parts):
    yield "start;"
    for part in parts:
        yield part + ";"
    yield "end"


'''


def rule_string(route: dict[str, Any]) -> str:
    """The URL rule of a route description, as passed to ``add_url_rule``."""
    parts = []
    for segment in route["segments"]:
        if "static" in segment:
            parts.append(segment["static"])
        else:
            converter = segment["converter"]
            parts.append(f"<{converter + ':' if converter else ''}{segment['name']}>")
    rule = "/" + "/".join(parts)
    if route["slash"] and parts:
        rule += "/"
    return rule


def scope_name(scope: int | None) -> str:
    return "app" if scope is None else f"bp{scope}"


def _steps_code(steps: list[dict[str, Any]], indent: str) -> list[str]:
    lines = []
    for step in steps:
        kind = step["kind"]
        if kind == "read":
            lines.append(f"{indent}out.append({_READS[step['what']]})")
        elif kind == "session_set":
            lines.append(f"{indent}target.session[{step['key']!r}] = {step['value']!r}")
        elif kind == "session_get":
            lines.append(f"{indent}out.append(repr(target.session.get({step['key']!r})))")
        elif kind == "session_permanent":
            lines.append(f"{indent}target.session.permanent = True")
        elif kind == "session_clear":
            lines.append(f"{indent}target.session.clear()")
        elif kind == "flash":
            lines.append(f"{indent}target.flash({step['message']!r}, {step['category']!r})")
        elif kind == "flashed":
            lines.append(
                f"{indent}out.append(repr(target.get_flashed_messages(with_categories=True)))"
            )
        elif kind == "after_this_request":
            lines += [
                f"{indent}@target.after_this_request",
                f"{indent}def later(response):",
                f"{indent}    trace.append('after_this_request')",
                f"{indent}    response.headers['X-Later'] = '1'",
                f"{indent}    return response",
            ]
        elif kind == "g":
            lines += [
                f"{indent}out.append(repr(target.g.get('seen')))",
                f"{indent}target.g.seen = 1",
            ]
        elif kind == "url_for":
            arguments = [repr(step["endpoint"])]
            arguments += [f"{key}={value!r}" for key, value in step["values"].items()]
            if step["external"]:
                arguments.append("_external=True")
            lines.append(f"{indent}out.append(target.url_for({', '.join(arguments)}))")
        else:  # pragma: no cover - a description we did not generate
            raise ValueError(f"unknown step {kind!r}")
    return lines


#: What a view can read from the request, as an expression giving a string.
_READS = {
    "args": "repr(sorted(target.request.args.items(multi=True)))",
    "form": "repr(sorted(target.request.form.items(multi=True)))",
    "files": "repr(sorted((k, f.filename, f.read()) for k, f in target.request.files.items()))",
    "json": "repr(target.request.get_json())",
    "json_silent": "repr(target.request.get_json(silent=True))",
    "data": "repr(target.request.get_data())",
    "values": "repr(sorted(target.request.values.items(multi=True)))",
    "path": "target.request.path",
    "full_path": "target.request.full_path",
    "url": "target.request.url",
    "base_url": "target.request.base_url",
    "url_root": "target.request.url_root",
    "host": "target.request.host",
    "endpoint": "repr(target.request.endpoint)",
    "blueprint": "repr(target.request.blueprint)",
    "blueprints": "repr(target.request.blueprints)",
    "rule": "repr(target.request.url_rule.rule)",
    "view_args": "repr(sorted(target.request.view_args.items()))",
    "method": "target.request.method",
    "cookies": "repr(sorted(target.request.cookies.items(multi=True)))",
    "is_json": "repr(target.request.is_json)",
    "content_type": "repr(target.request.content_type)",
    "content_length": "repr(target.request.content_length)",
    "scheme": "target.request.scheme",
    "script_root": "target.request.script_root",
    "trusted_hosts": "repr(target.request.trusted_hosts)",
    "max_content_length": "repr(target.request.max_content_length)",
    "accept": "repr(target.request.accept_mimetypes.best)",
}

#: What a view returns, by form; ``text`` is the view's output joined.
_RETURNS = {
    "str": "return text",
    "bytes": "return text.encode()",
    "dict": "return {{'out': out}}",
    "list": "return out",
    "tuple_status": "return text, {status!r}",
    "tuple_headers": "return text, {{'X-Fuzz': 'h'}}",
    "tuple3": "return text, {status!r}, [('X-Fuzz', 'h3')]",
    "response": "return target.Response(text, status={status!r}, mimetype='text/plain')",
    "make_response": "return target.make_response(text, {status!r})",
    "jsonify": "return target.jsonify(out=out)",
    "generator": "return (part + ';' for part in out)",
    "none": "return None",
    "int": "return 5",
    "tuple1": "return (text,)",
    "tuple4": "return text, 200, {{}}, 1",
    "redirect": "return target.redirect({location!r}, {redirect_code!r})",
    "redirect_url_for": "return target.redirect(target.url_for({endpoint!r}))",
    "abort": "target.abort({status!r})",
    "abort_response": "target.abort(target.Response('aborted ' + text, status=409))",
    "raise_value": "raise ValueError(text)",
    "raise_key": "raise KeyError(text)",
    "raise_own": "raise FuzzError(text)",
    "raise_not_found": "raise wexc.NotFound()",
    "raise_bad_request": "raise wexc.BadRequest('bad ' + text)",
    "tuple_response_status": "return target.Response(text), {status!r}",
    "tuple_list_headers": "return text, {status!r}, {{'X-Multi': ['a', 'b']}}",
    "head_body": "return target.Response(text, headers={{'Content-Length': '99'}})",
    "template": "return target.render_template_string(TEMPLATE, text=text + '<&>')",
    "stream_with_context": "return target.stream_with_context(streamed(out))",
}

#: Exception classes error handlers are registered for, by the name in a description.
HANDLER_CLASSES = (
    "ValueError",
    "KeyError",
    "LookupError",
    "TypeError",
    "Exception",
    "FuzzError",
    "wexc.HTTPException",
    "wexc.NotFound",
    "wexc.MethodNotAllowed",
    "wexc.BadRequest",
    "wexc.RequestEntityTooLarge",
    "wexc.InternalServerError",
)

_HANDLER_DOES = {
    "text": "return f'handled {index} {{type(error).__name__}}', 299",
    "text_default": "return f'handled {index} {{type(error).__name__}}'",
    "return_error": "return error",
    "raise_value": "raise ValueError('again')",
    "reraise": "raise error",
    "abort": "target.abort(503)",
}


def view_code(route: dict[str, Any], index: int) -> list[str]:
    view = route["view"]
    name = f"view_{index}"
    lines = [f"    def {name}(**values):"]
    lines.append(f"        trace.append(f'view {route['endpoint']} {{sorted(values.items())!r}}')")
    lines.append("        out = [repr(sorted(values.items()))]")
    lines += _steps_code(view["steps"], "        ")
    lines.append("        text = '|'.join(out)")
    lines.append("        " + _RETURNS[view["returns"]].format(**view["return_args"]))
    return lines


def _scope_options(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    parts = []
    for key in keys:
        if item.get(key) is not None:
            parts.append(f", {key}={item[key]!r}")
    return "".join(parts)


def app_source(app: dict[str, Any]) -> str:
    """Python code defining ``build(target, trace)`` for an app description."""
    lines = [HEADER + "def build(target, trace):"]
    options = "".join(f", {key}={value!r}" for key, value in app["options"].items())
    lines.append(f"    app = target.Flask('fuzz_app', static_folder=None{options})")
    lines.append(f"    app.config.update({app['config']!r})")
    if app.get("signals"):
        lines.append("    record_signals(target, app, trace)")
    for key, value in app["url_map"].items():
        lines.append(f"    app.url_map.{key} = {value!r}")
    for key, value in app.get("json", {}).items():
        lines.append(f"    app.json.{key} = {value!r}")
    for index, blueprint in enumerate(app["blueprints"]):
        extra = _scope_options(blueprint, ("url_prefix", "subdomain", "url_defaults"))
        lines.append(f"    bp{index} = target.Blueprint({blueprint['name']!r}, 'fuzz_app'{extra})")
    for index, hook in enumerate(app["hooks"]):
        lines += _hook_code(hook, index)
    for index, handler in enumerate(app["handlers"]):
        lines.append(f"    def error_handler_{index}(error):")
        lines.append(f"        trace.append(f'error_handler {index} {{type(error).__name__}}')")
        lines.append("        " + _HANDLER_DOES[handler["does"]].format(index=index))
        key = handler["key"]
        lines.append(
            f"    {scope_name(handler['scope'])}.register_error_handler("
            f"{key if isinstance(key, str) else repr(key)}, error_handler_{index})"
        )
    for index, route in enumerate(app["routes"]):
        lines += view_code(route, index)
        extra = _scope_options(
            route,
            (
                "methods",
                "strict_slashes",
                "defaults",
                "subdomain",
                "host",
                "provide_automatic_options",
            ),
        )
        lines.append(
            f"    {scope_name(route['scope'])}.add_url_rule({rule_string(route)!r}, "
            f"{route['endpoint']!r}, view_{index}{extra})"
        )
    # Children first, so a parent carries its children when it is registered.
    for index in reversed(range(len(app["blueprints"]))):
        parent = app["blueprints"][index]["parent"]
        options = "".join(
            f", {key}={value!r}"
            for key, value in app["blueprints"][index].get("register", {}).items()
        )
        lines.append(f"    {scope_name(parent)}.register_blueprint(bp{index}{options})")
    lines.append("    return app")
    return "\n".join(lines) + "\n"


def _hook_code(hook: dict[str, Any], index: int) -> list[str]:
    kind = hook["kind"]
    scope = scope_name(hook["scope"])
    name = f"{kind}_{index}"
    if kind == "before_request":
        body = [f"        trace.append('before_request {index}')"]
        if hook["early"] is not None:
            body.append(f"        return {hook['early']!r}")
        signature = "()"
    elif kind == "after_request":
        body = [
            f"        trace.append('after_request {index}')",
            f"        response.headers.add('X-After', '{index}')",
            "        return response",
        ]
        signature = "(response)"
    elif kind == "teardown_request":
        body = [
            f"        trace.append(f'teardown_request {index} "
            "{type(error).__name__ if error is not None else None}')"
        ]
        signature = "(error)"
    elif kind == "url_value_preprocessor":
        body = [f"        trace.append(f'url_value_preprocessor {index} {{endpoint}}')"]
        if hook["key"] is not None:
            body.append(f"        if values: values.pop({hook['key']!r}, None)")
        signature = "(endpoint, values)"
    elif kind == "url_defaults":
        body = [f"        trace.append(f'url_defaults {index} {{endpoint}}')"]
        if hook["key"] is not None:
            body.append(f"        values.setdefault({hook['key']!r}, {hook['value']!r})")
        signature = "(endpoint, values)"
    else:  # pragma: no cover - a description we did not generate
        raise ValueError(f"unknown hook {kind!r}")
    return [f"    @{scope}.{kind}", f"    def {name}{signature}:", *body]
