"""The printed area sheet: one A4 page in Japanese, for a council meeting or a notice board.

:func:`area_sheet_pdf` lays out an :class:`~geo.profile.AreaProfile` with fpdf2: the
title, a map of the area drawn with matplotlib (no network tiles), the key figures,
the 自主防災組織 活動カバー率 beside the city and the national figure, the coverage
profile as a bar chart, the gaps in words, the evacuation sites and the hazards with
no designated site, the area's associations and civic groups, and a footer with the
date, the sources and, for sample data, a notice.

Every block has a fixed frame and long lists are cut (``ほか N件``), so the sheet is
always exactly one page. All text uses the IPAexGothic font that ships with the
``matplotlib-fontja`` package.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib_fontja
import shapely
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from geo.crs import WGS84, to_projected
from geo.model import CityData
from geo.profile import (
    HAZARD_SHORT_LABELS,
    MAIN_HAZARDS,
    AreaProfile,
    FieldCoverage,
    format_int,
    format_rate,
)
from geo.sources import attribution_lines

#: The notice printed whenever sample organisations are shown.
SAMPLE_NOTICE = "※団体データはサンプル（架空）です"

#: Resolution of the map and chart images.
DPI = 150

FONT_FAMILY = "ipaexg"

# Page geometry (mm): A4 portrait, two columns.
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 10.0
GUTTER = 5.0
COL_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
LEFT_X = MARGIN
RIGHT_X = MARGIN + COL_W + GUTTER
BOTTOM = PAGE_H - 8.0
MAP_H = 88.0
CHART_H = 94.0
#: At most this many gap fields are named (the rest as "ほか N分野").
MAX_GAPS = 6

# Colour-blind-safe palette (Okabe & Ito).
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
AREA_FILL = "#FFF1B8"
NEIGHBOUR_FILL = "#E6E6E6"

RGB = tuple[int, int, int]
TEXT: RGB = (34, 34, 34)
MUTED: RGB = (100, 100, 100)
ACCENT: RGB = (0, 114, 178)
WARN: RGB = (213, 94, 0)


def _rgb(hex_colour: str) -> RGB:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


# --- fonts -----------------------------------------------------------------------------


@functools.cache
def font_path() -> Path:
    """The IPAexGothic font file shipped by ``matplotlib-fontja``."""
    path = Path(matplotlib_fontja.__file__).resolve().parent / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"IPAexGothic not found at {path}; reinstall matplotlib-fontja")
    return path


@functools.cache
def _font(size: float) -> FontProperties:
    """Matplotlib font properties for Japanese text (cached; never mutate)."""
    return FontProperties(fname=str(font_path()), size=size)


# --- matplotlib images -----------------------------------------------------------------


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _polygon_path(geom: shapely.Geometry) -> MplPath:
    """A matplotlib path of a polygon or multipolygon, holes included."""
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        rings.append(MplPath(list(poly.exterior.coords), closed=True))
        rings.extend(MplPath(list(r.coords), closed=True) for r in poly.interiors)
    return MplPath.make_compound_path(*rings)


def _view(bounds: Sequence[float], aspect: float, pad: float = 0.06) -> tuple[float, ...]:
    """(xmin, xmax, ymin, ymax) around ``bounds`` padded and widened to ``aspect`` (w/h)."""
    x0, y0, x1, y1 = bounds
    w, h = (x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad)
    w, h = max(w, h * aspect, 1.0), max(h, w / aspect, 1.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _nice_length(width_m: float) -> float:
    """A round scale-bar length near a quarter of ``width_m``."""
    target = width_m / 4
    choices = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
    return float(max((c for c in choices if c <= target), default=choices[0]))


def _scale_bar(ax: Axes, view: tuple[float, ...]) -> None:
    x0, x1, y0, y1 = view
    length = _nice_length(x1 - x0)
    left, base = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    tick = (y1 - y0) * 0.012
    ax.add_patch(
        Rectangle(
            (left - tick, base - tick),
            length + 2 * tick,
            tick * 5.5,
            facecolor="white",
            edgecolor="none",
            alpha=0.8,
            zorder=6,
        )
    )
    ax.plot(
        [left, left, left + length, left + length],
        [base + tick, base, base, base + tick],
        color="black",
        linewidth=1.0,
        zorder=7,
    )
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(
        left + length / 2,
        base + tick * 1.4,
        label,
        ha="center",
        va="bottom",
        fontproperties=_font(6),
        zorder=7,
    )


def _north_arrow(ax: Axes) -> None:
    ax.annotate(
        "N",
        xy=(0.95, 0.97),
        xytext=(0.95, 0.87),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="top",
        fontproperties=_font(7),
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8},
        zorder=7,
    )


def _projected_xy(lons: Sequence[float], lats: Sequence[float]) -> tuple[list[float], list[float]]:
    points = to_projected(gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs=WGS84))
    return [float(p.x) for p in points], [float(p.y) for p in points]


def _draw_areas(ax: Axes, areas: gpd.GeoDataFrame, area_id: str, view: tuple[float, ...]) -> None:
    """Fill the area and, in light grey with their names, the neighbours in view."""
    box = shapely.box(view[0], view[2], view[1], view[3])
    for aid, name, geom in zip(areas["area_id"], areas["name_ja"], areas.geometry, strict=True):
        if not geom.intersects(box):
            continue
        own = aid == area_id
        ax.add_patch(
            PathPatch(
                _polygon_path(geom),
                facecolor=AREA_FILL if own else NEIGHBOUR_FILL,
                edgecolor="#333333" if own else "white",
                linewidth=1.3 if own else 0.8,
                zorder=2 if own else 1,
            )
        )
        visible = shapely.intersection(geom, box.buffer(-0.06 * (view[1] - view[0])))
        if not own and visible.area > 0.02 * box.area:
            spot = visible.representative_point()
            ax.text(
                spot.x,
                spot.y,
                str(name),
                ha="center",
                va="center",
                color="#8C8C8C",
                fontproperties=_font(6.5),
                zorder=1.5,
                clip_on=True,
            )


def map_png(profile: AreaProfile, data: CityData, *, width_mm: float, height_mm: float) -> bytes:
    """A PNG map of the area: its neighbours, center, organisations and evacuation sites.

    Parameters
    ----------
    profile
        The area.
    data
        The city, for the boundaries of the area and its neighbours.
    width_mm, height_mm
        Size of the image on the page.

    Returns
    -------
    PNG bytes at :data:`DPI`.
    """
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    legend_h = 0.13
    ax = fig.add_axes((0.0, legend_h, 1.0, 1.0 - legend_h))
    areas = to_projected(data.areas)
    own = areas[areas["area_id"] == profile.area_id]
    aspect = width_mm / (height_mm * (1 - legend_h))
    view = _view(own.total_bounds.tolist(), aspect)
    _draw_areas(ax, areas, profile.area_id, view)
    handles = _draw_points(ax, profile)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")
        spine.set_linewidth(0.6)
    _scale_bar(ax, view)
    _north_arrow(ax)
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=2,
        prop=_font(6.5),
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.2,
        borderaxespad=0.2,
    )
    return _png(fig)


@dataclass(frozen=True)
class _Layer:
    """One kind of point on the map, with its legend label and marker."""

    label: str
    marker: str
    colour: str
    size: float
    points: tuple[tuple[float, float], ...]


def _layers(profile: AreaProfile) -> tuple[_Layer, ...]:
    """The map's point layers, bottom to top."""
    groups = [g for g in profile.civic_groups if g.based_here]
    center = [profile.center] if profile.center else []
    return (
        _Layer(
            "自治会・町内会", "o", BLUE, 3.2, tuple((a.lon, a.lat) for a in profile.associations)
        ),
        _Layer("市民活動団体（拠点）", "o", PURPLE, 3.2, tuple((g.lon, g.lat) for g in groups)),
        _Layer(
            "指定緊急避難場所", "^", GREEN, 5.0, tuple((x.lon, x.lat) for x in profile.shelters)
        ),
        _Layer("地域交流センター", "*", ORANGE, 11.0, tuple((c.lon, c.lat) for c in center)),
    )


