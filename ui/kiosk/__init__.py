"""The public touch screen at the support center (the kiosk) and its QR code.

:mod:`ui.kiosk.mode` decides whether a session is a kiosk session; :mod:`~ui.kiosk.chrome`
styles the screen and keeps the visitor inside it; :mod:`~ui.kiosk.nav` holds where the
visitor is; the screens are in :mod:`~ui.kiosk.screens` (attract, field, area),
:mod:`~ui.kiosk.results` (results, a group's page) and :mod:`~ui.kiosk.search` (by name,
without typing); :mod:`~ui.kiosk.kmap` draws the map and :mod:`~ui.kiosk.qr` the QR code of
the public phone view.
"""

from __future__ import annotations

from ui.kiosk.mode import forced_by_server, idle_seconds, kiosk_mode, public_view, reset_path
from ui.kiosk.qr import public_link, qr_svg

__all__ = [
    "forced_by_server",
    "idle_seconds",
    "kiosk_mode",
    "public_link",
    "public_view",
    "qr_svg",
    "reset_path",
]
