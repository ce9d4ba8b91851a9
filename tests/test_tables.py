"""No table a page shows can hand a spreadsheet a formula through its own download."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT
from ui.tables import safe_table, text_width

FORMULAS = ["=1+1", "+81", "-x", "@SUM(A1)", "＝1", "＋1", "－1", "＠x", "\t=1", "\r=1"]


def _sources() -> list[Path]:
    return [
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ui").glob("*.py")),
        ROOT / "app.py",
    ]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_table_goes_through_the_helper(path: Path) -> None:
    calls = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"dataframe", "data_editor", "table"}
    ]
    if path.name == "tables.py":
        assert len(calls) == 2  # the helper's own (interactive and static)
    else:
        assert calls == [], f"{path.name}: use ui.tables.show_table (lines {calls})"


def test_text_cells_headers_and_labels_are_neutralised() -> None:
    frame = pd.DataFrame(
        {"name": FORMULAS, "=head": range(len(FORMULAS)), "n": [-1.5] * len(FORMULAS)},
        index=pd.Index(FORMULAS, name="@label"),
    )
    shown = safe_table(frame)
    assert isinstance(shown, pd.DataFrame)
    assert shown["name"].tolist() == ["'" + f for f in FORMULAS]
    assert shown.index.tolist() == ["'" + f for f in FORMULAS]
    assert shown.index.name == "'@label"
    assert list(shown.columns) == ["name", "'=head", "n"]
    assert shown["n"].tolist() == [-1.5] * len(FORMULAS)  # numbers are numbers
    assert frame["name"].tolist() == FORMULAS  # the input is not changed


def test_plain_text_is_left_alone() -> None:
    frame = pd.DataFrame({"団体名": ["サンプル福祉の会", "会 = 1", "'=quoted"]})
    assert safe_table(frame)["団体名"].tolist() == ["サンプル福祉の会", "会 = 1", "'=quoted"]


def test_a_styled_table_keeps_its_styles() -> None:
    frame = pd.DataFrame({"=a": [1.0, 2.0]}, index=pd.Index(["=x", "y"], name="地域"))
    styled = safe_table(frame.style.background_gradient(axis=None).format("{:.1f}"))
    html = styled.to_html()
    assert "'=x" in html and "'=a" in html and "background-color" in html
    assert ">=x<" not in html


#: Text a plain table's Markdown would turn into something other than text.
HOSTILE = [
    "[公式サイト](https://evil.example)",
    "**太字** `code`",
    "<img src=x onerror=alert(1)>",
    "$x^2$",
    "https://evil.example",
    ":red[警告]",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_plain_table_shows_its_text_as_written(hostile: str) -> None:
    """Cells, row labels, headers and the index's name (a name from an imported list)."""
    from tests.support.markdown import dangers
    from tests.support.tables import plain
    from ui.tables import literal_frame

    frame = pd.DataFrame({hostile: [hostile, 3]}, index=pd.Index([hostile, "b"], name=hostile))
    shown = literal_frame(frame)
    texts = [*shown.index, shown.index.name, *shown.columns, shown.iloc[0, 0]]
    assert [t for t in texts if dangers(str(t))] == []
    assert [plain(t) for t in texts] == [hostile, "b", hostile, hostile, hostile]
    assert shown.iloc[1, 0] == 3  # numbers as they are


def _plain_table_page() -> None:
    import pandas as pd

    from ui.tables import show_table

    show_table(pd.DataFrame({"名前": ["[x](https://evil.example)"], "数": [1]}), static=True)


def test_show_table_makes_a_plain_tables_text_literal() -> None:
    from streamlit.testing.v1 import AppTest

    from tests.support.markdown import dangers

    at = AppTest.from_function(_plain_table_page).run()
    assert not at.exception
    assert dangers(str(at.table[0].value.iloc[0, 0])) == []


