"""データの状況 on the pages: real and sample rows per kind, the last import, the sources.

The staff 取り込み page shows who imported; the public データと出典 page does not. With
the registry in use the figures come from it (cached on its data version); otherwise
from the organisations loaded from the bundled file. Everything is drawn with
``st.dataframe`` (file names and editors stay text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from geo.city import city_by_code
from geo.datastatus import KindStatus, frame_status
from geo.registry import Store
from geo.registry.datastatus import data_status
from ui import data
from ui.i18n import t
from ui.tables import show_table

#: Times are shown in the city's time.
LOCAL_TIME = ZoneInfo("Asia/Tokyo")


def when(at: str) -> str:
    """An audit time (ISO 8601) as local date and minute, e.g. ``2026-10-04 12:00``."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME)
    return moment.strftime("%Y-%m-%d %H:%M")


def _state(status: KindStatus) -> str:
    if not status.real and not status.sample:
        return t("datastatus.state.empty")
    if not status.sample:
        return t("datastatus.state.real")
    return t("datastatus.state.mixed" if status.real else "datastatus.state.sample")


def _sources(status: KindStatus) -> str:
    return t("sep.list").join(
        t("datastatus.source_count", source=t(f"datastatus.source.{s}"), n=n)
        for s, n in status.sources.items()
    )


def status_frame(statuses: Sequence[KindStatus], *, with_who: bool) -> pd.DataFrame:
    """The table of the data status, one row per kind (``with_who``: the editor too)."""
    last = [s.last_import for s in statuses]
    columns: dict[str, list[object]] = {
        t("datastatus.col.kind"): [t(f"datastatus.kind.{s.kind}") for s in statuses],
        t("datastatus.col.state"): [_state(s) for s in statuses],
        t("datastatus.col.real"): [s.real for s in statuses],
        t("datastatus.col.sample"): [s.sample for s in statuses],
        t("datastatus.col.last_import"): [
            when(li.at) if li else t("datastatus.never") for li in last
        ],
    }
    if with_who:
        columns[t("datastatus.col.who")] = [li.who if li else "" for li in last]
    columns[t("datastatus.col.file")] = [li.file if li else "" for li in last]
    columns[t("datastatus.col.sources")] = [_sources(s) for s in statuses]
    return pd.DataFrame(columns)


def staff_section(store: Store) -> None:
    """The data status for staff: with who imported each list."""
    st.subheader(t("datastatus.title"))
    st.caption(t("datastatus.caption.staff"))
    frame = status_frame(data_status(store), with_who=True)
    show_table(frame, hide_index=True, key="datastatus.staff")


@st.cache_data(show_spinner=False, max_entries=4)
def _registry_status(key: data.DataKey) -> tuple[KindStatus, ...]:
    data_dir, jis_code, url, _ = key
    with Store.open(url, data_dir=Path(data_dir), city=city_by_code(jis_code)) as store:
        return tuple(s.public() for s in data_status(store))


def public_statuses() -> tuple[KindStatus, ...]:
    """The data status for everyone (no editor names), from the registry when in use."""
    key = data.data_key()
    if key[2]:
        return _registry_status(key)
    return frame_status(data.city().organisations)


def public_section() -> None:
    """The data status on the public データと出典 page."""
    st.subheader(t("datastatus.title"))
    st.caption(t("datastatus.caption.public"))
    show_table(status_frame(public_statuses(), with_who=False), hide_index=True)