def _draw_points(ax: Axes, profile: AreaProfile) -> list[Line2D]:
    """Plot the organisations, sites and center; return the legend handles."""
    handles = []
    for z, layer in enumerate(_layers(profile), start=3):
        style: dict[str, Any] = {
            "linestyle": "none",
            "marker": layer.marker,
            "markerfacecolor": layer.colour,
            "markeredgecolor": "black" if layer.marker == "*" else "white",
            "markeredgewidth": 0.4,
        }
        if layer.points:
            xs, ys = _projected_xy([p[0] for p in layer.points], [p[1] for p in layer.points])
            ax.plot(xs, ys, markersize=layer.size, zorder=z, **style)
        label = f"{layer.label}（{len(layer.points)}）"
        handles.append(Line2D([], [], markersize=layer.size + 0.5, label=label, **style))
    return handles


def coverage_png(fields: Sequence[FieldCoverage], *, width_mm: float, height_mm: float) -> bytes:
    """A horizontal bar chart of the area's organisations per 10,000 residents by field.

    The city median is a black tick; gap fields are hatched vermillion bars with a
    vermillion label and the word 空白, so they read without colour too.

    Parameters
    ----------
    fields
        The fields to draw, top to bottom.
    width_mm, height_mm
        Size of the image on the page.

    Returns
    -------
    PNG bytes at :data:`DPI`.
    """
    layout = ConstrainedLayoutEngine(w_pad=0.02, h_pad=0.02)
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI, layout=layout)
    ax = fig.add_subplot()
    ys = list(range(len(fields)))
    values = [f.per_10k for f in fields]
    top = max([*values, *(f.city_median_per_10k for f in fields), 1.0]) * 1.12
    _bars(ax, fields, ys)
    ax.set_yticks(ys, [f.label_ja for f in fields], fontproperties=_font(6.2))
    for label, f in zip(ax.get_yticklabels(), fields, strict=True):
        label.set_color(VERMILLION if f.is_gap else "#222222")
    ax.set_ylim(len(fields) - 0.5, -0.5)
    ax.set_xlim(0, top)
    ax.tick_params(axis="x", labelsize=5.5, length=2, pad=1)
    ax.tick_params(axis="y", length=0, pad=2)
    ax.set_xlabel("人口1万人あたりの団体数", fontproperties=_font(6), labelpad=1)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    needs = sum(not f.code.startswith("npo") for f in fields)
    if 0 < needs < len(fields):
        ax.axhline(needs - 0.5, color="#999999", linewidth=0.5, linestyle=(0, (2, 2)))
    handles = [
        Patch(facecolor=SKY, label="この地域"),
        Patch(facecolor=VERMILLION, hatch="//////", edgecolor="white", label="空白分野"),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="|",
            markersize=6,
            markeredgewidth=1.3,
            color="black",
            label="市の中央値",
        ),
    ]
    fig.legend(
        handles=handles,
        loc="outside upper center",
        ncol=3,
        prop=_font(6),
        frameon=False,
        handlelength=1.4,
        columnspacing=1.5,
    )
    return _png(fig)


