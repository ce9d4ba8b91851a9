"""Placing addresses in the city offline, at the point of their 町字 (town).

An address such as ``山口市湯田温泉5-5-50`` or ``山口県山口市阿知須字井関123`` is matched
against the towns table (``towns.csv``: 町字, 小字, 地域, point) by its longest known
beginning. The match level says how precise the point is:

==============  ===============================================================
``town_koaza``  the 町字 and its 小字 (阿知須 井関)
``town``        the 町字 (湯田温泉五丁目; 阿知須 when the 小字 is unknown)
``area``        only the 地域 name starts the address (阿東…), or there is no address
                but a base 地域: the area's center (its 地域交流センター)
``none``        not placed: the row is reported
==============  ===============================================================

Rows with their own coordinates keep them (level ``coordinates``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import geopandas as gpd

from geo.city import CityConfig

COORDINATES = "coordinates"
TOWN_KOAZA = "town_koaza"
TOWN = "town"
AREA = "area"
NONE = "none"
#: Match levels from the most to the least precise.
MATCH_LEVELS = (COORDINATES, TOWN_KOAZA, TOWN, AREA, NONE)

_KANJI_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_CHOME = re.compile(r"(十[一二三四五六七八九]?|[一二三四五六七八九])丁目")
_POSTCODE = re.compile(r"^〒?\d{3}-?\d{4}")
_NUMBER_START = re.compile(r"^(\d+)(?:丁目|-|の)")


def _kanji_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _KANJI_DIGITS[text[1]]
    return _KANJI_DIGITS[text]


def address_key(text: str) -> str:
    """An address folded for matching: NFKC, no spaces, 丁目 numbers in digits.

    ``山口県山口市 湯田温泉五丁目`` -> ``湯田温泉5丁目``.
    """
    key = "".join(unicodedata.normalize("NFKC", text).split())
    key = key.replace("ー", "-").replace("−", "-").replace("‐", "-").replace("―", "-")
    key = _POSTCODE.sub("", key)
    key = _KANJI_CHOME.sub(lambda m: f"{_kanji_number(m.group(1))}丁目", key)
    return key


@dataclass(frozen=True)
class Placement:
    """Where an address was placed.

    Attributes
    ----------
    lon, lat
        The point in WGS84.
    area_id
        The area of the point.
    level
        One of :data:`MATCH_LEVELS`.
    matched
        The town (and 小字) or area name that matched.
    """

    lon: float
    lat: float
    area_id: str
    level: str
    matched: str


class Gazetteer:
    """Address lookup for one city.

    Parameters
    ----------
    towns
        ``town``, ``koaza``, ``area_id`` and point geometry (see :func:`geo.io.load_towns`).
    centers
        ``area_id`` and point geometry of each area's center, used for area-level matches.
    city
        The city: its name is dropped from the start of addresses; its areas are matched.
    prefecture
        Prefecture name dropped from the start of addresses.
    """

    def __init__(
        self,
        towns: gpd.GeoDataFrame,
        centers: gpd.GeoDataFrame,
        city: CityConfig,
        *,
        prefecture: str = "山口県",
    ) -> None:
        self._prefixes = tuple(address_key(p) for p in (prefecture, city.name_ja))
        self._towns: dict[str, Placement] = {}
        self._koaza: dict[str, dict[str, Placement]] = {}
        for town, koaza, area_id, pt in zip(
            towns["town"], towns["koaza"], towns["area_id"], towns.geometry, strict=True
        ):
            key = address_key(str(town))
            if koaza:
                place = Placement(pt.x, pt.y, area_id, TOWN_KOAZA, f"{town} {koaza}")
                self._koaza.setdefault(key, {})[address_key(str(koaza))] = place
            else:
                self._towns[key] = Placement(pt.x, pt.y, area_id, TOWN, str(town))
        self._areas: dict[str, Placement] = {}
        self._centers: dict[str, Placement] = {}
        for area_id, pt in zip(centers["area_id"], centers.geometry, strict=True):
            name = city.area(area_id).name_ja
            place = Placement(pt.x, pt.y, area_id, AREA, name)
            self._areas[address_key(name)] = self._centers[str(area_id)] = place
        self._longest = max((len(k) for k in self._towns), default=0)

    def _strip(self, key: str) -> str:
        for prefix in self._prefixes:
            key = key.removeprefix(prefix)
        return key.removeprefix("大字")

    @staticmethod
    def _longest_prefix(key: str, table: dict[str, Placement], longest: int) -> str | None:
        for n in range(min(len(key), longest), 0, -1):
            if key[:n] in table:
                return key[:n]
        return None

    def _town(self, key: str) -> str | None:
        found = self._longest_prefix(key, self._towns, self._longest)
        # 湯田温泉5-5-50: the 丁目 is written as a number
        for n in range(len(key), 0, -1):
            m = _NUMBER_START.match(key[n:])
            if m and key[:n] and not key[n - 1].isdigit():
                chome = f"{key[:n]}{int(m.group(1))}丁目"
                if chome in self._towns and (found is None or len(chome) > len(found)):
                    return chome
        return found

    def area_center(self, area_id: str) -> Placement | None:
        """The point of an area's center (level ``area``), or ``None`` for an unknown id.

        Parameters
        ----------
        area_id
            An area id of the city (``yuda``).
        """
        return self._centers.get(area_id)

    def place(self, address: str) -> Placement | None:
        """The point of ``address``, or ``None`` when it cannot be placed.

        Parameters
        ----------
        address
            A postal address, with or without the prefecture and city names.
        """
        key = self._strip(address_key(address))
        if not key:
            return None
        town = self._town(key)
        if town is not None:
            rest = key[len(town) :] if key.startswith(town) else ""
            rest = rest.removeprefix("大字").removeprefix("字")
            koazas = self._koaza.get(town, {})
            for n in range(len(rest), 0, -1):
                if rest[:n] in koazas:
                    return koazas[rest[:n]]
            return self._towns[town]
        area = self._longest_prefix(key, self._areas, max(map(len, self._areas), default=0))
        return self._areas[area] if area else None
