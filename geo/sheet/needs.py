"""Page 1's lower half: the local needs (with the neighbouring areas), the NPO Law's 20
fields, and the 用語 box that explains the figures.

The tables are drawn as text and rules, not images, so every word stays text at its
size; a column is as wide as its widest cell, and a label that does not fit wraps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geo.profile import AreaProfile, FieldCoverage, Neighbour, format_per_10k, terms
from geo.sheet.page import Page, line_height
from geo.sheet.style import (
    ACCENT,
    BODY,
    CITY_BAR,
    CONTENT_W,
    LEFT_X,
    MUTED,
    RGB,
    RULE,
    SKY,
    TEXT,
    VERMILLION,
    WARN,
    rgb,
)

#: Row height of the tables: one line of body text with a little air.
ROW_LEADING = 1.25
#: A label wider than this wraps.
MAX_LABEL_W = 44.0
#: Labels wrap down to this width so that every neighbouring area fits beside the table.
MIN_LABEL_W = 28.0
#: The bars are at least this wide; below it they are left out.
MIN_BAR_W = 16.0
#: Space between columns.
PAD = 2.0
#: Line height of the 用語 box.
TERM_LEADING = 1.22


def _step() -> float:
    return line_height(BODY, ROW_LEADING)


@dataclass(frozen=True)
class _Col:
    """One column: its header, width and alignment."""

    title: str
    width: float
    align: str = "R"


def _widest(page: Page, values: Sequence[str]) -> float:
    page.font(BODY)
    return page.widest(values)


def _value_col(page: Page, title: str, values: Sequence[str], align: str = "R") -> _Col:
    return _Col(title, _widest(page, [title, *values]) + PAD, align)


def _label_col(page: Page, fields: Sequence[FieldCoverage]) -> _Col:
    labels = [f.label(page.lang) for f in fields]
    return _Col(page.t("sheet.needs.field"), min(_widest(page, labels) + PAD, MAX_LABEL_W), "L")


def _status_col(page: Page, fields: Sequence[FieldCoverage]) -> _Col:
    words = [f.status_word(page.lang) for f in fields]
    return _value_col(page, page.t("sheet.needs.status"), words, "C")


def _mark(page: Page, f: FieldCoverage) -> str:
    return page.t("sheet.needs.mark") if f.is_marked else ""


#: A neighbouring area's column and the area.
_Near = tuple[_Col, Neighbour]


@dataclass(frozen=True)
class _NeedsLayout:
    """The needs table's columns; ``extra``: neighbours that did not fit beside it."""

    label: _Col
    committee: _Col
    bar: float
    area: _Col
    city: _Col
    status: _Col
    neighbours: tuple[_Near, ...]
    extra: tuple[_Near, ...]


def _near_cols(page: Page, profile: AreaProfile) -> list[_Near]:
    out = []
    for n in profile.neighbours:
        cells = [format_per_10k(f.per_10k) + _mark(page, f) for f in n.needs]
        out.append((_value_col(page, n.name(page.lang), cells), n))
    return out


def _fitting(nears: Sequence[_Near], room: float) -> int:
    """How many of ``nears``, in order, fit in ``room`` mm (at least one)."""
    used, count = 0.0, 0
    for col, _ in nears:
        if count and used + col.width > room:
            break
        used, count = used + col.width, count + 1
    return count


def _needs_layout(page: Page, profile: AreaProfile) -> _NeedsLayout:
    t, needs = page.t, profile.needs
    near = _near_cols(page, profile)
    label = _label_col(page, needs)
    fixed = (
        _value_col(page, t("sheet.needs.committee"), [t("profile.yes")], "C"),
        _value_col(page, t("sheet.needs.area"), [format_per_10k(f.per_10k) for f in needs]),
        _value_col(page, t("sheet.needs.city"), [format_per_10k(f.city_per_10k) for f in needs]),
        _status_col(page, needs),
    )
    room = CONTENT_W - sum(c.width for c in fixed) - PAD
    # labels wrap (down to MIN_LABEL_W) rather than a neighbour going to a table below
    wanted = room - MIN_BAR_W - sum(c.width for c, _ in near)
    if label.width > wanted >= MIN_LABEL_W:
        label = _Col(label.title, wanted, label.align)
    room -= label.width
    shown = _fitting(near, room - MIN_BAR_W) if near else 0
    bar = room - sum(c.width for c, _ in near[:shown])
    return _NeedsLayout(
        label=label,
        committee=fixed[0],
        bar=bar if bar >= MIN_BAR_W else 0.0,
        area=fixed[1],
        city=fixed[2],
        status=fixed[3],
        neighbours=tuple(near[:shown]),
        extra=tuple(near[shown:]),
    )


