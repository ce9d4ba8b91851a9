"""The explorer's panels beside and under its map: the selected area, the gaps tab and
the organisations' table."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from geo.coverage import gap_reason_text, gaps
from geo.fields import DISASTER_NEED
from geo.model import CITYWIDE, CityData
from ui.i18n import lang, t, worded
from ui.layout import area_labels
from ui.state import KEYS, ViewState
from ui.tables import Columns, fitted, show_fitted, wrapped, yes_no
from ui.text import md_literal
from ui.widgets import field_label

#: Widget key of the area picker in the selected area's panel.
PICK_KEY = KEYS["area"]


# --- the selected area ------------------------------------------------------------------------


def _clear_area() -> None:
    st.session_state[PICK_KEY] = None


def area_panel(city: CityData, view: ViewState, cov: pd.DataFrame) -> None:
    """The selected area beside the map: a picker (the map's click or the keyboard), the
    link to its page first, then its figures and, for a gap, why."""
    labels = area_labels(city)
    st.selectbox(
        t("panel.pick"),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=t("panel.pick_placeholder"),
        key=worded(PICK_KEY),
    )
    area_id = st.session_state.get(PICK_KEY)
    if not area_id or area_id not in labels:
        st.caption(t("app.subtitle", n=len(labels)))
        st.caption(t("map.click_hint"))
        return
    name = md_literal(labels[area_id])
    st.subheader(name, anchor=False)
    st.page_link(
        "pages/area.py",
        label=t("panel.open_area", name=name),
        query_params={"area": area_id},
        icon=":material/arrow_forward:",
    )
    row = cov.set_index("area_id").loc[area_id]
    st.markdown("  \n".join(_figures(row, view)))
    if row["is_gap"]:
        kind = t(f"gap.kind.{row['gap_reason']}")
        st.warning(md_literal(t("panel.gap", kind=kind, reason=gap_reason_text(row, lang()))))
    st.button(t("panel.clear"), on_click=_clear_area, key="explorer.clear_area")


def _figures(row: pd.Series, view: ViewState) -> list[str]:
    """The selected area's figures, one short line each."""
    lines = [
        t("panel.line.total", n=int(row["total"])),
        t(
            "panel.breakdown",
            councils=int(row["councils"]),
            associations=int(row["associations"]),
            civic_groups=int(row["civic_groups"]),
        ),
        t("panel.line.per_10k", value=float(row["per_10k"])),
    ]
    if DISASTER_NEED in view.fields:
        national, rate = float(row["national_jishubo_rate"]), float(row["jishubo_rate"])
        if math.isnan(rate):  # no member households known
            lines.append(t("panel.line.jishubo_unknown"))
        elif not math.isnan(national):
            lines.append(t("panel.line.jishubo_national", rate=rate, national=national))
        else:
            lines.append(t("panel.line.jishubo", rate=rate))
    lines.append(
        t(
            "panel.line.residents",
            population=int(row["population_2020"]),
            households=int(row["households_2020"]),
        )
    )
    return lines


# --- the gaps tab -----------------------------------------------------------------------------


def gap_rules(cov: pd.DataFrame) -> list[str]:
    """Each gap rule that applies to ``cov``, in words with its figures."""
    first = cov.iloc[0]
    out = [
        t("gap.rule.no_organisation"),
        t(
            "gap.rule.below_rate",
            rate=float(first["city_rate_per_10k"]),
            share=float(first["gap_share"]),
        ),
    ]
    national = float(first["national_jishubo_rate"])
    if not math.isnan(national):
        out.insert(1, t("gap.rule.below_national", national=national))
    return out


def gaps_table(city: CityData, view: ViewState, ranked: pd.DataFrame) -> pd.DataFrame:
    """The areas of ``ranked`` (:func:`geo.coverage.gaps`), least covered first: the gap's
    kind and reason only for gaps, and no such columns when no area is one."""
    labels = area_labels(city)
    is_gap = ranked["is_gap"].tolist()
    table = pd.DataFrame(
        {
            t("col.rank"): ranked["rank"].tolist(),
            t("col.area"): [labels[a] for a in ranked["area_id"]],
            t("col.gap_kind"): [
                t(f"gap.kind.{code}") if gap else ""
                for code, gap in zip(ranked["gap_reason"], is_gap, strict=True)
            ],
            t("col.reason"): [
                gap_reason_text(row, lang()) if gap else ""
                for gap, (_, row) in zip(is_gap, ranked.iterrows(), strict=True)
            ],
            t("col.total"): ranked["total"].tolist(),
            t("col.per_10k"): ranked["per_10k"].round(1).tolist(),
        }
    )
    if not any(is_gap):
        table = table.drop(columns=[t("col.gap_kind"), t("col.reason")])
    if DISASTER_NEED in view.fields:
        table[t("col.jishubo_rate")] = (ranked["jishubo_rate"] * 100).round(1).tolist()
    for column in ("councils", "associations", "civic_groups"):
        table[t(f"col.{column}")] = ranked[column].tolist()
    return table


#: Widest the gaps' reasons grow before they wrap, in pixels (a Japanese reason stands
#: on one line, an English one wraps onto two), and the rows the table then shows at
#: once (in taller rows).
GAP_REASON_PX, GAP_ROWS_SHOWN = 440, 8


def show_gaps(city: CityData, view: ViewState, cov: pd.DataFrame) -> list[str]:
    """The gaps tab's rules and table; returns the gap areas, least covered first."""
    st.markdown(f"**{t('gap.rules')}**")
    st.markdown("\n".join(f"- {md_literal(rule)}" for rule in gap_rules(cov)))
    if view.areas:
        st.caption(t("gaps.focus", n=len(view.areas)))
    ranked = gaps(cov, "jishubo_rate" if view.metric == "jishubo_rate" else "per_10k")
    found = [str(a) for a in ranked.loc[ranked["is_gap"], "area_id"]]
    if not found:  # the answer before the figures that bear it out
        st.success(t("gaps.none"))
    show_fitted(
        gaps_table(city, view, ranked),
        GAP_ROWS_SHOWN,
        widest={t("col.reason"): GAP_REASON_PX} if found else None,
        column_config={
            t("col.per_10k"): st.column_config.NumberColumn(format="%.1f"),
            t("col.jishubo_rate"): st.column_config.NumberColumn(format="%.1f%%"),
        },
        hide_index=True,
        key="explorer.gaps",
    )
    return found


def org_table(city: CityData, orgs: pd.DataFrame) -> pd.DataFrame:
    """Organisations as a readable table (public columns only)."""
    labels = area_labels(city)
    # (a field's number held to its name: a wrapped cell breaks its line at spaces)
    fl = {c: field_label(city.catalog, c, space="\u00a0") for c in city.catalog.codes}
    sep = t("sep.list")
    return pd.DataFrame(
        {
            t("col.name"): orgs["name"].tolist(),
            t("col.kind"): [t(f"kind.each.{k}") for k in orgs["kind"]],
            t("col.area"): [labels[a] for a in orgs["area_id"]],
            t("col.fields"): [sep.join(fl[c] for c in f) for f in orgs["fields"]],
            t("col.serves"): [
                t("citywide") if CITYWIDE in s else sep.join(labels[a] for a in s)
                for s in orgs["service_areas"]
            ],
            t("col.last_confirmed"): [
                d.isoformat() if d is not None and not pd.isna(d) else ""
                for d in orgs["last_confirmed"]
            ],
            t("col.sample"): yes_no(orgs["is_sample"]),
        }
    )


#: Rows the organisations' table shows at once (it scrolls for the others).
ORG_ROWS_SHOWN = 8
#: Widest the long columns grow before their text wraps, in pixels: with the short ones
#: they fit a planner's screen (1600 pixels wide) without scrolling sideways.
ORG_WRAPPED_PX = {"col.name": 200, "col.kind": 140, "col.fields": 320, "col.serves": 140}


def org_columns(table: pd.DataFrame) -> Columns:
    """Column settings of :func:`org_table`: the short columns as wide as their texts,
    the long ones as wide as they need up to :data:`ORG_WRAPPED_PX`, then wrapped
    (in rows of :data:`ui.tables.WRAPPED_ROW_PX`)."""
    short = ("col.area", "col.last_confirmed", "col.sample")
    return fitted(table, *(t(k) for k in short)) | wrapped(
        table, {t(k): most for k, most in ORG_WRAPPED_PX.items()}
    )
