"""The first registry schema: one city per database (schema version 1).

Registries made before migrations existed have exactly these tables; they are stamped
with this revision when first opened and upgraded from here.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables of schema version 1."""
    op.create_table(
        "organization",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("legal_status", sa.String(32), nullable=False),
        sa.Column("households", sa.Integer),
        sa.Column("has_jishubo", sa.Boolean),
        sa.Column("last_confirmed", sa.Date),
        sa.Column("is_sample", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
    )
    op.create_table(
        "location",
        sa.Column(
            "organization_id", sa.String(64), sa.ForeignKey("organization.id"), primary_key=True
        ),
        sa.Column("address_1", sa.Text, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("area_id", sa.String(64), nullable=False),
        sa.Column("match_level", sa.String(16), nullable=False),
    )
    op.create_table(
        "service_area",
        sa.Column(
            "organization_id", sa.String(64), sa.ForeignKey("organization.id"), primary_key=True
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("area_id", sa.String(64), nullable=False),
    )
    op.create_table(
        "taxonomy_term",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("taxonomy", sa.String(16), nullable=False),
    )
    op.create_table(
        "attribute",
        sa.Column("link_id", sa.String(64), sa.ForeignKey("organization.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("link_type", sa.String(32), nullable=False),
        sa.Column(
            "taxonomy_term_id", sa.String(32), sa.ForeignKey("taxonomy_term.id"), nullable=False
        ),
    )
    op.create_table(
        "contact",
        sa.Column(
            "organization_id", sa.String(64), sa.ForeignKey("organization.id"), primary_key=True
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("data_version", sa.Integer, nullable=False),
    )
    op.create_table(
        "metadata",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "change_id", sa.Integer, sa.ForeignKey("change_log.id"), nullable=False, index=True
        ),
        sa.Column("resource_id", sa.String(64), nullable=False, index=True),
        sa.Column("resource_type", sa.String(32), nullable=False),
        sa.Column("last_action_date", sa.String(40), nullable=False),
        sa.Column("last_action_type", sa.String(16), nullable=False),
        sa.Column("field_name", sa.String(32), nullable=False),
        sa.Column("previous_value", sa.Text, nullable=False),
        sa.Column("replacement_value", sa.Text, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
    )
    op.create_table(
        "registry_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("int_value", sa.Integer),
        sa.Column("text_value", sa.Text),
    )
