"""The printed area sheet: one A4 page, for a council meeting or a notice board.

:func:`area_sheet_pdf` lays out an :class:`~geo.profile.AreaProfile` with fpdf2: the
title, a map of the area drawn with matplotlib (no network tiles), the key figures,
the 自主防災組織 活動カバー率 beside the city and the national figure, the coverage
profile as a bar chart, the gaps in words, the evacuation sites and the hazards with
no designated site, the area's associations and civic groups, and a footer with the
date, the sources and, for sample data, a notice.

Every block has a fixed frame and long lists are cut (``ほか N件``), so the sheet is
always exactly one page. Its words are the catalogue's ``sheet.*`` texts, in Japanese
unless asked otherwise. All text uses the IPAexGothic font that ships with the
``matplotlib-fontja`` package.
"""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from geo.model import CityData
from geo.profile import (
    MAIN_HAZARDS,
    AreaProfile,
    format_int,
    format_rate,
    hazard_names,
)
from geo.sheet.images import coverage_png, map_png
from geo.sheet.page import Column, Page, table
from geo.sheet.style import (
    ACCENT,
    BOTTOM,
    CHART_H,
    COL_W,
    DPI,
    FONT_FAMILY,
    LEFT_X,
    MAP_H,
    MARGIN,
    MAX_GAPS,
    MUTED,
    ORANGE,
    PAGE_W,
    RGB,
    RIGHT_X,
    SAMPLE_NOTICE,
    SHEET_LANG,
    SKY,
    TEXT,
    WARN,
    font_path,
    rgb,
)
from geo.sources import attribution_lines
from geo.words import pick, text


def _app_title(profile: AreaProfile, lang: str) -> str:
    return text("app.title", lang, city=pick(lang, profile.city_name_ja, profile.city_name_en))


def _new_pdf(profile: AreaProfile, lang: str) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0.0  # frames are laid out exactly; no padding inside cells
    pdf.add_font(FONT_FAMILY, fname=str(font_path()))
    pdf.set_title(text("sheet.title", lang, area=profile.name(lang)))
    pdf.set_lang(lang)
    pdf.set_creator(_app_title(profile, lang))
    pdf.add_page()
    return pdf


def _header(page: Page, profile: AreaProfile) -> float:
    page.font(17)
    title = page.t("sheet.title", area=profile.name(page.lang))
    page.cell(LEFT_X, MARGIN, PAGE_W - 2 * MARGIN, 8, title)
    page.font(8.5, MUTED)
    sub = page.t(
        "sheet.subtitle",
        app=_app_title(profile, page.lang),
        name_ja=profile.name_ja,
        kana=profile.name_kana,
        name_en=profile.name_en,
    )
    page.cell(LEFT_X, MARGIN + 8.6, PAGE_W - 2 * MARGIN, 4.5, sub)
    page.pdf.set_draw_color(*ACCENT)
    page.pdf.set_line_width(0.6)
    page.pdf.line(LEFT_X, MARGIN + 14, PAGE_W - MARGIN, MARGIN + 14)
    return MARGIN + 16.5


def _figure_rows(page: Page, profile: AreaProfile) -> list[tuple[str, str]]:
    t, lang = page.t, page.lang
    council = profile.council
    center = profile.center
    none = t("sheet.none")
    committees = text("sep.list", lang).join(
        profile.field_label(c, lang) for c in (council.fields if council else ())
    )
    households = format_int(profile.association_households)
    return [
        (
            t("sheet.fig.population"),
            t("sheet.fig.population.value", n=format_int(profile.population)),
        ),
        (
            t("sheet.fig.households"),
            t("sheet.fig.households.value", n=format_int(profile.households)),
        ),
        (t("sheet.fig.area"), f"{profile.area_km2:,.2f} km²"),
        (
            t("sheet.fig.associations"),
            t(
                "sheet.fig.associations.value",
                n=profile.association_count,
                households=households,
            ),
        ),
        (t("sheet.fig.council"), council.name if council else none),
        (t("sheet.fig.committees"), committees or none),
        (t("sheet.fig.center"), center.name if center else none),
        (t("sheet.fig.address"), center.address if center else none),
        (
            t("sheet.fig.civic_groups"),
            t(
                "sheet.fig.civic_groups.value",
                n=len(profile.civic_groups),
                based=profile.civic_groups_based_here,
            ),
        ),
    ]


