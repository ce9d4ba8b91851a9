"""Registry backends for the tests: SQLite files, and PostgreSQL + PostGIS.

Loaded as a pytest plugin from ``tests/conftest.py``. The :func:`backend` fixture runs a
test once per backend; each test gets fresh databases:

* ``sqlite``: files in the test's tmp dir;
* ``postgresql``: databases copied from the template ``kyodo_test`` (PostGIS enabled) of
  a throwaway cluster that ``scripts/pg-test-cluster.sh`` starts on 127.0.0.1 when a
  test first needs it, and stops at the end of the session.

When the cluster cannot start, the PostgreSQL tests skip and say why; under CI
(``CI=true``) they fail instead.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.registry.engine import dispose_engines
from tests.support.ci import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_SCRIPT = ROOT / "scripts" / "pg-test-cluster.sh"
#: The database every test database is copied from (PostGIS already enabled).
TEMPLATE = "kyodo_test"
BACKENDS = ("sqlite", "postgresql")


@dataclass
class PgCluster:
    """A running throwaway cluster (``url`` is ``None`` when it could not start)."""

    url: str | None
    folder: str | None
    reason: str = ""


def start_cluster() -> PgCluster:
    """Start a cluster with ``scripts/pg-test-cluster.sh``; never raises."""
    try:
        done = subprocess.run(
            ["bash", str(CLUSTER_SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PgCluster(None, None, f"the test PostgreSQL cluster did not start: {exc}")
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    if done.returncode != 0 or "url" not in values:
        reason = (done.stderr.strip() or done.stdout.strip())[-500:]
        return PgCluster(None, None, f"the test PostgreSQL cluster did not start: {reason}")
    return PgCluster(values["url"], values.get("dir"))


def stop_cluster(cluster: PgCluster) -> None:
    """Stop the cluster and delete its folder."""
    if cluster.folder:
        subprocess.run(
            ["bash", str(CLUSTER_SCRIPT), "stop", cluster.folder],
            capture_output=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The session's PostgreSQL cluster, started on first use."""
    cluster = start_cluster()
    yield cluster
    stop_cluster(cluster)


@dataclass
class Backend:
    """Fresh registry databases of one kind for one test.

    Attributes
    ----------
    name
        ``sqlite`` or ``postgresql``.
    """

    name: str
    folder: Path
    server_url: str | None = None
    made: dict[str, str] = field(default_factory=dict)

    def url(self, name: str = "registry") -> str:
        """The URL of this test's database ``name`` (created empty on first use)."""
        if name in self.made:
            return self.made[name]
        if self.server_url is None:
            url = f"sqlite:///{self.folder / name}.sqlite3"
        else:
            database = f"t_{uuid.uuid4().hex[:16]}"
            with self._admin() as admin:
                admin.exec_driver_sql(f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE}"')
            url = sa.make_url(self.server_url).set(database=database).render_as_string(False)
        self.made[name] = url
        return url

    @property
    def is_sqlite(self) -> bool:
        """Whether the databases are SQLite files (snapshots work)."""
        return self.server_url is None

    def _admin(self) -> sa.Connection:
        engine = sa.create_engine(
            sa.make_url(self.server_url or "").set(database="postgres"),
            isolation_level="AUTOCOMMIT",
            poolclass=sa.pool.NullPool,
        )
        return engine.connect()

    def drop_all(self) -> None:
        """Close the process's engines of the test's databases; drop the PostgreSQL ones."""
        for url in self.made.values():
            dispose_engines(url)
        if self.server_url is None or not self.made:
            return
        with self._admin() as admin:
            for url in self.made.values():
                database = sa.make_url(url).database
                admin.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Run the test on SQLite and on PostgreSQL + PostGIS."""
    if request.param == "sqlite":
        chosen = Backend("sqlite", tmp_path)
    else:
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        if cluster.url is None:
            skip_or_fail(cluster.reason, must_run="the PostgreSQL tests")
        chosen = Backend("postgresql", tmp_path, cluster.url)
    yield chosen
    chosen.drop_all()
