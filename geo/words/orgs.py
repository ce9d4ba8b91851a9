"""Kinds of organisation in the singular, as sentences name one organisation.

The plural kinds of the filters and tables are ``kind.<kind>`` (:mod:`geo.words.app`).
"""

from __future__ import annotations

from collections.abc import Mapping

ORG_MESSAGES: dict[str, Mapping[str, str]] = {
    "kind.one.council": {"ja": "地域づくり協議会", "en": "area council"},
    "kind.one.association": {"ja": "自治会・町内会", "en": "neighbourhood association"},
    "kind.one.civic_group": {"ja": "市民活動団体", "en": "civic group"},
    # one organisation's kind in a table's cell
    "kind.each.council": {"ja": "地域づくり協議会", "en": "Area council"},
    "kind.each.association": {"ja": "自治会・町内会", "en": "Neighbourhood association"},
    "kind.each.civic_group": {"ja": "市民活動団体", "en": "Civic group"},
}
