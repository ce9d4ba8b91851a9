"""Where the registry lives, read from the environment.

=======================  ==========================================================
``KYODO_REGISTRY``       ``1`` reads organisations from the registry, ``0`` from the
                         bundled CSV; unset: the registry when one of the two below
                         is set
``KYODO_REGISTRY_DIR``   folder of the SQLite file and its snapshots (``var/``)
``KYODO_DATABASE_URL``   a SQLAlchemy URL; overrides the SQLite file in the folder
=======================  ==========================================================

This module imports nothing from the rest of the registry, so :mod:`geo.io` can ask
whether the registry is on without loading it.
"""

from __future__ import annotations

import os
from pathlib import Path

REGISTRY_ENV = "KYODO_REGISTRY"
REGISTRY_DIR_ENV = "KYODO_REGISTRY_DIR"
DATABASE_URL_ENV = "KYODO_DATABASE_URL"

#: The SQLite file's name inside the registry folder.
DATABASE_FILE = "registry.sqlite3"
#: Snapshots are kept in this folder beside the SQLite file.
SNAPSHOT_FOLDER = "snapshots"

_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"0", "false", "no", "off"})


def registry_enabled() -> bool:
    """Whether organisations are read from the registry rather than the bundled CSV."""
    flag = os.environ.get(REGISTRY_ENV, "").strip().lower()
    if flag in _ON:
        return True
    if flag in _OFF:
        return False
    return bool(os.environ.get(DATABASE_URL_ENV) or os.environ.get(REGISTRY_DIR_ENV))


def registry_dir() -> Path:
    """``$KYODO_REGISTRY_DIR``, else ``var/`` in the checkout (git-ignored)."""
    env = os.environ.get(REGISTRY_DIR_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "var"


def database_url() -> str:
    """``$KYODO_DATABASE_URL``, else the SQLite file in :func:`registry_dir`."""
    env = os.environ.get(DATABASE_URL_ENV)
    if env:
        return env
    return f"sqlite:///{(registry_dir() / DATABASE_FILE).resolve()}"
