"""Session cookies signed and checked in itsdangerous's format without going
through its layers.

A session cookie is what :class:`itsdangerous.URLSafeTimedSerializer` makes::

    payload "." timestamp "." signature

``payload`` is the serialized session in unpadded URL-safe base64, or ``"."``
and the base64 of its zlib compression when that is at least two bytes
shorter; ``timestamp`` is the base64 of the signing time as a big-endian
integer without leading zero bytes; ``signature`` is the base64 of the
HMAC-SHA1 of ``payload "." timestamp`` under the derived key.

itsdangerous reaches that through a serializer, a signer, a signing
algorithm and a dozen small helpers that convert between text and bytes on
every step; for a small session those layers cost more than the HMAC and
the JSON together. :class:`SessionCookieCodec` writes the same bytes
directly, for the default settings only (HMAC key derivation, SHA-1, a
text serializer). It keeps itsdangerous in the loop wherever a result could
differ: the keys are derived by the itsdangerous signer, the clock is that
signer's ``get_timestamp`` (so a patched clock is honoured), and any cookie
the direct check does not accept outright is handed to itsdangerous, which
decides with its own errors.
"""

from __future__ import annotations

import binascii
import hmac
import struct
import typing as t
import zlib

if t.TYPE_CHECKING:
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

# The alphabets of standard and URL-safe base64 differ in two characters.
_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")
_FROM_URLSAFE = bytes.maketrans(b"-_", b"+/")

#: A timestamp as itsdangerous packs it before dropping the leading zeros.
_TIMESTAMP = struct.Struct(">Q")

#: The largest timestamp ``datetime.fromtimestamp`` converts (the end of
#: year 9999); itsdangerous converts every accepted timestamp, so a larger
#: one is left to it to refuse.
_LAST_CONVERTIBLE_TIMESTAMP = 253_402_300_799


def _encode(data: bytes) -> bytes:
    """Unpadded URL-safe base64, as itsdangerous's ``base64_encode``."""
    return binascii.b2a_base64(data, newline=False).translate(_TO_URLSAFE).rstrip(b"=")


def _decode(data: bytes) -> bytes:
    """Decode unpadded URL-safe base64 as itsdangerous's ``base64_decode``
    does: padding restored, characters outside the alphabet skipped."""
    padded = data + b"=" * (-len(data) % 4)
    return binascii.a2b_base64(padded.translate(_FROM_URLSAFE))


class SessionCookieCodec:
    """Sign and check session cookies exactly as a given
    :class:`~itsdangerous.URLSafeTimedSerializer` with the default session
    settings would, faster.

    :param serializer: the itsdangerous serializer whose cookies this
        writes and reads. Its signers must use HMAC-SHA1, and its inner
        serializer must return text.
    """

    __slots__ = ("_clock", "_fallback", "_keys", "_signing_key", "_stamp", "_text")

    def __init__(self, serializer: URLSafeTimedSerializer) -> None:
        signer: TimestampSigner = serializer.make_signer()
        self._fallback = serializer
        self._text = serializer.serializer
        self._clock = signer
        # Newest key first: the order itsdangerous tries them in.
        self._keys = tuple(signer.derive_key(key) for key in reversed(signer.secret_keys))
        self._signing_key = self._keys[0]
        # PERF: the timestamp changes once a second; its base64 is kept for
        # the last one seen.
        self._stamp: tuple[int, bytes] = (-1, b"")

    def _encoded_timestamp(self, timestamp: int) -> bytes:
        last, encoded = self._stamp
        if timestamp != last or type(timestamp) is not int:
            # The same packing as itsdangerous's ``int_to_bytes``, so a
            # clock giving a negative, too large or non-integer value fails
            # with the same error.
            encoded = _encode(_TIMESTAMP.pack(timestamp).lstrip(b"\x00"))
            self._stamp = (timestamp, encoded)
        return encoded

    def dumps(self, value: t.Any) -> str:
        """Serialize and sign ``value``; the same text as the serializer's
        ``dumps``."""
        data = self._text.dumps(value).encode()
        # The compressed form must be computed to know whether it is
        # shorter; itsdangerous keeps it only when it saves two bytes.
        compressed = zlib.compress(data)
        shorter = len(compressed) < len(data) - 1
        payload = b"." + _encode(compressed) if shorter else _encode(data)
        signed = payload + b"." + self._encoded_timestamp(self._clock.get_timestamp())
        signature = hmac.digest(self._signing_key, signed, "sha1")
        return (signed + b"." + _encode(signature)).decode()

    def loads(self, cookie: str, max_age: int) -> t.Any | None:
        """The value in ``cookie``, or ``None`` when it does not verify
        (tampered, expired, malformed, or signed with an unknown key)."""
        try:
            value = self._verified(cookie, max_age)
        except Exception:
            # Whatever went wrong, itsdangerous decides, raising as it does.
            value = _UNDECIDED
        if value is _UNDECIDED:
            return _checked_loads(self._fallback, cookie, max_age)
        return value

    def _verified(self, cookie: str, max_age: int) -> t.Any:
        """The value of a cookie that verifies, or :data:`_UNDECIDED`.

        Each check is one itsdangerous makes, in the same form; any cookie
        that fails one goes to itsdangerous, so this never refuses a cookie
        for a reason of its own.
        """
        signed, dot, signature = cookie.encode().rpartition(b".")
        if not dot:
            return _UNDECIDED
        expected = _decode(signature)
        for key in self._keys:
            if hmac.compare_digest(expected, hmac.digest(key, signed, "sha1")):
                break
        else:
            return _UNDECIDED
        payload, dot, encoded_timestamp = signed.rpartition(b".")
        timestamp_bytes = _decode(encoded_timestamp)
        if not dot or len(timestamp_bytes) > 8:
            return _UNDECIDED
        timestamp = int.from_bytes(timestamp_bytes, "big")
        age = self._clock.get_timestamp() - timestamp
        if not 0 <= age <= max_age or timestamp > _LAST_CONVERTIBLE_TIMESTAMP:
            return _UNDECIDED
        if payload.startswith(b"."):
            data = zlib.decompress(_decode(payload[1:]))
        else:
            data = _decode(payload)
        return self._text.loads(data.decode())


#: Returned by :meth:`SessionCookieCodec._verified` for a cookie it leaves
#: to itsdangerous.
_UNDECIDED = object()


def _checked_loads(serializer: URLSafeTimedSerializer, cookie: str, max_age: int) -> t.Any:
    """``serializer.loads``, with ``None`` for a cookie that does not
    verify."""
    global _bad_signature
    if _bad_signature is None:
        from itsdangerous import BadSignature as _bad_signature
    try:
        return serializer.loads(cookie, max_age=max_age)
    except _bad_signature:
        return None


# PERF: itsdangerous's BadSignature, imported on the first cookie rather than
# by an import statement on every one (0.3 µs).
_bad_signature: type[Exception] | None = None