def _bar_legend(page: Page, x: float, y: float, w: float) -> None:
    """Swatches naming the two bars, above them."""
    step = _step()
    for label, colour in (
        (page.t("sheet.needs.area"), rgb(SKY)),
        (page.t("sheet.needs.city"), CITY_BAR),
    ):
        page.box(x, y + step / 2 - 1.2, 2.4, 2.4, colour)
        page.font(BODY, MUTED)
        page.cell(x + 3.2, y, w, step, label)
        x += 3.2 + page.width(label) + 3.0


def _needs_header(page: Page, layout: _NeedsLayout, y: float) -> float:
    step = _step()
    x_bar = LEFT_X + layout.label.width + layout.committee.width
    x_near = x_bar + layout.bar + layout.area.width + layout.city.width + layout.status.width + PAD
    if layout.bar:
        _bar_legend(page, x_bar, y, layout.bar)
    if layout.neighbours:
        page.font(BODY, MUTED)
        title = page.t("sheet.needs.neighbours")
        x_title = min(x_near, LEFT_X + CONTENT_W - page.width(title))
        page.cell(x_title, y, LEFT_X + CONTENT_W - x_title, step, title, "R")
        page.rule(x_near, y + step, LEFT_X + CONTENT_W - x_near, RULE, 0.2)
    y += step
    x = LEFT_X
    page.font(BODY, MUTED)
    for col in (layout.label, layout.committee):
        page.cell(x, y, col.width - PAD, step, col.title, col.align)
        x += col.width
    x += layout.bar
    for col in (layout.area, layout.city, layout.status):
        page.cell(x, y, col.width - PAD / 2, step, col.title, col.align)
        x += col.width
    x += PAD
    for col, _ in layout.neighbours:
        page.cell(x, y, col.width - PAD / 2, step, col.title, "R")
        x += col.width
    page.rule(LEFT_X, y + step, CONTENT_W, RULE, 0.3)
    return y + step + 0.4


def _near_cells(page: Page, x: float, y: float, nears: Sequence[_Near], f: FieldCoverage) -> None:
    """One need's figures in the neighbours' columns, from ``x``."""
    for col, near in nears:
        theirs = near.need(f.code)
        value = format_per_10k(theirs.per_10k) + _mark(page, theirs) if theirs else ""
        page.font(BODY, WARN if theirs and theirs.is_marked else TEXT)
        page.cell(x, y, col.width - PAD / 2, _step(), value, "R")
        x += col.width


def _label_rows(page: Page, label: _Col, f: FieldCoverage, y: float) -> float:
    """The need's label, wrapped in its column; returns the row's height."""
    step = _step()
    page.font(BODY)
    rows = page.lines(f.label(page.lang), label.width - PAD)
    for i, row in enumerate(rows):
        page.cell(LEFT_X, y + i * step, label.width - PAD, step, row)
    return step * len(rows)


def _more_neighbours(page: Page, layout: _NeedsLayout, profile: AreaProfile, y: float) -> float:
    """The neighbours that did not fit beside the table, in tables of their own."""
    extra = list(layout.extra)
    step = _step()
    while extra:
        chunk = extra[: _fitting(extra, CONTENT_W - layout.label.width - PAD)]
        extra = extra[len(chunk) :]
        y += 1.5
        x = LEFT_X + layout.label.width + PAD
        page.font(BODY, MUTED)
        page.cell(LEFT_X, y, layout.label.width, step, page.t("sheet.needs.neighbours"))
        y += step
        for col, _ in chunk:
            page.font(BODY, MUTED)
            page.cell(x, y, col.width - PAD / 2, step, col.title, "R")
            x += col.width
        page.rule(LEFT_X, y + step, CONTENT_W, RULE, 0.3)
        y += step + 0.4
        for f in profile.needs:
            height = _label_rows(page, layout.label, f, y)
            _near_cells(page, LEFT_X + layout.label.width + PAD, y, chunk, f)
            y += height + 0.4
    return y


def _bars(page: Page, x: float, y: float, w: float, f: FieldCoverage, top: float) -> None:
    h = 1.7
    area_colour = rgb(VERMILLION) if f.is_low else rgb(SKY)
    page.box(x, y, w * f.per_10k / top, h, area_colour)
    page.box(x, y + h + 0.3, w * f.city_per_10k / top, h, CITY_BAR)


def _need_row(
    page: Page, layout: _NeedsLayout, f: FieldCoverage, profile: AreaProfile, y: float, top: float
) -> float:
    step = _step()
    height = _label_rows(page, layout.label, f, y)
    x = LEFT_X + layout.label.width
    committee = page.t("profile.yes") if f.code in profile.committees else ""
    page.cell(x, y, layout.committee.width - PAD, step, committee, "C")
    x += layout.committee.width
    if layout.bar:
        _bars(page, x, y + step / 2 - 1.85, layout.bar - PAD, f, top)
    x += layout.bar
    colour: RGB = WARN if f.is_low else TEXT
    cells = [
        (layout.area, format_per_10k(f.per_10k), colour),
        (layout.city, format_per_10k(f.city_per_10k), TEXT),
    ]
    cells.append((layout.status, f.status_word(page.lang) if f.is_marked else "", WARN))
    for col, value, c in cells:
        page.font(BODY, c)
        page.cell(x, y, col.width - PAD / 2, step, value, col.align)
        x += col.width
    _near_cells(page, x + PAD, y, layout.neighbours, f)
    page.rule(LEFT_X, y + height + 0.2, CONTENT_W, RULE, 0.1)
    return y + height + 0.4


