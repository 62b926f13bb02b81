"""Sessions: the ``session`` object's classes and the interface that loads
and stores it.

The default :class:`SecureCookieSessionInterface` keeps the whole session in
a cookie signed with the app's secret key. The cookie format (tagged JSON,
itsdangerous timestamp signature, salt ``"cookie-session"``, HMAC-SHA1) is
the same as Flask's, so cookies pass between the two.
"""

from __future__ import annotations

import collections.abc as c
import hashlib
import typing as t
from collections.abc import MutableMapping
from datetime import UTC, datetime

from werkzeug.datastructures import CallbackDict
from werkzeug.http import http_date
from werkzeug.sansio.response import Response as _BaseResponse

from ._signing import SessionCookieCodec, _checked_loads
from .json.tag import TaggedJSONSerializer

if t.TYPE_CHECKING:
    from itsdangerous import URLSafeTimedSerializer

    from .app import Flask
    from .wrappers import Request, Response


def _read_permanent(self: SessionMixin) -> bool:
    return self.get("_permanent", False)  # type: ignore[no-any-return]


def _write_permanent(self: SessionMixin, value: bool) -> None:
    self["_permanent"] = bool(value)


class SessionMixin(MutableMapping[str, t.Any]):
    """The attributes every session object has on top of the mapping."""

    permanent = property(
        _read_permanent,
        _write_permanent,
        doc="""Whether the session outlives the browser session, expiring
        after ``app.permanent_session_lifetime``. Kept in the ``_permanent``
        key, so it travels with the data.""",
    )

    #: Whether the session was just created. Backends that can tell set it;
    #: the cookie session cannot and leaves it ``False``.
    new = False

    #: Whether the data changed. Mutations of nested values are not seen;
    #: set this to ``True`` yourself after changing one.
    modified = True

    #: Whether the session was read or written during the request. When set
    #: the response gets ``Vary: Cookie``.
    accessed = False


def _note_modified(session: SecureCookieSession) -> None:
    session.modified = True


class SecureCookieSession(CallbackDict[str, t.Any], SessionMixin):
    """The session stored by :class:`SecureCookieSessionInterface`.

    Setting or deleting keys sets :attr:`modified`; the request context sets
    :attr:`accessed` whenever the session is looked up. :attr:`new` stays
    ``False`` because an empty cookie and no cookie look alike.
    """

    modified = False

    def __init__(self, initial: c.Mapping[str, t.Any] | None = None) -> None:
        # PERF: a module-level callback rather than a closure made for every
        # session, since one session is built per request.
        super().__init__(initial, _note_modified)