def _bars(ax: Axes, fields: Sequence[FieldCoverage], ys: Sequence[int]) -> None:
    values = [f.per_10k for f in fields]
    colours = [VERMILLION if f.is_gap else SKY for f in fields]
    bars = ax.barh(ys, values, height=0.64, color=colours, edgecolor="none", zorder=2)
    for bar, f, y in zip(bars, fields, ys, strict=True):
        if f.is_gap:
            bar.set_hatch("//////")
            bar.set_edgecolor("white")
            ax.text(
                max(f.per_10k, f.city_median_per_10k),
                y,
                "  空白",
                va="center",
                ha="left",
                color=VERMILLION,
                fontproperties=_font(5.8),
                zorder=4,
            )
    ax.plot(
        [f.city_median_per_10k for f in fields],
        ys,
        linestyle="none",
        marker="|",
        markersize=6.5,
        markeredgewidth=1.3,
        color="black",
        zorder=3,
    )


# --- the page --------------------------------------------------------------------------

#: Characters that must not start a line (禁則: closing punctuation and brackets).
_NO_START = frozenset("、。，．,.・：:；;？?！!）)」』】〕〉》”’ー…‥％%")
#: Characters that must not end a line (opening brackets).
_NO_END = frozenset("（(「『【〔〈《“‘")
#: Wrapping units: a run of Latin letters and digits, a space, or one character.
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9@&+\-.,:/%]*|\s|.", re.DOTALL)


