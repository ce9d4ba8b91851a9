"""Kiosk mode: the public touch screen at the support center.

A session is a kiosk session when the server runs with the ``kiosk`` setting on
(``KYODO_KIOSK=1``, ``make kiosk``) or the first request carries ``?kiosk=1``; it stays
one for its lifetime.
Kiosk sessions get only the kiosk page in their navigation, so the other pages
(import, editing, exports) are never run for them: refused on the server.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st

from ui import settings

_ON = "kiosk.on"

#: Kiosk styling: Streamlit's own chrome hidden, touch-sized targets, large text.
KIOSK_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], #MainMenu, footer,
[data-testid="stStatusWidget"], [data-testid="stAppDeployButton"],
[data-testid="stHeaderActionElements"] { display: none !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
p, li, label, [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"] {
  font-size: 22px !important; }
h1 { font-size: 48px !important; } h2 { font-size: 36px !important; }
h3 { font-size: 28px !important; }
button, [role="button"], [data-testid="stBaseButton-secondary"],
[data-testid="stBaseButton-primary"] { min-height: 64px !important; min-width: 64px !important;
  font-size: 24px !important; touch-action: manipulation; }
input, [data-baseweb="input"] input { min-height: 56px !important; font-size: 24px !important; }
[data-baseweb="select"] > div { min-height: 56px !important; font-size: 22px !important; }
.leaflet-control-zoom a { width: 56px !important; height: 56px !important;
  line-height: 56px !important; font-size: 32px !important; }
.leaflet-control-layers label { font-size: 20px; min-height: 48px; display: flex;
  align-items: center; }
.leaflet-control-layers input { width: 28px; height: 28px; }
</style>
"""

_IDLE_JS = """
<script>
(function () {
  var timeout = %(seconds)d * 1000, target = %(target)s, doc = window.parent.document;
  var w = window.parent;
  if (w.__kyodoIdle) { w.__kyodoIdle.timeout = timeout; w.__kyodoIdle.target = target; return; }
  var state = w.__kyodoIdle = {last: Date.now(), timeout: timeout, target: target};
  var bump = function () { state.last = Date.now(); };
  var events = ["pointerdown", "touchstart", "keydown", "wheel", "mousemove"];
  var watch = function (d) {
    if (!d || d.__kyodoWatched) { return; }
    d.__kyodoWatched = true;
    events.forEach(function (e) { d.addEventListener(e, bump, {passive: true, capture: true}); });
  };
  watch(doc);
  w.setInterval(function () {
    doc.querySelectorAll("iframe").forEach(function (f) {
      try { watch(f.contentDocument); } catch (err) { /* another origin: ignore */ }
    });
    if (Date.now() - state.last > state.timeout) { w.location.replace(state.target); }
  }, 1000);
})();
</script>
"""


def forced_by_server() -> bool:
    """True when the whole server is a kiosk (the ``kiosk`` setting, ``KYODO_KIOSK``)."""
    return settings.current().kiosk


def public_view() -> bool:
    """True when the server only serves the public (the ``public_view`` setting,
    ``KYODO_PUBLIC_VIEW``): the staff pages (import, editing) are not registered at all."""
    return settings.current().public_view


def kiosk_mode() -> bool:
    """Whether this session is a kiosk session (sticky once on)."""
    if forced_by_server() or st.session_state.get(_ON):
        st.session_state[_ON] = True
        return True
    if st.query_params.get("kiosk") == "1":
        st.session_state[_ON] = True
        return True
    return False


def idle_seconds() -> int:
    """Idle timeout before the attract screen returns (the ``kiosk_idle_seconds``
    setting, ``KYODO_KIOSK_IDLE_SECONDS``)."""
    return settings.current().kiosk_idle_seconds


def reset_path() -> str:
    """Where an idle reset goes: a fresh kiosk session on the attract screen."""
    return "./" if forced_by_server() else "./?kiosk=1"


def hide_chrome() -> None:
    """Hide Streamlit's menu, toolbar and sidebar; make targets touch-sized."""
    st.html(KIOSK_CSS)


def idle_reset() -> None:
    """After the idle timeout, reload into a new session (every selection cleared)."""
    script = _IDLE_JS % {"seconds": idle_seconds(), "target": json.dumps(reset_path())}
    st.html(script, unsafe_allow_javascript=True)


def public_link(params: dict[str, str]) -> str:
    """The normal public view of ``params`` on the public address of the app.

    The ``public_url`` setting (``KYODO_PUBLIC_URL``) when set (the address visitors'
    phones can reach), else the address the kiosk itself uses.
    """
    base = settings.current().public_url or (st.context.url or "")
    parts = urlsplit(base)
    root = urlunsplit((parts.scheme or "http", parts.netloc, "/", "", ""))
    query = urlencode({k: v for k, v in params.items() if v})
    return root + ("?" + query if query else "")


def qr_svg(url: str) -> str:
    """A QR code of ``url`` as SVG markup.

    Shown inline (a ``data:`` URI), not as a media file that a page change could
    remove before the browser has fetched it.
    """
    return str(segno.make(url, error="m").svg_inline(scale=8, border=2))


__all__ = [
    "KIOSK_CSS",
    "forced_by_server",
    "hide_chrome",
    "idle_reset",
    "idle_seconds",
    "kiosk_mode",
    "public_link",
    "public_view",
    "qr_svg",
    "reset_path",
]
