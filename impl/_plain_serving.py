"""The inlined serving path of :class:`~impl.Flask`: ``wsgi_app`` without the seams.

:meth:`Flask.wsgi_app <impl.Flask.wsgi_app>` in :mod:`impl.app` is the general
path: a chain of small public methods (``request_context``,
``full_dispatch_request``, ``finalize_request``, the teardowns ...) that
subclasses may override. While none of them is overridden, it hands the
request to :meth:`PlainServingMixin._serve_plainly`, which does the same steps
in one function and skips those with nothing registered. The methods live in
this mixin only so that :mod:`impl.app` stays a manageable size; the two paths
are one design.

Setting the environment variable ``IMPL_PLAIN_SERVING=0`` (also ``false``,
``no`` or ``off``) before impl is imported turns the inlined path off for the
whole process: every request then goes the general way, as if a seam were
overridden. The project's tests run the spec suite both ways with it; it also
rules the inlined path out when chasing a bug.

They must be changed together: any change to the general path in
:mod:`impl.app` (``wsgi_app`` and the methods in :data:`_INLINED_SEAMS`, and
the context push and pop in :mod:`impl.ctx`) needs the same change in
:meth:`~PlainServingMixin._serve_plainly`, and a new seam it inlines must be
added to :data:`_INLINED_SEAMS`, or the two paths behave differently.
"""

from __future__ import annotations

import os
import typing as t

from . import signals
from .ctx import AppContext, RequestContext, _close_request, _ensure_popping_own
from .globals import _cv_app, _cv_request

if t.TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

#: Whether apps may take the inlined path at all: read once, at import, from
#: ``IMPL_PLAIN_SERVING`` (on unless it is ``0``, ``false``, ``no`` or ``off``).
PLAIN_SERVING_ALLOWED = os.environ.get("IMPL_PLAIN_SERVING", "1").strip().lower() not in {
    "0",
    "false",
    "no",
    "off",
}
#: Environ key of the test client's "keep this context" callback.
_PRESERVE_CONTEXT_KEY = "werkzeug.debug.preserve_context"
#: Methods :meth:`PlainServingMixin._serve_plainly` inlines or skips when they
#: have nothing to do; overriding any of them sends requests the general way.
_INLINED_SEAMS = (
    "request_context",
    "app_context",
    "full_dispatch_request",
    "preprocess_request",
    "dispatch_request",
    "finalize_request",
    "process_response",
    "do_teardown_request",
    "do_teardown_appcontext",
)