def _key_figures(page: Page, profile: AreaProfile, y: float) -> float:
    x, w, label_w = RIGHT_X, COL_W, 25.0
    y = page.heading(x, y, w, page.t("sheet.figures"))
    for label, value in _figure_rows(page, profile):
        page.font(7.5, MUTED)
        page.cell(x, y, label_w, 4.0, label)
        y = max(
            page.paragraph(x + label_w, y + 0.1, w - label_w, value, size=8.5, max_lines=3),
            y + 4.2,
        )
        y += 0.4
    return y + 1.5


def _jishubo(page: Page, profile: AreaProfile, y: float) -> float:
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, page.t("sheet.jishubo"))
    city = pick(page.lang, profile.city_name_ja, profile.city_name_en)
    rows = [
        (page.t("sheet.jishubo.area"), profile.jishubo_rate, rgb(ORANGE)),
        (city, profile.city_jishubo_rate, rgb(SKY)),
        (page.t("sheet.jishubo.national"), profile.national_jishubo_rate, (170, 170, 170)),
    ]
    label_w, value_w = 25.0, 14.0
    track = w - label_w - value_w
    for label, rate, colour in rows:
        page.font(7.5, MUTED)
        page.cell(x, y, label_w, 4.2, label)
        page.pdf.set_fill_color(238, 238, 238)
        page.pdf.rect(x + label_w, y + 0.8, track, 2.8, style="F")
        page.pdf.set_fill_color(*colour)
        page.pdf.rect(x + label_w, y + 0.8, track * min(max(rate, 0.0), 1.0), 2.8, style="F")
        page.font(8.5)
        page.cell(x + label_w + track, y, value_w, 4.2, format_rate(rate), align="R")
        y += 4.8
    note = page.t("sheet.jishubo.note")
    return page.paragraph(x, y, w, note, size=6.2, max_lines=2, colour=MUTED) + 2.0


def _gaps(page: Page, profile: AreaProfile, y: float) -> float:
    x, w, lang = RIGHT_X, COL_W, page.lang
    sep = text("sep.list", lang)
    y = page.heading(x, y, w, page.t("sheet.gaps"))
    gaps = profile.gaps
    if not gaps:
        y = page.paragraph(x, y, w, page.t("sheet.gaps.none"), size=7.5, max_lines=1)
    shown = gaps if len(gaps) <= MAX_GAPS else gaps[: MAX_GAPS - 1]
    for f in shown:
        line = page.t("sheet.gaps.item", field=f.label(lang), reason=f.reason(lang))
        y = page.paragraph(x, y, w, line, size=7.5, max_lines=2, colour=WARN) + 0.3
    if len(shown) < len(gaps):
        rest = sep.join(f.label(lang) for f in gaps[len(shown) :])
        line = page.t("sheet.gaps.more", n=len(gaps) - len(shown), fields=rest)
        y = page.paragraph(x, y, w, line, size=7.5, max_lines=2, colour=WARN) + 0.3
    inactive = sep.join(f.label(lang) for f in profile.inactive_in_city)
    if inactive:
        line = page.t("sheet.gaps.inactive", fields=inactive)
        y = page.paragraph(x, y + 0.3, w, line, size=6.5, max_lines=2, colour=MUTED)
    return y + 2.0