@dataclass
class _Page:
    """A thin drawing helper around one fpdf2 page (mm units)."""

    pdf: FPDF

    def font(self, size: float, colour: RGB = TEXT) -> None:
        self.pdf.set_font(FONT_FAMILY, size=size)
        self.pdf.set_text_color(*colour)

    def width(self, text: str) -> float:
        return float(self.pdf.get_string_width(text))

    def fit(self, text: str, w: float) -> str:
        """``text`` cut with an ellipsis to fit ``w`` at the current font."""
        if self.width(text) <= w:
            return text
        while text and self.width(text + "…") > w:
            text = text[:-1]
        return text + "…"

    def cell(self, x: float, y: float, w: float, h: float, text: str, align: str = "L") -> None:
        self.pdf.set_xy(x, y)
        self.pdf.cell(w, h, self.fit(text, w), align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def lines(self, text: str, w: float) -> list[str]:
        """``text`` wrapped to ``w`` at the current font, with Japanese line-break rules.

        Closing punctuation never starts a line (it hangs past ``w`` instead) and an
        opening bracket never ends one; runs of Latin letters and digits stay whole.
        """
        lines: list[str] = []
        cur, cur_w = "", 0.0
        for token in _TOKENS.findall(text):
            tok_w = self.width(token)
            if not cur or cur_w + tok_w <= w or token[0] in _NO_START:
                cur, cur_w = cur + token, cur_w + tok_w
                continue
            carry = cur[-1] if cur[-1] in _NO_END else ""
            lines.append(cur[: len(cur) - len(carry)].rstrip())
            cur = (carry + token).lstrip()
            cur_w = self.width(cur)
        if cur:
            lines.append(cur)
        return lines

    def paragraph(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        *,
        size: float,
        max_lines: int,
        colour: RGB = TEXT,
        leading: float = 1.35,
    ) -> float:
        """Wrapped text of at most ``max_lines`` lines; returns the y below it."""
        self.font(size, colour)
        lines = self.lines(text, w)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], self.fit(lines[max_lines - 1] + "…", w)]
        step = size * leading * 25.4 / 72
        hang = self.width("、")
        for i, line in enumerate(lines):
            self.cell(x, y + i * step, w + hang, step, line)
        return y + len(lines) * step

    def heading(self, x: float, y: float, w: float, text: str) -> float:
        """A section heading with a coloured bar; returns the y below it."""
        self.pdf.set_fill_color(*ACCENT)
        self.pdf.rect(x, y + 0.6, 1.2, 3.6, style="F")
        self.font(9.5, ACCENT)
        self.cell(x + 2.4, y, w - 2.4, 4.8, text)
        self.pdf.set_draw_color(*ACCENT)
        self.pdf.set_line_width(0.2)
        self.pdf.line(x, y + 5.0, x + w, y + 5.0)
        return y + 6.4

    def png(self, data: bytes, x: float, y: float, w: float, h: float) -> None:
        self.pdf.image(io.BytesIO(data), x=x, y=y, w=w, h=h)


def _new_pdf(profile: AreaProfile) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0.0  # frames are laid out exactly; no padding inside cells
    pdf.add_font(FONT_FAMILY, fname=str(font_path()))
    pdf.set_title(f"{profile.name_ja}地域 協働まちづくりシート")
    pdf.set_lang("ja")
    pdf.set_creator(f"{profile.city_name_ja} 協働まちづくりマップ")
    pdf.add_page()
    return pdf


def _header(page: _Page, profile: AreaProfile) -> float:
    page.font(17)
    page.cell(LEFT_X, MARGIN, PAGE_W - 2 * MARGIN, 8, f"{profile.name_ja}地域 協働まちづくりシート")
    page.font(8.5, MUTED)
    sub = (
        f"{profile.city_name_ja} 協働まちづくりマップ　｜　"
        f"{profile.name_ja}（{profile.name_kana}）・{profile.name_en}"
    )
    page.cell(LEFT_X, MARGIN + 8.6, PAGE_W - 2 * MARGIN, 4.5, sub)
    page.pdf.set_draw_color(*ACCENT)
    page.pdf.set_line_width(0.6)
    page.pdf.line(LEFT_X, MARGIN + 14, PAGE_W - MARGIN, MARGIN + 14)
    return MARGIN + 16.5


