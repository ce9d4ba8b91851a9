"""Templates: the importer's own headers, drop-down lists of the city's areas and fields,
a notes sheet the reader skips, and a filled template that imports without edits."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from geo.fields import FieldCatalog
from geo.io import load_fields
from geo.registry.columns import IGNORE, match_header
from geo.registry.importer import plan_import, read_bytes
from geo.registry.readers import NOTES_SHEETS
from geo.registry.store import Store
from geo.registry.templates import TEMPLATES, example_row, template_csv, template_xlsx
from tests.support.registry_files import civic_rows, tiny_store, xlsx_bytes
from tests.support.tinycity import TINY

KEYS = sorted(TEMPLATES)


@pytest.fixture(scope="module")
def catalog(tiny_dir: Path) -> FieldCatalog:
    return load_fields(tiny_dir)


@pytest.fixture
def store(tmp_path: Path, tiny_dir: Path) -> Iterator[Store]:
    with tiny_store(tmp_path, tiny_dir) as opened:
        yield opened


#: What staff write into each template (by header), as they would type it.
FILLED: dict[str, list[dict[str, Any]]] = {
    "associations": [
        {
            "団体名": "北西一丁目自治会",
            "地域": "北西",
            "所在地": "テスト市北西町1-2",
            "世帯数": 85,
            "自主防災組織": "有",
            "活動分野": "防災・減災、環境美化",
            "法人格": "認可地縁団体",
            "代表者": "北西 一郎",
            "電話": "0830000000",
            "最終確認日": "2025/4/1",
        },
        {"団体名": "南東自治会", "所在地": "テスト市南東町", "活動分野": "環境美化"},
    ],
    "civic_groups": [
        {
            "団体名": "子ども食堂ひまわり",
            "活動分野": "子どもの健全育成、子育て支援",
            "地域": "北東",
            "活動地域": "北東、南東",
            "所在地": "テスト市北東町3",
            "法人格": "NPO法人",
            "メール": "himawari@example.jp",
        },
        {"団体名": "全市の会", "活動分野": "8", "活動地域": "全市", "所在地": "テスト市南西町"},
    ],
    "council_committees": [
        {
            "団体名": "サンプルc-nw",
            "地域": "北西",
            "活動分野": "まちづくり、防災・減災、高齢者の見守り・福祉",
            "備考": "防災部会、福祉部会",
        },
    ],
}


def _workbook(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _fill(data: bytes, rows: Sequence[dict[str, Any]]) -> bytes:
    """The template with ``rows`` typed into its list, as staff would."""
    book = _workbook(data)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for n, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=n, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("key", KEYS)
def test_headers_are_the_importers_own(key: str) -> None:
    template = TEMPLATES[key]
    columns = [match_header(h) for h in template.headers]
    assert columns == list(template.columns)
    assert IGNORE not in columns and None not in columns
    assert {"name", "fields"} <= set(template.required) <= set(template.columns)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_filled_template_imports_without_edits(
    store: Store, catalog: FieldCatalog, key: str, lang: str
) -> None:
    template = TEMPLATES[key]
    data = _fill(template_xlsx(template, TINY, catalog, lang=lang), FILLED[key])
    table = read_bytes(data, template.filename("xlsx"))
    plan = plan_import(table, template.import_kind, store, retire_missing=False)
    assert [str(p) for p in plan.problems] == []
    summary = plan.summary()
    if key == "council_committees":
        (row,) = plan.rows
        assert (row.action, row.record["org_id"]) == ("change", "c-nw")
        assert row.record["fields"] == "npo03;bousai;mimamori"
        assert row.record["notes"] == "防災部会、福祉部会"
    else:
        assert summary["added"] == len(FILLED[key])
    if key == "associations":
        first = plan.rows[0].record
        assert (first["households"], first["has_jishubo"], first["phone"]) == (
            "85",
            "true",
            "0830000000",
        )
        assert first["legal_form"] == "authorized" and first["last_confirmed"] == "2025-04-01"


@pytest.mark.parametrize("key", KEYS)
def test_the_csv_template_imports_without_edits(store: Store, key: str) -> None:
    template = TEMPLATES[key]
    data = template_csv(template)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").strip() == ",".join(template.headers)
    lines = [
        ",".join(str(row.get(h, "")).replace(",", "") for h in template.headers)
        for row in FILLED[key]
    ]
    filled = data + "\r\n".join(lines).encode("utf-8") + b"\r\n"
    plan = plan_import(
        read_bytes(filled, "list.csv"), template.import_kind, store, retire_missing=False
    )
    assert [str(p) for p in plan.problems] == []
    assert len(plan.rows) == len(FILLED[key])


def test_councils_filled_in_from_the_registry_import_as_they_are(
    store: Store, catalog: FieldCatalog
) -> None:
    template = TEMPLATES["council_committees"]
    councils = [dict(s.record) for s in store.records(kind="council")]
    for data, name in (
        (template_xlsx(template, TINY, catalog, rows=councils), "councils.xlsx"),
        (template_csv(template, councils), "councils.csv"),
    ):
        plan = plan_import(read_bytes(data, name), template.import_kind, store)
        assert [str(p) for p in plan.problems] == []
        assert not plan.has_changes, plan.summary()


def _range_values(book: Workbook, formula: str) -> list[str]:
    sheet_name, cells = formula.rsplit("!", 1)
    sheet = book[sheet_name.strip("'").replace("''", "'")]
    return [str(c[0].value) for c in sheet[cells.replace("$", "")]]


@pytest.mark.parametrize("key", KEYS)
def test_drop_down_lists_hold_the_areas_and_fields(catalog: FieldCatalog, key: str) -> None:
    template = TEMPLATES[key]
    book = _workbook(template_xlsx(template, TINY, catalog))
    sheet = book.worksheets[0]
    by_column = {}
    for rule in sheet.data_validations.dataValidation:
        (cells,) = str(rule.sqref).split()
        column = template.columns[sheet[cells.split(":")[0]].column - 1]
        by_column[column] = rule
        assert rule.prompt  # every column explains itself
    assert set(by_column) == set(template.columns)
    areas = [a.name_ja for a in TINY.areas]
    assert _range_values(book, by_column["area_id"].formula1) == areas
    assert by_column["area_id"].errorStyle in (None, "stop")
    fields = _range_values(book, by_column["fields"].formula1)
    assert fields == [f.short_ja for f in catalog.fields]
    assert by_column["fields"].errorStyle == "information"  # several fields may be typed
    if "service_areas" in by_column:
        assert _range_values(book, by_column["service_areas"].formula1) == ["全市", *areas]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_notes_sheet_explains_every_column_with_an_example(
    catalog: FieldCatalog, key: str, lang: str
) -> None:
    template = TEMPLATES[key]
    book = _workbook(template_xlsx(template, TINY, catalog, lang=lang))
    assert len(book.worksheets) == 2
    data, notes = book.worksheets
    assert notes.title in NOTES_SHEETS and data.title not in NOTES_SHEETS
    assert [c.value for c in data[1]] == template.headers
    assert data.max_row == 1  # no row to import by mistake
    rows = [[c for c in r if c is not None] for r in notes.iter_rows(values_only=True)]
    header_at = rows.index(template.headers)
    example = [str(v) for v in rows[header_at + 1]]
    expected = [v for v in example_row(template, TINY, catalog, lang).values() if v]
    assert example == expected
    assert example[0].startswith(("（記入例）", "(Example)"))
    explained = {r[0] for r in rows if len(r) == 3}
    assert set(template.headers) <= explained


@pytest.mark.parametrize("key", KEYS)
def test_no_cell_is_a_formula(catalog: FieldCatalog, key: str) -> None:
    template = TEMPLATES[key]
    tricky = [{"org_id": "=1+1", "name": "@会", "notes": "+81"}]
    data = template_xlsx(template, TINY, catalog, rows=tricky)
    for sheet in _workbook(data).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    text = template_csv(template, tricky).decode("utf-8-sig")
    assert "'=1+1" in text and "'@会" in text and "'+81" in text


def test_a_workbook_with_a_notes_or_memo_sheet_reads_its_list() -> None:
    for title in sorted(NOTES_SHEETS):
        data = xlsx_bytes(civic_rows(2))
        book = _workbook(data)
        book.create_sheet(title).append(["説明"])
        book.move_sheet(title, offset=-1)  # even before the list
        buffer = io.BytesIO()
        book.save(buffer)
        table = read_bytes(buffer.getvalue(), "list.xlsx")
        assert (table.problems, len(table.rows)) == ((), 2)
    # beside a memo or a summary, the one sheet whose header names the groups is read
    memo: list[list[object]] = [["令和6年度 集計"], [], ["地域", "団体数"], ["湯田", 3]]
    table = read_bytes(xlsx_bytes(civic_rows(2), extra_sheet=memo), "list.xlsx")
    assert (table.problems, len(table.rows)) == ((), 2)
    assert (table.sheet, table.sheets_passed_over) == ("団体", ("メモ",))
    # two such lists are refused: one list per file
    other = read_bytes(xlsx_bytes(civic_rows(1), extra_sheet=civic_rows(1)), "list.xlsx")
    assert other.problems[0].code == "sheets"
