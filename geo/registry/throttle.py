"""Editor logins that resist guessing, in every process alike.

Failed logins are counted in the registry's database (:data:`~geo.registry.schema.
login_throttle`), keyed by the client's address and by the account tried, so a new
browser session, another replica or a restarted process sees the same count. After a
few failures in a row a key is locked, for a time that doubles with every further
failure (up to :attr:`ThrottlePolicy.max_seconds`); while any key of a login is locked,
the login is refused before its password is checked (no scrypt run). A success clears
the login's keys; failures are forgotten a day after the last one.

Keys are digests: the table never holds an address or an account's name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.registry.engine import reading, writing
from geo.registry.schema import login_throttle

ADDRESS = "address"
ACCOUNT = "account"


@dataclass(frozen=True)
class ThrottlePolicy:
    """How failures of one kind of key are met.

    Attributes
    ----------
    free
        Failures in a row before the key is locked.
    base_seconds
        The first lock; every further failure doubles it.
    max_seconds
        The longest lock.
    forget_seconds
        Failures are forgotten this long after the last one.
    """

    free: int
    base_seconds: float
    max_seconds: float = 3600.0
    forget_seconds: float = 86400.0

    def __post_init__(self) -> None:
        if self.free < 1 or not 0 < self.base_seconds <= self.max_seconds:
            raise ValueError("a throttle needs free >= 1 and 0 < base_seconds <= max_seconds")

    def lock_seconds(self, failures: int) -> float:
        """How long a key is locked after ``failures`` failures in a row (0: not)."""
        if failures < self.free:
            return 0.0
        return float(min(self.base_seconds * 2 ** (failures - self.free), self.max_seconds))


#: An address may try a few times; an account (every address together) a few more.
POLICIES: Mapping[str, ThrottlePolicy] = {
    ADDRESS: ThrottlePolicy(free=5, base_seconds=30.0),
    ACCOUNT: ThrottlePolicy(free=10, base_seconds=60.0),
}


@dataclass(frozen=True)
class ThrottleKey:
    """One thing a login is counted against: its client address, or the account tried."""

    kind: str
    value: str

    @property
    def digest(self) -> str:
        """The key as stored: its kind and a digest of its value."""
        value = hashlib.sha256(self.value.encode("utf-8")).hexdigest()[:40]
        return f"{self.kind}:{value}"


def login_keys(account: str, address: str | None) -> list[ThrottleKey]:
    """The keys of a login to ``account`` from ``address`` (unknown: the account only)."""
    keys = [ThrottleKey(ACCOUNT, account)]
    if address:
        keys.append(ThrottleKey(ADDRESS, address))
    return keys


class LoginThrottle:
    """The failed logins of one city's editors, in the registry's database.

    Parameters
    ----------
    engine
        The registry's engine.
    jis_code
        The city.
    policies
        Policy per kind of key (:data:`POLICIES`).
    """

    def __init__(
        self, engine: Engine, jis_code: str, policies: Mapping[str, ThrottlePolicy] = POLICIES
    ) -> None:
        self.engine = engine
        self.jis_code = jis_code
        self.policies = policies

    def _rows(
        self, conn: Connection, keys: Sequence[ThrottleKey], *, lock: bool = False
    ) -> dict[str, Any]:
        table = login_throttle
        query = sa.select(
            table.c.key, table.c.failures, table.c.last_failure_at, table.c.locked_until
        ).where(table.c.jis_code == self.jis_code, table.c.key.in_([k.digest for k in keys]))
        if lock:
            query = query.with_for_update()
        return {str(r.key): r for r in conn.execute(query)}

    def locked_until(self, keys: Sequence[ThrottleKey], now: float) -> float | None:
        """When the latest lock of ``keys`` ends, or ``None`` when none is locked at
        ``now`` (seconds since the epoch)."""
        with reading(self.engine) as conn:
            ends = [float(r.locked_until) for r in self._rows(conn, keys).values()]
        latest = max(ends, default=0.0)
        return latest if latest > now else None

    def failed(self, keys: Sequence[ThrottleKey], now: float) -> float | None:
        """Count a failed login against ``keys``; when its lock ends, if it locks any."""
        try:
            ends = self._count(keys, now)
        except sa.exc.IntegrityError:  # another process counted a new key at the same time
            ends = self._count(keys, now)
        latest = max(ends, default=now)
        return latest if latest > now else None

    def _count(self, keys: Sequence[ThrottleKey], now: float) -> list[float]:
        table = login_throttle
        ends: list[float] = []
        with writing(self.engine) as conn:
            rows = self._rows(conn, keys, lock=True)
            for key in keys:
                policy = self.policies[key.kind]
                row = rows.get(key.digest)
                before = 0
                if row is not None and now - row.last_failure_at < policy.forget_seconds:
                    before = int(row.failures)
                lock = policy.lock_seconds(before + 1)
                until = now + lock if lock else 0.0
                values = {"failures": before + 1, "last_failure_at": now, "locked_until": until}
                if row is None:
                    conn.execute(
                        table.insert().values(jis_code=self.jis_code, key=key.digest, **values)
                    )
                else:
                    where = (table.c.jis_code == self.jis_code, table.c.key == key.digest)
                    conn.execute(table.update().where(*where).values(**values))
                ends.append(until)
            self._forget(conn, now)
        return ends

    def succeeded(self, keys: Sequence[ThrottleKey]) -> None:
        """Clear ``keys`` after a successful login."""
        table = login_throttle
        with writing(self.engine) as conn:
            conn.execute(
                table.delete().where(
                    table.c.jis_code == self.jis_code,
                    table.c.key.in_([k.digest for k in keys]),
                )
            )

    def _forget(self, conn: Connection, now: float) -> None:
        """Drop the keys whose failures are forgotten and whose locks have ended."""
        longest = max(p.forget_seconds for p in self.policies.values())
        table = login_throttle
        conn.execute(
            table.delete().where(
                table.c.jis_code == self.jis_code,
                table.c.last_failure_at < now - longest,
                table.c.locked_until < now,
            )
        )


__all__ = [
    "ACCOUNT",
    "ADDRESS",
    "POLICIES",
    "LoginThrottle",
    "ThrottleKey",
    "ThrottlePolicy",
    "login_keys",
]
