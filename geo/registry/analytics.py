"""Questions asked of a registry outside the app: spatial counts, national matrices, audit
details.

The pages never ask these (they read whole cities through
:meth:`~geo.registry.store.Store.read_organisations`); they are for reports, scale-out
checks and the national benchmark. :class:`RegistryAnalytics` answers them on one
:class:`~geo.registry.store.Store`:

* spatial questions (:meth:`~RegistryAnalytics.counts_per_area`,
  :meth:`~RegistryAnalytics.ids_within_bounds`,
  :meth:`~RegistryAnalytics.points_in_area`) by PostGIS on PostgreSQL when the migration
  could add ``location.geom``, and by shapely everywhere else, with the same answers;
* municipality × field counts over many cities of one database
  (:meth:`~RegistryAnalytics.coverage_matrix_sql` by the database,
  :meth:`~RegistryAnalytics.coverage_matrix_frame` in pandas);
* the field-level changes of one write (:meth:`~RegistryAnalytics.audit_details`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from geo.crs import to_wgs84
from geo.registry.schema import (
    ACTIVE,
    GEOM,
    SRID,
    attribute,
    change_log,
    location,
    metadata_table,
    organization,
)
from geo.registry.store import Store

POSTGIS = "postgis"
SHAPELY = "shapely"


def _has_geom(store: Store) -> bool:
    query = sa.text(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'location' AND column_name = 'geom'"
    )
    with store.reading() as conn:
        return conn.execute(query).first() is not None


def _matrix_keys(jis_codes: Sequence[str], fields: Sequence[str]) -> tuple[list[str], list[str]]:
    codes, wanted = [str(c) for c in jis_codes], [str(f) for f in fields]
    if len(set(codes)) != len(codes) or len(set(wanted)) != len(wanted):
        raise ValueError("JIS codes and fields must be unique")
    return codes, wanted


def _empty_matrix(codes: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        np.zeros((len(codes), len(fields)), dtype="int64"),
        index=pd.Index(list(codes), name="jis_code"),
        columns=pd.Index(list(fields), name="field"),
    )


class RegistryAnalytics:
    """Reports on one registry.

    Parameters
    ----------
    store
        The registry (its city's rows, except for the coverage matrices).
    spatial_engine
        ``postgis`` or ``shapely``; when ``None``, ``postgis`` on PostgreSQL with
        ``location.geom`` (see migration 0003), else ``shapely``.
    """

    def __init__(self, store: Store, *, spatial_engine: str | None = None) -> None:
        self.store = store
        if spatial_engine is None:
            postgis = store.engine.dialect.name == "postgresql" and _has_geom(store)
            spatial_engine = POSTGIS if postgis else SHAPELY
        if spatial_engine not in (POSTGIS, SHAPELY):
            raise ValueError(f"unknown spatial engine {spatial_engine!r}")
        #: ``postgis`` when the database does the spatial work, else ``shapely``.
        self.spatial_engine = spatial_engine

    # --- spatial ---------------------------------------------------------------------

    def _points(
        self, kinds: Collection[str] | None, fields: Collection[str] | None, *, geom: bool = False
    ) -> sa.Select[Any]:
        o, loc, jis = organization, location, self.store.jis_code
        columns: list[Any] = [o.c.id, loc.c.longitude, loc.c.latitude]
        if geom:
            columns.append(GEOM.label("geom"))
        query = (
            sa.select(*columns)
            .select_from(
                o.join(loc, (loc.c.jis_code == o.c.jis_code) & (loc.c.organization_id == o.c.id))
            )
            .where(o.c.jis_code == jis)
            .where(o.c.status == ACTIVE)
            .order_by(o.c.seq)
        )
        if kinds is not None:
            query = query.where(o.c.kind.in_(sorted(kinds)))
        if fields is not None:
            linked = (
                sa.select(attribute.c.link_id)
                .where(attribute.c.jis_code == jis)
                .where(attribute.c.taxonomy_term_id.in_(sorted(fields)))
            )
            query = query.where(o.c.id.in_(linked))
        return query

    def _ids(self, query: sa.Select[Any]) -> list[str]:
        with self.store.reading() as conn:
            return [r.id for r in conn.execute(query)]

    def _point_tree(
        self, kinds: Collection[str] | None, fields: Collection[str] | None
    ) -> tuple[list[str], shapely.STRtree]:
        with self.store.reading() as conn:
            rows = conn.execute(self._points(kinds, fields)).all()
        points = shapely.points([r.longitude for r in rows], [r.latitude for r in rows])
        return [r.id for r in rows], shapely.STRtree(points)

    def ids_within_bounds(
        self,
        west: float,
        south: float,
        east: float,
        north: float,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> list[str]:
        """Active organisations whose point lies within the bounds (edges included).

        Parameters
        ----------
        west, south, east, north
            WGS84 bounds, e.g. of the map's view.
        kinds
            Only these kinds (``council``, ``association``, ``civic_group``).
        fields
            Only organisations active in any of these field codes.

        Returns
        -------
        Their ids, in registry order.
        """
        if west > east or south > north:
            raise ValueError(f"empty bounds: west {west} east {east}, south {south} north {north}")
        query = self._points(kinds, fields)
        if self.spatial_engine == POSTGIS:
            envelope = sa.func.ST_MakeEnvelope(west, south, east, north, SRID)
            return self._ids(query.where(sa.func.ST_Intersects(GEOM, envelope)))
        lon, lat = location.c.longitude, location.c.latitude
        return self._ids(query.where(lon.between(west, east), lat.between(south, north)))

    def points_in_area(
        self,
        area: shapely.Geometry,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> list[str]:
        """Active organisations whose point lies in ``area`` (its boundary included).

        Parameters
        ----------
        area
            A polygon or multipolygon in WGS84 longitude/latitude.
        kinds, fields
            As for :meth:`ids_within_bounds`.

        Returns
        -------
        Their ids, in registry order.
        """
        if self.spatial_engine == POSTGIS:
            shape = sa.func.ST_GeomFromWKB(sa.literal(shapely.to_wkb(area), sa.LargeBinary), SRID)
            return self._ids(self._points(kinds, fields).where(sa.func.ST_Covers(shape, GEOM)))
        ids, tree = self._point_tree(kinds, fields)
        return [ids[i] for i in sorted(tree.query(area, predicate="covers"))]

    def counts_per_area(
        self,
        areas: gpd.GeoDataFrame | None = None,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> pd.Series:
        """Number of active organisations whose point lies in each area.

        A point on an area's boundary is in it; one on the border of two areas counts
        in both.

        Parameters
        ----------
        areas
            Areas with unique ``area_id`` values (any CRS); the city's areas when
            ``None``.
        kinds, fields
            As for :meth:`ids_within_bounds`.

        Returns
        -------
        Counts indexed by ``area_id``, in the areas' order (0 for an empty area).
        """
        frame = to_wgs84(self.store.reference.areas if areas is None else areas)
        ids = [str(a) for a in frame["area_id"]]
        if len(set(ids)) != len(ids):
            raise ValueError("area ids must be unique")
        geoms = list(frame.geometry)
        if self.spatial_engine == POSTGIS:
            counts = self._postgis_counts(ids, geoms, kinds, fields)
        else:
            _, tree = self._point_tree(kinds, fields)
            pairs = tree.query(geoms, predicate="covers")
            hits = np.bincount(pairs[0], minlength=len(geoms))
            counts = {i: int(n) for i, n in zip(ids, hits, strict=True)}
        return pd.Series(
            [counts.get(i, 0) for i in ids],
            index=pd.Index(ids, name="area_id"),
            name="organisations",
            dtype="int64",
        )

    def _postgis_counts(
        self,
        ids: Sequence[str],
        geoms: Sequence[shapely.Geometry],
        kinds: Collection[str] | None,
        fields: Collection[str] | None,
    ) -> dict[str, int]:
        wkbs = [shapely.to_wkb(g) for g in geoms]
        areas = (
            sa.func.unnest(
                sa.bindparam("area_ids", list(ids), type_=ARRAY(sa.Text)),
                sa.bindparam("area_wkbs", wkbs, type_=ARRAY(sa.LargeBinary)),
            )
            .table_valued("area_id", "wkb")
            .render_derived(name="a")
        )
        points = self._points(kinds, fields, geom=True).subquery("p")
        shape = sa.func.ST_GeomFromWKB(areas.c.wkb, SRID)
        query = (
            sa.select(areas.c.area_id, sa.func.count(points.c.id))
            .select_from(areas.outerjoin(points, sa.func.ST_Covers(shape, points.c.geom)))
            .group_by(areas.c.area_id)
        )
        with self.store.reading() as conn:
            return {str(a): int(n) for a, n in conn.execute(query)}

    # --- many municipalities ---------------------------------------------------------

    def coverage_matrix_sql(self, jis_codes: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
        """Active organisations per municipality and field, counted by the database.

        One ``GROUP BY`` over the organisations stored under ``jis_codes`` joined to
        their fields (``attribute``); an organisation active in several of the fields
        counts once in each. :meth:`coverage_matrix_frame` gives the same table from
        the rows read into pandas.

        Parameters
        ----------
        jis_codes
            The municipalities (JIS codes the rows are stored under), e.g. those of one
            prefecture; unlike the other questions this is not limited to the store's
            city.
        fields
            Field codes (taxonomy terms).

        Returns
        -------
        Counts (``int64``) indexed by ``jis_code`` in the order given, one column per
        field in the order given, 0 where there is none.
        """
        codes, wanted = _matrix_keys(jis_codes, fields)
        o, a = organization, attribute
        query = (
            sa.select(o.c.jis_code, a.c.taxonomy_term_id, sa.func.count(sa.distinct(o.c.id)))
            .select_from(o.join(a, (a.c.jis_code == o.c.jis_code) & (a.c.link_id == o.c.id)))
            .where(o.c.jis_code.in_(codes))
            .where(a.c.jis_code.in_(codes))  # lets the planner use attribute's key
            .where(o.c.status == ACTIVE)
            .where(a.c.taxonomy_term_id.in_(wanted))
            .group_by(o.c.jis_code, a.c.taxonomy_term_id)
        )
        with self.store.reading() as conn:
            rows = conn.execute(query).all()
        out = _empty_matrix(codes, wanted)
        if rows:
            found = pd.DataFrame(rows, columns=["jis_code", "field", "count"]).pivot(
                index="jis_code", columns="field", values="count"
            )
            found = found.reindex(index=out.index, columns=out.columns).fillna(0)
            out[:] = found.to_numpy(dtype="int64")
        return out

    def coverage_matrix_frame(
        self, jis_codes: Sequence[str], fields: Sequence[str]
    ) -> pd.DataFrame:
        """The table of :meth:`coverage_matrix_sql`, counted in pandas after reading the rows.

        Reads the active organisations of ``jis_codes`` and their fields, then counts
        them with pandas; for SQLite-sized checks and as the baseline of the database's
        count.
        """
        codes, wanted = _matrix_keys(jis_codes, fields)
        o, a = organization, attribute
        orgs_query = sa.select(o.c.jis_code, o.c.id).where(
            o.c.jis_code.in_(codes), o.c.status == ACTIVE
        )
        terms_query = sa.select(a.c.jis_code, a.c.link_id, a.c.taxonomy_term_id).where(
            a.c.jis_code.in_(codes)
        )
        with self.store.reading() as conn:
            orgs = pd.DataFrame(conn.execute(orgs_query).all(), columns=["jis_code", "id"])
            terms = pd.DataFrame(
                conn.execute(terms_query).all(), columns=["jis_code", "id", "field"]
            )
        joined = orgs.merge(terms, on=["jis_code", "id"]).drop_duplicates()
        joined = joined[joined["field"].isin(wanted)]
        counts = pd.crosstab(joined["jis_code"], joined["field"])
        out = _empty_matrix(codes, wanted)
        return (
            counts.reindex(index=out.index, columns=out.columns, fill_value=0)
            .astype("int64")
            .rename_axis(index="jis_code", columns="field")
        )

    # --- audit -----------------------------------------------------------------------

    def audit_details(self, change_id: int) -> list[dict[str, str]]:
        """The field-level changes of one write of the store's city: the organisation,
        the action, the field, its value before and after."""
        query = (
            sa.select(metadata_table)
            .join(change_log, change_log.c.id == metadata_table.c.change_id)
            .where(metadata_table.c.change_id == change_id)
            .where(change_log.c.jis_code == self.store.jis_code)
            .order_by(metadata_table.c.id)
        )
        with self.store.reading() as conn:
            rows = conn.execute(query).all()
        return [
            {
                "resource_id": r.resource_id,
                "action": r.last_action_type,
                "field": r.field_name,
                "previous": r.previous_value,
                "new": r.replacement_value,
            }
            for r in rows
        ]


__all__ = ["POSTGIS", "SHAPELY", "RegistryAnalytics"]
