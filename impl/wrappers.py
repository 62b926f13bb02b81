"""The request and response classes, Werkzeug's with application awareness.

The limits on request bodies and cookie sizes come from the current app's
config unless set on the object itself, and JSON goes through the app's JSON
provider.
"""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

from . import json
from .globals import _cv_app

if t.TYPE_CHECKING:
    from werkzeug.routing import Rule


def _split_blueprint_path(name: str) -> list[str]:
    """``"a.b.c"`` -> ``["a.b.c", "a.b", "a"]``: a blueprint and its parents."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


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

    def _load_form_data(self) -> None:
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
