"""The kiosk's frame: Streamlit's chrome hidden, touch-sized styles, no way out, idle reset.

The styles make every target at least 64 px high and every text at least 20 px, let
long names wrap instead of ending in 「…」, and stack the two halves of a split screen
(:func:`split`) on a portrait screen. The script in the page returns to the attract
screen after the idle timeout and keeps the visitor inside the kiosk: no context
menu or long-press menu, no text selection or dragging, no link that leaves the
kiosk's address or opens a window, in the page and in every frame of the same origin
(the map's).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.kiosk.mode import idle_seconds, reset_path

#: The smallest target on the kiosk, in CSS pixels.
MIN_TARGET_PX = 48

#: Kiosk styling: Streamlit's own chrome hidden, touch-sized targets, large text.
KIOSK_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], #MainMenu, footer,
[data-testid="stStatusWidget"], [data-testid="stAppDeployButton"],
[data-testid="stHeaderActionElements"], [data-testid="stElementToolbar"]
  { display: none !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px;
  -webkit-user-select: none; user-select: none; -webkit-touch-callout: none; }
input, textarea { -webkit-user-select: text; user-select: text; }
img { -webkit-user-drag: none; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 3rem; max-width: 100%; }
p, li, label, [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] p, [data-testid="stImageCaption"] p {
  font-size: 22px !important; }
h1 { font-size: 44px !important; padding: 0.2rem 0 !important; }
h2 { font-size: 34px !important; } h3 { font-size: 28px !important; }
button, [role="button"], [data-testid="stBaseButton-secondary"],
[data-testid="stBaseButton-primary"] { min-height: 64px !important; min-width: 64px !important;
  font-size: 24px !important; touch-action: manipulation; }
button p, button .stMarkdownEllipsis, .stMarkdownEllipsis p { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere;
  font-size: 24px !important; line-height: 1.3 !important; text-align: center; }
button [data-testid="stIconMaterial"] { font-size: 32px !important; }
input, [data-baseweb="input"] input { min-height: 56px !important; font-size: 28px !important; }
.st-key-kiosk-ways button { min-height: 84px !important; }
.st-key-kiosk-ways button p { font-size: 30px !important; }
.st-key-kiosk-ways button [data-testid="stIconMaterial"] { font-size: 40px !important; }
.st-key-kiosk-tiles button { min-height: 146px !important; padding: 0.5rem 0.25rem !important; }
/* a need's name breaks after its 中黒, not inside a word (「移動支援・|買い物支援」) */
.st-key-kiosk-tiles button p { word-break: keep-all; overflow-wrap: anywhere; }
.st-key-kiosk-tiles button span[data-has-shortcut] { display: flex !important;
  flex-direction: column !important; align-items: center; gap: 0.3rem; height: auto; }
.st-key-kiosk-tiles button span[data-has-shortcut] > span { height: auto !important;
  margin: 0 !important; }
.st-key-kiosk-tiles button [data-testid="stIconMaterial"] { font-size: 52px !important;
  line-height: 1 !important; height: auto !important; }
.st-key-kiosk-prompt p { font-size: 40px !important; font-weight: 700; line-height: 1.3; }
.st-key-kiosk-summary p { font-size: 30px !important; font-weight: 700; }
.st-key-kiosk-keyboard [data-testid="stHorizontalBlock"] { gap: 0.35rem; }
.st-key-kiosk-keyboard button { padding: 0 0.2rem !important; }
.st-key-kiosk-keyboard button p { font-size: 30px !important; }
.st-key-kiosk-list button { padding: 0.6rem 1rem !important; }
.st-key-kiosk-list button > div, .st-key-kiosk-list button span[data-has-shortcut] {
  width: 100%; justify-content: space-between; }
[class*="st-key-kiosk-nav-"] button { padding: 0 0.4rem !important; }
[class*="st-key-kiosk-nav-"] button p { white-space: nowrap !important; }
.st-key-kiosk-list button p { text-align: left !important; }
.st-key-kiosk-list button p + p { font-size: 20px !important; color: #4a4a4a;
  margin-top: 0.25rem; }
.st-key-kiosk-qr img { image-rendering: pixelated; }
.st-key-kiosk-qr p { font-size: 22px !important; text-align: left; }
.st-key-kiosk-mapframe-620 iframe { height: 620px !important; }
.st-key-kiosk-mapframe-720 iframe { height: 720px !important; }
@media (orientation: portrait) {
  [class*="st-key-kiosk-split-"] > [data-testid="stLayoutWrapper"]
    > [data-testid="stHorizontalBlock"] { flex-direction: column !important;
    gap: 1rem !important; }
  [class*="st-key-kiosk-split-"] > [data-testid="stLayoutWrapper"]
    > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    width: 100% !important; min-width: 100% !important; flex: 1 1 auto !important; }
  /* the maps take the screen's height: the city's names (with their counts, at arm's
     length) find room by their areas */
  .st-key-kiosk-mapframe-620 iframe { height: 900px !important; }
  .st-key-kiosk-mapframe-720 iframe { height: 920px !important; }
  [class*="st-key-kiosk-nav-"] button span:has(> [data-testid="stIconMaterial"]),
  [class*="st-key-kiosk-nav-"] button [data-testid="stIconMaterial"] { display: none !important; }
  [class*="st-key-kiosk-nav-"] button p { font-size: 22px !important; }
  .st-key-kiosk-ways { flex-direction: row !important; }
  .st-key-kiosk-ways > div { flex: 1 1 0 !important; }
  .st-key-kiosk-tiles [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  /* as tall as the first screen leaves room for: every need's tile in view under the
     map and the three ways in */
  .st-key-kiosk-tiles button { min-height: 150px !important; }
  .st-key-kiosk-tiles [data-testid="stColumn"] {
    min-width: calc(25% - 1rem) !important; flex: 1 1 calc(25% - 1rem) !important; }
}
</style>
"""

