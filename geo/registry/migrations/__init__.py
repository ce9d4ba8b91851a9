"""Schema migrations of the registry (Alembic), run by :meth:`geo.registry.Store.open`.

``env.py`` runs them on the store's own connection, inside the transaction that also
seeds a new city, so a failed migration changes nothing. Revisions live in
``versions/``; write a new one by hand, with the next number, ``down_revision`` set to
the current head, and frozen table definitions (never import the store's tables).
"""
