"""Cities by JIS code: the configured city, its data folder, and the registry keeping
each city's rows apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import city as city_module
from geo.city import (
    CITY_ENV,
    YAMAGUCHI,
    UnknownCityError,
    cities,
    city_by_code,
    configured_city,
    register_city,
)
from geo.io import DATA_DIR_ENV, default_data_dir
from geo.registry import data_version, open_store, settings
from tests.registry_backends import Backend
from tests.tinycity import TINY


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny city registered beside 山口市 for this test only."""
    monkeypatch.setattr(city_module, "_CITIES", dict(city_module._CITIES))
    register_city(TINY)


def test_yamaguchi_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CITY_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert configured_city() is YAMAGUCHI
    assert YAMAGUCHI.jis_code == "35203"
    assert default_data_dir() == Path(city_module.__file__).parents[1] / "data" / "yamaguchi"
    assert YAMAGUCHI.default_view == ((34.17, 131.50), 10)
    assert YAMAGUCHI in cities()


@pytest.mark.usefixtures("registered")
def test_kyodo_city_chooses_the_city_and_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv(CITY_ENV, " 99999 ")
    assert configured_city() is TINY
    assert default_data_dir().name == "99999"  # no folder name given: the JIS code
    assert default_data_dir(YAMAGUCHI).name == "yamaguchi"
    monkeypatch.setenv(DATA_DIR_ENV, "/srv/city")
    assert default_data_dir() == Path("/srv/city")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("12345", "no city is configured with JIS code 12345; known: 35203 (山口市)"),
        ("3520", "not a municipality code"),
        ("山口市", "not a municipality code"),
        ("352039", "not a municipality code"),
    ],
)
def test_unknown_codes_are_refused_by_name(
    code: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UnknownCityError, match=re.escape(words)):
        city_by_code(code)
    monkeypatch.setenv(CITY_ENV, code)
    with pytest.raises(UnknownCityError):
        configured_city()


@pytest.mark.usefixtures("registered")
def test_a_code_names_one_configuration() -> None:
    assert register_city(TINY) is TINY  # again: nothing changes
    other = type(TINY)(**{**TINY.__dict__, "name_en": "Other"})
    with pytest.raises(UnknownCityError, match="already registered for Test City"):
        register_city(other)
    assert city_by_code("99999") is TINY


@pytest.mark.usefixtures("registered")
def test_the_registry_follows_the_configured_city(
    backend: Backend, tiny_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.DATABASE_URL_ENV, backend.url())
    monkeypatch.setenv(CITY_ENV, TINY.jis_code)
    assert data_version(tiny_dir) == 1
    with open_store(tiny_dir) as store:
        assert store.reference.city is TINY
        store.retire("g-1", expected_version=1, who="t")
    assert data_version(tiny_dir) == 2
    monkeypatch.delenv(CITY_ENV)
    with open_store() as yamaguchi:  # 山口市 from its own folder, in the same database
        assert yamaguchi.reference.city is YAMAGUCHI
        assert yamaguchi.cities() == ["35203", "99999"]
        assert yamaguchi.data_version() == 1
