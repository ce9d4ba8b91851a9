"""A plain table (``st.table``) as a visitor reads it.

A plain table shows each cell as Markdown, so the page makes its text literal: a
backslash before punctuation, a word joiner where a label may not wrap. AppTest sees that
source; :func:`as_read` gives the words the browser draws.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from streamlit import dataframe_util

_ESCAPED = re.compile(r"\\(.)")


def plain(value: object) -> object:
    """A cell or label as read: Markdown escapes and word joiners removed."""
    if not isinstance(value, str):
        return value
    return _ESCAPED.sub(r"\1", value).replace("\u2060", "")


def as_shown(element: Any) -> pd.DataFrame:
    """:func:`as_read`, with the cells a styled table formats (``Styler.format``) as the
    browser shows them (``26,344``, not ``26344.0``)."""
    read = as_read(element)
    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return read
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
    out = pd.DataFrame(shown.to_numpy(), index=read.index, columns=read.columns)
    return out.map(plain)


def as_read(element: Any) -> pd.DataFrame:
    """The table of an AppTest ``table`` element as the browser shows its words."""
    frame: pd.DataFrame = element.value
    out = frame.rename(index=plain, columns=plain)
    out.index.names = [plain(n) for n in frame.index.names]
    return out.map(plain)