class NullSession(SecureCookieSession):
    """Stand-in session used when no secret key is configured: reading it
    works (it is always empty), changing it raises an error explaining why."""

    def _refuse(self, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        message = (
            "The session is unavailable: the application has no secret key to"
            " sign it with. Give app.secret_key (or SECRET_KEY) a long random value."
        )
        raise RuntimeError(message)

    clear = pop = popitem = setdefault = update = _refuse
    __setitem__ = __delitem__ = _refuse


_new_dict = dict.__new__
#: Whether a ``NullSession()`` holds nothing but its update callback, so that
#: :meth:`SessionInterface.make_null_session` can make one without calling
#: the constructors; checked against the installed Werkzeug.
_NULL_SESSION_IS_ITS_CALLBACK = vars(NullSession()) == {"on_update": _note_modified}


def _cookie_setting(key: str, summary: str) -> t.Callable[[t.Any, Flask], t.Any]:
    """Make a ``get_cookie_*`` method of :class:`SessionInterface` that
    returns ``app.config[key]``. Its name follows the key:
    ``SESSION_COOKIE_NAME`` gives ``get_cookie_name``."""

    def read_setting(self: t.Any, app: Flask) -> t.Any:
        return app.config[key]

    name = "get_" + key.removeprefix("SESSION_").lower()
    read_setting.__name__ = name
    read_setting.__qualname__ = f"SessionInterface.{name}"
    read_setting.__doc__ = f"{summary} Read from ``{key}``; override to decide per app."
    return read_setting


class SessionInterface:
    """The interface the application uses to load and store sessions.

    Subclass it, implement :meth:`open_session` and :meth:`save_session`,
    and assign an instance to ``app.session_interface``. The ``get_cookie_*``
    methods read the ``SESSION_COOKIE_*`` configuration so that backends
    agree on cookie settings.

    :meth:`open_session` runs when the request context is pushed; returning
    ``None`` there makes the app use :meth:`make_null_session`.
    :meth:`save_session` runs after the response is built, unless the
    session is a null session. One interface instance serves all threads,
    so keep per-request state on the session, not on the interface.
    """

    #: Class made by :meth:`make_null_session`.
    null_session_class = NullSession

    #: Set by backends that pickle their data; informational only.
    pickle_based = False

    def make_null_session(self, app: Flask) -> NullSession:
        """Return the session used when no real one can be loaded: a new one
        each time, as the request marks it accessed and code may set
        attributes on it."""
        made = self.null_session_class
        if made is NullSession and _NULL_SESSION_IS_ITS_CALLBACK:
            # PERF: most apps have no secret key, so this runs every request;
            # the two constructors (ours and CallbackDict's) only set the
            # callback, which is set here directly: 0.7 -> 0.3 µs.
            session = _new_dict(NullSession)
            session.on_update = _note_modified
            return session
        return made()

    def is_null_session(self, obj: object) -> bool:
        """Tell whether ``obj`` is a null session, which is never saved."""
        return isinstance(obj, self.null_session_class)

    get_cookie_name = _cookie_setting("SESSION_COOKIE_NAME", "The cookie's name.")
    get_cookie_domain = _cookie_setting(
        "SESSION_COOKIE_DOMAIN",
        "The cookie's ``Domain``. When unset, browsers only send the cookie"
        " back to the exact host that set it.",
    )
    get_cookie_httponly = _cookie_setting(
        "SESSION_COOKIE_HTTPONLY", "Whether the cookie is hidden from JavaScript."
    )
    get_cookie_secure = _cookie_setting(
        "SESSION_COOKIE_SECURE", "Whether the cookie is only sent over HTTPS."
    )
    get_cookie_samesite = _cookie_setting(
        "SESSION_COOKIE_SAMESITE", "The cookie's ``SameSite`` value, or ``None``."
    )
    get_cookie_partitioned = _cookie_setting(
        "SESSION_COOKIE_PARTITIONED", "Whether the cookie is ``Partitioned`` (CHIPS)."
    )

    def get_cookie_path(self, app: Flask) -> str:
        """``SESSION_COOKIE_PATH``, or ``APPLICATION_ROOT`` when that is
        empty."""
        config = app.config
        return config["SESSION_COOKIE_PATH"] or config["APPLICATION_ROOT"]  # type: ignore[no-any-return]

    def get_expiration_time(self, app: Flask, session: SessionMixin) -> datetime | None:
        """When the cookie expires: ``now + permanent_session_lifetime`` for a
        permanent session, ``None`` (end of browser session) otherwise."""
        if not session.permanent:
            return None
        return datetime.now(UTC) + app.permanent_session_lifetime

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        """Whether the response needs a ``Set-Cookie`` for the session: when
        it was modified, or when it is permanent and
        ``SESSION_REFRESH_EACH_REQUEST`` asks to push its expiry forward."""
        if session.modified:
            return True
        return session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]  # type: ignore[no-any-return]

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        """Load the session for ``request``; ``None`` means "use a null
        session". Must be implemented by backends."""
        raise NotImplementedError()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Persist ``session`` and update ``response`` (cookie headers).
        Must be implemented by backends."""
        raise NotImplementedError()


#: The serializer of session data in signed cookies.
session_json_serializer = TaggedJSONSerializer()


def _sha1(string: bytes = b"") -> t.Any:
    """SHA-1, looked up only when a signature is made, so that importing the
    module works on systems where SHA-1 is restricted."""
    return hashlib.sha1(string)


class SecureCookieSessionInterface(SessionInterface):
    """Store the session in a cookie signed with ``app.secret_key``.

    The data is readable by the client, only protected against tampering.
    Keys in ``SECRET_KEY_FALLBACKS`` still validate old cookies, which are
    re-signed with the current key when next saved.
    """

    #: Class of the sessions this interface opens.
    session_class = SecureCookieSession

    #: Turns session data into a string and back.
    serializer = session_json_serializer

    #: Salt mixed into the signing key, separating session signatures from
    #: other uses of the same secret key.
    salt = "cookie-session"

    #: How itsdangerous derives the signing key from the secret key.
    key_derivation = "hmac"

    #: Hash used by the HMAC signature.
    digest_method = staticmethod(_sha1)

    # PERF: building a URLSafeTimedSerializer (and its signers) costs more
    # than the signature itself, and the inputs almost never change. Keep the
    # last one with the inputs it was made from and rebuild only when one of
    # them differs. With it is kept the direct codec for the stock settings
    # (None otherwise), see _stock_codec().
    _signing_cache: (
        tuple[tuple[t.Any, ...], URLSafeTimedSerializer, SessionCookieCodec | None] | None
    ) = None

    def _signing(
        self, app: Flask
    ) -> tuple[tuple[t.Any, ...], URLSafeTimedSerializer, SessionCookieCodec | None] | None:
        """The cached signing entry for the app's current settings, rebuilt
        when they changed; ``None`` when the app has no secret key.

        The entry starts with everything the signer is built from; comparing
        that tells whether the cached signer is still right."""
        current_key = app.secret_key
        if not current_key:
            return None
        inputs = (
            current_key,
            tuple(app.config["SECRET_KEY_FALLBACKS"] or ()),
            self.salt,
            self.serializer,
            self.key_derivation,
            self.digest_method,
        )
        cached = self._signing_cache
        if cached is not None and cached[0] == inputs:
            return cached
        current_key, old_keys, salt, payload, derivation, digest = inputs
        # itsdangerous signs with the last key and accepts any of them.
        signer_options = {"key_derivation": derivation, "digest_method": digest}
        built = _serializer_class()(
            [*old_keys, current_key], salt, payload, signer_kwargs=signer_options
        )
        # The codec writes HMAC-SHA1 signatures of text payloads itself;
        # any other digest, derivation or serializer stays with itsdangerous.
        stock = (
            derivation == "hmac"
            and (digest is _sha1 or digest is hashlib.sha1)
            and type(payload) is TaggedJSONSerializer
        )
        codec = SessionCookieCodec(built) if stock else None
        cached = self._signing_cache = (inputs, built, codec)
        return cached

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Return the serializer that signs and checks session cookies, or
        ``None`` when the app has no secret key."""
        signing = self._signing(app)
        return None if signing is None else signing[1]

    def _stock_codec(self, app: Flask) -> SessionCookieCodec | None:
        """The direct codec, when cookies are signed as the stock interface
        signs them: ``get_signing_serializer`` not overridden, HMAC key
        derivation, SHA-1 and the tagged JSON serializer. ``None`` means
        "use ``get_signing_serializer``", as does a missing secret key."""
        if type(self).get_signing_serializer is not _STOCK_GET_SIGNING_SERIALIZER:
            return None
        signing = self._signing(app)
        return None if signing is None else signing[2]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Load the session from the request's cookie. A missing, tampered or
        expired cookie gives a new empty session; no secret key gives
        ``None``."""
        # PERF: the direct codec checks a cookie in 3 µs against 9.5 µs
        # through itsdangerous's layers, with the same result. With the stock
        # get_signing_serializer, the signing entry is looked up once, which
        # reads the secret key once: an app without one (the usual case)
        # gets its ``None`` in 0.3 µs rather than 0.5 µs.
        if type(self).get_signing_serializer is _STOCK_GET_SIGNING_SERIALIZER:
            signing = self._signing(app)
            if signing is None:
                return None
            _, signer, codec = signing
        else:
            codec = None
            signer = self.get_signing_serializer(app)
            if signer is None:
                return None
        data = None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if cookie:
            # A cookie that does not verify (tampered, expired, or signed
            # with an unknown key) counts as no cookie at all.
            max_age = int(app.permanent_session_lifetime.total_seconds())
            if codec is None:
                data = _checked_loads(signer, cookie, max_age)
            else:
                data = codec.loads(cookie, max_age)
        # No argument at all for a fresh session, as custom session classes
        # may not accept None.
        return self.session_class() if data is None else self.session_class(data)

    def _cookie_options(self, app: Flask) -> dict[str, t.Any]:
        """Cookie attributes shared by setting and deleting the cookie."""
        return {
            "path": self.get_cookie_path(app),
            "domain": self.get_cookie_domain(app),
            "samesite": self.get_cookie_samesite(app),
            "secure": self.get_cookie_secure(app),
            "httponly": self.get_cookie_httponly(app),
            "partitioned": self.get_cookie_partitioned(app),
        }

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Write the session cookie, delete it when the session was emptied,
        and add ``Vary: Cookie`` whenever the session was used."""
        # Any use of the session makes the response depend on the cookie.
        if session.accessed:
            _vary_on_cookie(response)
        cookie_name = self.get_cookie_name(app)
        options = self._cookie_options(app)
        if not session:
            # An emptied session removes the cookie; one that was empty all
            # along needs no header at all.
            changed = session.modified
            if changed:
                response.delete_cookie(cookie_name, **options)
        else:
            changed = self.should_set_cookie(app, session)
            if changed:
                codec = self._stock_codec(app)
                expires = self.get_expiration_time(app, session)
                if codec is None:
                    signer = self.get_signing_serializer(app)
                    value = signer.dumps(dict(session))
                    response.set_cookie(cookie_name, value, expires=expires, **options)
                else:
                    _set_signed_cookie(
                        response, cookie_name, codec.dumps(dict(session)), expires, options
                    )
        # So does a cookie being set or deleted.
        if changed and not session.accessed:
            _vary_on_cookie(response)


