"""Finding a group by name on a screen without a keyboard.

Two ways, side by side with the list they give: the kana index (あ か さ た な は ま や
ら わ, and names that start with kanji or letters), and a 50音 keyboard with 濁点,
半濁点, 小文字, one-character delete and clear. The keys write into the same box a
hardware keyboard types into; matching folds kana (:mod:`geo.lookup`).

The query lives in the session (``QUERY``), not in the box: a key tapped before the box
showed the previous key's letter comes with the box's old text, which would undo that
letter. So the box is a new widget (``BOX`` and a count) each time the keys change the
query, and an old box's text is ignored; what is typed into the current box is taken.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.kana import (
    INDEX_ROWS,
    KEYBOARD,
    MARKS,
    MAX_QUERY,
    OTHER_ROW,
    add_mark,
    backspace,
    type_key,
)
from geo.model import CityData
from ui.i18n import t
from ui.kiosk import listing
from ui.kiosk.chrome import split
from ui.kiosk.listing import PAGE_SIZE
from ui.kiosk.nav import QUERY, ROW, SHOWN, chosen, nav_bar, show_more, shown
from ui.kiosk.results import open_org
from ui.text import md_literal

#: The keys beside the kana, one per row of the grid: name, icon.
CONTROLS = (
    ("dakuten", None),
    ("handakuten", None),
    ("small", None),
    ("backspace", ":material/backspace:"),
    ("clear", ":material/close:"),
)


#: The box's widget key, before the number of times the keys changed the query.
BOX = "kiosk.query.box"
#: How many times the keys (or the index) changed the query.
EDITS = "kiosk.query.edits"


def _edits() -> int:
    edits = st.session_state.get(EDITS, 0)
    return edits if isinstance(edits, int) else 0


def box_key() -> str:
    """The widget key of the box now shown (see the module's note)."""
    return f"{BOX}.{_edits()}"


def key_name(kana: str) -> str:
    """The widget key of a kana key (ASCII, so it can be a CSS class)."""
    return f"kiosk.key.{ord(kana):x}"


def _query() -> str:
    value = st.session_state.get(QUERY)
    return value if isinstance(value, str) else ""


def _set_query(value: str, *, typed: bool = False) -> None:
    st.session_state[QUERY] = value[:MAX_QUERY]
    if not typed:
        st.session_state[EDITS] = _edits() + 1
    st.session_state[ROW] = None
    st.session_state[SHOWN] = PAGE_SIZE


def _press(kana: str) -> None:
    _set_query(type_key(_query(), kana))


def _control(name: str) -> None:
    if name in MARKS:
        _set_query(add_mark(_query(), name))
    elif name == "backspace":
        _set_query(backspace(_query()))
    else:
        _set_query("")


def _pick_row(row: str) -> None:
    _set_query("")
    st.session_state[ROW] = row


def _typed(box: str) -> None:
    if box != box_key():
        return  # a box already replaced: its text is older than the query
    value = st.session_state.get(box)
    _set_query(value if isinstance(value, str) else "", typed=True)


def kana_index() -> None:
    """A button per 50音 row, and one for names starting with kanji or letters; a row
    without any name is greyed out."""
    counts = listing.row_counts()
    current = chosen(ROW)
    rows = (*INDEX_ROWS, OTHER_ROW)
    weights = [1.0] * len(INDEX_ROWS) + [2.8]  # 漢字・英数字 on one line
    with st.container(key="kiosk-index"):
        for col, row in zip(st.columns(weights, gap="small"), rows, strict=True):
            col.button(
                row if row != OTHER_ROW else t("kiosk.index_other"),
                on_click=_pick_row,
                args=(row,),
                key=f"kiosk.row.{INDEX_ROWS.index(row) if row in INDEX_ROWS else 'other'}",
                disabled=counts.get(row, 0) == 0,
                type="primary" if current == row else "secondary",
                width="stretch",
            )


def keyboard() -> None:
    """The 50音 grid, a column per row of the table, with the marks, delete and clear."""
    weights = [1.0] * len(KEYBOARD) + [2.4]  # 全部消す and its icon on one line
    with st.container(key="kiosk-keyboard"):
        for line, (control, icon) in enumerate(CONTROLS):
            cols = st.columns(weights, gap="small")
            for col, column in zip(cols, KEYBOARD, strict=False):
                kana = column[line]
                if kana:
                    col.button(
                        kana, on_click=_press, args=(kana,), key=key_name(kana), width="stretch"
                    )
            cols[-1].button(
                t(f"kiosk.key.{control}"),
                on_click=_control,
                args=(control,),
                key=f"kiosk.key.{control}",
                icon=icon,
                width="stretch",
            )


def _found() -> tuple[str, pd.DataFrame] | None:
    query, row = _query().strip(), chosen(ROW)
    if query:
        listed = listing.by_name(query)
        return t("kiosk.found_query", query=query, n=len(listed)), listed
    if row == OTHER_ROW:
        listed = listing.by_row(row)
        return t("kiosk.found_other", n=len(listed)), listed
    if row:
        listed = listing.by_row(row)
        return t("kiosk.found_row", row=row, n=len(listed)), listed
    return None


def search(city: CityData) -> None:
    """The kana index and keyboard beside the groups they find."""
    nav_bar()
    st.header(t("kiosk.by_name"), anchor=False)
    with split("search", [1.2, 1]) as (left, right):
        with left:
            st.subheader(t("kiosk.index_title"), anchor=False)
            kana_index()
            st.subheader(t("kiosk.keyboard_title"), anchor=False)
            box = box_key()
            st.text_input(
                t("kiosk.query"),
                value=_query(),
                key=box,
                max_chars=MAX_QUERY,
                on_change=_typed,
                args=(box,),
            )
            keyboard()
        with right:
            found = _found()
            if found is None:
                st.info(t("kiosk.search_prompt"))
                return
            line, listed = found
            with st.container(key="kiosk-summary"):
                st.markdown(md_literal(line))
            listing.show_list(
                city,
                listed,
                area=None,
                count=shown(),
                on_pick=open_org("search"),
                on_more=show_more,
            )


__all__ = ["BOX", "CONTROLS", "EDITS", "box_key", "kana_index", "key_name", "keyboard", "search"]
