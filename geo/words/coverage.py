"""Coverage words: why an area is (or is not) a gap, read by the map, pages and sheet.

Keys are ``gap.reason.<code>`` for the codes of :data:`geo.coverage.GAP_REASONS`; the
share of the median is the gap rule's own (``GapRule.min_share_of_median``).
"""

from __future__ import annotations

from collections.abc import Mapping

COVERAGE_MESSAGES: dict[str, Mapping[str, str]] = {
    "gap.reason.none": {
        "ja": "人口1万人あたり {per_10k:.1f} 団体",
        "en": "{per_10k:.1f} per 10,000 residents",
    },
    "gap.reason.no_organisation": {
        "ja": "活動する団体がありません",
        "en": "no organisation is active here",
    },
    "gap.reason.below_median": {
        "ja": "人口1万人あたり {per_10k:.1f} 団体（市の中央値 {median:.1f} の{share:.0%}未満）",
        "en": "{per_10k:.1f} per 10,000 residents "
        "(under {share:.0%} of the city median of {median:.1f})",
    },
}