def _figure_rows(profile: AreaProfile) -> list[tuple[str, str]]:
    council = profile.council
    center = profile.center
    committees = "、".join(profile.field_label(c, "ja") for c in council.fields) if council else ""
    based = profile.civic_groups_based_here
    return [
        ("人口", f"{format_int(profile.population)}人（令和2年国勢調査）"),
        ("世帯数", f"{format_int(profile.households)}世帯"),
        ("面積", f"{profile.area_km2:,.2f} km²"),
        (
            "自治会・町内会",
            f"{profile.association_count}団体（{format_int(profile.association_households)}世帯）",
        ),
        ("地域づくり協議会", council.name if council else "—"),
        ("部会・活動分野", committees or "—"),
        ("地域交流センター", center.name if center else "—"),
        ("所在地", center.address if center else "—"),
        ("市民活動団体", f"{len(profile.civic_groups)}団体が活動（うち地域内に拠点 {based}）"),
    ]


def _key_figures(page: _Page, profile: AreaProfile, y: float) -> float:
    x, w, label_w = RIGHT_X, COL_W, 25.0
    y = page.heading(x, y, w, "基本データ")
    for label, value in _figure_rows(profile):
        page.font(7.5, MUTED)
        page.cell(x, y, label_w, 4.0, label)
        y = max(
            page.paragraph(x + label_w, y + 0.1, w - label_w, value, size=8.5, max_lines=3),
            y + 4.2,
        )
        y += 0.4
    return y + 1.5


def _jishubo(page: _Page, profile: AreaProfile, y: float) -> float:
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, "自主防災組織 活動カバー率")
    rows = [
        ("この地域", profile.jishubo_rate, _rgb(ORANGE)),
        (profile.city_name_ja, profile.city_jishubo_rate, _rgb(SKY)),
        ("全国（令和2年）", profile.national_jishubo_rate, (170, 170, 170)),
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
    note = "自主防災組織のある自治会・町内会の世帯数 ÷ 地域の世帯数（国勢調査）"
    return page.paragraph(x, y, w, note, size=6.2, max_lines=2, colour=MUTED) + 2.0


def _gaps(page: _Page, profile: AreaProfile, y: float) -> float:
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, "活動の空白（市の中央値との比較）")
    gaps = profile.gaps
    if not gaps:
        y = page.paragraph(x, y, w, "空白となっている分野はありません。", size=7.5, max_lines=1)
    shown = gaps if len(gaps) <= MAX_GAPS else gaps[: MAX_GAPS - 1]
    for f in shown:
        text = f"・{f.label_ja}：{f.reason_ja}"
        y = page.paragraph(x, y, w, text, size=7.5, max_lines=2, colour=WARN) + 0.3
    if len(shown) < len(gaps):
        rest = "、".join(f.label_ja for f in gaps[len(shown) :])
        text = f"・ほか {len(gaps) - len(shown)}分野：{rest}"
        y = page.paragraph(x, y, w, text, size=7.5, max_lines=2, colour=WARN) + 0.3
    inactive = "、".join(f.label_ja for f in profile.inactive_in_city)
    if inactive:
        text = f"市内に活動団体のない分野：{inactive}"
        y = page.paragraph(x, y + 0.3, w, text, size=6.5, max_lines=2, colour=MUTED)
    return y + 2.0


