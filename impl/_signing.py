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
import hashlib
import hmac
import math
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


def _least_compressed_size(distinct: int) -> int:
    """A lower bound on the length of ``zlib.compress(data)`` for any
    ``data`` holding ``distinct`` different byte values and shorter than
    one deflate block (16 383 symbols at the default memory level).

    The output is a 2-byte header, one deflate block and a 4-byte checksum.
    zlib writes the block in the shortest of three forms:

    - stored: the data itself plus 5 bytes, never shorter than the data;
    - fixed codes: 3 header bits, 7 for the end marker, and every distinct
      byte at least once as a literal, 8 or 9 bits each;
    - dynamic codes: at least 29 header bits (3 for the block type, 14 for
      the three counts, 3 for each of at least 4 code-length codes), and
      the distinct bytes plus the end marker, ``m`` symbols, each used at
      least once in a prefix code, which takes at least ``m * log2(m)`` bits
      in total (Kraft's inequality).

    Everything else in the block only adds bits.
    """
    symbols = distinct + 1
    fixed_bits = 3 + 7 + 8 * distinct
    dynamic_bits = 29 + symbols * math.log2(symbols)
    # The small margin keeps float rounding from lifting an exact integer
    # to the next one, which would overstate the bound.
    return 2 + math.ceil(min(fixed_bits, dynamic_bits) / 8 - 1e-9) + 4


#: :func:`_least_compressed_size` for each possible number of distinct bytes.
_LEAST_COMPRESSED_SIZES = tuple(_least_compressed_size(count) for count in range(257))

#: From this length on, data is compressed without counting its bytes: the
#: bound above only decides for data of about 35 bytes or less (it needs
#: nearly as many distinct bytes as the data is long).
_SHORTEST_UNDECIDED = 48


def _may_compress_by_two(data: bytes) -> bool:
    """Whether ``zlib.compress(data)`` might be at least two bytes shorter
    than ``data``; ``False`` only when it provably is not."""
    # PERF: zlib sets up 256 KiB of compressor state for every call (1.3 µs
    # and the whole of a small session's memory peak). For short data with
    # many distinct bytes, as a small session's JSON is, the bound of
    # _least_compressed_size() already shows compressing cannot save two
    # bytes, so itsdangerous's comparison is known without the call.
    if len(data) >= _SHORTEST_UNDECIDED:
        return True
    return _LEAST_COMPRESSED_SIZES[len(set(data))] < len(data) - 1


class _HmacSha1:
    """HMAC-SHA1 under one fixed key (RFC 2104), the same digest as
    ``hmac.digest(key, message, "sha1")``.

    HMAC hashes the message after the key XOR-ed with one pad, then that
    digest after the key XOR-ed with another. Both padded keys fill exactly
    one SHA-1 block, so the hash states after them are computed once here
    and copied for every message.
    """

    # PERF: ``hmac.digest`` looks the digest up by name and sets up both
    # states for every call (2.2 µs); copying the prepared states costs
    # 0.6 µs. Session keys are derived digests, never longer than a block.

    __slots__ = ("_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        block = hashlib.sha1().block_size
        if len(key) > block:
            key = hashlib.sha1(key).digest()
        key = key.ljust(block, b"\x00")
        self._inner = hashlib.sha1(key.translate(_INNER_PAD))
        self._outer = hashlib.sha1(key.translate(_OUTER_PAD))

    def digest(self, message: bytes) -> bytes:
        """The HMAC of ``message``."""
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()


# Each key byte XOR-ed with 0x36 (inner) or 0x5C (outer), as translations.
_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


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
        self._keys = tuple(
            _HmacSha1(signer.derive_key(key)) for key in reversed(signer.secret_keys)
        )
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
        # itsdangerous keeps the compressed form when it saves two bytes.
        if _may_compress_by_two(data):
            compressed = zlib.compress(data)
            shorter = len(compressed) < len(data) - 1
            payload = b"." + _encode(compressed) if shorter else _encode(data)
        else:
            payload = _encode(data)
        signed = payload + b"." + self._encoded_timestamp(self._clock.get_timestamp())
        signature = self._signing_key.digest(signed)
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
            if hmac.compare_digest(expected, key.digest(signed)):
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