def needs_section(page: Page, profile: AreaProfile, y: float) -> float:
    """The 8 local needs: this area beside the city and its neighbours, gaps marked."""
    y = page.heading(LEFT_X, y, CONTENT_W, page.t("sheet.needs"))
    layout = _needs_layout(page, profile)
    y = _needs_header(page, layout, y)
    top = max([f.per_10k for f in profile.needs] + [f.city_per_10k for f in profile.needs] + [1.0])
    for f in profile.needs:
        y = _need_row(page, layout, f, profile, y, top * 1.05)
    y = _more_neighbours(page, layout, profile, y)
    if not profile.neighbours:
        y = page.paragraph(
            LEFT_X, y + 0.6, CONTENT_W, page.t("sheet.needs.no_neighbours"), colour=MUTED
        )
    return y + 2.5


#: The NPO Law's fields are drawn in this many tables side by side.
NPO_TABLES = 3
#: Space between those tables.
NPO_GUTTER = 5.0


def _field_cols(page: Page, fields: Sequence[FieldCoverage], width: float) -> tuple[_Col, ...]:
    """Label, this area (with the gap mark) and the city, the label taking what is left."""
    t = page.t
    area = _value_col(page, t("sheet.needs.area"), [_marked(page, f) for f in fields])
    city = _value_col(page, t("sheet.needs.city"), [format_per_10k(f.city_per_10k) for f in fields])
    label = _Col(t("sheet.needs.field"), width - area.width - city.width, "L")
    return label, area, city


def _marked(page: Page, f: FieldCoverage) -> str:
    return format_per_10k(f.per_10k) + _mark(page, f)


def _field_table(
    page: Page, x: float, y: float, cols: Sequence[_Col], fields: Sequence[FieldCoverage]
) -> float:
    step = _step()
    page.font(BODY, MUTED)
    cx = x
    for col in cols:
        page.cell(cx, y, col.width - PAD / 2, step, col.title, col.align)
        cx += col.width
    page.rule(x, y + step, sum(c.width for c in cols), RULE, 0.3)
    y += step + 0.4
    label, area, city = cols
    for f in fields:
        page.font(BODY)
        rows = page.lines(f.label(page.lang), label.width - PAD)
        for j, row in enumerate(rows):
            page.cell(x, y + j * step, label.width - PAD, step, row)
        page.font(BODY, WARN if f.is_marked else TEXT)
        page.cell(x + label.width, y, area.width - PAD / 2, step, _marked(page, f), "R")
        page.font(BODY)
        right = x + label.width + area.width
        page.cell(right, y, city.width - PAD / 2, step, format_per_10k(f.city_per_10k), "R")
        y += step * len(rows) + 0.2
    return y


def npo_section(page: Page, profile: AreaProfile, y: float) -> float:
    """The NPO Law's 20 fields, smaller: three tables side by side, gaps marked ▲."""
    y = page.heading(LEFT_X, y, CONTENT_W, page.t("sheet.npo"))
    fields = profile.npo_fields
    width = (CONTENT_W - (NPO_TABLES - 1) * NPO_GUTTER) / NPO_TABLES
    cols = _field_cols(page, fields, width)
    per = -(-len(fields) // NPO_TABLES)
    bottom = y
    for i in range(NPO_TABLES):
        x = LEFT_X + i * (width + NPO_GUTTER)
        bottom = max(bottom, _field_table(page, x, y, cols, fields[i * per : (i + 1) * per]))
    return bottom + 2.5


def terms_box(page: Page, profile: AreaProfile, y: float) -> float:
    """The 用語 box: each figure's definition and source, one term a paragraph."""
    pad = 1.6
    title = page.t("sheet.terms")
    page.font(BODY, ACCENT)
    label_w = page.width(title) + 3.0
    inner = CONTENT_W - 2 * pad - label_w
    x = LEFT_X + pad + label_w
    top = y
    page.cell(LEFT_X + pad, y + pad, label_w, line_height(BODY, TERM_LEADING), title)
    y += pad
    for term, definition in terms(page.lang, profile):
        line = page.t("sheet.term", term=term, definition=definition)
        y = page.paragraph(x, y, inner, line, leading=TERM_LEADING)
    y += pad
    page.frame(LEFT_X, top, CONTENT_W, y - top, RULE)
    return y + 2.0
