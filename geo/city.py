"""Per-city configuration: the areas, the support center's public contact, the map view.

山口市 (JIS 35203) is the default and, for now, the only city.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreaInfo:
    """Names of one 地域 (area).

    Attributes
    ----------
    area_id
        Stable romaji slug used in URLs (``?area=yuda``).
    name_ja, name_kana, name_en
        Japanese name, its reading, and the English name.
    """

    area_id: str
    name_ja: str
    name_kana: str
    name_en: str


@dataclass(frozen=True)
class PublicContact:
    """The support center's public contact, the only contact the public view shows."""

    name_ja: str
    name_en: str
    operator_ja: str
    address_ja: str
    tel: str
    hours_ja: str
    hours_en: str
    closed_ja: str
    closed_en: str
    url: str


@dataclass(frozen=True)
class CityConfig:
    """Everything that differs from one municipality to the next.

    Attributes
    ----------
    jis_code, name_ja, name_en
        The municipality.
    areas
        The areas in their official order.
    support_center
        Public contact of the civic activity support center.
    center
        Default map centre as (latitude, longitude).
    zoom
        Default map zoom.
    registered_civic_groups
        Number of civic groups registered at the support center (published figure).
    """

    jis_code: str
    name_ja: str
    name_en: str
    areas: tuple[AreaInfo, ...]
    support_center: PublicContact
    center: tuple[float, float]
    zoom: int
    registered_civic_groups: int

    @property
    def area_ids(self) -> tuple[str, ...]:
        """Area ids in official order."""
        return tuple(a.area_id for a in self.areas)

    def area(self, area_id: str) -> AreaInfo:
        """Look up one area by id; raises ``KeyError`` for an unknown id."""
        for info in self.areas:
            if info.area_id == area_id:
                return info
        raise KeyError(area_id)

    def area_by_name(self, name_ja: str) -> AreaInfo:
        """Look up one area by its Japanese name; raises ``KeyError`` when unknown."""
        for info in self.areas:
            if info.name_ja == name_ja:
                return info
        raise KeyError(name_ja)


YAMAGUCHI = CityConfig(
    jis_code="35203",
    name_ja="山口市",
    name_en="Yamaguchi City",
    areas=(
        AreaInfo("odono", "大殿", "おおどの", "Odono"),
        AreaInfo("shiraishi", "白石", "しらいし", "Shiraishi"),
        AreaInfo("yuda", "湯田", "ゆだ", "Yuda"),
        AreaInfo("niho", "仁保", "にほ", "Niho"),
        AreaInfo("osaba", "小鯖", "おさば", "Osaba"),
        AreaInfo("ouchi", "大内", "おおうち", "Ouchi"),
        AreaInfo("miyano", "宮野", "みやの", "Miyano"),
        AreaInfo("yoshiki", "吉敷", "よしき", "Yoshiki"),
        AreaInfo("hirakawa", "平川", "ひらかわ", "Hirakawa"),
        AreaInfo("otoshi", "大歳", "おおとし", "Otoshi"),
        AreaInfo("sue", "陶", "すえ", "Sue"),
        AreaInfo("suzenji", "鋳銭司", "すぜんじ", "Suzenji"),
        AreaInfo("natajima", "名田島", "なたじま", "Natajima"),
        AreaInfo("aio-futajima", "秋穂二島", "あいおふたじま", "Aio-Futajima"),
        AreaInfo("kagawa", "嘉川", "かがわ", "Kagawa"),
        AreaInfo("sayama", "佐山", "さやま", "Sayama"),
        AreaInfo("ogori", "小郡", "おごおり", "Ogori"),
        AreaInfo("aio", "秋穂", "あいお", "Aio"),
        AreaInfo("ajisu", "阿知須", "あじす", "Ajisu"),
        AreaInfo("tokuji", "徳地", "とくぢ", "Tokuji"),
        AreaInfo("ato", "阿東", "あとう", "Ato"),
    ),
    support_center=PublicContact(
        name_ja="山口市市民活動支援センター さぽらんて",
        name_en="Yamaguchi City Civic Activity Support Center “Saporant”",
        operator_ja="NPO法人山口せわやきネットワーク",
        address_ja="山口市道場門前二丁目3番6号 どうもんビル1階",
        tel="083-901-1166",
        hours_ja="9:30〜18:00",
        hours_en="9:30–18:00",
        closed_ja="水曜日、祝日（土日と重なる場合は開館）、12月29日〜1月3日",
        closed_en=(
            "Wednesdays, public holidays (open when they fall on a Saturday or Sunday), "
            "29 Dec – 3 Jan"
        ),
        url="https://saporant.jp/",
    ),
    center=(34.17, 131.50),
    zoom=10,
    registered_civic_groups=342,
)
