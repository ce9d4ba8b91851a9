"""The public view of organisations: an allowlist of columns, applied on the server."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.model import PUBLIC_ORG_COLUMNS


def public_organisations(orgs: pd.DataFrame) -> gpd.GeoDataFrame:
    """Only the allowlisted columns of ``orgs`` (a new frame).

    Anything not in :data:`geo.model.PUBLIC_ORG_COLUMNS` — personal names, phone numbers,
    e-mail addresses, internal notes, and any column added later — is dropped, so it
    can never reach a public page, the kiosk or a public export.

    Parameters
    ----------
    orgs
        Organisations as loaded by :func:`geo.io.load_organisations`.
    """
    keep = [c for c in PUBLIC_ORG_COLUMNS if c in orgs.columns]
    return gpd.GeoDataFrame(pd.DataFrame(orgs[keep]).copy(), geometry="geometry", crs=orgs.crs)
