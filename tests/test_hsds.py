"""The HSDS 3.0 export: every organisation valid against the official schemas (read from
``../shared/standards/hsds-3.0``, references resolved locally), stable ids, one service
per field, public exports without a private value."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd
import pandas as pd
import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from geo.city import YAMAGUCHI
from geo.io import load_fields, load_organisations, validate_organisations
from geo.model import PRIVATE_ORG_COLUMNS
from geo.registry import hsds
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.npo import read_npo
from geo.registry.validation import Reference
from tests.conftest import ROOT
from tests.test_npo_support import PURPOSE_TWO_LINES, number, portal_zip

SCHEMAS = ROOT.parent / "shared" / "standards" / "hsds-3.0" / "schema"
pytestmark = pytest.mark.skipif(
    not (SCHEMAS / "compiled" / "organization.json").is_file(),
    reason=f"the HSDS 3.0 schemas are not in {SCHEMAS}",
)


def _checker() -> FormatChecker:
    """The draft's format checks, with ``uri`` and ``date-time`` checked here too (their
    optional checkers are not installed)."""
    checker = FormatChecker()
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)

    def _uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value

    def _date_time(value: object) -> bool:
        return not isinstance(value, str) or bool(dt.datetime.fromisoformat(value))

    checker.checks("uri")(_uri)
    checker.checks("date-time", raises=ValueError)(_date_time)

    return checker


def _local(uri: str) -> Resource[Any]:
    """A schema file of the standard's folder; anything else is refused (no internet)."""
    path = SCHEMAS / Path(urlsplit(uri).path).name
    if urlsplit(uri).scheme or not path.is_file():
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    registry = Registry(retrieve=_local)  # type: ignore[call-arg]
    return Draft202012Validator(schema, registry=registry, format_checker=_checker())


@pytest.fixture(scope="module")
def compiled() -> Draft202012Validator:
    """``schema/compiled/organization.json``: what the export must validate against."""
    return _validator("compiled/organization.json")


def errors(validator: Draft202012Validator, objects: Sequence[dict[str, Any]]) -> list[str]:
    """Every schema error, as ``object index: path: message``."""
    return [
        f"{i}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for i, o in enumerate(objects)
        for e in validator.iter_errors(o)
    ]


def _round_trip(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(hsds.to_json(objects))
    return data


@pytest.fixture(scope="module")
def sample() -> gpd.GeoDataFrame:
    """The bundled sample organisations, as every page reads them."""
    return load_organisations()


@pytest.mark.parametrize("public", [True, False], ids=["public", "staff"])
def test_every_bundled_organisation_is_valid(
    compiled: Draft202012Validator, sample: gpd.GeoDataFrame, public: bool
) -> None:
    out = _round_trip(hsds.organizations(sample, YAMAGUCHI, load_fields(), public=public))
    assert len(out) == len(sample)
    assert errors(compiled, out) == []


def test_english_words_are_valid_too(
    compiled: Draft202012Validator, sample: gpd.GeoDataFrame
) -> None:
    out = hsds.organizations(sample.head(40), YAMAGUCHI, load_fields(), public=True, lang="en")
    assert errors(compiled, _round_trip(out)) == []
    assert out[0]["description"].startswith("[Sample (fictitious) data] An area council")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ja", "おおよその位置：所在地が地域までしか分からないため、{area}地域交流センターの位置"),
        (
            "en",
            "Approximate place: the address is known only to the area, so the point is"
            " that of the {area} community center",
        ),
    ],
)
def test_a_base_at_the_areas_center_says_it_is_approximate(
    compiled: Draft202012Validator, sample: gpd.GeoDataFrame, lang: str, said: str
) -> None:
    few = sample.head(6).assign(at_center=[True, False, True, False, False, False])
    out = _round_trip(hsds.organizations(few, YAMAGUCHI, load_fields(), public=True, lang=lang))
    assert errors(compiled, out) == []
    described = [o["locations"][0].get("description") for o in out]
    areas = [YAMAGUCHI.area(a) for a in few["area_id"]]
    names = [a.name_ja if lang == "ja" else a.name_en for a in areas]
    assert described == [
        said.format(area=names[0]),
        None,
        said.format(area=names[2]),
        None,
        None,
        None,
    ]


