"""What every page shares: the language switch, the header, the sample banner, data errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from geo import datastatus
from geo.errors import DataValidationError
from geo.model import CityData, area_names_in
from geo.words import LANGS, pick, text
from ui import data
from ui.i18n import LANG_KEY, labeller, lang, language_from_address, set_worded_again, t
from ui.tables import show_table

LANG_WIDGET = "lang.switch"

#: Room above the content on the planner's pages (a header that turns white once the
#: page scrolls; links to pages that wrap; on a touch screen, room for each table's
#: toolbar; no "Press Enter to apply" under a text box: Streamlit says it in English
#: only; Enter or leaving the box applies), and the map as tall as the window allows:
#: the frame's height is the window's less the header, tabs and margins
#: (``--kyodo-map-offset``), never under 360 px. Streamlit pulls what follows a heading
#: up by 1rem (to take back the heading's own bottom padding): a subheading keeps 0.85rem
#: of it, so a table or a caption under it starts clear of its text instead of under it.
_PLANNER_CSS = """
<style>
[data-testid="stHeader"] { background: transparent; }
/* once the page scrolls, the header (the sidebar's and the menu's buttons) turns white,
   so the text scrolled under it does not show through its buttons */
[data-testid="stApp"] { timeline-scope: --kyodo-page; }
[data-testid="stMain"] { scroll-timeline: --kyodo-page block; }
@keyframes kyodo-header-solid {
  to { background: #ffffff; box-shadow: 0 1px 0 rgba(49, 51, 63, 0.12); }
}
[data-testid="stHeader"] { animation: kyodo-header-solid linear both;
  animation-timeline: --kyodo-page; animation-range: 0 48px; }
/* a link to a page wraps its words on a narrow screen instead of cutting them */
[data-testid="stPageLink-NavLink"] span:has(> [data-testid="stMarkdownContainer"]),
[data-testid="stPageLink-NavLink"] [data-testid="stMarkdownContainer"],
[data-testid="stPageLink-NavLink"] p { white-space: normal; overflow: visible; }
/* where nothing hovers (a touch screen), a table's toolbar is always shown, above the
   table: it gets room of its own instead of covering the line above */
@media (hover: none) {
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { margin-top: 2.3rem; }
}
[data-testid="stMainBlockContainer"] { padding-top: 2.75rem; padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.5rem; line-height: 1.3;
  padding: 0.2rem 0 0; margin: 0; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.02rem; line-height: 1.35;
  padding: 0.1rem 0 0.85rem; }
/* a title bottom-aligned beside a picker: its row ends where its text does */
.st-key-title-beside-picker h1 { padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] > div { padding: 0.3rem 0.75rem; }
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] p { font-size: 0.9rem; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.55rem; }
[data-testid="InputInstructions"] { display: none; }
/* an area's long list scrolls in its frame (the table's own wrappers do not scroll or
   clip, so its header keeps in view), and prints whole */
[class*="st-key-area-list-"] { padding-top: 0 !important; }
[class*="st-key-area-list-"] [data-testid="stTable"],
[class*="st-key-area-list-"] [data-testid="stTable"] > div { overflow: visible !important; }
[class*="st-key-area-list-"] thead th { position: sticky; top: 0; z-index: 1;
  background: #ffffff; box-shadow: inset 0 -1px 0 rgba(49, 51, 63, 0.2); }
@media print {
  [class*="st-key-area-list-"] { height: auto !important; max-height: none !important;
    overflow: visible !important; }
}
/* a web address breaks anywhere: its column leaves the others their room */
.st-key-about-sources td:last-child { overflow-wrap: anywhere; min-width: 10rem; }
/* on a phone a plain table of four or more columns keeps columns a name can be read in
   (not three characters wide): its own frame scrolls sideways */
@media (max-width: 640px) {
  [data-testid="stTable"] table:has(thead th:nth-child(4)) { min-width: 36rem; }
  [data-testid="stTable"] table:has(thead th:nth-child(5)) { min-width: 56rem; }
}
</style>
"""
_MAP_CSS = """
<style>
:root { --kyodo-map-height: max(360px, calc(100vh - var(--kyodo-map-offset, 210px))); }
[data-testid="stElementContainer"]:has(> div > iframe[src*="streamlit_folium.st_folium"]),
[data-testid="stElementContainer"] > div:has(> iframe[src*="streamlit_folium.st_folium"]),
iframe[src*="streamlit_folium.st_folium"] { height: var(--kyodo-map-height) !important; }
</style>
"""


def language_switch() -> None:
    """A language switch in the sidebar (日本語 by default, or ``?lang=en``).

    The language lives in a plain session key, not in the widget's own state, so it
    survives pages that do not draw the switch.
    """
    language_from_address()
    options = list(LANGS)
    st.sidebar.radio(
        t("app.language"),
        options,
        index=options.index(lang()),
        format_func=labeller("app.lang", LANGS),
        key=LANG_WIDGET,
        horizontal=True,
        on_change=_language_changed,
    )


def _language_changed() -> None:
    st.session_state[LANG_KEY] = st.session_state[LANG_WIDGET]
    set_worded_again()


def kept_tabs(keys: Sequence[str], key: str) -> Sequence[Any]:
    """Tabs named by the catalogue's ``keys`` whose choice the script is told, and keeps
    across a change of language (the tab open in one language stays open in the other).

    Each tab's ``.open`` says whether it is the one shown, so a page can draw a tab's
    tables only while it is open: a rerun (a filter changed) then sends none that nobody
    sees. Opening a tab runs the page again.
    """
    labels = [t(k) for k in keys]
    held = st.session_state.get(key)
    if held is not None and held not in labels:  # the language changed since
        for k, label in zip(keys, labels, strict=True):
            if held in {text(k, other) for other in LANGS}:
                st.session_state[key] = label
    return st.tabs(labels, key=key, on_change="rerun")


def planner_style(*, map_fills_window: bool = False) -> None:
    """The planner's page layout: a compact header, plain tables that scroll sideways on
    a phone rather than squeeze their columns to a character, and, for the explorer,
    the map as tall as the window allows."""
    st.html(_PLANNER_CSS + (_MAP_CSS if map_fills_window else ""))


def sample_banner(orgs: pd.DataFrame) -> None:
    """A visible notice naming the kinds of the organisations shown that are still sample
    data (none when every one is real)."""
    banner = datastatus.sample_banner(orgs)
    if banner is not None:
        st.warning(banner.text(lang()), icon="⚠️")


def load_or_stop() -> CityData:
    """The city's data, or a clear message (and the problems) and a stop."""
    try:
        return data.city()
    except DataValidationError as exc:
        st.error(t("app.data_error"))
        show_table(
            pd.DataFrame(
                [
                    {
                        "file": p.source,
                        "row": p.row,
                        "column": p.column,
                        "value": p.value,
                        "reason": p.reason(lang()),
                    }
                    for p in exc.problems
                ]
            ),
            hide_index=True,
        )
        st.stop()


def area_labels(city: CityData) -> dict[str, str]:
    """Area id -> name in the current language."""
    return area_names_in(city.areas, lang())


def city_name(city: CityData) -> str:
    """The city's name in the current language."""
    return pick(lang(), city.config.name_ja, city.config.name_en)


def center_name(city: CityData) -> str:
    """The support center's name in the current language."""
    center = city.config.support_center
    return pick(lang(), center.name_ja, center.name_en)


def app_title(city: CityData) -> str:
    """The app's title for this city, e.g. 山口市 協働まちづくりマップ."""
    return t("app.title", city=city_name(city))