def _set_signed_cookie(
    response: Response,
    name: str,
    value: str,
    expires: datetime | str | None,
    options: dict[str, t.Any],
) -> None:
    """``response.set_cookie(name, value, expires=expires, **options)`` for
    a value made by :class:`SessionCookieCodec`, whose characters never need
    quoting."""
    # PERF: Werkzeug's ``dump_cookie`` quotes the path, checks the value's
    # characters and walks every attribute (2.8 µs with ``set_cookie``). For
    # the usual options (root path, no domain, not partitioned, flags that
    # are real booleans) the header is written here in the same words and
    # order: name=value; Expires; Secure; HttpOnly; Path; SameSite (0.8 µs).
    # Anything else, and a header over the size limit (Werkzeug warns about
    # it), goes through ``set_cookie``.
    secure = options["secure"]
    httponly = options["httponly"]
    samesite = options["samesite"]
    partitioned = options["partitioned"]
    if (
        type(response).set_cookie is not _BaseResponse.set_cookie
        or options["path"] != "/"
        or options["domain"] is not None
        or not (partitioned is None or partitioned is False)
        or not (secure is None or secure is True or secure is False)
        or not (httponly is None or httponly is True or httponly is False)
        or not (samesite is None or (type(samesite) is str and samesite in _SAMESITE_VALUES))
        or type(name) is not str
        or not name.isascii()
    ):
        response.set_cookie(name, value, expires=expires, **options)
        return
    parts = [f"{name}={value}"]
    if expires is not None:
        parts.append(f"Expires={expires if isinstance(expires, str) else http_date(expires)}")
    if secure:
        parts.append("Secure")
    if httponly:
        parts.append("HttpOnly")
    parts.append("Path=/")
    if samesite is not None:
        parts.append(f"SameSite={samesite}")
    header = "; ".join(parts)
    limit = response.max_cookie_size
    if limit and len(header) > limit:
        response.set_cookie(name, value, expires=expires, **options)
        return
    response.headers.add("Set-Cookie", header)