def test_services_and_nested_objects_validate_against_the_schema_files(
    sample: gpd.GeoDataFrame,
) -> None:
    """The uncompiled schemas, their ``$ref`` resolved from the folder."""
    out = _round_trip(hsds.organizations(sample.head(60), YAMAGUCHI, load_fields(), public=False))
    assert errors(_validator("organization.json"), out) == []
    services = [s for o in out for s in o["services"]]
    assert errors(_validator("service.json"), services) == []
    assert errors(_validator("compiled/service.json"), services) == []


def _all_ids(value: object) -> Iterator[tuple[str, str]]:
    """(key path tail, id) of every object with an ``id`` (taxonomy terms excluded: shared)."""
    if isinstance(value, dict):
        if "id" in value and "code" not in value:
            yield ("", str(value["id"]))
        for child in value.values():
            yield from _all_ids(child)
    elif isinstance(value, list):
        for child in value:
            yield from _all_ids(child)


def test_ids_are_stable_uuids_unique_in_the_export(sample: gpd.GeoDataFrame) -> None:
    first = hsds.organizations(sample, YAMAGUCHI, load_fields(), public=False)
    again = hsds.organizations(sample, YAMAGUCHI, load_fields(), public=False)
    assert first == again
    ids = [i for _, i in _all_ids(first)]
    assert len(ids) == len(set(ids))
    odono = next(o for o in first if o["name"] == "大殿地域づくり協議会")
    expected = uuid.uuid5(hsds.NAMESPACE, "35203/organization/council-odono")
    assert odono["id"] == str(expected) == "92b8a2bf-36ad-51d0-b984-c5b4969d0fed"
    assert uuid.UUID("894099eb-b6d9-43a8-9de5-62dfdd0c34eb") == hsds.NAMESPACE


def test_one_service_per_field_in_the_service_areas(sample: gpd.GeoDataFrame) -> None:
    catalog = load_fields()
    out = hsds.organizations(sample, YAMAGUCHI, catalog, public=True)
    for org, (_, row) in zip(out, sample.iterrows(), strict=True):
        codes = [s["attributes"][0]["taxonomy_term"]["code"] for s in org["services"]]
        assert codes == list(row["fields"])
        for service in org["services"]:
            areas = [a["uri"].rsplit(":", 1)[1] for a in service["service_areas"]]
            if row["service_areas"] == ("*",):
                assert areas == ["35203"]  # the whole city
            else:
                assert areas == list(row["service_areas"])
            if row["last_confirmed"] is not None:
                assert service["assured_date"] == row["last_confirmed"].isoformat()
        (location,) = org["locations"]
        assert (location["longitude"], location["latitude"]) == (
            round(row.geometry.x, 6),
            round(row.geometry.y, 6),
        )
        assert location["addresses"][0]["state_province"] == "山口県"
    terms = {t["code"]: t for t in hsds.taxonomy_terms(catalog)}
    assert set(catalog.codes) <= set(terms)
    assert terms["npo08"]["term_uri"] == "urn:kyodo-map:taxonomy:fields:npo08"
    assert terms["npo08"]["taxonomy_detail"]["uri"] == hsds.TAXONOMY_URI["fields"]


def test_associations_carry_their_attributes(sample: gpd.GeoDataFrame) -> None:
    row = sample[sample["kind"] == "association"].iloc[[0]]
    (org,) = hsds.organizations(row, YAMAGUCHI, load_fields(), public=True)
    by_code = {a["taxonomy_term"]["code"]: a.get("value") for a in org["attributes"]}
    assert by_code == {
        "kind.association": None,
        "sample": None,
        "jishubo": "true" if row["has_jishubo"].iloc[0] else "false",
        "households": str(row["households"].iloc[0]),
    }
    assert org["description"].startswith("【サンプル（架空）データ】")


PRIVATE = {
    "representative": "代表 太郎",
    "phone": "083-111-2222",
    "email": "daihyo@example.jp",
    "notes": "内部メモ",
    "purpose": "定款の目的",
}


