"""Errors that explain common mistakes, raised in debug mode only."""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import RequestRedirect

if t.TYPE_CHECKING:
    from .wrappers import Request


class UnexpectedUnicodeError(AssertionError, UnicodeError):
    """Raised where text or bytes of an unexpected kind deserve a clearer
    explanation than a bare :class:`UnicodeError`."""


class DebugFilesKeyError(KeyError, AssertionError):
    """Raised in debug mode by ``request.files[key]`` when *key* is missing and
    the request was not sent as ``multipart/form-data``.

    A form posted without ``enctype="multipart/form-data"`` sends only the
    file names, as text fields; a bare :class:`KeyError` (a 400) hides that.

    :param request: the request whose ``files`` lacked *key*.
    :param key: the missing key.
    """

    def __init__(self, request: Request, key: str) -> None:
        super().__init__(key)
        names = ", ".join(repr(name) for name in request.form.getlist(key))
        paragraphs = [
            f"You tried to access the file {key!r} in request.files, but it is not"
            f" there: the request's mimetype was {request.mimetype!r}, not"
            " 'multipart/form-data', so no file contents were transmitted. Add"
            ' enctype="multipart/form-data" to the form.'
        ]
        if names:
            paragraphs.append(
                f"The form sent text fields of that name instead. This was submitted: {names}."
            )
        #: The explanation, also what ``str()`` gives.
        self.msg = "\n\n".join(paragraphs)

    def __str__(self) -> str:
        return self.msg


class _FilesWithHint(ImmutableMultiDict):  # type: ignore[type-arg]
    """``request.files`` in debug mode, explaining a likely missing enctype."""

    def __init__(self, request: Request) -> None:
        super().__init__(request.files)
        self._request = request

    def __getitem__(self, key: t.Any) -> t.Any:
        try:
            return super().__getitem__(key)
        except KeyError as error:
            if key not in self._request.form:
                raise
            raise DebugFilesKeyError(self._request, key).with_traceback(
                error.__traceback__
            ) from None


# Code that inspects ``request.files`` sees the class Werkzeug gives it.
_FilesWithHint.__name__ = _FilesWithHint.__qualname__ = ImmutableMultiDict.__name__
_FilesWithHint.__module__ = ImmutableMultiDict.__module__


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
        f" redirect to its canonical URL {target!r}.",
        "The rule ends with a slash and the requested URL does not, which is why routing redirects."
        if slash_only
        else "",
        "Clients do not send the body again after this kind of redirect, so the"
        " submitted data would be lost. Point the request at the canonical URL, or"
        " redirect with 307 or 308. This check only runs in debug mode.",
    )
    return "\n\n".join(filter(None, paragraphs))


def attach_enctype_error_multidict(request: Request) -> None:
    """Make *request*'s ``files`` explain a missing ``enctype`` when a key is absent.

    impl does this on its own for form requests in debug mode; the function is
    here, under Flask's name, for code that asks for it on a request it chooses.
    """
    request.__dict__["files"] = _FilesWithHint(request)


def explain_template_loading_attempts(app: t.Any, template: str, attempts: list[t.Any]) -> None:
    """Log at ``INFO``, on *app*'s logger, which loaders were tried for *template*
    and what each found; *attempts* holds ``(loader, owner, source or None)``
    tuples, as gathered under ``EXPLAIN_TEMPLATE_LOADING``."""
    from ._jinja import _explain_attempts

    app.logger.info(_explain_attempts(app, template, attempts))
