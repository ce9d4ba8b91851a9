"""AppTest of the real lists on the 取り込み page: data status with who, the national
NPO法人 file imported in one step, templates that come back through the page's own
upload, and the HSDS export."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from geo.registry import Store
from geo.registry.columns import IMPORT_KINDS
from geo.settings import env_name, load_settings
from geo.words import MESSAGES
from tests.test_npo_support import number, portal_csv, portal_zip
from tests.test_registry_pages import HASH, SCRIPT, _login
from ui.realdata import template_bytes

ADDRESS = "山口市湯田温泉5-5-50"


def ja(key: str, **values: object) -> str:
    return MESSAGES[key]["ja"].format(**values)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    for name in ("registry", "database_url", "kiosk", "data_dir", "city"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))
    with Store.open(load_settings().registry_url) as opened:
        yield opened


@pytest.fixture
def at(store: Store) -> AppTest:
    """The import page, signed in."""
    app = AppTest.from_string(SCRIPT, default_timeout=60)
    app.secrets["kyodo"] = {"editor_password_hash": HASH}
    app.run()
    return _login(app)


def _upload(at: AppTest, key: str, name: str, data: bytes) -> AppTest:
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _status(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if ja("datastatus.col.who") in d.value.columns)


def test_the_npo_file_is_imported_in_one_step(at: AppTest, store: Store) -> None:
    assert _status(at)[ja("datastatus.col.last_import")].tolist() == [ja("datastatus.never")] * 4
    _upload(at, "npo.file", "gyousei_000.zip", portal_zip())
    metrics = _metrics(at)
    assert metrics[ja("npo.summary.added")] == "3"
    assert metrics[ja("npo.summary.outside")] == "3"
    assert metrics[ja("npo.summary.unplaced")] == "1"
    assert ja("realdata.npo.as_of", file="gyousei_000.zip", day="2026-10-04") in [
        t.value for t in at.text
    ]
    added = next(d.value for d in at.dataframe if ja("realdata.col.number") in d.value.columns)
    assert added[ja("realdata.col.number")].tolist()[0] == number(1001)
    at.checkbox(key="npo.retire_samples").check().run()
    at.button(key="npo.go").click().run()
    assert not at.exception, at.exception
    done = ja("realdata.npo.done", added=3, changed=0, reactivated=0, retired=342)
    assert done in [s.value for s in at.success]
    status = _status(at)
    assert status[ja("datastatus.col.real")].tolist() == [0, 0, 3, 3]
    assert status[ja("datastatus.col.sample")].tolist() == [21, 621, 0, 0]
    assert status[ja("datastatus.col.who")].tolist()[3] == "山田"
    assert status[ja("datastatus.col.file")].tolist()[3] == "gyousei_000.zip"
    assert store.audit(1)[0].action == "import-npo"
    _upload(at, "npo.file", "gyousei_000.csv", portal_csv())  # the same, as CSV
    assert ja("realdata.npo.nothing") in [i.value for i in at.info]
    assert at.button(key="npo.go").disabled


def test_a_stale_npo_plan_is_not_imported(at: AppTest, store: Store) -> None:
    _upload(at, "npo.file", "gyousei_000.zip", portal_zip())
    org = store.get("cg-0001")
    store.edit("cg-0001", {**org.record, "notes": "別の人"}, expected_version=1, who="他")
    at.button(key="npo.go").click().run()
    assert ja("staff.import.changed_meanwhile") in [w.value for w in at.warning]
    assert not any(s.record["corporate_number"] for s in store.records())


def test_an_unreadable_npo_file_lists_its_problem(at: AppTest) -> None:
    _upload(at, "npo.file", "other.csv", "団体名,活動分野\n".encode())
    reasons = next(d.value for d in at.dataframe if ja("staff.col.reason") in d.value.columns)
    assert "60" in reasons[ja("staff.col.reason")].iloc[0]
    assert not [b for b in at.button if b.key == "npo.go"]


def _filled_xlsx(data: bytes, rows: list[dict[str, Any]], *, start: int = 2) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for n, row in enumerate(rows, start=start):
        for header, value in row.items():
            sheet.cell(row=n, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _filled_csv(data: bytes, rows: list[dict[str, Any]]) -> bytes:
    headers = data.decode("utf-8-sig").splitlines()[0].split(",")
    lines = [",".join(str(row.get(h, "")) for h in headers) for row in rows]
    return data + ("\r\n".join(lines) + "\r\n").encode("utf-8")


FILLED: dict[str, tuple[str, dict[str, Any]]] = {
    "associations": (
        "associations",
        {
            "団体名": "湯田一区自治会",
            "地域": "湯田",
            "所在地": ADDRESS,
            "世帯数": 120,
            "自主防災組織": "有",
            "活動分野": "防災・減災",
        },
    ),
    "civic_groups": (
        "civic_groups",
        {
            "団体名": "子ども食堂ひまわり",
            "活動分野": "子どもの健全育成、子育て支援",
            "地域": "湯田",
            "所在地": ADDRESS,
            "法人番号": number(8008),
        },
    ),
}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("key", sorted(FILLED))
def test_a_filled_template_comes_back_through_the_page(
    at: AppTest, store: Store, key: str, fmt: str
) -> None:
    kind, row = FILLED[key]
    blank = template_bytes(key, fmt, store.reference, lang_="ja", url=store.url)
    data = _filled_xlsx(blank, [row]) if fmt == "xlsx" else _filled_csv(blank, [row])
    at.radio(key="import.kind").set_value(kind).run()
    _upload(at, "import.file", f"list.{fmt}", data)
    metrics = _metrics(at)
    assert metrics[ja("staff.import.added")] == "1"
    assert metrics[ja("staff.import.invalid")] == "0"
    at.button(key="import.go").click().run()
    assert not at.exception, at.exception
    names = {s.record["name"] for s in store.records(kind=IMPORT_KINDS[kind])}
    assert row["団体名"] in names


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_council_template_comes_filled_in_and_back(at: AppTest, store: Store, fmt: str) -> None:
    data = template_bytes("council_committees", fmt, store.reference, lang_="ja", url=store.url)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        first = [c.value for c in sheet[2]]
        assert "大殿" in first and "大殿地域づくり協議会" in first  # names, not codes
        data = _filled_xlsx(data, [{"活動分野": "防災・減災、まちづくり"}])
    at.radio(key="import.kind").set_value("councils").run()
    at.checkbox(key="import.retire_samples").check().run()
    _upload(at, "import.file", f"councils.{fmt}", data)
    metrics = _metrics(at)
    assert metrics[ja("staff.import.invalid")] == "0"
    assert metrics[ja("staff.import.retired")] == "0"
    assert metrics[ja("staff.import.changed")] == "21"  # every council becomes real
    at.button(key="import.go").click().run()
    assert not at.exception, at.exception
    councils = store.records(kind="council")
    assert {s.record["is_sample"] for s in councils} == {"false"}
    if fmt == "xlsx":
        assert councils[0].record["fields"] == "bousai;npo03"
    banner = [w.value for w in at.warning if "サンプル" in w.value]
    assert banner == []  # the import page draws no public banner


def test_the_templates_and_the_hsds_export_are_offered(at: AppTest) -> None:
    keys = {b.proto.id for b in at.get("download_button")}
    assert len(keys) >= 7  # three templates in two formats, and the export
    at.radio(key="export.format").set_value("hsds").run()
    assert not at.exception, at.exception
