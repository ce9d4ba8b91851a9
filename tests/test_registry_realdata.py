"""The registry's columns for real lists: the 法人番号 (check digit), the name in kana, the
portal page and the purpose cleaned at the door; their headers; the source of each
organisation, also for registries made before (read from the audit trail)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from geo.errors import DataValidationError
from geo.model import CORPORATE_COLUMNS, ORG_SOURCES, PRIVATE_ORG_COLUMNS, PUBLIC_ORG_COLUMNS
from geo.registry.columns import IGNORE, RECORD_COLUMNS, match_header
from geo.registry.migrate import alembic_config
from geo.registry.values import Vocabulary, clean_cell
from tests.support.backends import Backend
from tests.support.registry_files import tiny_store
from tests.test_npo_support import number

TODAY = dt.date(2026, 11, 1)
VOCAB = Vocabulary({}, {})
LONG_PURPOSE = "目" * 5001


@pytest.mark.parametrize(
    ("column", "written", "stored", "code"),
    [
        ("corporate_number", number(1001), number(1001), None),
        ("corporate_number", "６０００ ０００ ００１ ００１", number(1001), None),
        ("corporate_number", "6-0000-0000-1001", number(1001), None),
        ("corporate_number", "1234567890123", "", "corporate_number"),
        ("corporate_number", "123", "", "corporate_number"),
        # a spreadsheet's number: written as a decimal, or in exponent form (digits lost)
        ("corporate_number", number(1001) + ".0", number(1001), None),
        ("corporate_number", "6.00000000E+12", "", "exponent_form"),
        ("corporate_number", "7.25E+12", "", "exponent_form"),
        ("corporate_number", "７.２５Ｅ＋１２", "", "exponent_form"),
        ("name_kana", "ヤマグチカワアソビノカイ", "ヤマグチカワアソビノカイ", None),
        ("name_kana", "ア\nイ", "", "control"),
        (
            "portal_url",
            "https://www.npo-homepage.go.jp/x/1",
            "https://www.npo-homepage.go.jp/x/1",
            None,
        ),
        ("portal_url", "javascript:alert(1)", "", "url"),
        ("portal_url", 'https://a.jp/"><script>', "", "url"),
        ("purpose", "一行目\r\n二行目", "一行目\n二行目", None),
        ("purpose", LONG_PURPOSE, "", "too_long"),
        ("purpose", "=1+1", "", "formula"),  # refused, as for any text
    ],
)
def test_cells_are_cleaned_at_the_door(
    column: str, written: str, stored: str, code: str | None
) -> None:
    value, found = clean_cell(column, written, VOCAB, today=TODAY)
    assert value == stored
    assert [f.code for f in found] == ([code] if code else [])


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("法人番号", "corporate_number"),
        ("法人名称カナ", "name_kana"),
        ("よみがな", "name_kana"),
        ("フリガナ", "name_kana"),
        ("法人情報URL", "portal_url"),
        ("法人情報ＵＲＬ", "portal_url"),
        ("定款に記載された目的", "purpose"),
        # as the app's own filter and tables name the base area
        ("拠点の地域", "area_id"),
        ("拠点地域", "area_id"),
    ],
)
def test_the_headers_of_real_lists(header: str, column: str) -> None:
    assert match_header(header) == column


@pytest.mark.parametrize(
    ("header", "column"),
    [
        # notes that staff write into a header: the column is the same
        ("団体名（必須）", "name"),
        ("【必須】団体名", "name"),
        ("団体名[必須]", "name"),
        ("団体名 ※必須", "name"),
        ("※団体名", "name"),
        ("団体名*", "name"),
        ("★団体名", "name"),
        ("団体名（必須）（全角）", "name"),
        ("活動分野\n（複数可）", "fields"),
        ("活動分野（番号）", "fields"),
        ("活動地域（複数可）", "service_areas"),
        ("所在地（住所）", "address"),
        ("世帯数（R6.4.1現在）", "households"),
        ("最終確認日(yyyy/mm/dd)", "last_confirmed"),
        ("緯度（世界測地系）", "lat"),
        ("電話番号（日中）", "phone"),
        ("No.（自動）", IGNORE),
        ("法人名称カナ（必須）", "name_kana"),
        ("【必須】法人名称カナ", "name_kana"),
        ("法人番号（13桁）", "corporate_number"),  # (an alias as it is)
        # a note that makes it the name's reading
        ("団体名（ふりがな）", "name_kana"),
        ("団体名（フリガナ）", "name_kana"),
        ("団体名※ふりがな", "name_kana"),
        # notes that make it another thing: not read (the dry run names it)
        ("代表者（ふりがな）", None),
        ("所在地（郵便番号）", None),
        ("所在地（〒）", None),
        ("電話（FAX）", None),
        ("電話番号(ファクス)", None),
        ("代表者（役職）", None),
        ("団体名（旧名称）", None),
        ("団体名※旧名称", None),
        ("団体名（英語）", None),
        # only a note, or a note on an unknown header
        ("（必須）", None),
        ("※", None),
        ("*", None),
        ("会員数（人）", None),
    ],
)
def test_a_header_with_a_note_is_the_column_it_names(header: str, column: str | None) -> None:
    assert match_header(header) == column


def test_the_columns_are_public_or_private() -> None:
    assert set(CORPORATE_COLUMNS) <= set(RECORD_COLUMNS)
    assert {"corporate_number", "name_kana", "portal_url"} <= set(PUBLIC_ORG_COLUMNS)
    assert "purpose" in PRIVATE_ORG_COLUMNS and "purpose" not in PUBLIC_ORG_COLUMNS
    assert "npo_portal" in ORG_SOURCES


def test_organisations_remember_where_they_came_from(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        record = {**store.get("g-1").record, "org_id": "g-9", "name": "画面の会"}
        store.add(record, who="山田")
        sources = {s.org_id: s.source for s in store.records()}
    assert sources["g-9"] == "form"
    assert {s for i, s in sources.items() if i != "g-9"} == {"seed"}


def test_a_registry_of_revision_0003_gets_its_sources_from_the_audit(
    tmp_path: Path, tiny_dir: Path
) -> None:
    with tiny_store(tmp_path, tiny_dir) as store:
        record = {**store.get("g-1").record, "org_id": "g-9", "name": "画面の会"}
        store.add(record, who="山田")
        path = store.database_path
        expected = {s.org_id: s.source for s in store.records(include_retired=True)}
    assert path is not None
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to revision 0003: the columns of 0004 dropped
        conn.exec_driver_sql("DROP INDEX ux_organization_corporate_number")
        for column in ("corporate_number", "name_kana", "portal_url", "purpose", "source"):
            conn.exec_driver_sql(f"ALTER TABLE organization DROP COLUMN {column}")
        conn.exec_driver_sql("DROP TABLE login_throttle")  # of revision 0005
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    engine.dispose()
    with tiny_store(tmp_path, tiny_dir) as store:
        assert {s.org_id: s.source for s in store.records(include_retired=True)} == expected
        assert expected["g-9"] == "form" and expected["g-1"] == "seed"


def test_a_corporate_number_is_unique_in_a_city_when_set(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        first = {**store.get("g-1").record, "corporate_number": number(1001)}
        store.edit("g-1", first, expected_version=1, who="山田")
        second = {**store.get("g-2").record, "corporate_number": number(1001)}
        with pytest.raises(DataValidationError) as info:
            store.edit("g-2", second, expected_version=1, who="山田")
        assert [(p.code, p.params) for p in info.value.problems] == [
            ("number_taken", {"org_id": "g-1"})
        ]
        update = sa.text(
            "UPDATE organization SET corporate_number = :n WHERE jis_code = :j AND id = 'g-2'"
        )
        # the index holds even past the check
        with store.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError):
            conn.execute(update, {"n": number(1001), "j": store.jis_code})
        assert store.get("g-2").record["corporate_number"] == ""