def _grid_page() -> None:
    import pandas as pd
    import streamlit as st

    from ui.tables import show_table

    rows = int(st.query_params.get("rows", "0"))
    show_table(
        pd.DataFrame({"名前": ["a"] * rows}).style
        if rows > 1
        else pd.DataFrame({"名前": ["a"] * rows})
    )


@pytest.mark.parametrize(("rows", "lang"), [(0, "ja"), (0, "en"), (1, "ja"), (2, "ja")])
def test_a_table_with_no_row_says_so_in_words(rows: int, lang: str) -> None:
    """The grid would say "empty" on its canvas, in English, on every page."""
    from streamlit.testing.v1 import AppTest

    from geo.words import text

    at = AppTest.from_function(_grid_page)
    at.query_params["rows"] = str(rows)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    if rows:
        assert len(at.dataframe) == 1 and not at.caption
    else:
        assert not at.dataframe
        assert [c.value for c in at.caption] == [text("table.empty", lang)]


def _flags_page() -> None:
    import pandas as pd

    from ui.tables import show_table

    show_table(pd.DataFrame({"名前": ["true", "b"], "自主防災組織": [True, False]}))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_yes_no_column_is_shown_in_words(lang: str) -> None:
    """A tick box is read, and downloaded, as "true" or "false"; a name stays as it is."""
    from streamlit.testing.v1 import AppTest

    from geo.words import text

    at = AppTest.from_function(_flags_page)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert shown["自主防災組織"].tolist() == [text("yes", lang), text("no", lang)]
    assert shown["名前"].tolist() == ["true", "b"]


def test_words_for_yes_and_no_leave_the_frame_as_it_was() -> None:
    from ui.tables import worded

    frame = pd.DataFrame({"a": [True, False], "b": [1, 2]})
    plain = pd.DataFrame({"b": [1, 2]})
    assert worded(plain) is plain
    assert worded(frame)["a"].tolist() != [True, False]
    assert frame["a"].tolist() == [True, False]


@pytest.mark.parametrize("high", [1, 7, 100, 1033])
def test_every_shade_of_the_matrix_reads_at_aa(high: int) -> None:
    """Figures in black or white, whichever reads better: at least 4.5:1 on every shade
    of the scale (the gap cells: dark red on light red)."""
    import numpy as np
    from matplotlib.colors import to_rgb

    from ui.matrixview import MATRIX_GAP_BACKGROUND, MATRIX_GAP_TEXT, _luminance, matrix_shades

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((_luminance(to_rgb(a)), _luminance(to_rgb(b))))
        return (lb + 0.05) / (la + 0.05)

    values = pd.DataFrame({"x": np.linspace(0, high, 301)})
    for css in matrix_shades(values)["x"]:
        parts = dict(p.split(": ") for p in css.split("; "))
        assert contrast(parts["background-color"], parts["color"]) >= 4.5, css
    assert contrast(MATRIX_GAP_BACKGROUND, MATRIX_GAP_TEXT) >= 4.5


@pytest.mark.parametrize(
    "label", ["Crime prevention & road safety", "秋穂二島", "[x](https://e.x)"]
)
def test_a_plain_label_reads_as_written(label: str) -> None:
    from tests.support.markdown import dangers
    from tests.support.tables import plain
    from ui.tables import plain_label

    assert plain(plain_label(label)) == label
    assert dangers(plain_label(label)) == []


@pytest.mark.parametrize(
    "header", ["適合度", "拠点の地域", "距離（km）", "Distance (km)", "防災・減災"]
)
def test_a_plain_tables_headers_wrap_only_between_words(header: str) -> None:
    """Every plain table's headers, as a styled one's labels (:func:`plain_label`)."""
    from tests.support.tables import plain
    from ui.tables import literal_frame, plain_label

    shown = literal_frame(pd.DataFrame({header: ["適合度の高い順"]}))
    assert list(shown.columns) == [plain_label(header)]
    assert plain(shown.columns[0]) == header
    assert shown.iloc[0, 0] == "適合度の高い順"  # the cells wrap where they must