def _shelter_lines(profile: AreaProfile) -> list[tuple[str, RGB]]:
    labels = HAZARD_SHORT_LABELS["ja"]
    centres = sum(s.is_evacuation_center for s in profile.shelters)
    counts = profile.hazard_counts()
    sites = f"指定緊急避難場所 {len(profile.shelters)}か所"
    out = [(f"{sites}（うち指定避難所を兼ねる {centres}か所）", TEXT)]
    if profile.shelters:
        per = "・".join(f"{labels[h]} {counts[h]}" for h in MAIN_HAZARDS)
        out.append((f"災害別の指定数：{per}", TEXT))
    main = profile.missing_main_hazards
    if main:
        out.append((f"この地域に指定のない主な災害：{'、'.join(labels[h] for h in main)}", WARN))
    else:
        out.append(("洪水・土砂災害・高潮・地震・津波のすべてに指定の場所があります", TEXT))
    other = [h for h in profile.missing_hazards if h not in MAIN_HAZARDS]
    if other:
        out.append((f"指定のないその他の災害：{'、'.join(labels[h] for h in other)}", MUTED))
    return out


def _shelters(page: _Page, profile: AreaProfile, y: float) -> float:
    x, w = RIGHT_X, COL_W
    y = page.heading(x, y, w, "避難場所と災害種別")
    for text, colour in _shelter_lines(profile):
        y = page.paragraph(x, y, w, text, size=7.5, max_lines=2, colour=colour) + 0.4
    return y + 1.6


@dataclass(frozen=True)
class _Column:
    title: str
    width: float
    align: str = "L"


