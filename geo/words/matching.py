"""Partner matching: why an organisation is suggested, and why an area needs a group.

A suggestion's reasons are ``match.reason.<code>`` (the codes of
:data:`geo.matching.REASON_CODES`) and, for a legal entity, ``match.legal.<form>``;
they are shown on one line joined by ``match.reasons.sep``.
"""

from __future__ import annotations

from collections.abc import Mapping

MATCHING_MESSAGES: dict[str, Mapping[str, str]] = {
    "match.reason.exact": {"ja": "{need}で活動", "en": "active in {need}"},
    "match.reason.mapped": {
        "ja": "{fields}で活動（{need}に対応）",
        "en": "active in {fields} (counts for {need})",
    },
    "match.reason.citywide": {"ja": "市内全域で活動", "en": "works citywide"},
    "match.reason.serves": {"ja": "サービス範囲に{area}を含む", "en": "already serves {area}"},
    "match.reason.not_serving": {
        "ja": "サービス範囲に{area}を含まない",
        "en": "does not serve {area} yet",
    },
    "match.reason.neighbour": {
        "ja": "隣接する{base}の{kind}",
        "en": "{kind} of neighbouring {base}",
    },
    "match.reason.inside": {"ja": "拠点が{area}にある", "en": "based in {area}"},
    # a no-break space: the figure and its unit stay on one line where the reasons wrap
    "match.reason.distance": {
        "ja": "拠点から{km:.1f}\u00a0km",
        "en": "{km:.1f}\u00a0km from its base",
    },
    # (its base is placed at its area's 交流センター: the address is known only to the area)
    "match.reason.distance_about": {
        "ja": "拠点から約{km:.1f}\u00a0km（おおよその位置）",
        "en": "about {km:.1f}\u00a0km from its base (approximate place)",
    },
    "match.reason.confirmed": {
        "ja": "最終確認 {date:%Y-%m}",
        "en": "last confirmed {date:%Y-%m}",
    },
    "match.reason.never_confirmed": {"ja": "最終確認日なし", "en": "never confirmed"},
    "match.legal.npo_corp": {"ja": "NPO法人", "en": "NPO corporation"},
    "match.legal.general_inc": {
        "ja": "一般社団・財団法人",
        "en": "general incorporated association or foundation",
    },
    "match.legal.authorized": {"ja": "認可地縁団体", "en": "authorised neighbourhood association"},
    "match.reasons.sep": {"ja": "／", "en": " / "},
    "match.needing.reason": {"ja": "{field}：{reason}", "en": "{field}: {reason}"},
}
