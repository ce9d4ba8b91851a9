"""Accessibility on every page: the page's language, visible focus, the map in words,
and the accessibility statement.

Streamlit serves every page as ``<html lang="en">`` and has no setting for it;
:func:`page_setup` sets the attribute to the session's language with a small script
(``st.html``), so screen readers speak Japanese pages in Japanese. The same call adds
one focus style for everything that can take the keyboard focus, and writes Streamlit's
own words (its skip link, menu, pickers, tables' toolbars …) in that language
(:mod:`ui.chrome`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.filters import OrgFilter
from geo.model import CityData
from geo.summary import choropleth_summary, summary_frame
from geo.words import pick
from ui import chrome, data
from ui.i18n import lang, t
from ui.tables import show_table
from ui.text import md_literal

#: The focus ring: the theme's primary colour (5.7:1 on white, 5.2:1 on the sidebar).
FOCUS_COLOR = "#1f6f8b"
#: Labels of disabled widgets: still dimmer than the others, but readable (4.9:1 on
#: white; Streamlit draws them at 40 % of the text colour, 2.3:1).
DISABLED_LABEL_COLOR = "#707070"

#: Why the file uploader did not take a file (too large, of a kind not offered): dark
#: red on the chip's light red (5.7:1).
UPLOAD_ERROR_COLOR = "#b3261e"

#: A visible focus ring on everything the keyboard reaches (text fields and select boxes
#: show it on their frame: the field itself sits inside a clipped box), readable labels
#: of disabled widgets, and the reason a file was not taken written on its chip (Streamlit
#: shows it only to screen readers, and on hovering: never on a touch screen).
PAGE_CSS = f"""
<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="button"]:focus-visible,
[role="tab"]:focus-visible, [role="option"]:focus-visible, [role="radio"]:focus-visible,
[role="checkbox"]:focus-visible, [role="slider"]:focus-visible, [tabindex]:focus-visible,
label:has(input:focus-visible) {{
  outline: 3px solid {FOCUS_COLOR} !important; outline-offset: 2px !important; }}
[data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within,
[data-baseweb="select"] > div:focus-within, [data-testid="stFileUploaderDropzone"]:focus-within {{
  outline: 3px solid {FOCUS_COLOR} !important; outline-offset: 2px !important; }}
[data-testid="stWidgetLabel"][disabled], [data-testid="stWidgetLabel"][disabled] p {{
  color: {DISABLED_LABEL_COLOR} !important; }}
/* a script-only element (the page's language, the skip link, the kiosk's idle reset)
   takes no room, and no gap of the column it sits in */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {{
  display: none !important; }}
[data-testid="stFileChip"][aria-invalid="true"] {{ flex-wrap: wrap; height: auto; }}
[data-testid="stFileChip"] > [role="alert"] {{
  position: static !important; clip: auto !important; clip-path: none !important;
  width: auto !important; height: auto !important; margin: 0.15rem 0 0 !important;
  overflow: visible !important; white-space: normal !important; flex: 1 0 100%;
  color: {UPLOAD_ERROR_COLOR}; font-size: 0.8rem; line-height: 1.3; }}
</style>
"""

_LANG_JS = """
<script>
(function () {
  var doc = window.parent ? window.parent.document : document;
  doc.documentElement.setAttribute("lang", %(lang)s);
})();
</script>
"""


@dataclass(frozen=True)
class AccessibilityCheck:
    """What the accessibility statement says was checked.

    Attributes
    ----------
    tool
        The checker's name.
    version
        Its version (the browser tests run this one: a test compares them).
    checked_on
        The day of the last full check.
    """

    tool: str
    version: str
    checked_on: dt.date


#: The last full check (every page in both languages, tests/browser/test_accessibility.py).
LAST_CHECK = AccessibilityCheck(tool="axe-core", version="4.12.1", checked_on=dt.date(2026, 12, 2))


def page_setup() -> None:
    """Set ``<html lang>`` to the session's language; add the focus ring and the
    readable labels of disabled widgets; write Streamlit's own words in the language.

    Call once per run, before the page draws anything (``app.py`` does).
    """
    st.html(PAGE_CSS)
    st.html(_LANG_JS % {"lang": json.dumps(lang())}, unsafe_allow_javascript=True)
    chrome.localise()


def qr_alt(url: str) -> str:
    """The text alternative of a QR code of ``url`` (``st.image(..., alt=qr_alt(url))``)."""
    return t("a11y.qr.alt", url=url)


def staff_title(key: str) -> str:
    """The navigation title of a staff page, named as one (e.g. 取り込み（職員用）)."""
    return t("a11y.nav.staff", page=t(key), section=t("staff.nav.section"))


def _fields_text(city: CityData, fields: Sequence[str]) -> str:
    if not fields:
        return t("map.legend.all_fields")
    labels = city.catalog.labels(lang())
    return t("map.sep").join(labels.get(code, code) for code in fields)


def map_in_words(
    city: CityData,
    cov: pd.DataFrame,
    *,
    metric: str,
    fields: Sequence[str] = (),
    selected: str | None = None,
) -> None:
    """The map's content as a table beside it (an expander: keyboard and screen readers
    reach it like any other control): each area with its value, legend class and gap
    state, in the legend's order.

    Parameters
    ----------
    city
        The city whose areas the map shades.
    cov
        The coverage the map is shaded by.
    metric
        What shades the areas.
    fields
        The fields the coverage was computed for (none: all).
    selected
        The selected area, ``None`` for none.
    """
    rows = choropleth_summary(city.areas, cov, metric, lang(), selected=selected)
    with st.expander(t("a11y.summary.title"), icon=":material/table_rows:"):
        metric_name = t(f"metric.{metric}")
        st.markdown(
            md_literal(
                t("a11y.summary.intro", metric=metric_name, fields=_fields_text(city, fields))
            )
        )
        gaps = sum(r.is_gap for r in rows)
        st.markdown(md_literal(t("a11y.summary.gaps", total=len(rows), n=gaps)))
        frame = summary_frame(rows, metric, lang())
        show_table(frame.set_index(frame.columns[0]), static=True)


def area_map_in_words(city: CityData, area_id: str) -> None:
    """The area page's map as text: every area by the organisations active in it (all
    fields, as that map shades them), the page's area marked as selected."""
    cov = data.area_coverage(OrgFilter())
    map_in_words(city, cov, metric="count", selected=area_id)


def statement(city: CityData) -> None:
    """The accessibility statement: target, what was checked and how, what the map
    offers without it, known limits, and whom to tell about a problem."""
    center = city.config.support_center
    day = LAST_CHECK.checked_on
    st.subheader(t("a11y.statement.header"))
    st.markdown(md_literal(t("a11y.statement.target")))
    checked = t(
        "a11y.statement.checked",
        date=t("a11y.statement.date", y=day.year, m=day.month, d=day.day),
        version=LAST_CHECK.version,
        pages=t("a11y.statement.pages"),
    )
    st.markdown(md_literal(checked))
    st.markdown(md_literal(t("a11y.statement.means")))
    st.markdown(md_literal(t("a11y.statement.limits")))
    name = pick(lang(), center.name_ja, center.name_en)
    st.markdown(md_literal(t("a11y.statement.report", center=name, tel=center.tel, url=center.url)))
