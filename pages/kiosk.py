"""Kiosk — the public touch screen: find who is active in a field, an area or by name."""

from __future__ import annotations

from ui.boot import ensure_navigation
from ui.kiosk import nav
from ui.kiosk.chrome import hide_chrome, idle_reset
from ui.kiosk.qr import check_public_url
from ui.kiosk.results import details, results
from ui.kiosk.screens import attract, pick_area, pick_field
from ui.kiosk.search import search
from ui.layout import load_or_stop

ensure_navigation()

hide_chrome()
idle_reset()
check_public_url()
city = load_or_stop()
screens = {
    "attract": attract,
    "fields": pick_field,
    "areas": pick_area,
    "search": search,
    "results": results,
    "details": details,
}
screens[nav.screen()](city)
