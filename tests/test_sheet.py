"""The printed area sheet: A4, readable sizes, nothing cut, the sources and the sample notice.

The text checks read the PDF back with poppler (``pdftotext -bbox``, ``pdfinfo``,
``pdffonts``); they skip when poppler is missing, except under CI (``CI=true``) where
they fail. ``pdftotext -bbox`` gives each word's box in points; its height is the
type size the word was set in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF

from geo.model import CityData
from geo.profile import AreaProfile, area_profile, area_profiles, format_int
from geo.sheet import area_sheet_document, area_sheet_pdf, font_path, map_png
from geo.sheet.needs import MIN_BAR_W, MIN_LABEL_W, _needs_layout
from geo.sheet.page import Page, printable
from geo.sheet.style import BODY, FONT_FAMILY, MARGIN, SMALL
from geo.sheet.summary import bar_label_width
from geo.words import text as text_of
from tests.support.ci import skip_or_fail
from tests.support.tinycity import TINY

TODAY = dt.date(2026, 3, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
A4_POINTS = (595.0, 842.0)
#: Points in a millimetre.
PT_PER_MM = 72 / 25.4
#: Rounding of the sizes poppler reports.
TOLERANCE = 0.02


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} (poppler-utils) is missing: run scripts/install-system-deps.sh"
        skip_or_fail(message, must_run="the PDF sheet checks")
    return path


def _run(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    """What a poppler tool prints for ``pdf`` (pdftotext writes to standard output)."""
    path = tmp_path / f"{tool}.pdf"
    path.write_bytes(pdf)
    to_stdout = ["-"] if tool == "pdftotext" else []
    out = subprocess.run(
        [_poppler(tool), *args, str(path), *to_stdout], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


def _text(pdf: bytes, tmp_path: Path) -> str:
    return _run("pdftotext", pdf, tmp_path, "-enc", "UTF-8")


def _info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in _run("pdfinfo", pdf, tmp_path).splitlines())
    return {k.strip(): v.strip() for k, v in pairs}


@dataclass(frozen=True)
class Word:
    """One word as poppler reads it back: its page, box (pt) and text."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        return self.y1 - self.y0


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _words(pdf: bytes, tmp_path: Path) -> list[list[Word]]:
    """Every page's words, top to bottom."""
    out = _run("pdftotext", pdf, tmp_path, "-bbox", "-enc", "UTF-8")
    pages = []
    for number, (_w, _h, body) in enumerate(_PAGE.findall(out), start=1):
        words = [
            Word(number, float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in _WORD.findall(body)
        ]
        pages.append(sorted(words, key=lambda w: (w.y0, w.x0)))
    return pages


def _footer_top(words: list[Word]) -> float:
    """Where the page's footer starts: its first note (※…) in the lowest fifth."""
    notes = [w.y0 for w in words if w.text[:1] in "※*" and w.y0 > A4_POINTS[1] * 0.8]
    assert notes, "every page ends with the footer's notes"
    return min(notes)


def _overlaps(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap (a text drawn over another)."""
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.y0 >= a.y1 - 0.5:
                break
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5:
                found.append((a.text, b.text))
    return found


# --- every area of the bundled city --------------------------------------------------


@pytest.fixture(scope="module")
def city_profiles(city: CityData) -> dict[str, AreaProfile]:
    return {p.area_id: p for p in area_profiles(city)}


@pytest.fixture(scope="module")
def sheets(city: CityData, city_profiles: dict[str, AreaProfile]) -> dict[str, bytes]:
    """The sheet of each of the 21 areas, made once."""
    return {a: area_sheet_pdf(p, city, today=TODAY) for a, p in city_profiles.items()}


@pytest.fixture(scope="module")
def read_back(
    sheets: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[list[Word]]]:
    folder = tmp_path_factory.mktemp("sheets")
    return {a: _words(pdf, folder) for a, pdf in sheets.items()}


def _pages(doc: FPDF) -> int:
    """The document's pages (made into bytes, which also closes its font file)."""
    doc.output()
    return int(doc.pages_count)


def test_every_sheet_is_at_most_two_pages(sheets, read_back, tmp_path):
    assert len(sheets) == 21
    for area_id, pages in read_back.items():
        assert len(pages) == 2, area_id
        assert _info(sheets[area_id], tmp_path)["Pages"] == "2", area_id


def test_body_text_is_at_least_9_pt_and_sources_7_pt(read_back):
    for area_id, pages in read_back.items():
        for words in pages:
            footer = _footer_top(words)
            small = [w for w in words if w.y0 < footer and w.size < BODY - TOLERANCE]
            assert small == [], (area_id, small[:5])
            tiny = [w for w in words if w.size < SMALL - TOLERANCE]
            assert tiny == [], (area_id, tiny[:5])
            assert min(w.size for w in words) >= 7.0 - TOLERANCE


def test_nothing_is_cut(sheets, tmp_path):
    for area_id, pdf in sheets.items():
        found = _text(pdf, tmp_path)
        assert "…" not in found, area_id
        assert "ほか" not in found, area_id


@pytest.mark.parametrize("area_id", ["ogori", "ajisu", "natajima", "hirakawa"])
def test_the_lists_are_whole(city_profiles, sheets, tmp_path, area_id):
    found = re.sub(r"\s", "", _text(sheets[area_id], tmp_path))
    profile = city_profiles[area_id]
    assert profile.associations and profile.civic_groups
    for a in profile.associations:
        assert a.name in found, a.name
    for g in profile.civic_groups:
        assert g.name in found, g.name


def test_no_text_is_drawn_over_another_or_off_the_page(read_back):
    margin = MARGIN * PT_PER_MM - 1.0
    for area_id, pages in read_back.items():
        for words in pages:
            assert _overlaps(words) == [], area_id
            assert min(w.x0 for w in words) >= margin, area_id
            assert max(w.x1 for w in words) <= A4_POINTS[0] - margin, area_id
            assert max(w.y1 for w in words) <= A4_POINTS[1] - margin, area_id


def test_local_needs_come_before_the_npo_fields_on_page_one(read_back):
    for area_id, pages in read_back.items():
        first = [w.text for w in pages[0]]

        def at(heading: str, words: list[str] = first) -> int:
            return next(i for i, t in enumerate(words) if t.startswith(heading))

        needs = at(text_of("sheet.needs", "ja").split("（")[0])
        npo = at("NPO法の20分野")
        terms = at(text_of("sheet.terms", "ja"))
        assert needs < npo < terms, area_id
        second = " ".join(w.text for w in pages[1])
        assert "自治会・町内会（" in second and "市民活動団体（" in second, area_id


@pytest.mark.parametrize(("area_id", "name"), [("yuda", "湯田"), ("ajisu", "阿知須")])
def test_sheet_reads_back(city_profiles, sheets, tmp_path, area_id, name):
    profile = city_profiles[area_id]
    pdf = sheets[area_id]
    assert pdf.startswith(b"%PDF")
    info = _info(pdf, tmp_path)
    assert info["Pages"] == "2"
    assert b"/CreationDate (D:20260301000000+09'00')" in pdf  # the day printed, in Japan
    size = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    assert size is not None
    assert float(size.group(1)) == pytest.approx(A4_POINTS[0], abs=1)
    assert float(size.group(2)) == pytest.approx(A4_POINTS[1], abs=1)
    found = _text(pdf, tmp_path)
    assert f"{name}地域 協働まちづくりシート" in found
    assert "山口市 協働まちづくりマップ" in found
    assert format_int(profile.population) in found
    assert format_int(profile.households) in found
    assert "出典" in found
    assert "84.3%" in found
    assert "※地域づくり協議会、自治会・町内会と市民活動団体はサンプル（架空）データです" in found
    assert "2026年3月1日" in found
    assert "1／2ページ" in found and "2／2ページ" in found
    assert profile.council is not None and profile.council.name in found
    assert profile.center is not None and profile.center.name in found


def test_ajisu_shows_its_membership_and_neighbour(city_profiles, sheets, tmp_path):
    found = _text(sheets["ajisu"], tmp_path)
    profile = city_profiles["ajisu"]
    assert f"{profile.membership_rate * 100:.1f}%（サンプル）" in found
    assert f"加入 {format_int(profile.association_households)}世帯" in found
    assert "佐山" in found  # its one neighbour
    for word in ("用語", "活動カバー率：", "人口1万人あたり：", "加入率：", "消防白書"):
        assert word in found, word


def test_yuda_population_as_printed(sheets, tmp_path):
    found = _text(sheets["yuda"], tmp_path)
    assert "14,795" in found
    assert "地域境界はおおよそです：" in found  # the boundary note of a central area


def test_the_font_is_embedded(sheets, tmp_path):
    fonts = _run("pdffonts", sheets["ajisu"], tmp_path)
    rows = [line for line in fonts.splitlines() if "IPAexGothic" in line]
    assert rows, fonts
    assert all(" yes " in row for row in rows), fonts


def test_the_same_data_and_date_give_the_same_bytes(city: CityData, city_profiles, sheets):
    again = area_sheet_pdf(city_profiles["ajisu"], city, today=TODAY)
    assert again == sheets["ajisu"]
    later = area_sheet_pdf(city_profiles["ajisu"], city, today=TODAY + dt.timedelta(days=1))
    assert later != sheets["ajisu"]


# --- the tiny city ----------------------------------------------------------------------


@pytest.mark.parametrize("area_id", TINY.area_ids)
def test_tiny_sheets_are_two_pages(tiny, area_id):
    doc = area_sheet_document(area_profile(tiny, area_id, city=TINY), tiny, today=TODAY)
    assert _pages(doc) == 2


@pytest.mark.parametrize(
    ("area_id", "words", "absent"),
    [
        (
            "se",
            ["南東地域", "テスト市", "登録がありません", "指定のない主な災害", "空白", "▲"],
            ["確度 中"],
        ),
        ("sw", ["南西地域", "地域境界はおおよそです：", "確度 中 1", "土砂災害"], []),
        (
            "nw",
            ["北西地域", "サンプルa-1", "サンプルg-1", "指定緊急避難場所 1か所", "北東", "南西"],
            ["確度 中"],
        ),
    ],
)
def test_tiny_sheet_text(tiny, tmp_path, area_id, words, absent):
    pdf = area_sheet_pdf(area_profile(tiny, area_id, city=TINY), tiny, today=TODAY)
    found = _text(pdf, tmp_path)
    for word in words:
        assert word in found, word
    for word in absent:
        assert word not in found, word


def test_no_sample_notice_for_real_organisations(tiny, tmp_path):
    orgs = tiny.organisations.assign(is_sample=False)
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    found = _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path)
    assert "サンプル（架空）" not in found
    assert "（サンプル）" not in found
    assert "出典" in found


def test_the_sample_notice_names_only_the_kinds_still_sample(tiny, tmp_path):
    orgs = tiny.organisations.assign(is_sample=tiny.organisations["kind"] == "civic_group")
    orgs.loc[orgs.index[orgs["kind"] == "civic_group"][:1], "is_sample"] = False
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    assert profile.sample_kinds == (("civic_group", True),)
    found = re.sub(r"\s", "", _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path))
    assert "※市民活動団体の一部はサンプル（架空）データです。実在の団体ではありません。" in found
    assert "団体データはサンプル" not in found


