"""PostGIS: a point geometry on every location, with a GiST index (PostgreSQL only).

On PostgreSQL with the postgis extension available (``CREATE EXTENSION IF NOT EXISTS
postgis`` succeeds), ``location.geom`` is a stored generated column
``geometry(Point, 4326)`` made from longitude and latitude, so no write needs to know
about it, and ``ix_location_geom`` indexes it. Elsewhere (SQLite, or a server without
PostGIS) nothing changes and the store does its spatial work with shapely.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    """Add ``location.geom`` and its GiST index where PostGIS can be had."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
    ).first()
    if available is None:
        log.warning("PostGIS is not installed on this server: spatial queries use shapely")
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except sa.exc.DBAPIError as exc:
        log.warning("cannot enable PostGIS (%s): spatial queries use shapely", exc.orig)
        return
    op.execute(
        "ALTER TABLE location ADD COLUMN geom geometry(Point, 4326) "
        "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED"
    )
    op.execute("CREATE INDEX ix_location_geom ON location USING gist (geom)")
