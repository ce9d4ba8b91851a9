"""The explorer's view state: a value that round-trips through the URL.

:func:`parse_query` and :func:`to_query` are pure; :func:`init_widgets` and
:func:`sync_query` connect them to Streamlit's widgets and ``st.query_params``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import streamlit as st

from geo.coverage import METRICS
from geo.filters import OrgFilter
from geo.model import HAZARDS, ORG_KINDS
from ui.i18n import lang
from ui.text import plain_line

LAYERS = ("councils", "associations", "civic_groups", "shelters")
BASEMAPS = ("gsi", "osm", "none")
DEFAULT_LAYERS = ("councils", "associations", "civic_groups")
MAX_TEXT = 100


@dataclass(frozen=True)
class ViewState:
    """What the explorer shows; every part has a URL parameter.

    ``areas`` are the areas the map focuses on (the others greyed; the coverage stays
    the whole city's); ``bases`` filter the organisations by the area they are based in
    (拠点の地域).
    """

    fields: tuple[str, ...] = ()
    metric: str = "count"
    kinds: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    text: str = ""
    layers: tuple[str, ...] = DEFAULT_LAYERS
    hazards: tuple[str, ...] = ()
    basemap: str = "gsi"
    area: str | None = None
    lang: str = "ja"

    def org_filter(self) -> OrgFilter:
        """The organisation filter of this view."""
        return OrgFilter(
            fields=frozenset(self.fields),
            kinds=frozenset(self.kinds),
            bases=frozenset(self.bases),
            text=self.text,
        )


_PARAMS = {
    "fields": "field",
    "metric": "metric",
    "kinds": "kind",
    "areas": "areas",
    "bases": "base",
    "text": "q",
    "layers": "layers",
    "hazards": "hazard",
    "basemap": "basemap",
    "area": "area",
    "lang": "lang",
}


def _items(raw: str | Iterable[str] | None) -> list[str]:
    if raw is None:
        return []
    values = [raw] if isinstance(raw, str) else list(raw)
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _keep(items: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    """The ``allowed`` codes that ``items`` name, in the order of ``allowed``, each once;
    a code is named in any case (a link typed by hand as ``?field=Bousai``)."""
    allowed_list = list(allowed)
    spelled = {a.casefold(): a for a in allowed_list}
    chosen = {spelled[i.casefold()] for i in items if i.casefold() in spelled}
    return tuple(a for a in allowed_list if a in chosen)


def parse_query(
    params: Mapping[str, str | list[str]], *, field_codes: Iterable[str], area_ids: Iterable[str]
) -> ViewState:
    """The view state a URL asks for; unknown or malformed values are ignored.

    Parameters
    ----------
    params
        Query parameters (``st.query_params.to_dict()`` or a plain dict).
    field_codes, area_ids
        The known codes and ids, in display order.
    """
    codes = list(field_codes)
    ids = list(area_ids)
    default = ViewState()

    def one(name: str, allowed: Iterable[str], fallback: str) -> str:
        first = _items(params.get(name))[:1]
        return next(iter(_keep(first, allowed)), fallback)

    asked_layers = _items(params.get("layers"))
    layers = _keep(asked_layers, LAYERS)
    if asked_layers and not layers:  # only unknown layers named: as if none were
        layers = DEFAULT_LAYERS
    state = ViewState(
        fields=_keep(_items(params.get("field")), codes),
        metric=one("metric", METRICS, default.metric),
        kinds=_keep(_items(params.get("kind")), ORG_KINDS),
        areas=_keep(_items(params.get("areas")), ids),
        bases=_keep(_items(params.get("base")), ids),
        text=plain_line(" ".join(_items(params.get("q"))))[:MAX_TEXT],
        layers=layers if "layers" in params else DEFAULT_LAYERS,
        hazards=_keep(_items(params.get("hazard")), HAZARDS),
        basemap=one("basemap", BASEMAPS, default.basemap),
        area=next(iter(_keep(_items(params.get("area"))[:1], ids)), None),
        lang=one("lang", ("ja", "en"), default.lang),
    )
    return state


def to_query(state: ViewState, parts: Iterable[str] | None = None) -> dict[str, str]:
    """The URL parameters of ``state`` (defaults left out, except the layers); only
    those of ``parts`` (attributes) when given."""
    default = ViewState()
    out: dict[str, str] = {}
    kept = set(_PARAMS if parts is None else parts)
    for attr, name in _PARAMS.items():
        if attr not in kept:
            continue
        value = getattr(state, attr)
        if value == getattr(default, attr):
            continue
        if isinstance(value, tuple):
            out[name] = ",".join(value)
        elif value is not None:
            out[name] = str(value)
    return out


# --- Streamlit side ----------------------------------------------------------------------

KEYS = {attr: f"view.{attr}" for attr in _PARAMS}
_SAVED = "view.saved"


def init_widgets(url_state: ViewState, *, from_url: bool, again: Iterable[str] = ()) -> None:
    """Give every view widget its value before it is drawn.

    Widgets keep their own state while drawn; Streamlit forgets it when a page without
    them runs. The last view is therefore also kept in a plain session key, and the
    widgets are seeded from the URL (when it names a view) or from that saved view;
    the parts named in ``again`` are set from the URL whatever they hold (an address
    moved by the back button).
    """
    saved = st.session_state.get(_SAVED)
    source = url_state if from_url or not isinstance(saved, ViewState) else saved
    for attr, key in KEYS.items():
        if key not in st.session_state or attr in again:
            value = getattr(url_state if attr in again else source, attr)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value


def current() -> ViewState:
    """The view state held by the widgets (and remembered for other pages).

    A part whose widget this page does not draw (the map's controls on the matrix page)
    keeps its last value, so that coming back finds the view as it was left.
    """
    saved = st.session_state.get(_SAVED)
    base = saved if isinstance(saved, ViewState) else ViewState()
    kwargs: dict[str, object] = {}
    for attr, key in KEYS.items():
        if key not in st.session_state:
            continue
        value = st.session_state[key]
        if value is None and attr != "area":
            continue
        kwargs[attr] = tuple(value) if isinstance(value, list) else value
    state = replace(base, **kwargs)  # type: ignore[arg-type]
    st.session_state[_SAVED] = state
    return state


def sync_query(state: ViewState, page: str = "explorer") -> None:
    """Write ``state`` into the URL so a copied link restores this view."""
    write_address(page, to_query(state))


# --- any page's address -------------------------------------------------------------------

_WRITTEN = "address.written"


def address_moved(page: str) -> bool:
    """Whether the address names a view (more than a language) other than the one
    ``page`` last wrote into it: the back or forward button, or an address edited by
    hand. Its view then wins over the widgets' own; a widget changed since the address
    was written leaves the address as written, and the widget wins."""
    params = st.query_params.to_dict()
    written = st.session_state.get(_WRITTEN, {}).get(page)
    return written is not None and bool(set(params) - {"lang"}) and params != written


def from_address(
    page: str, key: str, param: str, allowed: Iterable[str] | Mapping[str, object]
) -> None:
    """Give the widget ``key`` the address's ``param``, when it is one of ``allowed`` (or
    the value ``allowed`` maps it to), before the widget is drawn: on the page's first
    run in the session, and when the address was moved (:func:`address_moved`)."""
    value = st.query_params.get(param)
    values = allowed if isinstance(allowed, Mapping) else {a: a for a in allowed}
    if (
        value is not None
        and value in values
        and (key not in st.session_state or address_moved(page))
    ):
        st.session_state[key] = values[value]


def write_address(page: str, params: Mapping[str, str]) -> None:
    """Make the address exactly ``params`` and the session's language (left out when it
    is Japanese): a copied link restores the page as shown, and nothing the page did not
    take (an unknown area, a crafted parameter) stays in it."""
    wanted = {k: v for k, v in params.items() if k != "lang"}
    if lang() != "ja":
        wanted["lang"] = lang()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_WRITTEN] = {**st.session_state.get(_WRITTEN, {}), page: wanted}


__all__ = [
    "BASEMAPS",
    "DEFAULT_LAYERS",
    "KEYS",
    "LAYERS",
    "ViewState",
    "address_moved",
    "current",
    "from_address",
    "init_widgets",
    "parse_query",
    "sync_query",
    "to_query",
    "write_address",
]
