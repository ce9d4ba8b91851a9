"""Cities by JIS code: the configured city, its data folder, and the registry keeping
each city's rows apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import city as city_module
from geo.city import (
    DATA_ROOT,
    YAMAGUCHI,
    UnknownCityError,
    bundled_data_dir,
    cities,
    city_by_code,
    register_city,
)
from geo.registry import Store, data_version
from geo.settings import SettingsError, load_settings
from tests.support.backends import Backend
from tests.support.tinycity import TINY


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny city registered beside 山口市 for this test only."""
    monkeypatch.setattr(city_module, "_CITIES", dict(city_module._CITIES))
    register_city(TINY)


def test_yamaguchi_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYODO_CITY", raising=False)
    monkeypatch.delenv("KYODO_DATA_DIR", raising=False)
    settings = load_settings()
    assert settings.city_config() is YAMAGUCHI
    assert YAMAGUCHI.jis_code == "35203"
    assert Path(city_module.__file__).parents[1] / "data" == DATA_ROOT
    assert settings.city_data_dir() == DATA_ROOT / "yamaguchi" == bundled_data_dir(YAMAGUCHI)
    assert YAMAGUCHI.default_view == ((34.17, 131.50), 10)
    assert YAMAGUCHI in cities()


@pytest.mark.usefixtures("registered")
def test_kyodo_city_chooses_the_city_and_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYODO_DATA_DIR", raising=False)
    monkeypatch.setenv("KYODO_CITY", " 99999 ")
    settings = load_settings()
    assert settings.city_config() is TINY
    assert settings.city_data_dir().name == "99999"  # no folder name given: the JIS code
    assert settings.city_data_dir(YAMAGUCHI).name == "yamaguchi"
    monkeypatch.setenv("KYODO_DATA_DIR", "/srv/city")
    assert load_settings().city_data_dir() == Path("/srv/city")


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
    monkeypatch.setenv("KYODO_CITY", code)
    with pytest.raises(SettingsError, match=f"KYODO_CITY: .*{re.escape(words)}"):
        load_settings().city_config()


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
    monkeypatch.setenv("KYODO_DATABASE_URL", backend.url())
    monkeypatch.setenv("KYODO_CITY", TINY.jis_code)
    settings = load_settings()
    url, city = settings.registry_url, settings.city_config()
    assert data_version(url, tiny_dir, city) == 1
    with Store.open(url, data_dir=tiny_dir, city=city) as store:
        assert store.reference.city is TINY
        store.retire("g-1", expected_version=1, who="t")
    assert data_version(url, tiny_dir, city) == 2
    monkeypatch.delenv("KYODO_CITY")
    settings = load_settings()
    city = settings.city_config()
    with Store.open(url, data_dir=settings.city_data_dir(city), city=city) as yamaguchi:
        # 山口市 from its own folder, in the same database
        assert yamaguchi.reference.city is YAMAGUCHI
        assert yamaguchi.cities() == ["35203", "99999"]
        assert yamaguchi.data_version() == 1
