"""Failed editor logins, shared by every process: the ``login_throttle`` table.

One row per client address and per account that has failed to log in (keyed by a
digest, never the address itself): the failures in a row, the last one's time and the
time until which the key is locked (seconds since the epoch).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``login_throttle``."""
    op.create_table(
        "login_throttle",
        sa.Column("jis_code", sa.String(8), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.Float, nullable=False),
        sa.Column("locked_until", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("jis_code", "key", name="pk_login_throttle"),
    )