def test_private_columns_are_not_printed(tiny, tmp_path):
    orgs = tiny.organisations.copy()
    orgs["representative"] = "代表者山田"
    orgs["phone"] = "083-999-9999"
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    found = _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path)
    assert "代表者山田" not in found
    assert "083-999-9999" not in found


def test_the_map_is_a_png(tiny):
    profile = area_profile(tiny, "nw", city=TINY)
    assert map_png(profile, tiny, width_mm=90, height_mm=80).startswith(PNG_SIGNATURE)


def test_font_comes_from_the_installed_package():
    path = font_path()
    assert path.name == "ipaexg.ttf"
    assert "matplotlib_fontja" in path.parts


@pytest.mark.parametrize("area_id", ["se", "sw"])
def test_the_sheet_speaks_english_when_asked(tiny, tmp_path, area_id):
    profile = area_profile(tiny, area_id, city=TINY)
    doc = area_sheet_document(profile, tiny, today=TODAY, lang="en")
    found = _text(bytes(doc.output()), tmp_path)
    assert doc.pages_count == 2
    assert text_of("sheet.title", "en", area=profile.name_en) in found
    assert text_of("sheet.figures", "en") in found
    assert "Made on 2026-03-01" in found
    assert "協働まちづくりシート" not in found
    # the sources' lines in English too, the sample notice on its own line only once
    flat = " ".join(found.split())
    assert text_of("source.estat.attribution", "en") in flat
    assert "出典" not in flat
    assert text_of("source.sample.attribution", "en") not in flat