#: ``SameSite`` values Werkzeug writes as given (it title-cases others).
_SAMESITE_VALUES = frozenset({"Strict", "Lax", "None"})


def _vary_on_cookie(response: Response) -> None:
    """Add ``Cookie`` to the response's ``Vary`` header."""
    # PERF: ``response.vary`` parses the header into a set and writes it back
    # (3.7 µs); with no Vary header yet, which is usual, setting it directly
    # gives the same header in the same place (0.4 µs).
    # PERF: ``getlist`` rather than ``in``: werkzeug's ``__contains__`` raises
    # and catches a KeyError for a missing header (1.3 µs against 0.4 µs),
    # and ``add`` rather than ``[]=``, which looks for a header to replace
    # that we know is not there (0.25 µs against 0.55 µs).
    headers = response.headers
    if type(response).vary is _BaseResponse.vary and not headers.getlist("Vary"):
        headers.add("Vary", "Cookie")
    else:
        response.vary.add("Cookie")


#: The serializer class made by :func:`_serializer_class`, once needed.
_made_serializer_class: type[URLSafeTimedSerializer] | None = None


def _serializer_class() -> type[URLSafeTimedSerializer]:
    """The :class:`~itsdangerous.URLSafeTimedSerializer` subclass that signs
    session cookies. Made on first use so that importing this module does
    not import itsdangerous."""
    global _made_serializer_class
    if _made_serializer_class is None:
        _made_serializer_class = _make_serializer_class()
    return _made_serializer_class


