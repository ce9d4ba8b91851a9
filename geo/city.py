"""Per-city configuration: the areas, the support center's public contact, the map view.

Cities are registered by their JIS X 0402 municipality code. 山口市 (JIS 35203) is the
default; the ``city`` setting (``KYODO_CITY``, see :mod:`geo.settings`) chooses another
registered city for the app, the registry and the command line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.normalise import normalise

#: JIS code of the default city, 山口市.
DEFAULT_CITY_CODE = "35203"
#: The folder holding every city's bundled data (``data/`` in the checkout).
DATA_ROOT = Path(__file__).resolve().parent.parent / "data"

_JIS_CODE = re.compile(r"[0-9]{5}")


class UnknownCityError(ValueError):
    """A JIS code that is malformed or names no registered city."""


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
    data_dir_name
        Folder of the city's derived data under ``data/`` (its areas, centers,
        organisations); empty: the JIS code.
    """

    jis_code: str
    name_ja: str
    name_en: str
    areas: tuple[AreaInfo, ...]
    support_center: PublicContact
    center: tuple[float, float]
    zoom: int
    registered_civic_groups: int
    data_dir_name: str = ""

    @property
    def data_folder(self) -> str:
        """The folder of the city's data under ``data/``."""
        return self.data_dir_name or self.jis_code

    @property
    def default_view(self) -> tuple[tuple[float, float], int]:
        """The default map view: centre (latitude, longitude) and zoom."""
        return self.center, self.zoom

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

    def area_words(self) -> dict[str, str]:
        """Every way an area is named, folded (:func:`geo.normalise.normalise`: any width,
        case or spacing) -> its id: the id, the Japanese name with and without 地域,
        the kana and the English name; 地区 as lists also write it (湯田地区), and the
        name of its 地域交流センター (an organisation based there is based in the area)."""
        return dict(_area_words(self.areas))

    def area_named(self, word: str) -> str | None:
        """The id of the area ``word`` names (see :meth:`area_words`), or ``None``."""
        return _area_words(self.areas).get(normalise(word))

    def area_by_name(self, name_ja: str) -> AreaInfo:
        """Look up one area by its Japanese name; raises ``KeyError`` when unknown."""
        for info in self.areas:
            if info.name_ja == name_ja:
                return info
        raise KeyError(name_ja)


@functools.cache
def _area_words(areas: tuple[AreaInfo, ...]) -> dict[str, str]:
    words: dict[str, str] = {}
    for a in areas:
        names = (
            a.name_ja,
            *(
                a.name_ja + suffix
                for suffix in ("地域", "地区", "地域交流センター", "交流センター")
            ),
        )
        for word in (a.area_id, *names, a.name_kana, a.name_en):
            words.setdefault(normalise(word), a.area_id)
    return words


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
    data_dir_name="yamaguchi",
)

_CITIES: dict[str, CityConfig] = {}


def check_jis_code(code: str) -> str:
    """``code`` when it is a five-digit JIS municipality code.

    Raises
    ------
    UnknownCityError
        For anything else.
    """
    if not _JIS_CODE.fullmatch(code):
        raise UnknownCityError(
            f"{code!r} is not a municipality code: give the five-digit JIS code "
            f"(山口市 is {DEFAULT_CITY_CODE})"
        )
    return code


def register_city(city: CityConfig) -> CityConfig:
    """Make ``city`` known by its JIS code; registering the same config again is a no-op.

    Raises
    ------
    UnknownCityError
        For a malformed code, or a code already registered with another configuration.
    """
    check_jis_code(city.jis_code)
    known = _CITIES.get(city.jis_code)
    if known is not None and known != city:
        raise UnknownCityError(
            f"the JIS code {city.jis_code} is already registered for {known.name_en}"
        )
    _CITIES[city.jis_code] = city
    return city


def cities() -> tuple[CityConfig, ...]:
    """The registered cities, by JIS code."""
    return tuple(_CITIES[code] for code in sorted(_CITIES))


def city_by_code(jis_code: str) -> CityConfig:
    """The registered city with ``jis_code``.

    Raises
    ------
    UnknownCityError
        When the code is malformed or no city is registered with it.
    """
    code = check_jis_code(jis_code.strip())
    try:
        return _CITIES[code]
    except KeyError:
        known = ", ".join(f"{c.jis_code} ({c.name_ja})" for c in cities())
        raise UnknownCityError(
            f"no city is configured with JIS code {code}; known: {known}"
        ) from None


def bundled_data_dir(city: CityConfig) -> Path:
    """The folder of ``city``'s bundled data: ``data/<its folder>`` in the checkout."""
    return DATA_ROOT / city.data_folder


register_city(YAMAGUCHI)