@pytest.mark.parametrize("area_id", ["hirakawa", "ogori"])
def test_the_english_sheet_is_laid_out_as_well(city: CityData, city_profiles, tmp_path, area_id):
    pdf = area_sheet_pdf(city_profiles[area_id], city, today=TODAY, lang="en")
    pages = _words(pdf, tmp_path)
    assert len(pages) <= 3  # longer words: the 用語 box may move on, never a list cut
    for words in pages:
        assert _overlaps(words) == [], area_id
        footer = _footer_top(words)
        assert [w for w in words if w.y0 < footer and w.size < BODY - TOLERANCE] == []
    assert "…" not in _text(pdf, tmp_path)


def _lines(words: list[Word]) -> list[str]:
    """The page's lines as read: words a point apart in height joined left to right."""
    rows: list[list[Word]] = []
    for w in words:
        if rows and abs(rows[-1][0].y0 - w.y0) < 1.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_legend_entry_reads_on_one_line(city: CityData, city_profiles, tmp_path, lang):
    """English labels are longer: 「Neighbourhood associations」 wrapped beside the next
    entry, its count 「(67)」 alone on the line below."""
    profile = city_profiles["ouchi"]
    pdf = area_sheet_pdf(profile, city, today=TODAY, lang=lang)
    lines = [re.sub(r"\s", "", line) for line in _lines(_words(pdf, tmp_path)[0])]
    counts = {"associations": len(profile.associations), "groups": profile.civic_groups_based_here}
    for key, n in counts.items():
        label = text_of("sheet.layer.count", lang, label=text_of(f"sheet.layer.{key}", lang), n=n)
        assert any(re.sub(r"\s", "", label) in line for line in lines), label


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_legend_says_how_many_points_stand_at_the_center(
    city: CityData, tmp_path: Path, lang: str
) -> None:
    """Organisations whose address is known only to their 地域 are drawn at its
    交流センター: the legend says how many, so the star is not read as their place."""
    orgs = city.organisations
    ouchi = orgs["area_id"] == "ouchi"
    picked = [
        *orgs.loc[ouchi & (orgs["kind"] == "association"), "org_id"].head(3),
        *orgs.loc[ouchi & (orgs["kind"] == "civic_group"), "org_id"].head(2),
    ]
    marked = orgs.assign(at_center=orgs["org_id"].isin(picked))
    profile = area_profile(
        dataclasses.replace(city, organisations=marked), "ouchi", city=city.config
    )
    pdf = area_sheet_pdf(profile, city, today=TODAY, lang=lang)
    pages = _words(pdf, tmp_path)
    left = [w for w in pages[0] if w.x1 < A4_POINTS[0] / 2]  # (the map's column)
    note = re.sub(r"\s", "", text_of("sheet.layer.at_center", lang, n=5))
    assert note in re.sub(r"\s", "", "".join(_lines(left)))
    one = text_of("sheet.layer.at_center", lang, n=1)
    assert one.startswith("※1団体は" if lang == "ja" else "* 1 organisation shown"), one
    assert len(pages) == (2 if lang == "ja" else len(pages))
    assert _overlaps(pages[0]) == []


