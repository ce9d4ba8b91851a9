"""Alembic environment of the registry: migrations run on the store's connection.

:func:`geo.registry.migrate.migrate` passes an open connection, already inside the
transaction of the write, as ``config.attributes["connection"]``; nothing here opens
its own. Offline (``--sql``) mode is not supported.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from geo.registry.schema import md

if context.is_offline_mode():
    raise RuntimeError("registry migrations run online only, from geo.registry.migrate.migrate")

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError(
        "registry migrations run from geo.registry.migrate.migrate, which passes its connection"
    )
context.configure(connection=connection, target_metadata=md)
with context.begin_transaction():
    context.run_migrations()