def _shelter_lines(page: Page, profile: AreaProfile) -> list[tuple[str, RGB]]:
    t, lang = page.t, page.lang
    centers = sum(s.is_evacuation_center for s in profile.shelters)
    counts = profile.hazard_counts()
    out = [(t("sheet.shelters.count", n=len(profile.shelters), centers=centers), TEXT)]
    if profile.shelters:
        per = text("sep.dot", lang).join(
            t("sheet.shelters.hazard_count", hazard=text(f"hazard.{h}.short", lang), n=counts[h])
            for h in MAIN_HAZARDS
        )
        out.append((t("sheet.shelters.per_hazard", counts=per), TEXT))
    main = profile.missing_main_hazards
    if main:
        names = hazard_names(main, lang, short=True)
        out.append((t("sheet.shelters.missing_main", hazards=names), WARN))
    else:
        every = text("sep.dot", lang).join(text(f"hazard.{h}.short", lang) for h in MAIN_HAZARDS)
        out.append((t("sheet.shelters.all_main", hazards=every), TEXT))
    other = [h for h in profile.missing_hazards if h not in MAIN_HAZARDS]
    if other:
        names = hazard_names(other, lang, short=True)
        out.append((t("sheet.shelters.missing_other", hazards=names), MUTED))
    return out


def _shelters(page: Page, profile: AreaProfile, y: float) -> float:
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, page.t("sheet.shelters"))
    for line, colour in _shelter_lines(page, profile):
        y = page.paragraph(x, y, w, line, size=7.5, max_lines=2, colour=colour) + 0.4
    return y + 1.6


def _associations(page: Page, profile: AreaProfile, y: float, bottom: float) -> None:
    x, w, t = LEFT_X, COL_W, page.t
    households = format_int(profile.association_households)
    title = t("sheet.associations", n=profile.association_count, households=households)
    y = page.heading(x, y, w, title)
    columns = (
        Column(t("sheet.col.name"), w - 30),
        Column(t("sheet.col.households"), 15, "R"),
        Column(t("sheet.col.jishubo"), 15, "C"),
    )
    none = t("sheet.none")
    rows = [
        (
            a.name,
            none if a.households is None else format_int(a.households),
            "○" if a.has_jishubo else none,
        )
        for a in profile.associations
    ]
    table(page, x, y, bottom, columns, rows)


def _civic_groups(
    page: Page, profile: AreaProfile, names: dict[str, str], y: float, bottom: float
) -> None:
    x, w, t = RIGHT_X, COL_W, page.t
    title = t(
        "sheet.civic_groups",
        n=len(profile.civic_groups),
        based=profile.civic_groups_based_here,
    )
    y = page.heading(x, y, w, title)
    columns = (
        Column(t("sheet.col.name"), w - 44),
        Column(t("sheet.col.base"), 26),
        Column(t("sheet.col.confirmed"), 18, "R"),
    )
    rows = []
    for g in profile.civic_groups:
        if g.based_here:
            base = t("sheet.base.here")
        else:
            base = names.get(g.base_area_id, g.base_area_id)
            if g.citywide:
                base = t("sheet.base.citywide", base=base)
        when = t("sheet.month", date=g.last_confirmed) if g.last_confirmed else t("sheet.none")
        rows.append((g.name, base, when))
    table(page, x, y, bottom, columns, rows)


def _source_text(page: Page, data: CityData) -> str:
    lines = [line for line in attribution_lines(data.sources) if line != SAMPLE_NOTICE]
    return page.t("sheet.sources.sep").join(lines)


def _footer_blocks(
    page: Page, profile: AreaProfile, data: CityData, today: dt.date
) -> list[tuple[str, float, RGB, int]]:
    """(text, size, colour, max lines) of the footer, top to bottom."""
    t = page.t
    blocks: list[tuple[str, float, RGB, int]] = []
    if profile.is_approximate:
        blocks.append((t("sheet.note", note=profile.boundary_note(page.lang)), 6.5, TEXT, 2))
    if profile.has_sample:
        warning = t("sheet.sample_warning", notice=t("sheet.sample_notice"))
        blocks.append((warning, 8.5, WARN, 1))
    blocks.append((_source_text(page, data), 6.0, MUTED, 3))
    made = t("sheet.made", date=today, app=_app_title(profile, page.lang))
    blocks.append((made, 6.5, MUTED, 1))
    return blocks


