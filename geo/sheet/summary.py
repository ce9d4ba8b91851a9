"""Page 1's top: the title, the map with its legend, the key figures, the 自主防災組織
活動カバー率 and the evacuation sites."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from geo.model import CityData
from geo.profile import (
    MAIN_HAZARDS,
    AreaProfile,
    format_int,
    format_rate,
    hazard_names,
    membership_text,
)
from geo.sheet.images import LAYER_STYLES, map_png
from geo.sheet.page import Page, line_height
from geo.sheet.style import (
    ACCENT,
    BODY,
    CITY_BAR,
    COL_W,
    CONTENT_W,
    LEFT_X,
    MIN_MAP_H,
    MUTED,
    ORANGE,
    RGB,
    RIGHT_X,
    SKY,
    SUBTITLE,
    TEXT,
    TITLE,
    TOP,
    TRACK,
    WARN,
    rgb,
)
from geo.words import pick, text

#: Width of the labels in the key figures and the 活動カバー率 bars.
LABEL_W = 28.0


def app_title(profile: AreaProfile, lang: str) -> str:
    """The application's name for the profile's city."""
    return text("app.title", lang, city=pick(lang, profile.city_name_ja, profile.city_name_en))


def header(page: Page, profile: AreaProfile) -> float:
    """The sheet's title and subtitle; returns the y below them."""
    page.font(TITLE)
    title = page.t("sheet.title", area=profile.name(page.lang))
    step = line_height(TITLE, 1.15)
    page.cell(LEFT_X, TOP, CONTENT_W, step, title)
    sub = page.t(
        "sheet.subtitle",
        app=app_title(profile, page.lang),
        name_ja=profile.name_ja,
        kana=profile.name_kana,
        name_en=profile.name_en,
    )
    y = page.paragraph(LEFT_X, TOP + step + 0.6, CONTENT_W, sub, size=SUBTITLE, colour=MUTED)
    page.rule(LEFT_X, y + 0.8, CONTENT_W, ACCENT, 0.6)
    return y + 3.0


def _figure_rows(page: Page, profile: AreaProfile) -> list[tuple[str, str]]:
    t, lang = page.t, page.lang
    council, center = profile.council, profile.center
    none = t("sheet.none")
    committees = text("sep.list", lang).join(
        profile.field_label(c, lang) for c in profile.committees
    )
    people = t(
        "sheet.fig.population.value",
        n=format_int(profile.population),
        households=format_int(profile.households),
    )
    return [
        (t("sheet.fig.population"), people),
        (t("sheet.fig.area"), f"{profile.area_km2:,.2f} km²"),
        (
            t("sheet.fig.associations"),
            t(
                "sheet.fig.associations.value",
                n=profile.association_count,
                households=format_int(profile.association_households),
            ),
        ),
        (t("sheet.fig.membership"), membership_text(profile, lang)),
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


def key_figures(page: Page, profile: AreaProfile, y: float) -> float:
    """The key figures in the right column; returns the y below them."""
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, page.t("sheet.figures"))
    for label, value in _figure_rows(page, profile):
        below = page.paragraph(x + LABEL_W, y, w - LABEL_W, value)
        beside = page.paragraph(x, y, LABEL_W - 1.0, label, colour=MUTED)
        y = max(below, beside) + 0.3
    return y + 1.5


#: Space between a bar's label and the bar.
BAR_GAP = 1.5


def bar_label_width(page: Page, labels: Sequence[str]) -> float:
    """The width of the labels' column beside bars: :data:`LABEL_W`, or wider for a
    label that would run into its bar (全国平均（令和2年）, 「National average (2020)」)."""
    page.font(BODY, MUTED)
    return max(LABEL_W, page.widest(labels) + BAR_GAP)


def jishubo(page: Page, profile: AreaProfile, y: float) -> float:
    """The 自主防災組織 活動カバー率 of the area, the city and Japan as bars."""
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, page.t("sheet.jishubo"))
    city = pick(page.lang, profile.city_name_ja, profile.city_name_en)
    rows: list[tuple[str, float, RGB]] = [
        (page.t("sheet.jishubo.area"), profile.jishubo_rate, rgb(ORANGE)),
        (city, profile.city_jishubo_rate, rgb(SKY)),
        (page.t("sheet.jishubo.national"), profile.national_jishubo_rate, CITY_BAR),
    ]
    value_w = 15.0
    label_w = bar_label_width(page, [label for label, _, _ in rows])
    track = w - label_w - value_w
    step = line_height(BODY) + 0.8
    for label, rate, colour in rows:
        page.font(BODY, MUTED)
        page.cell(x, y, label_w, step, label)
        page.box(x + label_w, y + 1.0, track, step - 2.0, TRACK)
        if not math.isnan(rate):  # (an unknown share has no bar, and "—" for its figure)
            page.box(x + label_w, y + 1.0, track * min(max(rate, 0.0), 1.0), step - 2.0, colour)
        page.font(BODY)
        page.cell(x + label_w + track, y, value_w, step, format_rate(rate), align="R")
        y += step
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
    other = [h for h in profile.missing_hazards if h not in MAIN_HAZARDS]
    if other:
        names = hazard_names(other, lang, short=True)
        out.append((t("sheet.shelters.missing_other", hazards=names), MUTED))
    return out