@pytest.mark.parametrize(
    ("area_id", "lang"),
    [(a, lang) for a in ("ogori", "hirakawa", "suzenji") for lang in ("ja", "en")],
)
def test_neighbours_stand_beside_the_needs_when_the_labels_can_wrap(
    city_profiles, tmp_path, area_id, lang
):
    """English labels are wider: 小郡's sixth neighbour went to a table of its own below,
    and the NPO fields' table, no longer fitting, left a third of page 1 empty."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font(FONT_FAMILY, fname=str(font_path()))
    pdf.add_page()
    profile = city_profiles[area_id]
    layout = _needs_layout(Page(pdf, lang), profile)
    pdf.output()  # (which closes the font's file)
    assert layout.extra == ()
    assert len(layout.neighbours) == len(profile.neighbours)
    assert layout.label.width >= MIN_LABEL_W
    assert layout.bar >= MIN_BAR_W


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_coverage_bars_stand_clear_of_their_labels(lang: str) -> None:
    """「全国平均（令和2年）」 ran into its bar, which covered its last bracket."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font(FONT_FAMILY, fname=str(font_path()))
    pdf.add_page()
    page = Page(pdf, lang)
    labels = [text_of(k, lang) for k in ("sheet.jishubo.area", "sheet.jishubo.national")]
    width = bar_label_width(page, labels)
    widest = max(page.width(label) for label in labels)
    pdf.output()  # (which closes the font's file)
    assert width >= widest + 1.0


