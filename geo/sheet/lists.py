"""The sheet's full lists: the area's associations and the civic groups active in it.

The lists start on a page of their own and flow down :data:`LIST_COLUMNS` columns,
then on to the next page when they need it; nothing is left out. A name too long
for its column wraps. Headings stay with the rows under them, and a list that runs on
to another page starts it under its headings again, marked （つづき）.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from geo.profile import AreaProfile, CivicGroupEntry, format_int, format_rate
from geo.sheet.page import Page, line_height
from geo.sheet.style import (
    ACCENT,
    BODY,
    CONTENT_W,
    HEADING,
    LEFT_X,
    LIST_COLUMNS,
    LIST_GUTTER,
    MUTED,
    RGB,
    ROW_LEADING,
    TEXT,
)

#: Width of one column of the lists.
LIST_W = (CONTENT_W - (LIST_COLUMNS - 1) * LIST_GUTTER) / LIST_COLUMNS
#: Space between a name and the figure beside it.
GAP = 1.5


@dataclass(frozen=True)
class Item:
    """One entry of a list: wrapped text on the left, an optional figure on the right.

    Attributes
    ----------
    left, right
        The texts (``right`` may be empty).
    size
        Type size (pt).
    colour
        Colour of the text.
    space_before
        Space above the entry (mm), e.g. before a heading.
    keep
        Rows that must follow in the same column (a heading's rows).
    rule
        Draw a rule under the entry (a heading).
    level
        0 for a row or a note, 1 for a list's heading, 2 for a part's heading: the
        headings a page that the list runs on to repeats.
    """

    left: str
    right: str = ""
    size: float = BODY
    colour: RGB = TEXT
    space_before: float = 0.0
    keep: int = 0
    rule: bool = False
    level: int = 0


def _step(size: float) -> float:
    return line_height(size, ROW_LEADING)


def _lines(page: Page, item: Item) -> tuple[list[str], bool]:
    """The item's lines, and whether its figure goes on a line of its own.

    A name that fits the column but not beside its figure keeps its line, and the
    figure moves under it (rather than breaking the name a word from its end).
    """
    page.font(item.size, item.colour)
    if not item.right:
        return page.lines(item.left, LIST_W), False
    beside = LIST_W - page.width(item.right) - GAP
    if page.width(item.left) <= beside + 0.01:
        return [item.left], False
    if page.width(item.left) <= LIST_W + 0.01:
        return [item.left], True
    return page.lines(item.left, beside), False


def _height(page: Page, item: Item) -> float:
    rows, below = _lines(page, item)
    step = _step(item.size)
    return item.space_before + step * (len(rows) + below) + (0.8 if item.rule else 0)


def _draw(page: Page, x: float, y: float, item: Item) -> float:
    y += item.space_before
    rows, below = _lines(page, item)
    step = _step(item.size)
    page.font(item.size, item.colour)
    for i, row in enumerate(rows):
        page.cell(x, y + i * step, LIST_W, step, row)
    if item.right:
        page.cell(x, y + step * (len(rows) - 1 + below), LIST_W, step, item.right, align="R")
    y += step * (len(rows) + below)
    if item.rule:
        page.rule(x, y + 0.2, LIST_W, ACCENT, 0.25)
        y += 0.8
    return y


@dataclass
class Flow:
    """Columns on pages, filled top to bottom, left to right.

    Attributes
    ----------
    page
        The drawing helper.
    top, bottom
        The frame of the columns on every page (mm).
    new_page
        Starts a page (and draws its header); returns the y where columns start.
    """

    page: Page
    top: float
    bottom: float
    new_page: Callable[[], float]
    column: int = 0
    y: float = 0.0
    headings: tuple[Item, ...] = ()

    def __post_init__(self) -> None:
        self.y = self.top

    def _next_column(self) -> bool:
        """Move to the next column; whether that started a page."""
        self.column += 1
        started = self.column == LIST_COLUMNS
        if started:
            self.column = 0
            self.top = self.new_page()
        self.y = self.top
        return started

    def _place(self, item: Item) -> None:
        if self.y == self.top:
            item = replace(item, space_before=0.0)
        x = LEFT_X + self.column * (LIST_W + LIST_GUTTER)
        self.y = _draw(self.page, x, self.y, item)

    def _continued(self, item: Item) -> list[Item]:
        """The headings above ``item`` again, marked as continued (for a new page)."""
        above = [h for h in self.headings if not item.level or h.level < item.level]
        return [
            replace(h, left=self.page.t("sheet.list_continued", heading=h.left), keep=0)
            for h in above
        ]

    def add(self, items: Sequence[Item]) -> None:
        """Place the items in order, moving on when a column is full."""
        for i, item in enumerate(items):
            if item.level:  # the headings the rows below it are under
                kept = [h for h in self.headings if h.level < item.level]
                self.headings = (*kept, item)
            need = _height(self.page, item)
            need += sum(_height(self.page, nxt) for nxt in items[i + 1 : i + 1 + item.keep])
            at_top = self.y == self.top
            if self.y + need > self.bottom and not at_top and self._next_column():
                for heading in self._continued(item):
                    self._place(heading)
            self._place(item)


def _heading(value: str) -> Item:
    return Item(value, size=HEADING, colour=ACCENT, space_before=2.5, keep=2, rule=True, level=1)


def _note(value: str) -> Item:
    return Item(value, colour=MUTED, keep=1)


def association_items(page: Page, profile: AreaProfile) -> list[Item]:
    """The associations: a heading, a note on the figures, then those with a 自主防災組織
    and those without, largest first, each with its member households."""
    t = page.t
    title = t(
        "sheet.associations",
        n=profile.association_count,
        households=format_int(profile.association_households),
        rate=format_rate(profile.membership_rate),
    )
    items = [_heading(title)]
    if not profile.associations:
        return [*items, Item(t("sheet.table.empty"), colour=MUTED)]
    items.append(_note(t("sheet.associations.note")))
    none = t("sheet.none")
    for has, key in (
        (True, "sheet.associations.jishubo"),
        (False, "sheet.associations.no_jishubo"),
    ):
        part = [a for a in profile.associations if a.has_jishubo is has]
        if not part:
            continue
        items.append(Item(t(key, n=len(part)), colour=ACCENT, space_before=1.2, keep=2, level=2))
        for a in part:
            households = none if a.households is None else format_int(a.households)
            items.append(Item(a.name, households))
    return items


def _group_part(
    page: Page, key: str, groups: Sequence[CivicGroupEntry], names: Mapping[str, str]
) -> list[Item]:
    if not groups:
        return []
    # a part's heading keeps two of its rows with it, never one left under it
    items = [Item(page.t(key, n=len(groups)), colour=ACCENT, space_before=1.2, keep=2, level=2)]
    for g in groups:
        base = "" if g.based_here else names.get(g.base_area_id, g.base_area_id)
        items.append(Item(g.name, base))
    return items


def civic_group_items(page: Page, profile: AreaProfile, names: Mapping[str, str]) -> list[Item]:
    """The civic groups: based here, based in another area, and citywide ones."""
    t = page.t
    groups = profile.civic_groups
    title = t("sheet.civic_groups", n=len(groups), based=profile.civic_groups_based_here)
    items = [_heading(title)]
    if not groups:
        return [*items, Item(t("sheet.table.empty"), colour=MUTED)]
    here = [g for g in groups if g.based_here]
    other = [g for g in groups if not g.based_here and not g.citywide]
    citywide = [g for g in groups if not g.based_here and g.citywide]
    items += _group_part(page, "sheet.groups.here", here, names)
    items += _group_part(page, "sheet.groups.other", other, names)
    items += _group_part(page, "sheet.groups.citywide", citywide, names)
    return items


def lists(flow: Flow, profile: AreaProfile, names: Mapping[str, str]) -> None:
    """Every association and civic group of the area, flowing through ``flow``."""
    flow.add(association_items(flow.page, profile))
    flow.add(civic_group_items(flow.page, profile, names))


__all__ = ["LIST_W", "Flow", "Item", "association_items", "civic_group_items", "lists"]
