"""The printed area sheet: A4, for a council meeting or a notice board.

:func:`area_sheet_pdf` lays out an :class:`~geo.profile.AreaProfile` with fpdf2.

- Page 1: the title; a map of the area drawn with matplotlib (no network tiles) with
  its legend; the key figures (加入率 included); the 自主防災組織 活動カバー率 beside
  the city and Japan; the evacuation sites and the hazards with no designated site;
  the 8 local needs beside the city and the neighbouring areas, gaps marked by the
  rules of :func:`geo.coverage.coverage`; the NPO Law's 20 fields, smaller; and a
  用語 box defining every figure with its source.
- Page 2: the full lists of the area's associations and of the civic groups active
  in it, in three columns (on to a third page only if a list needs it).

Nothing is cut: text wraps and blocks grow; a block that does not fit on page 1 goes
on the next page. Body text is at least :data:`~geo.sheet.style.BODY` points, the
sources, date and notes at the foot at least :data:`~geo.sheet.style.SMALL`. Every
page ends with a footer (sample notice, sources on page 1, the date and page
number). The words are the catalogue's ``sheet.*`` texts, in Japanese unless asked
otherwise, in the IPAexGothic font shipped with the ``matplotlib-fontja`` package.
The same profile, data and date always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fpdf import FPDF

from geo.datastatus import sample_banner
from geo.model import CityData, area_names_in
from geo.profile import AreaProfile
from geo.sheet.images import map_png
from geo.sheet.lists import Flow, lists
from geo.sheet.needs import needs_section, npo_section, terms_box
from geo.sheet.page import Page, line_height
from geo.sheet.style import (
    ACCENT,
    BODY,
    BOTTOM,
    COL_W,
    CONTENT_W,
    DPI,
    FONT_FAMILY,
    HEADING,
    LEFT_X,
    MAP_H,
    MARGIN,
    MUTED,
    RGB,
    SHEET_LANG,
    SMALL,
    TEXT,
    TOP,
    WARN,
    font_path,
)
from geo.sheet.summary import app_title, area_map, header, right_column
from geo.sources import attribution_lines

#: The time zone of the day a sheet is made: its creation date is that day's start, so
#: the same sheet on the same day is the same bytes.
_JST = dt.timezone(dt.timedelta(hours=9), "JST")


def _new_pdf(profile: AreaProfile, lang: str, day: dt.date) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0.0  # frames are laid out exactly; no padding inside cells
    pdf.add_font(FONT_FAMILY, fname=str(font_path()))
    title = Page(pdf, lang).t("sheet.title", area=profile.name(lang))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator(app_title(profile, lang))
    pdf.set_creation_date(dt.datetime(day.year, day.month, day.day, tzinfo=_JST))
    pdf.add_page()
    return pdf


@dataclass(frozen=True)
class _Block:
    """One line of the footer: text, size, colour."""

    value: str
    size: float
    colour: RGB


def _source_text(page: Page, data: CityData) -> str:
    # the sample notice stands on its own line of the footer
    lines = attribution_lines(data.sources, page.lang, leave_out=("sample",))
    return page.t("sheet.sources.sep").join(lines)


def _footer_blocks(page: Page, profile: AreaProfile, data: CityData, first: bool) -> list[_Block]:
    """The footer's paragraphs, top to bottom (the date line is added when drawn)."""
    t = page.t
    blocks: list[_Block] = []
    if first and profile.is_approximate:
        note = t("sheet.note", note=profile.boundary_note(page.lang))
        blocks.append(_Block(note, SMALL, TEXT))
    banner = sample_banner(profile.sample_kinds)
    if banner is not None:  # the kinds shown that are sample, as the page's banner says
        blocks.append(_Block(t("sheet.note", note=banner.text(page.lang)), BODY, WARN))
    if first:
        blocks.append(_Block(_source_text(page, data), SMALL, MUTED))
    return blocks


def _made(page: Page, profile: AreaProfile, today: dt.date, number: int, pages: int) -> str:
    app = app_title(profile, page.lang)
    return page.t("sheet.made", date=today, app=app, page=number, pages=pages)


