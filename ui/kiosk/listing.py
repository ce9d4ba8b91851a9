"""Lists of organisations for a visitor: found on the server, shown a page at a time.

The lists are made from every column (a reading in ``name_kana`` is used when the data
has one) and cut down to the public allowlist (:func:`geo.public.public_organisations`)
before anything is drawn, so personal names and phone numbers never reach a browser.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from geo.lookup import by_index_row, find_by_name, for_visitor, index_counts, tier_counts
from geo.model import CITYWIDE, CityData
from geo.public import public_organisations
from geo.words import Listed, localise
from ui import data
from ui.data import DataKey
from ui.i18n import lang, t
from ui.layout import area_labels
from ui.text import md_literal

#: Organisations a list shows at first, and how many more each 「もっと見る」 adds.
PAGE_SIZE = 10


def _public(listed: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(public_organisations(listed))
    out["tier"] = listed["tier"].to_numpy()
    return out


@st.cache_data(show_spinner=False, max_entries=256)
def _visitor(field: str | None, area: str | None, key: DataKey) -> pd.DataFrame:
    city = data.city()
    fields = (field,) if field else ()
    return _public(for_visitor(city.organisations, area, fields, catalog=city.catalog))


@st.cache_data(show_spinner=False, max_entries=64)
def _by_name(query: str, key: DataKey) -> pd.DataFrame:
    return _public(find_by_name(data.city().organisations, query))


@st.cache_data(show_spinner=False, max_entries=16)
def _by_row(row: str, key: DataKey) -> pd.DataFrame:
    return _public(by_index_row(data.city().organisations, row))


@st.cache_data(show_spinner=False, max_entries=4)
def _index_counts(key: DataKey) -> dict[str, int]:
    return index_counts(data.city().organisations)


def for_area(field: str | None, area: str | None) -> pd.DataFrame:
    """Public organisations for a field and an area, in a visitor's order
    (:func:`geo.lookup.for_visitor`: those listing the field or its closest first
    within their tier and kind), with their ``tier``."""
    return _visitor(field, area, data.data_key())


def by_name(query: str) -> pd.DataFrame:
    """Public organisations whose name or reading holds every word of ``query``."""
    return _by_name(query.strip(), data.data_key())


def by_row(row: str) -> pd.DataFrame:
    """Public organisations whose reading starts in the 50音 row ``row``."""
    return _by_row(row, data.data_key())


def row_counts() -> dict[str, int]:
    """How many organisations each row of the kana index holds."""
    return _index_counts(data.data_key())


def entry_line(city: CityData, row: pd.Series) -> str:
    """Where an organisation is based and its fields, in the current language."""
    labels = area_labels(city)
    base = t("kiosk.based_in", area=labels.get(str(row["area_id"]), str(row["area_id"])))
    names = tuple(city.catalog.get(c).label(lang()) for c in row["fields"] if c in city.catalog)
    if not names:
        return base
    return base + "　" + t("kiosk.entry_fields", fields=Listed(names, "list"))


def org_facts(city: CityData, row: pd.Series) -> list[tuple[str, str]]:
    """An organisation's public facts: (catalogue key of the label, value) pairs."""
    labels = area_labels(city)

    def joined(items: list[str]) -> str:
        return str(localise(Listed(tuple(items), "list"), lang()))

    served = (
        t("citywide")
        if CITYWIDE in row["service_areas"]
        else joined([labels[a] for a in row["service_areas"] if a in labels])
    )
    facts = [
        ("col.kind", t("kind.each." + str(row["kind"]))),
        ("col.fields", joined([city.catalog.get(c).label(lang()) for c in row["fields"]])),
        ("col.area", labels.get(str(row["area_id"]), str(row["area_id"]))),
        ("col.serves", served),
    ]
    confirmed = row["last_confirmed"]
    if confirmed is not None and not pd.isna(confirmed):
        facts.append(("col.last_confirmed", f"{confirmed:%Y-%m}"))
    return facts


def entry_label(city: CityData, row: pd.Series) -> str:
    """A list entry's label: the name in bold, then its base and fields (Markdown made
    literal, so a name can never format, link or load anything)."""
    return f"**{md_literal(row['name'])}**\n\n{md_literal(entry_line(city, row))}"


def _entry(city: CityData, row: pd.Series, on_pick: Callable[[str], None]) -> None:
    org_id = str(row["org_id"])
    st.button(
        entry_label(city, row),
        on_click=on_pick,
        args=(org_id,),
        key=f"kiosk.org.{org_id}",
        icon=":material/chevron_right:",
        icon_position="right",
        width="stretch",
    )


def show_list(
    city: CityData,
    listed: pd.DataFrame,
    *,
    area: str | None,
    count: int,
    on_pick: Callable[[str], None],
    on_more: Callable[[], None],
) -> None:
    """The first ``count`` organisations of ``listed``, under a heading per tier when an
    area was chosen, and a big 「もっと見る」 while more are left.

    Parameters
    ----------
    listed
        Public organisations with ``tier`` (:func:`for_area`, :func:`by_name` …).
    area
        The chosen area's id (named in the tiers' headings), or ``None``.
    count
        How many to show.
    on_pick
        Called with an organisation's id when it is tapped.
    on_more
        Called when 「もっと見る」 is tapped.
    """
    if listed.empty:
        st.info(t("kiosk.none_found"))
        return
    tiers = tier_counts(listed)
    name = area_labels(city).get(area, "") if area else ""
    current = None
    with st.container(key="kiosk-list"):
        for _, row in listed.head(count).iterrows():
            tier = str(row["tier"])
            if tier not in (current, "all"):
                heading = t(f"kiosk.tier.{tier}", area=name, n=tiers[tier])
                st.subheader(md_literal(heading), anchor=False)
            current = tier
            _entry(city, row, on_pick)
    left = len(listed) - count
    if left > 0:
        st.caption(t("kiosk.shown", shown=count, total=len(listed)))
        st.button(
            t("kiosk.more", n=left),
            on_click=on_more,
            key="kiosk.more",
            icon=":material/expand_more:",
            type="primary",
            width="stretch",
        )


__all__ = [
    "PAGE_SIZE",
    "by_name",
    "by_row",
    "entry_label",
    "entry_line",
    "for_area",
    "org_facts",
    "row_counts",
    "show_list",
]
