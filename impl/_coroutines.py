"""Running ``async def`` views and hooks from impl's synchronous request path.

Flask hands every call of a coroutine function to asgiref's ``async_to_sync``, which
starts a worker thread and a fresh event loop for it, then throws both away: about a
millisecond per call on a small machine, far more than the rest of a request.  impl
keeps one event loop per thread and runs the coroutine on it, in the calling thread,
while keeping the contract asgiref gives Flask applications:

* the coroutine starts with a copy of the caller's context variables (so it sees the
  app and request contexts) and the changes it makes flow back to the caller;
* it runs inside the ``except`` block of an exception the caller is handling, so
  ``sys.exc_info()`` in an async error handler sees that exception;
* tasks it leaves running are cancelled and awaited, async generators it
  leaves open are closed, and jobs it gave the default executor are waited
  for, before the call returns, as ``asyncio.run`` does at the end of
  asgiref's per-call loop;
* a call from a thread whose own event loop is running is refused with
  ``RuntimeError``: such code must ``await`` the coroutine function instead.

When asgiref itself is running the WSGI application in a worker thread on behalf of an
outer event loop (``WsgiToAsgi``, ``sync_to_async``), or inside its
``AsyncSingleThreadContext``, the call is handed to asgiref so the coroutine runs where
asgiref would put it, exactly as under Flask.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import os
import sys
import threading
import types
import typing as t

_Result = t.TypeVar("_Result")


class _ThreadLoop:
    """The event loop owned by one thread, closed when the thread lets go of it."""

    __slots__ = ("loop", "pid")

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.pid = os.getpid()

    def __del__(self) -> None:
        # At interpreter shutdown the loop's parts may already be gone.
        with contextlib.suppress(Exception):
            self.loop.close()


_owned = threading.local()
#: What a missing asyncio attribute reads as, told apart from ``None``.
_UNKNOWN = object()


def _this_threads_loop() -> asyncio.AbstractEventLoop:
    """This thread's event loop, made on first use and again after a fork or a close."""
    held: _ThreadLoop | None = getattr(_owned, "held", None)
    if held is None or held.pid != os.getpid() or held.loop.is_closed():
        held = _owned.held = _ThreadLoop()
    return held.loop


def _asgiref_runs_this_thread(asgiref_sync: types.ModuleType) -> bool:
    """Whether asgiref has a say over where coroutines called from this thread run.

    asgiref marks the worker threads it runs synchronous code in for an outer event
    loop, and the contexts opened by ``AsyncSingleThreadContext``; the attributes are
    read defensively, so an asgiref that stops exposing them only means impl's own
    loop is used.
    """
    marks = getattr(asgiref_sync.SyncToAsync, "threadlocal", None)
    if getattr(marks, "main_event_loop", None) is not None:
        return True
    single_thread = getattr(asgiref_sync.AsyncToSync, "async_single_thread_context", None)
    return single_thread is not None and single_thread.get(None) is not None


async def _drive(
    awaitable: t.Awaitable[_Result],
    handling: BaseException | None,
    final_context: list[contextvars.Context],
) -> _Result:
    """Await the coroutine, inside the caller's ``except`` block when there is one."""
    try:
        if handling is None:
            return await awaitable
        try:
            raise handling
        except BaseException:
            return await awaitable
    finally:
        final_context.append(contextvars.copy_context())


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel the tasks a coroutine left running, wait for them, report their failures."""
    leftovers = list(asyncio.all_tasks(loop))
    if not leftovers:
        return
    for task in leftovers:
        task.cancel()
    waited = asyncio.gather(*leftovers, return_exceptions=True)
    for task, outcome in zip(leftovers, loop.run_until_complete(waited), strict=True):
        # A task that finished with an error before the cancel reached it.
        if isinstance(outcome, Exception):
            loop.call_exception_handler(
                {
                    "message": "a task left running by an async view raised an exception",
                    "exception": outcome,
                    "task": task,
                }
            )


def _adopt(final: contextvars.Context) -> None:
    """Carry the context variables a coroutine changed over to the caller's context."""
    for var, value in final.items():
        try:
            if var.get() is value:
                continue
        except LookupError:
            pass
        var.set(value)


def _a_loop_runs_in_this_thread() -> bool:
    """Whether this thread is inside a running event loop (where only ``await`` works)."""
    try:
        return asyncio.get_running_loop() is not None
    except RuntimeError:  # asyncio's way of saying "no running loop"
        return False


def run_to_completion(
    func: t.Callable[..., t.Awaitable[_Result]], args: tuple[t.Any, ...], kwargs: dict[str, t.Any]
) -> _Result:
    """Call coroutine function *func* and run what it returns on this thread's loop."""
    if _a_loop_runs_in_this_thread():
        raise RuntimeError(
            "An async view or hook cannot be called synchronously from a thread whose"
            " event loop is running: await the coroutine function instead."
        )
    loop = _this_threads_loop()
    handling = sys.exc_info()[1]
    final_context: list[contextvars.Context] = []
    try:
        return loop.run_until_complete(_drive(func(*args, **kwargs), handling, final_context))
    finally:
        _cancel_leftovers(loop)
        _shut_down_what_was_started(loop)
        if final_context:
            _adopt(final_context[0])


def _shut_down_what_was_started(loop: asyncio.AbstractEventLoop) -> None:
    """Close open async generators and wait for the default executor, as ``asyncio.run`` does.

    Both shutdowns leave a loop that refuses new async generators or executor
    jobs, so a loop that had either is closed and replaced. Whether it had
    any is read from asyncio's own records; where they are not found, every
    call ends this way (correct, only slower).
    """
    open_generators = getattr(loop, "_asyncgens", None)
    executor = getattr(loop, "_default_executor", _UNKNOWN)
    if open_generators is not None and not open_generators and executor is None:
        return
    try:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


def async_to_sync(
    func: t.Callable[..., t.Awaitable[_Result]], asgiref_sync: types.ModuleType
) -> t.Callable[..., _Result]:
    """A synchronous callable that runs coroutine function *func* to completion."""
    # Built now, as Flask builds it, so asgiref's warning about a callable that is not
    # a coroutine function comes at wrap time; used only where asgiref owns the thread.
    through_asgiref = asgiref_sync.async_to_sync(func)

    @functools.wraps(func)
    def run(*args: t.Any, **kwargs: t.Any) -> _Result:
        if _asgiref_runs_this_thread(asgiref_sync):
            return through_asgiref(*args, **kwargs)  # type: ignore[no-any-return]
        return run_to_completion(func, args, kwargs)

    return run