def shelters(page: Page, profile: AreaProfile, y: float) -> float:
    """The evacuation sites and the hazards with no designated site."""
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, page.t("sheet.shelters"))
    for line, colour in _shelter_lines(page, profile):
        y = page.paragraph(x, y, w, line, colour=colour) + 0.4
    return y + 1.0


def right_column(page: Page, profile: AreaProfile, y: float) -> float:
    """Key figures, 活動カバー率 and evacuation sites; returns the y below them."""
    y = key_figures(page, profile, y)
    y = jishubo(page, profile, y)
    return shelters(page, profile, y)


@dataclass(frozen=True)
class _Entry:
    label: str
    marker: str
    colour: RGB


def _legend_entries(page: Page, profile: AreaProfile) -> list[_Entry]:
    counts = {
        "associations": len(profile.associations),
        "groups": profile.civic_groups_based_here,
        "shelters": len(profile.shelters),
        "center": int(profile.center is not None),
    }
    return [
        _Entry(
            page.t("sheet.layer.count", label=page.t(f"sheet.layer.{key}"), n=counts[key]),
            style.marker,
            rgb(style.colour),
        )
        for key, style in LAYER_STYLES.items()
    ]


def at_center_count(profile: AreaProfile) -> int:
    """How many of the organisations the map draws are placed at the area's
    交流センター (their address is known only to the area)."""
    groups = (g for g in profile.civic_groups if g.based_here)
    return sum(a.at_center for a in profile.associations) + sum(g.at_center for g in groups)


def _marker(page: Page, x: float, y: float, entry: _Entry) -> None:
    if page.dry:
        return
    page.pdf.set_fill_color(*entry.colour)
    page.pdf.set_draw_color(60, 60, 60)
    page.pdf.set_line_width(0.15)
    if entry.marker == "^":
        page.pdf.polygon([(x, y - 1.5), (x - 1.6, y + 1.2), (x + 1.6, y + 1.2)], style="DF")
    elif entry.marker == "*":
        page.pdf.star(x, y, 0.7, 1.7, 5, rotate_degrees=-90, style="DF")
    else:
        page.pdf.circle(x, y, 1.1, style="DF")


#: The room a legend entry's marker takes before its label (mm), and after it.
MARKER_W, ENTRY_GAP = 4.2, 0.4


def legend_columns(page: Page, labels: list[str]) -> int:
    """Two entries a line when every label fits on one line in half the column, else
    one: a label wrapped beside the next entry reads as one run of text."""
    page.font(BODY)
    half = COL_W / 2 - MARKER_W - ENTRY_GAP
    return 2 if all(page.width(label) <= half for label in labels) else 1


def map_legend(page: Page, profile: AreaProfile, y: float) -> float:
    """The map's legend under it (:func:`legend_columns` entries a line); returns the y
    below it."""
    entries = _legend_entries(page, profile)
    per_line = legend_columns(page, [e.label for e in entries])
    step = line_height(BODY)
    span = COL_W / per_line
    for row in range(0, len(entries), per_line):
        below = y
        for i, entry in enumerate(entries[row : row + per_line]):
            x = LEFT_X + i * span
            _marker(page, x + 1.8, y + step / 2, entry)
            label_w = span - MARKER_W - ENTRY_GAP
            below = max(below, page.paragraph(x + MARKER_W, y, label_w, entry.label))
        y = below
    at_center = at_center_count(profile)
    if at_center:
        y = page.paragraph(LEFT_X, y, COL_W, page.t("sheet.layer.at_center", n=at_center))
    return y


def legend_height(page: Page, profile: AreaProfile) -> float:
    """Height of :func:`map_legend`."""
    with page.measuring():
        return map_legend(page, profile, 0.0)


def area_map(page: Page, profile: AreaProfile, data: CityData, y: float, height: float) -> None:
    """The map of the area in the left column, ``height`` tall with its legend."""
    map_h = max(height - legend_height(page, profile) - 1.0, MIN_MAP_H)
    image = map_png(profile, data, width_mm=COL_W, height_mm=map_h, lang=page.lang)
    page.png(image, LEFT_X, y, COL_W, map_h)
    map_legend(page, profile, y + map_h + 1.0)
