"""Kiosk — the public touch screen: find who is active in a field or an area."""

from __future__ import annotations

from ui import kioskview as kv
from ui.boot import ensure_navigation
from ui.kiosk import hide_chrome, idle_reset
from ui.layout import load_or_stop

ensure_navigation()

hide_chrome()
idle_reset()
city = load_or_stop()
screens = {
    "attract": lambda: kv.attract(),
    "fields": lambda: kv.pick_field(city),
    "areas": lambda: kv.pick_area(city),
    "search": lambda: kv.search(city),
    "results": lambda: kv.results(city),
    "details": lambda: kv.details(city),
}
screens.get(kv.screen(), screens["attract"])()
