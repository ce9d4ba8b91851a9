"""Login throttling in the registry's database, and who may edit through a provider."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.registry.auth import OidcRules, oidc_editor
from geo.registry.engine import dispose_engines, engine_for
from geo.registry.throttle import (
    ACCOUNT,
    ADDRESS,
    POLICIES,
    LoginThrottle,
    ThrottleKey,
    ThrottlePolicy,
    login_keys,
)
from tests.support.backends import Backend
from tests.support.registry_files import tiny_store

T0 = 1_800_000_000.0
KEYS = login_keys("shared-editor", "192.0.2.7")


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(1, 0), (4, 0), (5, 30), (6, 60), (7, 120), (10, 960), (12, 3600), (50, 3600)],
)
def test_locks_grow_with_every_failure(failures: int, seconds: float) -> None:
    assert POLICIES[ADDRESS].lock_seconds(failures) == seconds


def test_an_account_takes_more_failures_than_an_address() -> None:
    account, address = POLICIES[ACCOUNT], POLICIES[ADDRESS]
    assert account.free > address.free
    assert account.lock_seconds(9) == 0 and account.lock_seconds(10) == 60


@pytest.mark.parametrize(
    "bad",
    [
        {"free": 0, "base_seconds": 1},
        {"free": 3, "base_seconds": 0},
        {"free": 3, "base_seconds": 9, "max_seconds": 1},
    ],
)
def test_a_policy_is_checked(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        ThrottlePolicy(**bad)  # type: ignore[arg-type]


def test_keys_are_digests_never_the_address() -> None:
    key = ThrottleKey(ADDRESS, "192.0.2.7")
    assert key.digest.startswith("address:") and "192.0.2.7" not in key.digest
    assert [k.kind for k in login_keys("a", None)] == [ACCOUNT]


def test_failures_lock_and_unlock_and_a_success_clears(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        throttle = LoginThrottle(store.engine, store.jis_code)
        for i in range(4):
            assert throttle.failed(KEYS, T0 + i) is None
            assert throttle.locked_until(KEYS, T0 + i) is None
        until = throttle.failed(KEYS, T0 + 4)  # the 5th from this address
        assert until == T0 + 4 + 30
        assert throttle.locked_until(KEYS, T0 + 10) == until
        assert throttle.locked_until(KEYS, until + 1) is None  # the lock ends
        assert throttle.failed(KEYS, until + 1) == until + 1 + 60  # and the next doubles
        other = login_keys("shared-editor", "198.51.100.9")
        assert throttle.locked_until(other, T0 + 10) is None  # the account is not locked yet
        throttle.succeeded(KEYS)
        assert throttle.locked_until(KEYS, until + 2) is None


def test_failures_are_forgotten_after_a_day(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        throttle = LoginThrottle(store.engine, store.jis_code)
        for i in range(4):
            throttle.failed(KEYS, T0 + i)
        later = T0 + 86_400 + 10
        assert throttle.failed(KEYS, later) is None  # counts as the first again


def test_every_connection_sees_the_same_count(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        url = backend.url()
        for i in range(10):  # as if from ten processes: a new engine each time
            dispose_engines(url)
            LoginThrottle(engine_for(url), store.jis_code).failed(
                login_keys("shared-editor", f"203.0.113.{i}"), T0 + i
            )
        dispose_engines(url)
        fresh = LoginThrottle(engine_for(url), store.jis_code)
        assert fresh.locked_until(login_keys("shared-editor", "203.0.113.99"), T0 + 10)


def test_cities_do_not_share_their_counts(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        here = LoginThrottle(store.engine, store.jis_code)
        for i in range(5):
            here.failed(KEYS, T0 + i)
        assert LoginThrottle(store.engine, "35203").locked_until(KEYS, T0 + 5) is None


# --- OpenID Connect ---------------------------------------------------------------------

ISSUER = "https://accounts.example.jp"
RULES = OidcRules(
    issuers=frozenset({ISSUER}),
    emails=frozenset({"staff@example.jp"}),
    subjects=frozenset({"sub-42"}),
)


@pytest.mark.parametrize(
    ("claims", "rules", "expected"),
    [
        (
            {"iss": ISSUER, "sub": "1", "email": "Staff@Example.jp", "email_verified": True},
            RULES,
            ("staff@example.jp", ""),
        ),
        (
            {"iss": ISSUER, "sub": "1", "email": "staff@example.jp", "email_verified": "true"},
            RULES,
            ("staff@example.jp", ""),
        ),
        ({"iss": ISSUER, "sub": "1", "email": "staff@example.jp"}, RULES, (None, "unverified")),
        (
            {"iss": ISSUER, "sub": "1", "email": "staff@example.jp", "email_verified": False},
            RULES,
            (None, "unverified"),
        ),
        (
            {
                "iss": "https://evil.example",
                "sub": "1",
                "email": "staff@example.jp",
                "email_verified": True,
            },
            RULES,
            (None, "issuer"),
        ),
        (
            {"iss": ISSUER, "sub": "1", "email": "other@example.jp", "email_verified": True},
            RULES,
            (None, "not_editor"),
        ),
        ({"iss": ISSUER, "sub": "sub-42"}, RULES, ("sub-42", "")),
        (
            {"iss": "https://other.example", "sub": "sub-42"},
            OidcRules(subjects=frozenset({"sub-42"})),
            ("sub-42", ""),
        ),
        (
            {"iss": ISSUER, "sub": "1", "email": "staff@example.jp", "email_verified": True},
            OidcRules(subjects=frozenset({"sub-42"})),
            (None, "not_editor"),
        ),
        (
            {"iss": ISSUER, "sub": "1", "email": "staff@example.jp", "email_verified": True},
            OidcRules(emails=frozenset({"staff@example.jp"})),
            (None, "not_configured"),
        ),
    ],
)
def test_who_may_edit_through_a_provider(
    claims: dict[str, object], rules: OidcRules, expected: tuple[str | None, str]
) -> None:
    assert oidc_editor(claims, rules) == expected


def test_rules_from_the_secrets() -> None:
    rules = OidcRules.from_secrets(
        {"editor_issuers": ISSUER, "editor_emails": [" Staff@Example.jp "], "editor_subjects": []}
    )
    assert rules == OidcRules(frozenset({ISSUER}), frozenset({"staff@example.jp"}), frozenset())
