"""The coverage matrix by municipality: counted by the database and in pandas.

A few hundred synthetic organisations are bulk-loaded under three municipalities
besides the tiny city's own; both counts must equal the one worked out here from the
synthetic frame, on SQLite and on PostgreSQL + PostGIS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchmarks import synthetic
from geo.registry.analytics import RegistryAnalytics
from geo.registry.bulk import bulk_load
from geo.registry.store import Store
from tests.support.backends import Backend
from tests.support.registry_files import tiny_store

#: Municipalities the synthetic rows are stored under, one per tiny area (the last
#: area's rows go to the first code again).
MUNICIPALITIES = ("99101", "99102", "99103")
ROWS = 300


@pytest.fixture
def loaded(backend: Backend, tiny_dir: Path) -> Iterator[tuple[Store, pd.DataFrame]]:
    """The tiny registry with :data:`ROWS` organisations bulk-loaded, and their frame."""
    with tiny_store(backend, tiny_dir) as store:
        ref = store.reference
        orgs = synthetic.synthetic_organisations(ROWS, ref.areas, ref.catalog, seed=7)
        area_ids = sorted(ref.areas["area_id"])
        code_of = {a: MUNICIPALITIES[i % len(MUNICIPALITIES)] for i, a in enumerate(area_ids)}
        codes = [code_of[a] for a in orgs["area_id"]]
        text = synthetic.org_file(orgs)
        records = [
            dict(zip(text.columns, row, strict=True)) for row in text.itertuples(index=False)
        ]
        assert bulk_load(store, records, who="test", jis_codes=codes) == ROWS
        frame = pd.DataFrame({"jis_code": codes, "fields": list(orgs["fields"])})
        yield store, frame


def test_sql_matrix_equals_pandas(loaded: tuple[Store, pd.DataFrame]) -> None:
    store, frame = loaded
    store.retire("a-1", expected_version=1, who="test")  # retired rows are not counted
    fields = [*sorted({f for fs in frame["fields"] for f in fs})[:6], "no-such-field"]
    codes = [*MUNICIPALITIES, store.jis_code, "99100"]  # the city's own rows; an empty code
    analytics = RegistryAnalytics(store)
    sql = analytics.coverage_matrix_sql(codes, fields)
    in_pandas = analytics.coverage_matrix_frame(codes, fields)
    pd.testing.assert_frame_equal(sql, in_pandas)
    assert list(sql.index) == codes and list(sql.columns) == fields

    counted: Counter[tuple[str, str]] = Counter()
    for jis, fs in zip(frame["jis_code"], frame["fields"], strict=True):
        counted.update((jis, f) for f in set(fs) & set(fields))
    for s in store.records():  # active only
        counted.update(
            (store.jis_code, f) for f in set(s.record["fields"].split(";")) & set(fields)
        )
    expected = pd.DataFrame(
        [[counted[(jis, f)] for f in fields] for jis in codes],
        index=pd.Index(codes, name="jis_code"),
        columns=fields,
    )
    expected.columns.name = "field"
    pd.testing.assert_frame_equal(sql, expected.astype("int64"))
    assert sql.loc["99100"].sum() == 0 and sql["no-such-field"].sum() == 0
    assert sql.loc[list(MUNICIPALITIES)].to_numpy().sum() > 0


def test_bulk_load_is_one_audited_write(loaded: tuple[Store, pd.DataFrame]) -> None:
    store, _ = loaded
    assert store.audit(1)[0].action == "bulk"
    assert store.audit(1)[0].summary == f"add {ROWS}"
    assert store.data_version() == 2
    with pytest.raises(ValueError, match="JIS codes"):
        bulk_load(store, [{"org_id": "x"}], who="test", jis_codes=[])
