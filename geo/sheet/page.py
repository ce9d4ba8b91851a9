"""The sheet's page: a thin drawing helper around fpdf2, with Japanese line breaking.

Text is never cut: a text wider than its frame wraps with the Japanese line-break
rules (禁則), and the blocks that hold it grow. Every drawing call can be made in a
*measuring* pass (:meth:`Page.measuring`) that draws nothing, so one function both
says how tall a block is and draws it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from geo.sheet.style import (
    ACCENT,
    BODY,
    FONT_FAMILY,
    HEADING,
    LEADING,
    PT,
    RGB,
    SHEET_LANG,
    TEXT,
    font_characters,
)
from geo.words import text

#: Characters that must not start a line (禁則: closing punctuation and brackets).
_NO_START = frozenset("、。，．,.・：:；;？?！!）)」』】〕〉》”’ー…‥％%")
#: Characters that must not end a line (opening brackets).
_NO_END = frozenset("（(「『【〔〈《“‘")
#: Wrapping units: a run of Latin letters and digits, a katakana word, a space, or one
#: character.
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9@&+\-.,:/%]*|[ァ-ヺー]+|\s|.", re.DOTALL)


#: What the sheet prints for a character its font has no shape for (〓, the geta mark:
#: the printer's sign for a missing character), so that a name is never printed short
#: of a character (𠮷野家 as 野家), nor a name in a script the font lacks as nothing.
MISSING = "〓"
#: Variant characters the font lacks that names often hold, printed in the standard form
#: a name written without them takes (𠮷 of 𠮷田, the "吉" with a long lower stroke, is
#: outside JIS X 0213 and so outside the font).
STANDARD_FORMS = {"\U00020bb7": "吉"}


def printable(value: str) -> str:
    """``value`` as the sheet's font can print it: composed (NFC: a letter and its
    combining accent as one character, カ and ゙ as ガ); each character the font lacks
    in its standard form (:data:`STANDARD_FORMS`) or as :data:`MISSING`, but the
    invisible ones (a zero-width joiner, a variation selector), which are left out."""
    known = font_characters()
    composed = unicodedata.normalize("NFC", value)
    if all(ord(c) in known for c in composed):
        return composed
    return "".join(c if ord(c) in known else _stand_in(c) for c in composed)


def _stand_in(char: str) -> str:
    """What is printed for a character the font lacks."""
    if char in STANDARD_FORMS:
        return STANDARD_FORMS[char]
    return "" if unicodedata.category(char) in ("Cf", "Mn") else MISSING


def line_height(size: float, leading: float = LEADING) -> float:
    """Height in mm of one line of type of ``size`` points."""
    return size * leading * PT


@dataclass
class Page:
    """A thin drawing helper around one fpdf2 document (mm units), in one language.

    Attributes
    ----------
    pdf
        The document; drawing goes to its current page.
    lang
        The language of the catalogue's texts.
    dry
        While true (see :meth:`measuring`), nothing is drawn; sizes are still measured.
    """

    pdf: FPDF
    lang: str = SHEET_LANG
    dry: bool = False

    def t(self, key: str, **params: object) -> str:
        """The catalogue's text for ``key`` in the page's language."""
        return text(key, self.lang, **params)

    @contextmanager
    def measuring(self) -> Iterator[None]:
        """Within the block, drawing calls draw nothing (they still measure)."""
        before = self.dry
        self.dry = True
        try:
            yield
        finally:
            self.dry = before

    def font(self, size: float, colour: RGB = TEXT) -> None:
        """Set the type size (pt) and colour of the text drawn next."""
        self.pdf.set_font(FONT_FAMILY, size=size)
        self.pdf.set_text_color(*colour)

    def width(self, value: str) -> float:
        """Width in mm of ``value`` at the current type size (as :func:`printable`)."""
        return float(self.pdf.get_string_width(printable(value)))

    def widest(self, values: Iterable[str]) -> float:
        """Width in mm of the widest of ``values`` at the current type size (0 for none)."""
        return max((self.width(v) for v in values), default=0.0)

    def cell(self, x: float, y: float, w: float, h: float, value: str, align: str = "L") -> None:
        """One line of text in a box (never cut; the caller makes it fit or wraps it)."""
        if self.dry:
            return
        self.pdf.set_xy(x, y)
        self.pdf.cell(w, h, printable(value), align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def lines(self, value: str, w: float) -> list[str]:
        """``value`` wrapped to ``w`` at the current font, with Japanese line-break rules.

        Closing punctuation never starts a line: the unit before it moves down with it
        (追い出し), so no line is wider than ``w``; an opening bracket never ends a line.
        Runs of Latin letters and digits, and katakana words, stay whole (a word wider
        than ``w`` is broken where it must).
        """
        lines: list[list[str]] = []
        cur: list[str] = []
        for token in self._tokens(printable(value), w):
            if not cur or self.width("".join(cur) + token) <= w + 0.01:
                cur.append(token)
                continue
            keep = 1 if token[0] in _NO_START else 0  # the unit that goes down with it
            while keep < len(cur) and cur[len(cur) - keep - 1][-1:] in _NO_END:
                keep += 1  # an opening bracket goes down with what it opens
            if keep >= len(cur):
                cur.append(token)  # nothing can move: the punctuation stays (hangs)
                continue
            lines.append(cur[: len(cur) - keep])
            cur = [*cur[len(cur) - keep :], token]
        if cur:
            lines.append(cur)
        return [t for t in ("".join(line).strip() for line in lines) if t]

    def _tokens(self, value: str, w: float) -> list[str]:
        """The wrapping units of ``value``; a unit wider than ``w`` split into characters."""
        out: list[str] = []
        for token in _TOKENS.findall(value):
            out.extend(token if len(token) > 1 and self.width(token) > w else [token])
        return out

    def paragraph(
        self,
        x: float,
        y: float,
        w: float,
        value: str,
        *,
        size: float = BODY,
        colour: RGB = TEXT,
        leading: float = LEADING,
        align: str = "L",
    ) -> float:
        """Wrapped text, every line of it; returns the y below it.

        Parameters
        ----------
        x, y, w
            Where the text starts and how wide it may be (mm).
        value
            The text.
        size, colour, leading
            Type size (pt), colour and line height (a multiple of ``size``).
        align
            ``L``, ``C`` or ``R``.
        """
        self.font(size, colour)
        step = line_height(size, leading)
        rows = self.lines(value, w)
        hang = self.width("、")
        for i, row in enumerate(rows):
            self.cell(x, y + i * step, w + hang, step, row, align=align)
        return y + len(rows) * step

    def heading(self, x: float, y: float, w: float, value: str) -> float:
        """A section heading with a coloured bar and a rule; returns the y below it."""
        step = line_height(HEADING, 1.2)
        self.font(HEADING, ACCENT)
        rows = self.lines(value, w - 2.6)
        if not self.dry:
            self.pdf.set_fill_color(*ACCENT)
            self.pdf.rect(x, y + 0.7, 1.2, step * len(rows) - 1.0, style="F")
        for i, row in enumerate(rows):
            self.cell(x + 2.6, y + i * step, w - 2.6, step, row)
        bottom = y + step * len(rows) + 0.4
        self.rule(x, bottom, w, ACCENT, 0.25)
        return bottom + 1.6

    def rule(self, x: float, y: float, w: float, colour: RGB, width: float) -> None:
        """A horizontal line."""
        if self.dry:
            return
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(width)
        self.pdf.line(x, y, x + w, y)

    def box(self, x: float, y: float, w: float, h: float, colour: RGB) -> None:
        """A filled rectangle."""
        if self.dry or w <= 0 or h <= 0:
            return
        self.pdf.set_fill_color(*colour)
        self.pdf.rect(x, y, w, h, style="F")

    def frame(self, x: float, y: float, w: float, h: float, colour: RGB) -> None:
        """An outlined rectangle."""
        if self.dry:
            return
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(0.3)
        self.pdf.rect(x, y, w, h, style="D")

    def png(self, data: bytes, x: float, y: float, w: float, h: float) -> None:
        """A PNG image in a box."""
        if self.dry:
            return
        self.pdf.image(io.BytesIO(data), x=x, y=y, w=w, h=h)
