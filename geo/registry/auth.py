"""Who may edit: editor passwords (scrypt, checked in constant time) and the rules for
a login through an OpenID Connect provider.

The hash goes into Streamlit's secrets (``[kyodo] editor_password_hash``); make one
with ``python -m geo.registry hash-password``. Hashes look like
``scrypt$16384$8$1$<salt>$<key>`` (base64); ``pbkdf2_sha256$<iterations>$<salt>$<key>``
is accepted too. Failed password logins are throttled by :mod:`geo.registry.throttle`.

A provider's login names an editor only by its claims (:func:`oidc_editor`): either
its subject is on the list of editors' subjects, or its issuer is one of the
configured issuers, its e-mail address is verified (``email_verified``) and on the
list of editors' addresses. An address alone is never enough.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


# --- OpenID Connect ---------------------------------------------------------------------

#: Why a provider's login may not edit (the page words each as ``staff.oidc.<code>``).
OIDC_REFUSALS = ("not_configured", "issuer", "unverified", "not_editor")


def _texts(values: object) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable):
        return frozenset()
    return frozenset(str(v).strip() for v in values if str(v).strip())


@dataclass(frozen=True)
class OidcRules:
    """Who may edit through the provider (``[kyodo]`` of the secrets).

    Attributes
    ----------
    issuers
        Issuers (``iss``) whose verified e-mail addresses are trusted
        (``editor_issuers``).
    emails
        Editors' addresses, compared in lower case (``editor_emails``).
    subjects
        Editors' subjects (``sub``), trusted without an address (``editor_subjects``).
    """

    issuers: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()

    @classmethod
    def from_secrets(cls, kyodo: Mapping[str, object]) -> OidcRules:
        """The rules in the ``[kyodo]`` table of the secrets."""
        return cls(
            issuers=_texts(kyodo.get("editor_issuers")),
            emails=frozenset(e.lower() for e in _texts(kyodo.get("editor_emails"))),
            subjects=_texts(kyodo.get("editor_subjects")),
        )


def _verified(claims: Mapping[str, object]) -> bool:
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def oidc_editor(claims: Mapping[str, object], rules: OidcRules) -> tuple[str | None, str]:
    """The editor a provider's login names, or why it may not edit.

    Parameters
    ----------
    claims
        The claims of the login's ID token (``iss``, ``sub``, ``email``,
        ``email_verified`` …).
    rules
        Who may edit.

    Returns
    -------
    ``(editor, "")`` — the editor's address, or subject when it has none — or
    ``(None, code)`` with a code of :data:`OIDC_REFUSALS`.
    """
    issuer = str(claims.get("iss") or "").strip()
    subject = str(claims.get("sub") or "").strip()
    email = str(claims.get("email") or "").strip().lower()
    if not rules.issuers and not rules.subjects:
        return None, "not_configured"
    if rules.issuers and issuer not in rules.issuers:
        return None, "issuer"
    if subject and subject in rules.subjects:
        return email or subject, ""
    if not rules.issuers:
        return None, "not_editor"  # subjects only: this one is not on the list
    if not _verified(claims):
        return None, "unverified"
    if email and email in rules.emails:
        return email, ""
    return None, "not_editor"
