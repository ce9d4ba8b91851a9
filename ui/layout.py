"""What every page shares: the language switch, the sample banner, data errors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import datastatus
from geo.errors import DataValidationError
from geo.model import CityData
from geo.words import LANGS, pick
from ui import data
from ui.i18n import LANG_KEY, labeller, lang, t
from ui.tables import show_table

LANG_WIDGET = "lang.switch"


def language_switch() -> None:
    """A language switch in the sidebar (日本語 by default, or ``?lang=en``).

    The language lives in a plain session key, not in the widget's own state, so it
    survives pages that do not draw the switch.
    """
    if LANG_KEY not in st.session_state:
        requested = st.query_params.get("lang", "ja")
        st.session_state[LANG_KEY] = requested if requested in LANGS else "ja"
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
    areas = city.areas
    names = (
        pick(lang(), ja, en) for ja, en in zip(areas["name_ja"], areas["name_en"], strict=True)
    )
    return dict(zip(areas["area_id"], names, strict=True))


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