def _footer(page: Page, profile: AreaProfile, data: CityData, today: dt.date) -> float:
    """Draw the footer flush with the bottom; return its top."""
    w = PAGE_W - 2 * MARGIN
    blocks = _footer_blocks(page, profile, data, today)
    heights = []
    for line, size, _colour, max_lines in blocks:
        page.font(size)
        n = min(len(page.lines(line, w)), max_lines)
        heights.append(n * size * 1.35 * 25.4 / 72 + 0.6)
    top = BOTTOM - sum(heights)
    page.pdf.set_draw_color(*ACCENT)
    page.pdf.set_line_width(0.3)
    page.pdf.line(LEFT_X, top - 1.2, PAGE_W - MARGIN, top - 1.2)
    y = top
    for (line, size, colour, max_lines), h in zip(blocks, heights, strict=True):
        page.paragraph(LEFT_X, y, w, line, size=size, max_lines=max_lines, colour=colour)
        y += h
    return top - 1.2


def area_sheet_document(
    profile: AreaProfile,
    data: CityData,
    *,
    today: dt.date | None = None,
    lang: str = SHEET_LANG,
) -> FPDF:
    """The laid-out sheet as an fpdf2 document (see :func:`area_sheet_pdf`)."""
    day = today or dt.date.today()
    page = Page(_new_pdf(profile, lang), lang)
    top = _header(page, profile)
    footer_top = _footer(page, profile, data, day)
    # left column: map, coverage chart, associations
    area_map = map_png(profile, data, width_mm=COL_W, height_mm=MAP_H, lang=lang)
    page.png(area_map, LEFT_X, top, COL_W, MAP_H)
    y_left = page.heading(LEFT_X, top + MAP_H + 2.5, COL_W, page.t("sheet.coverage"))
    shown = [f for f in profile.coverage if f.active_in_city]
    chart = coverage_png(shown, width_mm=COL_W, height_mm=CHART_H, lang=lang)
    page.png(chart, LEFT_X, y_left, COL_W, CHART_H)
    _associations(page, profile, y_left + CHART_H + 2.0, footer_top - 1.5)
    # right column: figures, 自主防災, shelters, gaps, civic groups
    y = _key_figures(page, profile, top)
    y = _jishubo(page, profile, y)
    y = _shelters(page, profile, y)
    y = _gaps(page, profile, y)
    areas = data.areas
    names = {
        str(a): pick(lang, str(ja), str(en))
        for a, ja, en in zip(areas["area_id"], areas["name_ja"], areas["name_en"], strict=True)
    }
    _civic_groups(page, profile, names, y, footer_top - 1.5)
    return page.pdf


def area_sheet_pdf(
    profile: AreaProfile,
    data: CityData,
    *,
    today: dt.date | None = None,
    lang: str = SHEET_LANG,
) -> bytes:
    """The one-page A4 sheet of an area, in Japanese unless ``lang`` says otherwise.

    Parameters
    ----------
    profile
        The area, from :func:`geo.profile.area_profile`.
    data
        The city the profile was built from (boundaries and sources).
    today
        The date printed in the footer; today when ``None``.
    lang
        The language of the sheet's words (``ja`` or ``en``).

    Returns
    -------
    The PDF document (always exactly one page).
    """
    return bytes(area_sheet_document(profile, data, today=today, lang=lang).output())


__all__ = [
    "CHART_H",
    "COL_W",
    "DPI",
    "MAP_H",
    "SAMPLE_NOTICE",
    "SHEET_LANG",
    "area_sheet_document",
    "area_sheet_pdf",
    "coverage_png",
    "font_path",
    "map_png",
]
