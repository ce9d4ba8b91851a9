"""Real lists: the 法人番号, the name in kana, the NPO portal's page, the purpose and the
source of every organisation.

``organization`` gets ``corporate_number`` (NULL when unknown; unique per city when
set, through the unique index ``ux_organization_corporate_number`` — NULLs never
collide, on SQLite or PostgreSQL), ``name_kana``, ``portal_url``, ``purpose`` (staff
only) and ``source``: where the organisation came into the registry (``seed``,
``import``, ``form``, ``npo_portal``, ``bulk``). Organisations already stored get the
source of the write that created them, read from the audit trail (``seed``, ``add`` →
``form``, ``import``); those the trail does not tell (a bulk load) get ``seed`` when they
are sample data, else ``import``. Columns are added in place, the same way on SQLite
and PostgreSQL.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The source of an organisation by the action of the write that created it.
SOURCE_OF_CREATION = (
    "SELECT CASE c.action WHEN 'seed' THEN 'seed' WHEN 'add' THEN 'form' "
    "WHEN 'bulk' THEN 'bulk' ELSE 'import' END "
    "FROM metadata m JOIN change_log c ON c.id = m.change_id "
    "WHERE m.resource_id = organization.id AND c.jis_code = organization.jis_code "
    "AND m.last_action_type = 'create' ORDER BY m.id LIMIT 1"
)


def upgrade() -> None:
    """Add the columns and the index; give stored organisations their source."""
    op.add_column("organization", sa.Column("corporate_number", sa.String(13)))
    for name in ("name_kana", "portal_url", "purpose"):
        op.add_column("organization", sa.Column(name, sa.Text, nullable=False, server_default=""))
    op.add_column(
        "organization", sa.Column("source", sa.String(16), nullable=False, server_default="")
    )
    op.create_index(
        "ux_organization_corporate_number",
        "organization",
        ["jis_code", "corporate_number"],
        unique=True,
    )
    op.execute(
        "UPDATE organization SET source = COALESCE(("  # noqa: S608 - fixed text
        f"{SOURCE_OF_CREATION}), CASE WHEN is_sample THEN 'seed' ELSE 'import' END)"
    )