class PlainServingMixin:
    """The inlined serving path of :class:`~impl.Flask`; see the module docstring."""

    def _check_plain_serving(self) -> bool:
        """Decide whether :meth:`_serve_plainly` may stand in for the seams.

        It may when no step it inlines is overridden, on the class or on the
        instance. Re-decided whenever an instance attribute is added, which
        is how an instance-level override would appear.
        """
        from .app import Flask  # here, not at the top: impl.app imports this module

        own = vars(self)
        cls = type(self)
        self._plain_serving = PLAIN_SERVING_ALLOWED and all(
            name not in own and getattr(cls, name) is getattr(Flask, name)
            for name in _INLINED_SEAMS
        )
        self._plain_serving_checked = len(own)
        return self._plain_serving

    def _inlining_allowed(self) -> bool:
        """:meth:`_check_plain_serving`'s answer, checked again only when instance attributes changed.

        The context pops in :mod:`impl.ctx` use it to skip teardown methods
        with nothing to run, as :meth:`_serve_plainly` does.
        """
        if self._plain_serving_checked != len(vars(self)):
            return self._check_plain_serving()
        return self._plain_serving

    def _serve_plainly(self, environ: WSGIEnvironment, start_response: StartResponse) -> t.Any:
        """:meth:`wsgi_app` with the default context and dispatch steps inlined.

        PERF: the general path is a chain of small overridable methods
        (``request_context``, ``push``, ``full_dispatch_request``,
        ``preprocess_request``, ``dispatch_request``, ``finalize_request``,
        ``process_response``, the teardowns, ``pop``), most of which find
        nothing registered. When none is overridden this one function does
        their work in order and calls a hook-running method only when it has
        hooks or signal receivers to run: 1.2 µs of a 13 µs hello request,
        1.4 of 18.5 for a handled 404. Each step below mirrors the method
        named in its comment; change them together.
        """
        teardown_error: BaseException | None = None
        context = RequestContext(self, environ)
        request = context.request
        try:
            try:
                # RequestContext.push, with AppContext.push inlined.
                created = None
                current = _cv_app.get(None)
                if current is None or current.app is not self:
                    created = AppContext(self)
                    created._cv_tokens.append(_cv_app.set(created))
                    if signals.appcontext_pushed.receivers:
                        signals.appcontext_pushed.send(self, _async_wrapper=self.ensure_sync)
                context._cv_tokens.append((_cv_request.set(context), created))
                interface = self.session_interface
                opened = interface.open_session(self, request)
                context._session = (
                    opened if opened is not None else interface.make_null_session(self)
                )
                if context.url_adapter is not None:
                    context.match_request()

                # full_dispatch_request, with dispatch_request inlined.
                self._setup_closed = True
                try:
                    if signals.request_started.receivers:
                        signals.request_started.send(self, _async_wrapper=self.ensure_sync)
                    result = (
                        self.preprocess_request()
                        if self.url_value_preprocessors or self.before_request_funcs
                        else None
                    )
                    if result is None:
                        if request.routing_exception is not None:
                            self.raise_routing_exception(request)
                        rule = request.url_rule
                        if request.method == "OPTIONS" and getattr(
                            rule, "provide_automatic_options", False
                        ):
                            result = self.make_default_options_response()
                        else:
                            view = self.view_functions[rule.endpoint]  # type: ignore[union-attr]
                            try:  # _sync, without the call for a view seen before
                                call = self._sync_cache[view]
                            except (KeyError, TypeError):
                                call = self._sync(view)
                            result = call(**request.view_args)  # type: ignore[arg-type]
                except Exception as error:
                    result = self.handle_user_exception(error)

                # finalize_request, with process_response's session save inlined.
                response = self.make_response(result)
                if context._after_request_functions or self.after_request_funcs:
                    response = self.process_response(response)
                else:
                    opened = context._session
                    if not interface.is_null_session(opened):
                        interface.save_session(self, opened, response)
                if signals.request_finished.receivers:
                    signals.request_finished.send(
                        self, _async_wrapper=self.ensure_sync, response=response
                    )
            except BaseException as raised:
                if not self.should_ignore_error(raised):
                    teardown_error = raised
                if not isinstance(raised, Exception):
                    raise
                response = self.handle_exception(raised)
            return response(environ, start_response)
        finally:
            keep = environ.get(_PRESERVE_CONTEXT_KEY)
            if keep is not None:
                keep(_cv_app.get())
                keep(_cv_request.get())
            tokens = context._cv_tokens
            if len(tokens) != 1:
                context.pop(teardown_error)  # pushed again inside: the general pop
            else:
                # RequestContext.pop and _end_request, calling
                # do_teardown_request only when it has something to run.
                try:
                    try:
                        if self.teardown_request_funcs or signals.request_tearing_down.receivers:
                            self.do_teardown_request(teardown_error)
                        _close_request(request)
                    finally:
                        request.environ["werkzeug.request"] = None
                finally:
                    active = _cv_request.get(None)
                    token, created = tokens.pop()
                    _cv_request.reset(token)
                    if created is not None:
                        # AppContext.pop, inlined while it has no teardown
                        # function or signal receiver to call: 0.5 µs.
                        app_tokens = created._cv_tokens
                        if (
                            len(app_tokens) == 1
                            and not self.teardown_appcontext_funcs
                            and not signals.appcontext_tearing_down.receivers
                            and not signals.appcontext_popped.receivers
                        ):
                            active_app = _cv_app.get(None)
                            _cv_app.reset(app_tokens.pop())
                            if active_app is not created:
                                _ensure_popping_own("application", active_app, created)
                        else:
                            created.pop(teardown_error)
                    if active is not context:
                        _ensure_popping_own("request", active, context)
            # PERF: a routing error raised above keeps this frame in its
            # traceback, and the request keeps the error (routing_exception),
            # as does ``result`` when no handler answered it: with these names
            # dropped the request, its context and the error are freed on
            # return instead of waiting, in a reference cycle, for the garbage
            # collector (3.7 µs of a handled 404).
            context = request = active = result = None
