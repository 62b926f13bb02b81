"""Errors that explain common mistakes, raised in debug mode only."""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import MultiDict
from werkzeug.routing import RequestRedirect

if t.TYPE_CHECKING:
    from .wrappers import Request


class _FilesWithHint(MultiDict):  # type: ignore[type-arg]
    """``request.files`` in debug mode, explaining a likely missing enctype."""

    def __init__(self, request: Request) -> None:
        super().__init__(request.files)
        self._request = request

    def __getitem__(self, key: t.Any) -> t.Any:
        try:
            return super().__getitem__(key)
        except KeyError as error:
            request = self._request
            if key not in request.form:
                raise
            names = ", ".join(repr(name) for name in request.form.getlist(key))
            raise _FileKeyError(
                f"You tried to access the file {key!r} in request.files, but it is not"
                f" there. The submitted form has a text field of that name ({names})"
                f" because the request's mimetype was {request.mimetype!r}, not"
                " 'multipart/form-data'. Add enctype=\"multipart/form-data\" to the form."
            ) from error


class _FileKeyError(KeyError, AssertionError):
    """Raised by :class:`_FilesWithHint`; readable unlike a bare KeyError."""

    def __str__(self) -> str:
        return str(self.args[0])


class FormDataRoutingRedirect(AssertionError):
    """Raised in debug mode when routing redirects a request that has a body.

    Browsers drop the body on 301/302 redirects, so a missing trailing slash
    on a form's ``action`` silently loses the data; explain instead.
    """

    def __init__(self, request: Request) -> None:
        super().__init__(_explain_lost_body(request))


def _explain_lost_body(request: Request) -> str:
    """The message of :class:`FormDataRoutingRedirect`, one paragraph per point."""
    target = t.cast(RequestRedirect, request.routing_exception).new_url
    slash_only = target.partition("?")[0] == request.base_url + "/"
    paragraphs = (
        f"Routing answered the {request.method} request to {request.url!r} with a"
        f" redirect to {target!r}, its canonical URL.",
        "The rule ends with a slash and the requested URL does not, which is why routing redirects."
        if slash_only
        else "",
        "Clients do not send the body again after this kind of redirect, so the"
        " submitted data would be lost. Point the request at the canonical URL, or"
        " redirect with 307 or 308. This check only runs in debug mode.",
    )
    return "\n\n".join(filter(None, paragraphs))
