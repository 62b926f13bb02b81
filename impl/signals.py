"""Blinker signals sent by the framework.

All of them live in one :class:`~blinker.Namespace` so that extensions can
look a signal up by name, and connecting to the same name twice gives the
same signal object.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()
_new = _signals.signal

# Sent by impl.templating around each render.
before_render_template = _new("before-render-template")
template_rendered = _new("template-rendered")

# Sent while a request is handled, roughly in this order.
request_started = _new("request-started")
got_request_exception = _new("got-request-exception")
request_finished = _new("request-finished")
request_tearing_down = _new("request-tearing-down")

# Sent as an application context is pushed and popped.
appcontext_pushed = _new("appcontext-pushed")
appcontext_tearing_down = _new("appcontext-tearing-down")
appcontext_popped = _new("appcontext-popped")

# Sent by flash().
message_flashed = _new("message-flashed")

del _new
