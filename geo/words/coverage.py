"""Coverage words: why an area is (or is not) a gap, the gap rules, and the headline.

Keys, for the codes of :data:`geo.coverage.GAP_REASONS`:

- ``gap.reason.<code>``: the reason with the area's figures (map popups, gaps tab, area
  page);
- ``gap.kind.<code>``: its short name (空白, 少ない, 要注意);
- ``gap.rule.<code>``: the rule in words, named on the pages.

``headline.*`` are the pieces of :func:`geo.coverage.gap_summary`, joined by
``sep.slash``.
"""

from __future__ import annotations

from collections.abc import Mapping

COVERAGE_MESSAGES: dict[str, Mapping[str, str]] = {
    "gap.reason.none": {
        "ja": "人口1万人あたり {per_10k:.1f}団体",
        "en": "{per_10k:.1f} per 10,000 residents",
    },
    "gap.reason.no_organisation": {
        "ja": "活動する団体がありません",
        "en": "no organisation is active here",
    },
    "gap.reason.below_rate": {
        "ja": "人口1万人あたり {per_10k:.1f}団体（市全体の {rate:.1f} の{share:.0%}未満）",
        "en": "{per_10k:.1f} per 10,000 residents (under {share:.0%} of the city's {rate:.1f})",
    },
    "gap.reason.below_national": {
        "ja": "自主防災組織 活動カバー率 {rate:.1%}（全国平均 {national:.1%}未満）",
        "en": "voluntary disaster-prevention coverage {rate:.1%} "
        "(under the national average, {national:.1%})",
    },
    "gap.kind.none": {"ja": "—", "en": "—"},
    "gap.kind.no_organisation": {"ja": "空白", "en": "No activity"},
    "gap.kind.below_rate": {"ja": "少ない", "en": "Sparse"},
    "gap.kind.below_national": {"ja": "要注意", "en": "Attention"},
    "gap.rule.no_organisation": {
        "ja": "空白：選んだ分野で活動する団体がない地域",
        "en": "No activity: no organisation is active in the chosen fields",
    },
    "gap.rule.below_rate": {
        "ja": "少ない：人口1万人あたりの団体数が、市全体（{rate:.1f}団体、人口で重み付け）の"
        "{share:.0%}未満の地域",
        "en": "Sparse: fewer organisations per 10,000 residents than {share:.0%} of the "
        "city's {rate:.1f} (weighted by population)",
    },
    "gap.rule.below_national": {
        "ja": "要注意：自主防災組織 活動カバー率が全国平均（{national:.1%}）未満の地域",
        "en": "Attention: voluntary disaster-prevention coverage under the national average "
        "({national:.1%})",
    },
    "gap.rules": {"ja": "空白の判定", "en": "How gaps are found"},
    "sep.slash": {"ja": "／", "en": " / "},
    "headline.parts": {"ja": "{parts}", "en": "{parts}"},
    "headline.gap.no_organisation": {
        "ja": "空白 {n}地域（{areas}）",
        "en": "areas with no activity: {n} ({areas})",
    },
    "headline.gap.no_organisation.many": {
        "ja": "空白 {n}地域",
        "en": "areas with no activity: {n}",
    },
    "headline.gap.below_rate": {
        "ja": "少ない {n}地域（{areas}）",
        "en": "areas with sparse activity: {n} ({areas})",
    },
    "headline.gap.below_rate.many": {
        "ja": "少ない {n}地域",
        "en": "areas with sparse activity: {n}",
    },
    "headline.gap.below_national": {
        "ja": "活動カバー率が全国平均（{national:.1%}）未満 {n}地域（{areas}）",
        "en": "areas with coverage under the national average ({national:.1%}): {n} ({areas})",
    },
    "headline.gap.below_national.many": {
        "ja": "活動カバー率が全国平均（{national:.1%}）未満 {n}地域",
        "en": "areas with coverage under the national average ({national:.1%}): {n}",
    },
    "headline.no_gaps": {
        "ja": "空白・少ない地域なし",
        "en": "no gaps (every area active, none sparse)",
    },
    "headline.no_gaps.national": {
        "ja": "空白なし、全地域で活動カバー率が全国平均（{national:.1%}）以上",
        "en": "no gap; coverage at or above the national average ({national:.1%}) everywhere",
    },
    "headline.count": {
        "ja": "{areas}地域で {orgs:,}団体が活動",
        "en": "active organisations: {orgs:,} (areas with activity: {areas})",
    },
    "headline.nobody": {"ja": "活動する団体なし", "en": "no organisation active"},
    "headline.per_10k": {
        "ja": "{areas}地域の平均 人口1万人あたり {rate:.1f}団体（人口で重み付け）",
        "en": "per 10,000 residents: {rate:.1f} (areas: {areas}, weighted by population)",
    },
    "headline.jishubo_unknown": {
        "ja": "{areas}地域：自治会・町内会の加入世帯数が不明で、活動カバー率は出せません",
        "en": "coverage cannot be told: member households unknown (areas: {areas})",
    },
    "headline.jishubo": {
        "ja": "{areas}地域の活動カバー率 {rate:.1%}",
        "en": "coverage: {rate:.1%} (areas: {areas})",
    },
}
