"""Labels of the fields of activity: the local needs and the NPO Law's 20 fields.

Keys are ``field.<code>``; :func:`geo.fields.default_catalog` writes them into
``fields.csv`` when the data is built, so a city's own ``fields.csv`` may word them
differently.
"""

from __future__ import annotations

from collections.abc import Mapping

FIELD_MESSAGES: dict[str, Mapping[str, str]] = {
    "field.bousai": {"ja": "防災・減災", "en": "Disaster preparedness"},
    "field.mimamori": {"ja": "高齢者の見守り・福祉", "en": "Watching over the elderly"},
    "field.kosodate": {"ja": "子育て支援", "en": "Child-rearing support"},
    "field.bouhan": {"ja": "防犯・交通安全", "en": "Crime prevention & road safety"},
    "field.bika": {"ja": "環境美化", "en": "Keeping the area clean"},
    "field.kenko": {"ja": "健康づくり", "en": "Health promotion"},
    "field.dento": {"ja": "地域の伝統文化", "en": "Local traditions & culture"},
    "field.idou": {"ja": "移動支援・買い物支援", "en": "Transport & shopping support"},
    "field.npo01": {"ja": "保健・医療・福祉", "en": "Health, medicine & welfare"},
    "field.npo02": {"ja": "社会教育", "en": "Social education"},
    "field.npo03": {"ja": "まちづくり", "en": "Community development"},
    "field.npo04": {"ja": "観光", "en": "Tourism"},
    "field.npo05": {"ja": "農山漁村・中山間地域", "en": "Rural & hill communities"},
    "field.npo06": {"ja": "学術・文化・芸術・スポーツ", "en": "Learning, culture, arts & sport"},
    "field.npo07": {"ja": "環境保全", "en": "Environment"},
    "field.npo08": {"ja": "災害救援", "en": "Disaster relief"},
    "field.npo09": {"ja": "地域安全", "en": "Community safety"},
    "field.npo10": {"ja": "人権・平和", "en": "Human rights & peace"},
    "field.npo11": {"ja": "国際協力", "en": "International cooperation"},
    "field.npo12": {"ja": "男女共同参画", "en": "Gender equality"},
    "field.npo13": {"ja": "子どもの健全育成", "en": "Children & youth"},
    "field.npo14": {"ja": "情報化社会", "en": "Information society"},
    "field.npo15": {"ja": "科学技術", "en": "Science & technology"},
    "field.npo16": {"ja": "経済活動の活性化", "en": "Economic vitality"},
    "field.npo17": {"ja": "職業能力・雇用", "en": "Skills & employment"},
    "field.npo18": {"ja": "消費者保護", "en": "Consumer protection"},
    "field.npo19": {"ja": "団体の運営・活動支援", "en": "Support for civic groups"},
    "field.npo20": {"ja": "条例で定める活動", "en": "Activities set by ordinance"},
}
