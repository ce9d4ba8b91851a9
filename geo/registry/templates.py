"""Templates to collect the real lists: 自治会・町内会, 市民活動団体, 協議会の部会.

Each template is an Excel workbook of two sheets — the list (headers only, or rows given
by the caller) and a notes sheet (:data:`geo.registry.readers.NOTES_SHEETS`, skipped by
the importer) with an example row, what each column holds and the values of the
drop-down lists — or the same headers as CSV (UTF-8 with BOM). The headers are the
importer's own (:data:`geo.registry.columns.LABELS`), so a filled template imports
without edits: ``python -m geo.registry import FILE --kind`` :attr:`Template.import_kind`.

協議会の部会: the registry keeps each 地域づくり協議会 as one organisation whose fields of
activity are those of its sub-committees (the coverage counts the area's council in a
field when it has a 部会 in it). So the 部会 template is a list of the councils, one row
each, with the fields of its 部会 under 活動分野 and their names under 備考; it is
imported as ``--kind councils`` and updates each council matched by name (or 団体ID).
Passing the registry's councils as ``rows`` fills the names and ids in.

Drop-down lists: 地域 (the city's areas, one of them), 活動地域 (全市 and the areas) and
活動分野 (the short names of the fields) — the last two accept several values separated
by 、, so a value outside the list only draws a note; 法人格 and 自主防災組織 from the
words the importer accepts; 世帯数 a whole number.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geo.city import CityConfig
from geo.export import FORMULA_START
from geo.fields import FieldCatalog
from geo.model import CITYWIDE
from geo.registry.columns import LABELS
from geo.words import has, text

#: Rows of the list that carry the drop-down lists and formats.
ROWS = 1000
CITYWIDE_WORD = "全市"


@dataclass(frozen=True)
class Template:
    """One template.

    Attributes
    ----------
    key
        ``associations``, ``civic_groups`` or ``council_committees``.
    import_kind
        The ``--kind`` to import a filled template with.
    columns
        Registry columns, in the order of the sheet.
    required
        Columns that must be filled in.
    legal_forms
        The legal forms offered in the drop-down list.
    """

    key: str
    import_kind: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    legal_forms: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        """The Japanese headers, as the importer reads them."""
        return [LABELS[c] for c in self.columns]

    def filename(self, suffix: str) -> str:
        """File name of the download, e.g. ``template-associations.xlsx``."""
        return f"template-{self.key}.{suffix}"


CONTACT = ("representative", "phone", "email")
TEMPLATES: Mapping[str, Template] = {
    t.key: t
    for t in (
        Template(
            "associations",
            "associations",
            (
                "org_id",
                "name",
                "area_id",
                "address",
                "households",
                "has_jishubo",
                "fields",
                "legal_form",
                *CONTACT,
                "last_confirmed",
                "notes",
            ),
            ("name", "fields"),
            ("任意団体", "認可地縁団体"),
        ),
        Template(
            "civic_groups",
            "civic_groups",
            (
                "org_id",
                "name",
                "fields",
                "area_id",
                "service_areas",
                "address",
                "legal_form",
                "corporate_number",
                *CONTACT,
                "last_confirmed",
                "notes",
            ),
            ("name", "fields"),
            ("任意団体", "NPO法人", "一般社団法人", "一般財団法人"),
        ),
        Template(
            "council_committees",
            "councils",
            ("org_id", "name", "area_id", "fields", "address", *CONTACT, "last_confirmed", "notes"),
            ("name", "fields"),
        ),
    )
}


def _how(template: Template, column: str, city: CityConfig, lang: str) -> str:
    """What a column holds and how to write it."""
    special = f"template.col.{column}.{template.key}"
    key = special if has(special) else f"template.col.{column}"
    return text(key, lang, city=city.name_ja)


def _choices(city: CityConfig, catalog: FieldCatalog) -> dict[str, list[str]]:
    """The drop-down lists: areas, areas served, fields."""
    areas = [a.name_ja for a in city.areas]
    return {
        "areas": areas,
        "service_areas": [CITYWIDE_WORD, *areas],
        "fields": [f.short_ja for f in catalog.fields],
    }


def example_row(
    template: Template, city: CityConfig, catalog: FieldCatalog, lang: str
) -> dict[str, str]:
    """The example shown on the notes sheet, by registry column."""
    fields = [f.short_ja for f in catalog.fields][:2]
    area = city.areas[0].name_ja
    values = {
        "name": text(f"template.example.name.{template.key}", lang),
        "fields": "、".join(fields),
        "area_id": area,
        "service_areas": f"{area}、{city.areas[1].name_ja}" if len(city.areas) > 1 else area,
        "legal_form": template.legal_forms[0] if template.legal_forms else "任意団体",
        "households": "120",
        "has_jishubo": "有",
        "last_confirmed": "2025/4/1",
        "address": text("template.example.address", lang, city=city.name_ja),
        "representative": text("template.example.representative", lang),
        "phone": text("template.example.phone", lang),
    }
    if template.key == "council_committees":
        values["notes"] = text("template.example.notes.council_committees", lang)
    return {c: values.get(c, "") for c in template.columns}


def readable_rows(
    records: Sequence[Mapping[str, str]], city: CityConfig, catalog: FieldCatalog
) -> list[dict[str, str]]:
    """Registry records as staff read them in a template: areas and fields by their
    Japanese names (separated by 、), 全市 for the whole city; they import back unchanged.

    Parameters
    ----------
    records
        Canonical records (e.g. the registry's councils).
    city, catalog
        The city's areas and the fields of activity.
    """
    areas = {a.area_id: a.name_ja for a in city.areas}
    areas[CITYWIDE] = CITYWIDE_WORD
    shorts = {f.code: f.short_ja for f in catalog.fields}

    def names(cell: str, words: Mapping[str, str]) -> str:
        return "、".join(words.get(c, c) for c in cell.split(";") if c)

    return [
        {
            **record,
            "area_id": areas.get(record.get("area_id", ""), record.get("area_id", "")),
            "service_areas": names(record.get("service_areas", ""), areas),
            "fields": names(record.get("fields", ""), shorts),
        }
        for record in records
    ]


def _safe(value: str) -> str:
    """A cell's text that no spreadsheet runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def template_csv(template: Template, rows: Sequence[Mapping[str, str]] = ()) -> bytes:
    """The template as CSV (UTF-8 with BOM): the headers, and ``rows`` when given.

    Parameters
    ----------
    template
        One of :data:`TEMPLATES`.
    rows
        Rows to fill in, by registry column (e.g. the registry's councils).
    """
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(template.headers)
    for row in rows:
        writer.writerow([_safe(row.get(c, "")) for c in template.columns])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(
    template: Template,
    city: CityConfig,
    catalog: FieldCatalog,
    *,
    lang: str = "ja",
    rows: Sequence[Mapping[str, str]] = (),
) -> bytes:
    """The template as an Excel workbook: the list and its notes sheet.

    Parameters
    ----------
    template
        One of :data:`TEMPLATES`.
    city
        The city (areas of the drop-down lists, the example).
    catalog
        The fields of activity (the drop-down list).
    lang
        Language of the notes (``ja`` or ``en``); the headers stay Japanese.
    rows
        Rows to fill in, by registry column (e.g. the registry's councils).
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = text("template.sheet.data", lang)
    notes = book.create_sheet(text("template.sheet.notes", lang))
    _list_sheet(sheet, template, rows)
    lists = _notes_sheet(notes, template, city, catalog, lang)
    _validations(sheet, template, lists, city, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _list_sheet(sheet: Any, template: Template, rows: Sequence[Mapping[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append(template.headers)
    for row in rows:
        sheet.append([_safe(row.get(c, "")) for c in template.columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    wide = {"name": 32, "address": 32, "fields": 36, "notes": 30, "service_areas": 24}
    for i, column in enumerate(template.columns, start=1):
        dimension = sheet.column_dimensions[_letter(i)]
        dimension.width = wide.get(column, 14)
        if column in ("org_id", "phone", "last_confirmed", "corporate_number"):
            dimension.number_format = "@"  # kept as written: leading zeros, dates as typed
        for cell in sheet[_letter(i)][1:]:
            cell.number_format = dimension.number_format


def _intro(template: Template, city: CityConfig, lang: str) -> list[str]:
    """The lines at the top of the notes sheet."""
    kind = text(f"template.kind.{template.key}", lang)
    data_sheet = text("template.sheet.data", lang)
    return [
        text("template.title", lang, kind=kind, city=city.name_ja),
        text("template.intro.rows", lang, sheet=data_sheet),
        *(
            [text("template.intro.council_committees", lang)]
            if template.key == "council_committees"
            else []
        ),
        text("template.intro.notes_sheet", lang, sheet=text("template.sheet.notes", lang)),
        text(
            "template.intro.import",
            lang,
            kind=text(f"staff.kind.{template.import_kind}", lang),
            import_kind=template.import_kind,
        ),
        text("template.intro.full_list", lang, retire=text("staff.import.retire_missing", lang)),
    ]


def _notes_sheet(
    notes: Any, template: Template, city: CityConfig, catalog: FieldCatalog, lang: str
) -> dict[str, str]:
    """Write the notes sheet; return each drop-down list's cell range on it."""
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    for line in _intro(template, city, lang):
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.append([])
    notes.append([text("template.example_title", lang)])
    notes.cell(row=notes.max_row, column=1).font = bold
    notes.append(template.headers)
    for cell in notes[notes.max_row]:
        cell.font = bold
    example = example_row(template, city, catalog, lang)
    notes.append([_safe(example[c]) for c in template.columns])
    grey = PatternFill("solid", fgColor="EEEEEE")
    for cell in notes[notes.max_row]:
        cell.fill = grey
        cell.font = Font(italic=True, color="555555")
    notes.append([])
    notes.append([text("template.columns_title", lang)])
    notes.cell(row=notes.max_row, column=1).font = bold
    notes.append([text(f"template.head.{h}", lang) for h in ("column", "required", "how")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for column in template.columns:
        required = "yes" if column in template.required else "no"
        notes.append(
            [
                LABELS[column],
                text(f"template.required.{required}", lang),
                _how(template, column, city, lang),
            ]
        )
        notes.cell(row=notes.max_row, column=3).alignment = Alignment(wrap_text=True)
    notes.append([])
    notes.append([text("template.lists_title", lang)])
    notes.cell(row=notes.max_row, column=1).font = bold
    return _list_columns(notes, city, catalog, lang)


def _list_columns(notes: Any, city: CityConfig, catalog: FieldCatalog, lang: str) -> dict[str, str]:
    from openpyxl.styles import Font

    top = notes.max_row + 1
    ranges: dict[str, str] = {}
    title = text("template.sheet.notes", lang).replace("'", "''")
    for i, (name, values) in enumerate(_choices(city, catalog).items(), start=1):
        notes.cell(row=top, column=i, value=text(f"template.list.{name}", lang)).font = Font(
            bold=True
        )
        for j, value in enumerate(values, start=1):
            notes.cell(row=top + j, column=i, value=value)
        letter = _letter(i)
        ranges[name] = f"'{title}'!${letter}${top + 1}:${letter}${top + len(values)}"
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 28
    notes.column_dimensions["C"].width = 70
    return ranges


def _validations(
    sheet: Any, template: Template, lists: Mapping[str, str], city: CityConfig, lang: str
) -> None:
    """Drop-down lists and checks where they help, and a hint on every column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    several = text("template.several", lang)
    choose = text("template.not_in_list", lang)
    rules: dict[str, DataValidation] = {
        "area_id": DataValidation(type="list", formula1=lists["areas"], error=choose),
        "service_areas": DataValidation(
            type="list", formula1=lists["service_areas"], error=several, errorStyle="information"
        ),
        "fields": DataValidation(
            type="list", formula1=lists["fields"], error=several, errorStyle="information"
        ),
        "has_jishubo": DataValidation(type="list", formula1='"有,無"', error=choose),
        "households": DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            error=text("template.whole_number", lang),
        ),
    }
    if template.legal_forms:
        forms = ",".join(template.legal_forms)
        rules["legal_form"] = DataValidation(type="list", formula1=f'"{forms}"', error=choose)
    for i, column in enumerate(template.columns, start=1):
        rule = rules.get(column) or DataValidation()  # a hint only
        rule.allow_blank = True
        rule.showErrorMessage = column in rules
        rule.showInputMessage = True
        rule.promptTitle = LABELS[column]
        rule.prompt = _how(template, column, city, lang)[:255]
        letter = _letter(i)
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{ROWS + 1}")
