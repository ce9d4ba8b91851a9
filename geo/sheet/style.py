"""Style of the printed sheet: its language, page geometry, colours and font."""

from __future__ import annotations

import functools
from pathlib import Path

import matplotlib_fontja
from matplotlib.font_manager import FontProperties

#: The language the sheet is printed in unless asked otherwise.
SHEET_LANG = "ja"

#: Resolution of the map and chart images.
DPI = 150

FONT_FAMILY = "ipaexg"

# Page geometry (mm): A4 portrait.
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 8.0
TOP = MARGIN
BOTTOM = PAGE_H - MARGIN
CONTENT_W = PAGE_W - 2 * MARGIN
GUTTER = 5.0
#: Page 1: two columns above the full-width sections.
COL_W = (CONTENT_W - GUTTER) / 2
LEFT_X = MARGIN
RIGHT_X = MARGIN + COL_W + GUTTER
#: Page 2 on: the lists flow in this many columns.
LIST_COLUMNS = 3
LIST_GUTTER = 4.0
#: The map's smallest height; it grows to the height of the figures beside it.
MIN_MAP_H = 70.0
#: Width of the map image (the left column).
MAP_W = COL_W
#: Height of the map for callers that draw it alone (e.g. the benchmarks).
MAP_H = 88.0

# Type sizes (pt). Every word a reader needs is at least BODY; the sources, the date
# and the notes at the foot at least SMALL.
TITLE = 16.0
SUBTITLE = 9.0
HEADING = 10.5
BODY = 9.0
SMALL = 7.5
#: Line height as a multiple of the type size: running text, and rows of the lists.
LEADING = 1.3
ROW_LEADING = 1.16
#: Millimetres in a point.
PT = 25.4 / 72

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
RULE: RGB = (200, 200, 200)
TRACK: RGB = (238, 238, 238)
CITY_BAR: RGB = (150, 150, 150)


def rgb(hex_colour: str) -> RGB:
    """``#RRGGBB`` as a red, green, blue triple."""
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
def font_characters() -> frozenset[int]:
    """The code points the sheet's font draws (its character map)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as face:
        return frozenset(face.getBestCmap())


@functools.cache
def font(size: float) -> FontProperties:
    """Matplotlib font properties for Japanese text (cached; never mutate)."""
    return FontProperties(fname=str(font_path()), size=size)