def test_many_neighbours_go_on_in_a_table_of_their_own(city: CityData, city_profiles, tmp_path):
    """An area of another city may touch a dozen: none is cut or drawn over another."""
    base = city_profiles["hirakawa"]
    many = tuple(
        dataclasses.replace(n, area_id=f"{n.area_id}{i}", name_ja=f"{n.name_ja}第{i}")
        for i in range(2)
        for n in base.neighbours
    )
    pdf = area_sheet_pdf(dataclasses.replace(base, neighbours=many), city, today=TODAY)
    pages = _words(pdf, tmp_path)
    for words in pages:
        assert _overlaps(words) == []
    found = re.sub(r"\s", "", _text(pdf, tmp_path))
    for n in many:
        assert n.name_ja in found, n.name_ja


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("サンプル福祉の会", "サンプル福祉の会"),
        ("髙﨑町内会", "髙﨑町内会"),  # in the font
        ("𠮷野家の会", "吉野家の会"),  # a variant the font lacks: in its standard form
        ("✊の会", "〓の会"),  # a character the font lacks: marked, not dropped
        ("👨\u200d👩\u200d👧ひろば🌸", "〓〓〓ひろば〓"),  # (the joiners are invisible)
        ("한국 모임", "〓〓 〓〓"),  # a script the font lacks: not an empty line
        ("Cafe\u0301 カ\u3099ーデン", "Café ガーデン"),  # composed, not printed apart
    ],
)
def test_a_name_is_never_printed_short_of_a_character(written: str, printed: str) -> None:
    assert printable(written) == printed


def test_the_sheet_marks_a_character_its_font_lacks(tiny, tmp_path):
    """𠮷野家 was printed 「野家」, a wrong name with no sign of it; now in its standard
    form, and a character with none marked."""
    orgs = tiny.organisations.copy()
    orgs.loc[orgs["org_id"] == "g-1", "name"] = "𠮷野家の会"
    orgs.loc[orgs["org_id"] == "g-2", "name"] = "✊の会"
    profile = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    found = _text(area_sheet_pdf(profile, tiny, today=TODAY), tmp_path)
    assert "吉野家の会" in found
    assert "〓の会" in found


def test_a_list_that_runs_on_to_another_page_starts_it_under_its_headings(
    city: CityData, city_profiles, tmp_path
):
    base = city_profiles["yuda"]
    groups = tuple(
        dataclasses.replace(g, name=f"{g.name}・{n}")
        for n in range(12)
        for g in base.civic_groups
        if not g.based_here and not g.citywide
    )
    profile = dataclasses.replace(base, civic_groups=groups)
    pages = _words(area_sheet_pdf(profile, city, today=TODAY), tmp_path)
    assert len(pages) >= 3
    title = text_of(
        "sheet.civic_groups", "ja", n=len(groups), based=profile.civic_groups_based_here
    )
    part = text_of("sheet.groups.other", "ja", n=len(groups))
    for words in pages[2:]:  # under the page's header, the list's headings again
        found = re.sub(r"\s", "", "".join(w.text for w in words))
        assert re.sub(r"\s", "", f"{title}（つづき）{part}（つづき）") in found