def _footer(page: Page, blocks: list[_Block], made: str) -> float:
    """Draw (or measure) a footer flush with the bottom; return its top."""
    all_blocks = [*blocks, _Block(made, SMALL, MUTED)]
    with page.measuring():
        heights = [page.paragraph(LEFT_X, 0.0, CONTENT_W, b.value, size=b.size) for b in all_blocks]
    top = BOTTOM - sum(h + 0.4 for h in heights)
    page.rule(LEFT_X, top - 1.2, CONTENT_W, ACCENT, 0.3)
    y = top
    for block, h in zip(all_blocks, heights, strict=True):
        page.paragraph(LEFT_X, y, CONTENT_W, block.value, size=block.size, colour=block.colour)
        y += h + 0.4
    return top - 2.4


def _continued(page: Page, profile: AreaProfile) -> float:
    """The title of a following page; returns the y below it."""
    title = page.t("sheet.continued", area=profile.name(page.lang))
    y = page.paragraph(LEFT_X, TOP, CONTENT_W, title, size=HEADING + 1.5, colour=TEXT)
    page.rule(LEFT_X, y + 0.6, CONTENT_W, ACCENT, 0.6)
    return y + 3.0


@dataclass
class _Sheet:
    """The document being laid out, with the height each page's footer takes."""

    page: Page
    profile: AreaProfile
    data: CityData
    footer_first: float
    footer_rest: float

    def next_page(self) -> float:
        """Start a page with the continuation title; returns the y below it."""
        self.page.pdf.add_page()
        return _continued(self.page, self.profile)

    def bottom(self) -> float:
        """The lowest y of content on the current page."""
        first = self.page.pdf.page == 1
        return self.footer_first if first else self.footer_rest


def _place(sheet: _Sheet, y: float, draw: Callable[[Page, AreaProfile, float], float]) -> float:
    """Draw one block where it fits: at ``y``, or at the top of a new page."""
    with sheet.page.measuring():
        height = draw(sheet.page, sheet.profile, 0.0)
    if y + height > sheet.bottom():
        y = sheet.next_page()
    return draw(sheet.page, sheet.profile, y)


def _first_page(sheet: _Sheet) -> float:
    page, profile = sheet.page, sheet.profile
    top = header(page, profile)
    with page.measuring():
        right = right_column(page, profile, top)
    area_map(page, profile, sheet.data, top, right - top)
    y = right_column(page, profile, top) + 1.0
    for draw in (needs_section, npo_section, terms_box):
        y = _place(sheet, y, draw)
    return y


def _footer_heights(
    page: Page, profile: AreaProfile, data: CityData, today: dt.date
) -> tuple[float, float]:
    made = _made(page, profile, today, 9, 9)
    with page.measuring():
        first = _footer(page, _footer_blocks(page, profile, data, True), made)
        rest = _footer(page, _footer_blocks(page, profile, data, False), made)
    return first, rest


def area_sheet_document(
    profile: AreaProfile,
    data: CityData,
    *,
    today: dt.date | None = None,
    lang: str = SHEET_LANG,
) -> FPDF:
    """The laid-out sheet as an fpdf2 document (see :func:`area_sheet_pdf`)."""
    day = today or dt.date.today()
    page = Page(_new_pdf(profile, lang, day), lang)
    first, rest = _footer_heights(page, profile, data, day)
    sheet = _Sheet(page, profile, data, first, rest)
    y = _first_page(sheet)
    # the lists start on a page of their own, or under the blocks page 1 could not hold
    top = sheet.next_page() if page.pdf.page == 1 else y + 2.0
    flow = Flow(page, top, rest, sheet.next_page)
    lists(flow, profile, area_names_in(data.areas, lang))
    pages = page.pdf.pages_count
    for number in range(1, pages + 1):
        page.pdf.page = number
        blocks = _footer_blocks(page, profile, data, number == 1)
        _footer(page, blocks, _made(page, profile, day, number, pages))
    return page.pdf


def area_sheet_pdf(
    profile: AreaProfile,
    data: CityData,
    *,
    today: dt.date | None = None,
    lang: str = SHEET_LANG,
) -> bytes:
    """The A4 sheet of an area, in Japanese unless ``lang`` says otherwise.

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
    The PDF document: two pages for every area of the bundled data in Japanese (the
    summary, then the lists), where English, whose words are wider, runs the three
    longest lists onto a third; the same bytes for the same profile, data and date.
    """
    return bytes(area_sheet_document(profile, data, today=today, lang=lang).output())


__all__ = [
    "COL_W",
    "DPI",
    "MAP_H",
    "SHEET_LANG",
    "area_sheet_document",
    "area_sheet_pdf",
    "font_path",
    "line_height",
    "map_png",
]
