"""How a filter describes itself (:meth:`geo.filters.OrgFilter.describe` and ``headline``).

The sentence is built from the pieces below, the inner ones given as ``{text}``;
lists are joined with the language's separators (``sep.*``, :mod:`geo.words.common`).
"""

from __future__ import annotations

from collections.abc import Mapping

FILTER_MESSAGES: dict[str, Mapping[str, str]] = {
    "filter.kind.council": {"ja": "地域づくり協議会", "en": "area councils"},
    "filter.kind.association": {"ja": "自治会・町内会", "en": "neighbourhood associations"},
    "filter.kind.civic_group": {"ja": "市民活動団体", "en": "civic groups"},
    "filter.describe.anyone": {"ja": "団体", "en": "organisations"},
    "filter.describe.active": {"ja": "{fields} で活動する{who}", "en": "{who} active in {fields}"},
    "filter.describe.all": {"ja": "すべての{who}", "en": "all {who}"},
    "filter.describe.areas": {"ja": "{text}（{areas}）", "en": "{text} in {areas}"},
    "filter.describe.bases": {"ja": "{text}（拠点：{areas}）", "en": "{text} based in {areas}"},
    "filter.describe.name": {
        "ja": "{text}：名前に「{name}」を含む",
        "en": "{text} whose name contains “{name}”",
    },
    "filter.headline": {"ja": "{head}：{body}", "en": "{head} — {body}"},
    "filter.headline.all_fields": {"ja": "すべての分野", "en": "All fields"},
    "filter.headline.kinds": {"ja": "{head}（{kinds}）", "en": "{head} ({kinds})"},
    "filter.headline.areas": {"ja": "{head}（{areas}で活動）", "en": "{head} (active in {areas})"},
    "filter.headline.bases": {"ja": "{head}（拠点：{areas}）", "en": "{head} (based in {areas})"},
    "filter.headline.name": {
        "ja": "{head}（名前に「{name}」）",
        "en": "{head} (name contains “{name}”)",
    },
    "filter.headline.focus": {"ja": "{head}【{areas}】", "en": "{head} in {areas}"},
}
