"""The registry as the pages' source of organisations, and its data version.

The edges (the app's cache, the command lines) read the settings and pick where
organisations come from with :func:`organisation_source`: the registry at a URL, or
the bundled ``organisations.csv`` when no registry is in use. Both give the same frame
for the same organisations.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import sqlalchemy as sa

from geo.city import CityConfig
from geo.io import CsvOrganisations
from geo.model import OrgSource
from geo.registry.engine import engine_for, reading
from geo.registry.reads import data_version as stored_data_version
from geo.registry.store import Store


class RegistryOrganisations:
    """The active organisations of a registry (an :class:`~geo.model.OrgSource`).

    Parameters
    ----------
    url
        SQLAlchemy URL of the registry.
    data_dir
        The city's data directory (reference data, and the file a new registry is
        seeded from).
    city
        The city.
    """

    def __init__(self, url: str, data_dir: Path, city: CityConfig) -> None:
        self.url = url
        self.data_dir = data_dir
        self.city = city

    def read_organisations(self) -> gpd.GeoDataFrame:
        """The active organisations, as :func:`geo.io.load_organisations` gives them."""
        with Store.open(self.url, data_dir=self.data_dir, city=self.city) as store:
            return store.read_organisations()


def organisation_source(data_dir: Path, city: CityConfig, registry_url: str | None) -> OrgSource:
    """Where the city's organisations come from.

    Parameters
    ----------
    data_dir
        The city's data directory.
    city
        The city.
    registry_url
        The registry's URL when organisations are read from it
        (:attr:`geo.settings.Settings.active_registry_url`); ``None``: the bundled
        ``organisations.csv``.
    """
    if registry_url is None:
        return CsvOrganisations(data_dir, city)
    return RegistryOrganisations(registry_url, data_dir, city)


def data_version(registry_url: str | None, data_dir: Path, city: CityConfig) -> int:
    """The registry's version (raised by every write); 0 when no registry is in use.

    Cheap enough to call on every script run: one query on the process's engine of the
    registry. A registry not yet created, not yet holding the city or made by an older
    program is opened first (created, seeded, migrated).

    Parameters
    ----------
    registry_url
        As for :func:`organisation_source`.
    data_dir, city
        The city and its data directory, should the registry need seeding.
    """
    if registry_url is None:
        return 0
    try:
        with reading(engine_for(registry_url)) as conn:
            return stored_data_version(conn, city.jis_code)
    except (sa.exc.DBAPIError, sa.exc.NoResultFound):
        pass  # no such table, or the city is not seeded yet: open it properly
    with Store.open(registry_url, data_dir=data_dir, city=city) as store:
        return store.data_version()


__all__ = ["RegistryOrganisations", "data_version", "organisation_source"]