def _with_private(sample: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    orgs = sample.head(5).copy()
    for column, value in PRIVATE.items():
        orgs[column] = value
    return orgs


def test_public_exports_hold_no_private_value(
    compiled: Draft202012Validator, sample: gpd.GeoDataFrame
) -> None:
    orgs = _with_private(sample)
    public = hsds.organizations(orgs, YAMAGUCHI, load_fields(), public=True)
    staff = hsds.organizations(orgs, YAMAGUCHI, load_fields(), public=False)
    public_text = hsds.to_json(public).decode()
    staff_text = hsds.to_json(staff).decode()
    assert [v for v in PRIVATE.values() if v in public_text] == []
    assert [v for v in PRIVATE.values() if v not in staff_text] == []
    assert all(o["contacts"] == [] for o in public)
    contact = staff[0]["contacts"][0]
    assert (contact["name"], contact["email"], contact["phones"][0]["number"]) == (
        "代表 太郎",
        "daihyo@example.jp",
        "083-111-2222",
    )
    assert errors(compiled, _round_trip(staff)) == []
    assert set(PRIVATE_ORG_COLUMNS) <= set(PRIVATE)


# --- after reading the national NPO file ----------------------------------------------


@pytest.fixture(scope="module")
def npo_orgs() -> gpd.GeoDataFrame:
    """The NPO法人 of the test file as the registry would hand them out after an import."""
    ref = Reference.load(None, YAMAGUCHI)
    reading = read_npo(portal_zip(), YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog)
    frame = pd.DataFrame([r.record for r in reading.records], columns=list(RECORD_COLUMNS))
    frame["org_id"] = [f"cg-{i:04d}" for i in range(1, len(frame) + 1)]
    orgs = validate_organisations(frame, "npo", ref.catalog, ref.outline, YAMAGUCHI)
    orgs["corporate_number"] = [r.corporate_number for r in reading.records]
    orgs["purpose"] = [r.purpose for r in reading.records]
    return orgs


def test_npo_records_export_valid_with_their_corporate_number(
    compiled: Draft202012Validator, npo_orgs: gpd.GeoDataFrame
) -> None:
    staff = _round_trip(hsds.organizations(npo_orgs, YAMAGUCHI, load_fields(), public=False))
    assert errors(compiled, staff) == []
    first = staff[0]
    assert first["organization_identifiers"][0]["identifier"] == number(1001)
    assert first["organization_identifiers"][0]["identifier_scheme"] == "JP-JCN"
    assert first["legal_status"] == "NPO法人"
    purposes = [a["value"] for a in first["attributes"] if a["taxonomy_term"]["code"] == "purpose"]
    assert purposes == [PURPOSE_TWO_LINES.replace("\r\n", "\n")]
    assert first["contacts"][0]["name"] == "山田　花子"
    assert [s["attributes"][0]["taxonomy_term"]["code"] for s in first["services"]] == [
        "npo02",
        "npo07",
        "npo13",
    ]
    public = _round_trip(hsds.organizations(npo_orgs, YAMAGUCHI, load_fields(), public=True))
    assert errors(compiled, public) == []
    text = json.dumps(public, ensure_ascii=False)
    assert "川辺の自然" not in text and "山田" not in text


def test_export_hsds_of_a_registry_is_a_valid_list(
    compiled: Draft202012Validator, tmp_path: Path, tiny_dir: Path
) -> None:
    from geo.registry.export import export_hsds
    from tests.support.registry_files import tiny_store

    with tiny_store(tmp_path, tiny_dir) as store:
        out = json.loads(export_hsds(store, public=True))
        assert [o["name"] for o in out] == [s.record["name"] for s in store.records()]
    assert errors(compiled, out) == []
    assert {o["locations"][0]["addresses"][0]["state_province"] for o in out} == {""}
    assert set(RECORD_COLUMNS) >= {"org_id"}


def test_the_registrys_export_after_an_npo_import_is_valid(
    compiled: Draft202012Validator, tmp_path: Path
) -> None:
    from geo.registry import Store
    from geo.registry.export import export_hsds
    from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
    from tests.test_npo_support import KANA

    with Store.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}") as store:
        reading = read_for(store, portal_zip(), name="gyousei_000.zip")
        apply_npo_plan(plan_against(reading, store), store, who="山田", retire_samples=True)
        staff = json.loads(export_hsds(store, public=False))
        public = json.loads(export_hsds(store, public=True))
    assert errors(compiled, staff) == [] and errors(compiled, public) == []
    (npo,) = [o for o in public if o.get("alternate_name") == KANA]
    assert npo["organization_identifiers"][0]["identifier"] == number(1001)
    assert npo["uri"].startswith("https://www.npo-homepage.go.jp/")
    assert npo["legal_status"] == "NPO法人"
    assert len([o for o in public if o["organization_identifiers"]]) == 3
    assert "川辺の自然" in json.dumps(staff, ensure_ascii=False)
    assert "川辺の自然" not in json.dumps(public, ensure_ascii=False)
