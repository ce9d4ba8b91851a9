"""The sheet's page: a thin drawing helper around fpdf2, with Japanese line breaking.

Text wraps with the Japanese line-break rules (禁則) and long tables are cut with a
closing ``ほか N件`` row, so every block stays in its frame.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from geo.sheet.style import ACCENT, FONT_FAMILY, MUTED, RGB, SHEET_LANG, TEXT
from geo.words import text

#: Characters that must not start a line (禁則: closing punctuation and brackets).
_NO_START = frozenset("、。，．,.・：:；;？?！!）)」』】〕〉》”’ー…‥％%")
#: Characters that must not end a line (opening brackets).
_NO_END = frozenset("（(「『【〔〈《“‘")
#: Wrapping units: a run of Latin letters and digits, a space, or one character.
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9@&+\-.,:/%]*|\s|.", re.DOTALL)


@dataclass
class Page:
    """A thin drawing helper around one fpdf2 page (mm units), in one language."""

    pdf: FPDF
    lang: str = SHEET_LANG

    def t(self, key: str, **params: object) -> str:
        """The catalogue's text for ``key`` in the page's language."""
        return text(key, self.lang, **params)

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


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "L"


def table(
    page: Page,
    x: float,
    y: float,
    bottom: float,
    columns: Sequence[Column],
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
        for col, cell in zip(columns, row, strict=True):
            page.cell(cx, y, col.width - 0.8, step, cell, align=col.align)
            cx += col.width
        y += step
    if len(shown) < len(rows):
        page.font(7.0, MUTED)
        page.cell(x, y, total_w, step, page.t("sheet.table.more", n=len(rows) - len(shown)))
        y += step
    if not rows:
        page.font(7.0, MUTED)
        page.cell(x, y, total_w, step, page.t("sheet.table.empty"))
        y += step
    return y
