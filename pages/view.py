"""The phone view — what the kiosk's QR code opens: the same list or group, one column."""

from __future__ import annotations

from ui.boot import ensure_navigation
from ui.layout import load_or_stop
from ui.phoneview import phone_view

ensure_navigation()

phone_view(load_or_stop())