@pytest.mark.parametrize(
    "label",
    [
        "人口（令和2年国勢調査）",
        "自治会・町内会の加入世帯数",
        "秋穂二島",
        "Households (2020 census)",
    ],
)
def test_a_plain_tables_row_labels_wrap_only_between_words(label: str) -> None:
    """The area's figures name each row in a narrow column: 「人口（令和2年国勢調|査）」
    was cut inside a word."""
    from tests.support.tables import plain
    from ui.tables import literal_frame, plain_label

    shown = literal_frame(pd.DataFrame({"値": ["9,233人"]}, index=pd.Index([label], name="項目")))
    assert list(shown.index) == [plain_label(label)]
    assert plain(shown.index[0]) == label
    assert shown.iloc[0, 0] == "9,233人"


def _every_width(texts: list[str]) -> int:
    """Every text measured: a wide character 15 pixels, another 8, and the padding."""
    return max(
        sum(15 if unicodedata.east_asian_width(c) in "WF" else 8 for c in text) + 28
        for text in ["", *texts]
    )


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["会"],
        ["abc", "地域づくり協議会", "Neighbourhood association"],
        ["ｱｲｳｴｵｶｷｸｹｺ", "地域"],  # half-width kana: long, narrow
        ["a" * 40, "あ" * 25, "あ" * 24 + "a"],  # the longest is not the widest
        ["3.\u00a0まちづくり、防災・減災", "3. Community development, Disaster preparedness"],
        ["同じ"] * 500,
    ],
)
def test_a_column_is_as_wide_as_its_widest_text(texts: list[str]) -> None:
    assert text_width(pd.Series(texts, dtype=object)) == _every_width(texts)


@pytest.mark.parametrize("most", [28, 60, 100, 1000])
def test_a_wrapped_column_is_measured_up_to_its_widest(most: int) -> None:
    texts = ["a" * 40, "あ" * 25, "地域"]
    assert text_width(pd.Series(texts), most) == min(_every_width(texts), most)


def test_a_plain_tables_lists_wrap_only_between_their_items() -> None:
    """「高齢者の見守|り・福祉」 broke inside a word in the area's figures."""
    from tests.support.tables import plain
    from ui.tables import literal_frame
    from ui.text import kept_together

    sentence = "空白・少ない・要注意のどれにも当たりません"
    cells = ["まちづくり、高齢者の見守り・福祉", "秋穂二島地域づくり協議会", sentence]
    shown = literal_frame(pd.DataFrame({"値": cells}))
    assert shown.iloc[0, 0] == kept_together("まちづくり、高齢者の見守り・福祉")
    assert plain(shown.iloc[0, 0]) == "まちづくり、高齢者の見守り・福祉"
    assert shown.iloc[1, 0] == "秋穂二島地域づくり協議会"  # a name may break where it must
    assert shown.iloc[2, 0] == sentence  # and so may a sentence


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_plain_table_of_figures_keeps_numbers_and_literal_text(hostile: str) -> None:
    """Figures stay numbers (the table aligns them right) shown in their formats, a
    missing one as 「—」; the text around them is as literal as any plain table's."""
    from tests.support.markdown import dangers
    from tests.support.tables import plain
    from ui.tables import plain_numbers

    frame = pd.DataFrame({hostile: [hostile, "b"], "人口": [26344.0, float("nan")]})
    styled = plain_numbers(frame, {"人口": "{:,.0f}"})
    shown: pd.DataFrame = getattr(styled, "data")  # (not in pandas' stubs)
    assert [t for t in [*shown.columns, shown.iloc[0, 0]] if dangers(str(t))] == []
    assert [plain(t) for t in [shown.columns[0], shown.iloc[0, 0]]] == [hostile, hostile]
    assert plain(shown.columns[1]) == "人口"
    assert pd.api.types.is_numeric_dtype(shown[shown.columns[1]])
    html = styled.to_html()
    assert "26,344" in html
    assert ">—<" in html
