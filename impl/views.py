"""Class-based views: write a view as a class and turn it into a view
function with :meth:`View.as_view`."""

from __future__ import annotations

import typing as t

from .globals import current_app, request

if t.TYPE_CHECKING:
    from .typing import ResponseReturnValue, RouteCallable

F = t.TypeVar("F", bound=t.Callable[..., t.Any])

#: Lower-case names of the HTTP methods a :class:`MethodView` maps to
#: methods of the same name.
http_method_funcs = frozenset(["get", "post", "head", "options", "delete", "put", "trace", "patch"])


class View:
    """A view as a class: subclass it, implement :meth:`dispatch_request`,
    and register ``MyView.as_view("name")`` as the view function.

    Class attributes configure the generated view function the same way
    attributes of a plain view function do.
    """

    #: Methods the route accepts when ``methods`` is not passed to
    #: ``add_url_rule``.
    methods: t.ClassVar[t.Collection[str] | None] = None

    #: Decorators applied, in order, to the view function made by
    #: :meth:`as_view` (decorating the class itself would not wrap the view).
    decorators: t.ClassVar[list[t.Callable[..., t.Any]]] = []

    #: Whether the route answers ``OPTIONS`` itself; ``None`` follows the
    #: ``PROVIDE_AUTOMATIC_OPTIONS`` setting.
    provide_automatic_options: t.ClassVar[bool | None] = None

    #: Make a new instance for every request. When ``False`` one instance,
    #: created by :meth:`as_view`, serves all requests, which is cheaper but
    #: means ``self`` must not hold per-request state.
    init_every_request: t.ClassVar[bool] = True

    def dispatch_request(self) -> ResponseReturnValue:
        """Handle the request; URL variables arrive as keyword arguments."""
        raise NotImplementedError()

    @classmethod
    def as_view(cls, name: str, *class_args: t.Any, **class_kwargs: t.Any) -> RouteCallable:
        """Build the view function for this class.

        :param name: the view function's name, used as the endpoint.
        :param class_args: passed to the constructor.
        :param class_kwargs: passed to the constructor.
        """
        if cls.init_every_request:
            # Instantiate through view.view_class at call time, so tests can
            # swap the class on the function.
            def view(**kwargs: t.Any) -> ResponseReturnValue:
                instance = view.view_class(*class_args, **class_kwargs)  # type: ignore[attr-defined]
                return current_app.ensure_sync(instance.dispatch_request)(**kwargs)  # type: ignore[no-any-return]

        else:
            # PERF: one instance for all requests; bind its method once.
            bound = cls(*class_args, **class_kwargs).dispatch_request

            def view(**kwargs: t.Any) -> ResponseReturnValue:
                return current_app.ensure_sync(bound)(**kwargs)  # type: ignore[no-any-return]

        if cls.decorators:
            # Decorators such as functools.wraps copy the name and module.
            _label(view, cls, name)
            for wrap in cls.decorators:
                view = wrap(view)

        # Labelled again on the outermost function, the one registered.
        _label(view, cls, name)
        view.__doc__ = cls.__doc__
        view.view_class = cls  # type: ignore[attr-defined]
        view.methods = cls.methods  # type: ignore[attr-defined]
        view.provide_automatic_options = cls.provide_automatic_options  # type: ignore[attr-defined]
        return view


def _label(function: t.Callable[..., t.Any], cls: type, name: str) -> None:
    function.__name__ = name
    function.__module__ = cls.__module__


class MethodView(View):
    """Dispatch each request to the method named after the HTTP method
    (``get``, ``post``, ...). ``HEAD`` uses ``get`` when there is no
    ``head``.

    Unless a subclass sets :attr:`methods` itself, it is computed from the
    handler methods the class defines plus the ``methods`` of its bases.
    """

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        if "methods" in cls.__dict__:
            return
        found: set[str] = set()
        for base in cls.__bases__:
            inherited = getattr(base, "methods", None)
            if inherited:
                found.update(inherited)
        found.update(name.upper() for name in http_method_funcs if hasattr(cls, name))
        if found:
            cls.methods = found

    def dispatch_request(self, **kwargs: t.Any) -> ResponseReturnValue:
        method = request.method
        handler = getattr(self, method.lower(), None)
        if handler is None and method == "HEAD":
            handler = getattr(self, "get", None)
        assert handler is not None, f"Unimplemented method {method!r}"
        return current_app.ensure_sync(handler)(**kwargs)  # type: ignore[no-any-return]
