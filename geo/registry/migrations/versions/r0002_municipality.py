"""Every row carries its municipality (JIS code): one database holds several cities.

The organisation tables and ``registry_state`` get a ``jis_code`` column that leads
their keys; ``change_log`` gets one too. Rows already there belong to the city the
version 1 registry recorded in ``registry_state``. Tables whose key changes are rebuilt
(renamed aside, created anew, copied, dropped), which works the same on SQLite and
PostgreSQL; constraints and indexes get fixed names.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Rebuilt tables, parents before children.
REBUILT = ("organization", "location", "service_area", "attribute", "contact", "registry_state")
#: The version a program that knows no migrations finds in ``registry_state`` (and so
#: refuses the database, rather than reading it wrongly).
SCHEMA_VERSION = 2

JIS = sa.String(8)


def _org_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["jis_code", "organization_id" if table != "attribute" else "link_id"],
        ["organization.jis_code", "organization.id"],
        name=f"fk_{table}_organization",
    )


def _create() -> None:
    op.create_table(
        "organization",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
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
        sa.PrimaryKeyConstraint("jis_code", "id", name="pk_organization"),
    )
    op.create_table(
        "location",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("address_1", sa.Text, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("area_id", sa.String(64), nullable=False),
        sa.Column("match_level", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_location"),
        _org_key("location"),
    )
    op.create_table(
        "service_area",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("area_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("jis_code", "organization_id", "position", name="pk_service_area"),
        _org_key("service_area"),
    )
    op.create_table(
        "attribute",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("link_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("link_type", sa.String(32), nullable=False),
        sa.Column("taxonomy_term_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("jis_code", "link_id", "position", name="pk_attribute"),
        _org_key("attribute"),
        sa.ForeignKeyConstraint(
            ["taxonomy_term_id"], ["taxonomy_term.id"], name="fk_attribute_taxonomy_term"
        ),
    )
    op.create_table(
        "contact",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_contact"),
        _org_key("contact"),
    )
    op.create_table(
        "registry_state",
        sa.Column("jis_code", JIS, nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("int_value", sa.Integer),
        sa.Column("text_value", sa.Text),
        sa.PrimaryKeyConstraint("jis_code", "key", name="pk_registry_state"),
    )


#: Columns copied from each old table (the new ``jis_code`` comes first).
COPIED = {
    "organization": (
        "id, seq, kind, name, legal_status, households, has_jishubo, last_confirmed, "
        "is_sample, status, version, updated_at, updated_by"
    ),
    "location": "organization_id, address_1, longitude, latitude, area_id, match_level",
    "service_area": "organization_id, position, area_id",
    "attribute": "link_id, position, link_type, taxonomy_term_id",
    "contact": "organization_id, name, phone, email, notes",
}


def upgrade() -> None:
    """Add the municipality to every row; key the organisation tables by it."""
    bind = op.get_bind()
    city = bind.execute(
        sa.text("SELECT text_value FROM registry_state WHERE key = 'city'")
    ).scalar()
    jis = sa.bindparam("jis", city or "", type_=JIS)
    for table in REBUILT:
        op.rename_table(table, f"{table}_v1")
    _create()
    for table, columns in COPIED.items():
        bind.execute(
            sa.text(
                f"INSERT INTO {table} (jis_code, {columns}) "  # noqa: S608 - fixed names
                f"SELECT :jis, {columns} FROM {table}_v1"
            ).bindparams(jis)
        )
    bind.execute(
        sa.text(
            "INSERT INTO registry_state (jis_code, key, int_value, text_value) "
            "SELECT :jis, key, int_value, text_value FROM registry_state_v1 "
            "WHERE key IN ('data_version', 'created_at')"
        ).bindparams(jis)
    )
    bind.execute(
        sa.text(
            "INSERT INTO registry_state (jis_code, key, int_value, text_value) "
            "VALUES ('', 'schema_version', :version, NULL)"
        ).bindparams(version=SCHEMA_VERSION)
    )
    for table in reversed(REBUILT):
        op.drop_table(f"{table}_v1")
    op.add_column("change_log", sa.Column("jis_code", JIS, nullable=False, server_default=""))
    bind.execute(sa.text("UPDATE change_log SET jis_code = :jis").bindparams(jis))
    op.create_index("ix_organization_jis_code_seq", "organization", ["jis_code", "seq"])
    op.create_index("ix_organization_jis_code_kind", "organization", ["jis_code", "kind"])
    op.create_index("ix_location_jis_code_area_id", "location", ["jis_code", "area_id"])
    op.create_index("ix_change_log_jis_code", "change_log", ["jis_code"])