def _make_serializer_class() -> type[URLSafeTimedSerializer]:
    import itsdangerous

    class ReusedKeySigner(itsdangerous.TimestampSigner):
        """A timestamp signer that remembers its derived keys. The keys are
        still derived by itsdangerous, once per secret key."""

        # PERF: itsdangerous derives the key with an extra HMAC on every sign
        # and verify (``derive_key``, 2.1 µs). The result depends only on the
        # secret key and this signer's fixed salt, derivation and digest, so
        # it is remembered per secret key (0.06 µs).

        def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
            # PERF: ``hmac`` only takes its C fast path for an OpenSSL
            # constructor; given our lazy ``_sha1`` wrapper it builds the
            # HMAC in Python (1.9 µs against 1.5 µs per signature). The
            # algorithm is the same HMAC-SHA1, resolved here at first use as
            # ``_sha1`` intends.
            if kwargs.get("digest_method") is _sha1 and kwargs.get("algorithm") is None:
                kwargs["algorithm"] = itsdangerous.signer.HMACAlgorithm(hashlib.sha1)
            super().__init__(*args, **kwargs)
            self._derived_keys: dict[t.Any, bytes] = {}

        def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
            derived = self._derived_keys.get(secret_key)
            if derived is None:
                derived = super().derive_key(secret_key)
                self._derived_keys[secret_key] = derived
            return derived

    class SessionSerializer(itsdangerous.URLSafeTimedSerializer):
        """A :class:`~itsdangerous.URLSafeTimedSerializer` whose signers for
        its own salt are built once and reused; other salts go the usual
        way."""

        # PERF: itsdangerous builds a new signer for every ``dumps`` and
        # ``loads`` (``make_signer``, ``iter_unsigners``: 1.3 µs each, and a
        # fresh signer would forget its derived keys). For the serializer's
        # own salt they never differ, so they are built on first use and
        # kept (0.05 µs). Together with the remembered keys: loads 13.3 ->
        # 8.7 µs, dumps 13.4 -> 9.5 µs.

        default_signer = ReusedKeySigner

        _own_signer: itsdangerous.Signer | None = None
        _own_unsigners: tuple[itsdangerous.Signer, ...] | None = None

        def make_signer(self, salt: str | bytes | None = None) -> itsdangerous.Signer:
            if salt is not None and salt != self.salt:
                return super().make_signer(salt)
            signer = self._own_signer
            if signer is None:
                signer = self._own_signer = super().make_signer()
            return signer

        def iter_unsigners(self, salt: str | bytes | None = None) -> t.Any:
            if salt is not None and salt != self.salt:
                return super().iter_unsigners(salt)
            unsigners = self._own_unsigners
            if unsigners is None:
                # itsdangerous gets the first one from make_signer, so it is
                # the reused main signer.
                unsigners = self._own_unsigners = tuple(super().iter_unsigners())
            return iter(unsigners)

    return SessionSerializer


_STOCK_GET_SIGNING_SERIALIZER = SecureCookieSessionInterface.get_signing_serializer
