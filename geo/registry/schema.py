"""The registry's tables (SQLAlchemy Core), named after Open Referral HSDS where they fit.

=================  ====================================================================
``organization``   one row per organisation: kind, name, ``legal_status``, households,
                   自主防災組織, last confirmed, sample flag, ``status`` (active /
                   retired), ``version`` (raised by every change), the 法人番号
                   (``corporate_number``, unique in a city when set), the name in kana,
                   the NPO portal's page, the purpose (private) and ``source`` (where
                   the organisation came from: :data:`geo.model.ORG_SOURCES`)
``location``       its address (``address_1``), point, base area and match level
``service_area``   the areas it serves (``*`` for the whole city)
``taxonomy_term``  the fields of activity; ``attribute`` links organisations to them
``contact``        representative, phone, email, notes: private, staff views only
``change_log``     one row per write: who, when, what, from which file
``metadata``       HSDS change metadata: one row per changed field of a write
``registry_state`` the city, the schema version and ``data_version`` (raised by every
                   write, so readers can tell when to reload)
``login_throttle`` failed editor logins per client address and per account (digests,
                   never the address itself), so every process refuses guessing alike
=================  ====================================================================

Every row carries its municipality's JIS code, so one database holds several cities.
The migrations (:mod:`geo.registry.migrations`) create exactly these tables; a test
compares the two.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

#: Status of an organisation shown on the pages.
ACTIVE = "active"
#: Status of an organisation kept in the registry but no longer shown.
RETIRED = "retired"

md = sa.MetaData()

JIS = sa.String(8)


def _org_key(table: str, column: str = "organization_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["jis_code", column],
        ["organization.jis_code", "organization.id"],
        name=f"fk_{table}_organization",
    )


organization = sa.Table(
    "organization",
    md,
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
    sa.Column("corporate_number", sa.String(13)),
    sa.Column("name_kana", sa.Text, nullable=False, server_default=""),
    sa.Column("portal_url", sa.Text, nullable=False, server_default=""),
    sa.Column("purpose", sa.Text, nullable=False, server_default=""),
    sa.Column("source", sa.String(16), nullable=False, server_default=""),
    sa.PrimaryKeyConstraint("jis_code", "id", name="pk_organization"),
    sa.Index("ix_organization_jis_code_seq", "jis_code", "seq"),
    sa.Index("ix_organization_jis_code_kind", "jis_code", "kind"),
    sa.Index("ux_organization_corporate_number", "jis_code", "corporate_number", unique=True),
)

location = sa.Table(
    "location",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("address_1", sa.Text, nullable=False),
    sa.Column("longitude", sa.Float, nullable=False),
    sa.Column("latitude", sa.Float, nullable=False),
    sa.Column("area_id", sa.String(64), nullable=False),
    sa.Column("match_level", sa.String(16), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_location"),
    _org_key("location"),
    sa.Index("ix_location_jis_code_area_id", "jis_code", "area_id"),
)

service_area = sa.Table(
    "service_area",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("area_id", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", "position", name="pk_service_area"),
    _org_key("service_area"),
)

taxonomy_term = sa.Table(
    "taxonomy_term",
    md,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("taxonomy", sa.String(16), nullable=False),
)

attribute = sa.Table(
    "attribute",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("link_id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("link_type", sa.String(32), nullable=False),
    sa.Column("taxonomy_term_id", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "link_id", "position", name="pk_attribute"),
    _org_key("attribute", "link_id"),
    sa.ForeignKeyConstraint(
        ["taxonomy_term_id"], ["taxonomy_term.id"], name="fk_attribute_taxonomy_term"
    ),
)

contact = sa.Table(
    "contact",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("phone", sa.Text, nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_contact"),
    _org_key("contact"),
)

change_log = sa.Table(
    "change_log",
    md,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("data_version", sa.Integer, nullable=False),
    sa.Column("jis_code", JIS, nullable=False, server_default=""),
    sa.Index("ix_change_log_jis_code", "jis_code"),
)

metadata_table = sa.Table(
    "metadata",
    md,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("change_log.id"), nullable=False, index=True),
    sa.Column("resource_id", sa.String(64), nullable=False, index=True),
    sa.Column("resource_type", sa.String(32), nullable=False),
    sa.Column("last_action_date", sa.String(40), nullable=False),
    sa.Column("last_action_type", sa.String(16), nullable=False),
    sa.Column("field_name", sa.String(32), nullable=False),
    sa.Column("previous_value", sa.Text, nullable=False),
    sa.Column("replacement_value", sa.Text, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)

registry_state = sa.Table(
    "registry_state",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("key", sa.String(32), nullable=False),
    sa.Column("int_value", sa.Integer),
    sa.Column("text_value", sa.Text),
    sa.PrimaryKeyConstraint("jis_code", "key", name="pk_registry_state"),
)

login_throttle = sa.Table(
    "login_throttle",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("key", sa.String(80), nullable=False),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure_at", sa.Float, nullable=False),
    sa.Column("locked_until", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "key", name="pk_login_throttle"),
)

#: The PostGIS point of a location (PostgreSQL with PostGIS only; see migration 0003).
GEOM: sa.ColumnClause[Any] = sa.literal_column("location.geom")
#: The SRID of the points: WGS84.
SRID = 4326

#: Record columns that live in the private ``contact`` table.
CONTACT_COLUMNS = {"representative": "name", "phone": "phone", "email": "email", "notes": "notes"}