#: Idle reset and the guards that keep a visitor inside the kiosk (see the module's notes).
_KIOSK_JS = """
<script>
(function () {
  var timeout = %(seconds)d * 1000, target = %(target)s, w = window.parent;
  var doc = w.document;
  if (w.__kyodoIdle) { w.__kyodoIdle.timeout = timeout; w.__kyodoIdle.target = target; return; }
  var state = w.__kyodoIdle = {last: Date.now(), timeout: timeout, target: target};
  var bump = function () { state.last = Date.now(); };
  var events = ["pointerdown", "touchstart", "keydown", "wheel", "mousemove"];
  var stop = function (e) { e.preventDefault(); e.stopPropagation(); return false; };
  var leaves = function (a) {
    var url;
    try { url = new URL(a.getAttribute("href"), a.ownerDocument.baseURI); }
    catch (err) { return true; }
    var tab = (a.getAttribute("target") || "").toLowerCase();
    return url.origin !== w.location.origin || (tab !== "" && tab !== "_self");
  };
  var onClick = function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (a && leaves(a)) { stop(e); }
  };
  var watch = function (d) {
    if (!d || d.__kyodoWatched || !d.documentElement) { return; }
    d.__kyodoWatched = true;
    events.forEach(function (e) { d.addEventListener(e, bump, {passive: true, capture: true}); });
    ["contextmenu", "dragstart", "selectstart", "auxclick"].forEach(function (e) {
      d.addEventListener(e, function (ev) {
        var t = ev.target;
        if (e === "selectstart" && t && /^(INPUT|TEXTAREA)$/.test(t.tagName || "")) { return; }
        stop(ev);
      }, {capture: true});
    });
    d.addEventListener("click", onClick, {capture: true});
    try { d.defaultView.open = function () { return null; }; } catch (err) { /* closed */ }
    var style = d.createElement("style");
    style.textContent = "html,body{-webkit-user-select:none;user-select:none;" +
      "-webkit-touch-callout:none}input,textarea{-webkit-user-select:text;user-select:text}";
    (d.head || d.documentElement).appendChild(style);
  };
  var frames = function (d) {
    d.querySelectorAll("iframe").forEach(function (f) {
      try { watch(f.contentDocument); frames(f.contentDocument); }
      catch (err) { /* another origin: the policy keeps it out */ }
    });
  };
  watch(doc);
  watch(document);
  frames(doc);
  w.setInterval(function () {
    frames(doc);
    if (Date.now() - state.last > state.timeout) { w.location.replace(state.target); }
  }, 500);
})();
</script>
"""


def hide_chrome() -> None:
    """Hide Streamlit's menu, toolbar and sidebar; make targets touch-sized."""
    st.html(KIOSK_CSS)


def idle_reset() -> None:
    """After the idle timeout, reload into a new session (every selection cleared); keep
    the visitor inside the kiosk (no menus, no way out)."""
    script = _KIOSK_JS % {"seconds": idle_seconds(), "target": json.dumps(reset_path())}
    st.html(script, unsafe_allow_javascript=True)


@contextmanager
def split(name: str, weights: Sequence[float]) -> Iterator[list[DeltaGenerator]]:
    """Columns side by side on a landscape screen, one under the other in portrait.

    Parameters
    ----------
    name
        A name for the screen part, unique on the page (a CSS class of the container).
    weights
        Relative widths of the columns on a landscape screen.
    """
    with st.container(key=f"kiosk-split-{name}"):
        yield list(st.columns(list(weights), gap="large"))


__all__ = ["KIOSK_CSS", "MIN_TARGET_PX", "hide_chrome", "idle_reset", "split"]
