"""The representative and the purpose of an imported NPO法人 are staff-only: they are in the
registry and in every staff view and export, and in no public view, export or kiosk screen
(which do carry the public 法人番号, name in kana and portal page)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.public import public_organisations
from geo.registry import Store
from geo.registry.export import export_csv, export_geojson, export_hsds
from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
from geo.settings import env_name, load_settings
from tests.conftest import ROOT
from tests.test_kiosk import query_box
from tests.test_npo_support import KANA, number, portal_zip
from tests.test_registry_pages import HASH, SCRIPT, _login

NAME = "特定非営利活動法人やまぐち川あそびの会"
#: What the test file says of its first NPO法人 that only staff may see.
STAFF_ONLY = {"representative": "山田　花子", "purpose": "川辺の自然を守る活動"}
#: What it says that everyone may see.
PUBLIC = {"corporate_number": number(1001), "name_kana": KANA}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The registry the app reads, after importing the test file."""
    for name in ("registry", "database_url", "kiosk", "data_dir", "city"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))
    with Store.open(load_settings().registry_url) as opened:
        reading = read_for(opened, portal_zip(), name="gyousei_000.zip")
        apply_npo_plan(plan_against(reading, opened), opened, who="山田")
        yield opened


def _has(text: str, values: dict[str, str]) -> dict[str, bool]:
    return {column: value in text for column, value in values.items()}


def test_the_staff_frame_has_them_and_the_public_frame_does_not(store: Store) -> None:
    staff = store.read_organisations()
    row = staff[staff["name"] == NAME].iloc[0]
    assert STAFF_ONLY["purpose"] in row["purpose"]
    assert row["representative"] == STAFF_ONLY["representative"]
    public = public_organisations(staff)
    assert {"purpose", "representative"}.isdisjoint(public.columns)
    shown = public[public["name"] == NAME].iloc[0]
    assert (shown["corporate_number"], shown["name_kana"]) == (PUBLIC["corporate_number"], KANA)
    assert shown["portal_url"].startswith("https://")


@pytest.mark.parametrize("fmt", ["csv", "geojson", "hsds"])
def test_exports_carry_them_for_staff_only(store: Store, fmt: str) -> None:
    def export(public: bool) -> str:
        if fmt == "csv":
            data = export_csv(store, public=public, japanese_headers=True)
        elif fmt == "geojson":
            data = export_geojson(store, public=public)
        else:
            data = export_hsds(store, public=public)
        return data.decode("utf-8-sig")

    staff, public = export(False), export(True)
    assert _has(staff, STAFF_ONLY) == dict.fromkeys(STAFF_ONLY, True)
    assert _has(public, STAFF_ONLY) == dict.fromkeys(STAFF_ONLY, False)
    assert _has(public, PUBLIC) == dict.fromkeys(PUBLIC, True)
    if fmt == "csv":
        frame = pd.read_csv(io.StringIO(public), dtype=str, keep_default_na=False)
        assert "定款に記載された目的" not in frame.columns and "法人番号" in frame.columns
    if fmt == "hsds":
        (org,) = [o for o in json.loads(public) if o["name"] == NAME]
        assert org["alternate_name"] == KANA and org["uri"].startswith("https://")


def _texts(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "button"):
        parts += [str(getattr(e, "value", "") or getattr(e, "label", "")) for e in at.get(kind)]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


def test_the_kiosk_never_shows_them(store: Store) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["kiosk"] = "1"
    at.run()
    at.button(key="kiosk.start.search").click().run()
    query_box(at).input("川あそび").run()
    (org,) = [s for s in store.records() if s.record["name"] == NAME]
    at.button(key=f"kiosk.org.{org.org_id}").click().run()
    assert not at.exception, at.exception
    body = _texts(at)
    assert NAME in body
    assert _has(body, STAFF_ONLY) == dict.fromkeys(STAFF_ONLY, False)


def test_the_staff_edit_page_shows_them(store: Store) -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.secrets["kyodo"] = {"editor_password_hash": HASH}
    at.run()
    _login(at)
    at.switch_page(str(ROOT / "pages" / "edit.py")).run()
    (org,) = [s for s in store.records() if s.record["name"] == NAME]
    at.selectbox(key="edit.pick").set_value(org.org_id).run()
    assert not at.exception, at.exception
    areas = {a.value or "" for a in at.text_area}
    inputs = {i.value for i in at.text_input}
    assert any(STAFF_ONLY["purpose"] in v for v in areas)
    assert STAFF_ONLY["representative"] in inputs and PUBLIC["corporate_number"] in inputs