def _table(
    page: _Page,
    x: float,
    y: float,
    bottom: float,
    columns: Sequence[_Column],
    rows: Sequence[Sequence[str]],
) -> float:
    """A compact table cut to fit above ``bottom`` with a closing "ほか N件" row."""
    step = 3.45
    page.font(6.8, MUTED)
    cx = x
    for col in columns:
        page.cell(cx, y, col.width, step, col.title, align=col.align)
        cx += col.width
    y += step + 0.3
    total_w = sum(c.width for c in columns)
    page.pdf.set_draw_color(200, 200, 200)
    page.pdf.set_line_width(0.15)
    page.pdf.line(x, y - 0.2, x + total_w, y - 0.2)
    room = int((bottom - y) // step)
    if room < 1:
        return y
    shown = rows if len(rows) <= room else rows[: room - 1]
    page.font(7.0)
    for row in shown:
        cx = x
        for col, text in zip(columns, row, strict=True):
            page.cell(cx, y, col.width - 0.8, step, text, align=col.align)
            cx += col.width
        y += step
    if len(shown) < len(rows):
        page.font(7.0, MUTED)
        page.cell(x, y, total_w, step, f"ほか {len(rows) - len(shown)}件")
        y += step
    if not rows:
        page.font(7.0, MUTED)
        page.cell(x, y, total_w, step, "登録がありません")
        y += step
    return y


def _associations(page: _Page, profile: AreaProfile, y: float, bottom: float) -> None:
    x, w = LEFT_X, COL_W
    title = (
        f"自治会・町内会（{profile.association_count}団体・"
        f"{format_int(profile.association_households)}世帯）"
    )
    y = page.heading(x, y, w, title)
    columns = (_Column("名称", w - 30), _Column("世帯数", 15, "R"), _Column("自主防災", 15, "C"))
    rows = [
        (
            a.name,
            "—" if a.households is None else format_int(a.households),
            "○" if a.has_jishubo else "—",
        )
        for a in profile.associations
    ]
    _table(page, x, y, bottom, columns, rows)


def _civic_groups(
    page: _Page, profile: AreaProfile, names: dict[str, str], y: float, bottom: float
) -> None:
    x, w = RIGHT_X, COL_W
    title = (
        f"市民活動団体（{len(profile.civic_groups)}団体・"
        f"うち地域内に拠点 {profile.civic_groups_based_here}）"
    )
    y = page.heading(x, y, w, title)
    columns = (_Column("名称", w - 44), _Column("拠点", 26), _Column("最終確認", 18, "R"))
    rows = []
    for g in profile.civic_groups:
        if g.based_here:
            base = "この地域"
        else:
            base = names.get(g.base_area_id, g.base_area_id) + ("（全市）" if g.citywide else "")
        when = g.last_confirmed.strftime("%Y年%m月") if g.last_confirmed else "—"
        rows.append((g.name, base, when))
    _table(page, x, y, bottom, columns, rows)


def _source_text(data: CityData) -> str:
    lines = [line for line in attribution_lines(data.sources) if line != SAMPLE_NOTICE]
    return "　／　".join(lines)


def _footer_blocks(
    profile: AreaProfile, data: CityData, today: dt.date
) -> list[tuple[str, float, RGB, int]]:
    """(text, size, colour, max lines) of the footer, top to bottom."""
    blocks: list[tuple[str, float, RGB, int]] = []
    if profile.is_approximate:
        blocks.append((f"※{profile.boundary_note('ja')}", 6.5, TEXT, 2))
    if profile.has_sample:
        blocks.append((SAMPLE_NOTICE + "。実在の団体ではありません。", 8.5, WARN, 1))
    blocks.append((_source_text(data), 6.0, MUTED, 3))
    date = f"{today.year}年{today.month}月{today.day}日"
    blocks.append(
        (f"作成日：{date}　｜　{profile.city_name_ja} 協働まちづくりマップ", 6.5, MUTED, 1)
    )
    return blocks


def _footer(page: _Page, profile: AreaProfile, data: CityData, today: dt.date) -> float:
    """Draw the footer flush with the bottom; return its top."""
    w = PAGE_W - 2 * MARGIN
    blocks = _footer_blocks(profile, data, today)
    heights = []
    for text, size, _colour, max_lines in blocks:
        page.font(size)
        n = min(len(page.lines(text, w)), max_lines)
        heights.append(n * size * 1.35 * 25.4 / 72 + 0.6)
    top = BOTTOM - sum(heights)
    page.pdf.set_draw_color(*ACCENT)
    page.pdf.set_line_width(0.3)
    page.pdf.line(LEFT_X, top - 1.2, PAGE_W - MARGIN, top - 1.2)
    y = top
    for (text, size, colour, max_lines), h in zip(blocks, heights, strict=True):
        page.paragraph(LEFT_X, y, w, text, size=size, max_lines=max_lines, colour=colour)
        y += h
    return top - 1.2


def area_sheet_document(
    profile: AreaProfile, data: CityData, *, today: dt.date | None = None
) -> FPDF:
    """The laid-out sheet as an fpdf2 document (see :func:`area_sheet_pdf`)."""
    day = today or dt.date.today()
    pdf = _new_pdf(profile)
    page = _Page(pdf)
    top = _header(page, profile)
    footer_top = _footer(page, profile, data, day)
    # left column: map, coverage chart, associations
    page.png(map_png(profile, data, width_mm=COL_W, height_mm=MAP_H), LEFT_X, top, COL_W, MAP_H)
    y_left = page.heading(LEFT_X, top + MAP_H + 2.5, COL_W, "分野別の活動（人口1万人あたり）")
    shown = [f for f in profile.coverage if f.active_in_city]
    chart = coverage_png(shown, width_mm=COL_W, height_mm=CHART_H)
    page.png(chart, LEFT_X, y_left, COL_W, CHART_H)
    _associations(page, profile, y_left + CHART_H + 2.0, footer_top - 1.5)
    # right column: figures, 自主防災, shelters, gaps, civic groups
    y = _key_figures(page, profile, top)
    y = _jishubo(page, profile, y)
    y = _shelters(page, profile, y)
    y = _gaps(page, profile, y)
    names = {
        str(a): str(n) for a, n in zip(data.areas["area_id"], data.areas["name_ja"], strict=True)
    }
    _civic_groups(page, profile, names, y, footer_top - 1.5)
    return pdf


def area_sheet_pdf(profile: AreaProfile, data: CityData, *, today: dt.date | None = None) -> bytes:
    """The one-page A4 sheet of an area, in Japanese.

    Parameters
    ----------
    profile
        The area, from :func:`geo.profile.area_profile`.
    data
        The city the profile was built from (boundaries and sources).
    today
        The date printed in the footer; today when ``None``.

    Returns
    -------
    The PDF document (always exactly one page).
    """
    return bytes(area_sheet_document(profile, data, today=today).output())


__all__ = [
    "DPI",
    "SAMPLE_NOTICE",
    "area_sheet_document",
    "area_sheet_pdf",
    "coverage_png",
    "font_path",
    "map_png",
]
