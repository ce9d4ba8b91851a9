"""Editor passwords: stored hashed (scrypt), checked in constant time.

The hash goes into Streamlit's secrets (``[kyodo] editor_password_hash``); make one
with ``python -m geo.registry hash-password``. Hashes look like
``scrypt$16384$8$1$<salt>$<key>`` (base64); ``pbkdf2_sha256$<iterations>$<salt>$<key>``
is accepted too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SCRYPT = "scrypt"
PBKDF2 = "pbkdf2_sha256"
#: scrypt cost: 2**14 with r=8 takes about 16 MB and a few tens of milliseconds.
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1
_MAXMEM = 128 * 1024 * 1024
_KEY_BYTES = 32
MIN_LENGTH = 10


class PasswordHashError(ValueError):
    """The stored hash is not one this module makes (a configuration mistake)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise PasswordHashError("the hash is not valid base64") from exc


def hash_password(
    password: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P
) -> str:
    """A salted scrypt hash of ``password`` for the secrets file.

    Parameters
    ----------
    password
        At least :data:`MIN_LENGTH` characters.
    n, r, p
        scrypt cost parameters (``n`` a power of two).

    Raises
    ------
    ValueError
        When the password is too short.
    """
    if len(password) < MIN_LENGTH:
        raise ValueError(f"use a password of at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_KEY_BYTES
    )
    return f"{SCRYPT}${n}${r}${p}${_b64(salt)}${_b64(key)}"


def _int(text: str, low: int, high: int) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise PasswordHashError(f"a cost parameter of the hash is out of range: {text!r}")
    return int(text)


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (constant-time comparison).

    Raises
    ------
    PasswordHashError
        When ``stored`` is not a hash made by :func:`hash_password` (or PBKDF2-SHA256).
    """
    parts = stored.strip().split("$")
    if parts[0] == SCRYPT and len(parts) == 6:
        n = _int(parts[1], 2, 2**20)
        if n & (n - 1):
            raise PasswordHashError("scrypt's n must be a power of two")
        r, p = _int(parts[2], 1, 32), _int(parts[3], 1, 16)
        salt, expected = _unb64(parts[4]), _unb64(parts[5])
        try:
            actual = hashlib.scrypt(
                password.encode("utf-8"),
                salt=salt,
                n=n,
                r=r,
                p=p,
                maxmem=_MAXMEM,
                dklen=len(expected),
            )
        except ValueError as exc:
            raise PasswordHashError(f"the scrypt parameters cannot be used: {exc}") from exc
    elif parts[0] == PBKDF2 and len(parts) == 4:
        rounds = _int(parts[1], 1000, 10_000_000)
        salt, expected = _unb64(parts[2]), _unb64(parts[3])
        actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)
    else:
        raise PasswordHashError(
            "not a password hash made by `python -m geo.registry hash-password`"
        )
    if not expected:
        raise PasswordHashError("the hash is empty")
    return hmac.compare_digest(actual, expected)
