"""The support center's opening hours, as the about page and the kiosk show them."""

from __future__ import annotations

from collections.abc import Mapping

CENTER_MESSAGES: dict[str, Mapping[str, str]] = {
    "center.hours": {"ja": "{hours}（休館：{closed}）", "en": "{hours} / closed {closed}"},
}
