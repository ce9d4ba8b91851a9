"""Shared vocabulary of the catalogue: hazards, read by the map, the area page and the sheet.

Each hazard has one official name (as the designation of 指定緊急避難場所 words it) and
one short name for legends and chips; nothing else names a hazard.
"""

from __future__ import annotations

from collections.abc import Mapping

VOCAB_MESSAGES: dict[str, Mapping[str, str]] = {
    "hazard.flood": {"ja": "洪水", "en": "Flood"},
    "hazard.flood.short": {"ja": "洪水", "en": "Flood"},
    "hazard.landslide": {
        "ja": "崖崩れ・土石流・地滑り",
        "en": "Slope failure, debris flow and landslide",
    },
    "hazard.landslide.short": {"ja": "土砂災害", "en": "Landslide"},
    "hazard.storm_surge": {"ja": "高潮", "en": "Storm surge"},
    "hazard.storm_surge.short": {"ja": "高潮", "en": "Storm surge"},
    "hazard.earthquake": {"ja": "地震", "en": "Earthquake"},
    "hazard.earthquake.short": {"ja": "地震", "en": "Earthquake"},
    "hazard.tsunami": {"ja": "津波", "en": "Tsunami"},
    "hazard.tsunami.short": {"ja": "津波", "en": "Tsunami"},
    "hazard.large_fire": {"ja": "大規模な火事", "en": "Large fire"},
    "hazard.large_fire.short": {"ja": "大規模な火事", "en": "Large fire"},
    "hazard.inland_flood": {"ja": "内水氾濫", "en": "Inland flooding"},
    "hazard.inland_flood.short": {"ja": "内水氾濫", "en": "Inland flooding"},
    "hazard.volcano": {"ja": "火山現象", "en": "Volcanic phenomena"},
    "hazard.volcano.short": {"ja": "火山現象", "en": "Volcano"},
}
