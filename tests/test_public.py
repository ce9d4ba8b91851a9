"""The public allowlist: private columns never leave, public ones all arrive unchanged."""

from __future__ import annotations

from geo.model import PRIVATE_ORG_COLUMNS, PUBLIC_ORG_COLUMNS, CityData
from geo.public import public_organisations


def test_only_allowlisted_columns_survive(tiny: CityData) -> None:
    orgs = tiny.organisations.copy()
    orgs["representative"] = "山田太郎"
    orgs["secret_added_later"] = "x"
    public = public_organisations(orgs)
    assert set(public.columns) <= set(PUBLIC_ORG_COLUMNS)
    for column in (*PRIVATE_ORG_COLUMNS, "secret_added_later"):
        assert column not in public.columns
    assert len(public) == len(orgs)
    assert public.crs == orgs.crs
    # every public column arrives, with its values unchanged
    assert list(public.columns) == [c for c in PUBLIC_ORG_COLUMNS if c in orgs.columns]
    assert set(public.columns) == set(PUBLIC_ORG_COLUMNS)
    for column in public.columns:
        assert public[column].tolist() == orgs[column].tolist(), column
