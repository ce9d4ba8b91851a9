"""The printed area sheet: one A4 page, Japanese text, sources and the sample notice.

The text checks read the PDF back with poppler's ``pdftotext`` and ``pdfinfo``; they
skip when poppler is missing, except under CI (``CI=true``) where they fail.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from geo.model import CityData
from geo.profile import AreaProfile, area_profile, area_profiles, format_int
from geo.sheet import (
    SAMPLE_NOTICE,
    area_sheet_document,
    area_sheet_pdf,
    coverage_png,
    font_path,
    map_png,
)
from geo.words import text as text_of
from tests.support.ci import skip_or_fail
from tests.support.tinycity import TINY

TODAY = dt.date(2026, 3, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
A4_POINTS = (595.0, 842.0)


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} (poppler-utils) is missing: run scripts/install-system-deps.sh"
        skip_or_fail(message, must_run="the PDF sheet checks")
    return path


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [_poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


def _info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_poppler("pdfinfo"), str(path)], check=True, capture_output=True)
    pairs = (line.split(":", 1) for line in out.stdout.decode("utf-8").splitlines())
    return {k.strip(): v.strip() for k, v in pairs}


def _page_objects(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture(scope="module")
def city_profiles(city: CityData) -> dict[str, AreaProfile]:
    return {p.area_id: p for p in area_profiles(city)}


@pytest.mark.parametrize(("area_id", "name"), [("yuda", "湯田"), ("ajisu", "阿知須")])
def test_sheet_reads_back(city, city_profiles, tmp_path, area_id, name):
    profile = city_profiles[area_id]
    pdf = area_sheet_pdf(profile, city, today=TODAY)
    assert pdf.startswith(b"%PDF")
    info = _info(pdf, tmp_path)
    assert info["Pages"] == "1"
    size = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    assert size is not None
    assert float(size.group(1)) == pytest.approx(A4_POINTS[0], abs=1)
    assert float(size.group(2)) == pytest.approx(A4_POINTS[1], abs=1)
    text = _text(pdf, tmp_path)
    assert f"{name}地域 協働まちづくりシート" in text
    assert "山口市 協働まちづくりマップ" in text
    assert format_int(profile.population) in text
    assert format_int(profile.households) in text
    assert "出典" in text
    assert "84.3%" in text
    assert SAMPLE_NOTICE in text
    assert "2026年3月1日" in text
    assert profile.council is not None and profile.council.name in text
    assert profile.center is not None and profile.center.name in text


def test_yuda_population_as_printed(city, city_profiles, tmp_path):
    text = _text(area_sheet_pdf(city_profiles["yuda"], city, today=TODAY), tmp_path)
    assert "14,795" in text
    assert "地域境界はおおよそです：" in text  # the boundary note of a central area


def test_every_real_sheet_is_one_page(city, city_profiles):
    assert len(city_profiles) == 21
    for profile in city_profiles.values():
        doc = area_sheet_document(profile, city, today=TODAY)
        assert doc.pages_count == 1, profile.area_id
        assert _page_objects(bytes(doc.output())) == 1, profile.area_id


@pytest.mark.parametrize("area_id", TINY.area_ids)
def test_tiny_sheets_are_one_page(tiny, area_id):
    pdf = area_sheet_pdf(area_profile(tiny, area_id, city=TINY), tiny, today=TODAY)
    assert pdf.startswith(b"%PDF")
    assert _page_objects(pdf) == 1


@pytest.mark.parametrize(
    ("area_id", "words", "absent"),
    [
        (
            "se",
            ["南東地域", "テスト市", "登録がありません", "指定のない主な災害", "空白"],
            ["確度 中"],
        ),
        ("sw", ["南西地域", "地域境界はおおよそです：", "確度 中 1", "土砂災害"], []),
        ("nw", ["北西地域", "サンプルa-1", "サンプルg-1", "指定緊急避難場所 1か所"], ["確度 中"]),
    ],
)
def test_tiny_sheet_text(tiny, tmp_path, area_id, words, absent):
    pdf = area_sheet_pdf(area_profile(tiny, area_id, city=TINY), tiny, today=TODAY)
    text = _text(pdf, tmp_path)
    for word in words:
        assert word in text, word
    for word in absent:
        assert word not in text, word


def test_no_sample_notice_for_real_organisations(tiny, tmp_path):
    orgs = tiny.organisations.assign(is_sample=False)
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    text = _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path)
    assert "サンプル（架空）" not in text
    assert "出典" in text


def test_private_columns_are_not_printed(tiny, tmp_path):
    orgs = tiny.organisations.copy()
    orgs["representative"] = "代表者山田"
    orgs["phone"] = "083-999-9999"
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    text = _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path)
    assert "代表者山田" not in text
    assert "083-999-9999" not in text


def test_images_are_png(tiny):
    profile = area_profile(tiny, "nw", city=TINY)
    assert map_png(profile, tiny, width_mm=90, height_mm=80).startswith(PNG_SIGNATURE)
    chart = coverage_png(profile.coverage, width_mm=90, height_mm=90)
    assert chart.startswith(PNG_SIGNATURE)


def test_font_comes_from_the_installed_package():
    path = font_path()
    assert path.name == "ipaexg.ttf"
    assert "matplotlib_fontja" in path.parts


@pytest.mark.parametrize("area_id", ["se", "sw"])
def test_the_sheet_speaks_english_when_asked(tiny, tmp_path, area_id):
    profile = area_profile(tiny, area_id, city=TINY)
    doc = area_sheet_document(profile, tiny, today=TODAY, lang="en")
    assert doc.pages_count == 1
    text = _text(bytes(doc.output()), tmp_path)
    assert text_of("sheet.title", "en", area=profile.name_en) in text
    assert text_of("sheet.figures", "en") in text
    assert "Made on 2026-03-01" in text
    assert "協働まちづくりシート" not in text


def test_the_sheet_words_come_from_the_catalogue():
    assert text_of("sheet.sample_notice", "ja") == SAMPLE_NOTICE
