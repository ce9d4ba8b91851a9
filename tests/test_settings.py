"""The one settings object: every ``KYODO_*`` variable parsed one way, bad values named,
read only by ``geo/settings.py`` and once per run of the app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.settings import PROJECT_ROOT, Settings, SettingsError, env_name, load_settings
from tests.conftest import ROOT

FLAGS = ("kiosk", "public_view", "registry")
#: Modules that still read the environment while their owner moves the reading out:
#: asset discovery leaves geo/mapping.py for geo/map/, taking its folders as a parameter.
PENDING = ("geo/mapping.py",)


@pytest.fixture(autouse=True)
def _no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from an environment without ``KYODO_*`` variables."""
    for name in Settings.model_fields:
        monkeypatch.delenv(env_name(name), raising=False)


@pytest.mark.parametrize("name", FLAGS)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", True),
        ("true", True),
        ("yes", True),
        ("on", True),
        ("ON", True),
        ("True", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("Off", False),
    ],
)
def test_flags_parse_one_way(
    name: str, text: str, value: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env_name(name), text)
    assert getattr(load_settings(), name) is value


def test_defaults() -> None:
    settings = load_settings()
    assert (settings.kiosk, settings.public_view, settings.registry) == (False, False, None)
    assert settings.city == "35203"
    assert settings.kiosk_idle_seconds == 120
    assert settings.asset_dirs == ()
    assert settings.chromium == Path("/usr/bin/chromium")
    assert settings.raw_dir == PROJECT_ROOT.parent / "shared" / "data" / "yamaguchi"
    assert settings.registry_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'registry.sqlite3'}"
    assert settings.active_registry_url is None


@pytest.mark.parametrize(
    ("env", "enabled"),
    [
        ({}, False),
        ({"KYODO_REGISTRY": "1"}, True),
        ({"KYODO_REGISTRY": "on"}, True),
        ({"KYODO_REGISTRY": ""}, False),
        ({"KYODO_REGISTRY_DIR": "/tmp/x"}, True),
        ({"KYODO_DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, True),
        ({"KYODO_DATABASE_URL": "sqlite:////tmp/x.sqlite3", "KYODO_REGISTRY": "0"}, False),
        ({"KYODO_REGISTRY_DIR": "/tmp/x", "KYODO_REGISTRY": "off"}, False),
    ],
)
def test_registry_enabled(
    env: dict[str, str], enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.registry_enabled is enabled
    assert (settings.active_registry_url is not None) is enabled


def test_registry_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().registry_url.endswith("/var/registry.sqlite3")
    monkeypatch.setenv("KYODO_REGISTRY_DIR", "/srv/kyodo")
    settings = load_settings()
    assert settings.registry_url == "sqlite:////srv/kyodo/registry.sqlite3"
    assert settings.snapshot_dir == Path("/srv/kyodo/snapshots")
    monkeypatch.setenv("KYODO_DATABASE_URL", "postgresql://u@db/kyodo")
    assert load_settings().registry_url == "postgresql://u@db/kyodo"


@pytest.mark.parametrize(
    ("text", "dirs"),
    [
        ("/opt/leaflet", (Path("/opt/leaflet"),)),
        ("/a:/b", (Path("/a"), Path("/b"))),
        ("/a::/b: ", (Path("/a"), Path("/b"))),
    ],
)
def test_asset_dirs_are_split(
    text: str, dirs: tuple[Path, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYODO_ASSET_DIRS", text)
    assert load_settings().asset_dirs == dirs


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KYODO_KIOSK", "sometimes"),
        ("KYODO_PUBLIC_VIEW", "2"),
        ("KYODO_REGISTRY", "maybe"),
        ("KYODO_KIOSK_IDLE_SECONDS", "4"),
        ("KYODO_KIOSK_IDLE_SECONDS", "3601"),
        ("KYODO_KIOSK_IDLE_SECONDS", "two minutes"),
        ("KYODO_CITY", "山口市"),
        ("KYODO_CITY", "3520"),
    ],
)
def test_a_bad_value_is_refused_by_name(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=f"^invalid settings: {name}: "):
        load_settings()


def test_every_bad_value_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_KIOSK", "sometimes")
    monkeypatch.setenv("KYODO_KIOSK_IDLE_SECONDS", "1")
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert "KYODO_KIOSK:" in str(info.value)
    assert "KYODO_KIOSK_IDLE_SECONDS:" in str(info.value)


def test_a_city_code_is_trimmed_and_an_unknown_city_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KYODO_CITY", " 35203 ")
    assert load_settings().city_config().name_ja == "山口市"
    monkeypatch.setenv("KYODO_CITY", "12345")
    with pytest.raises(SettingsError, match="KYODO_CITY: no city is configured"):
        load_settings().city_config()


def test_env_names() -> None:
    assert env_name("kiosk_idle_seconds") == "KYODO_KIOSK_IDLE_SECONDS"
    with pytest.raises(KeyError):
        env_name("no_such_setting")


def test_only_geo_settings_reads_the_environment() -> None:
    allowed = {"geo/settings.py", *(p for p in PENDING if (ROOT / p).exists())}
    files = [ROOT / "app.py"]
    for folder in ("geo", "ui", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    readers = {
        str(p.relative_to(ROOT))
        for p in files
        if re.search(r"os\.environ|getenv\(|environ\.get", p.read_text(encoding="utf-8"))
    }
    assert readers <= allowed, sorted(readers - allowed)


def test_the_app_reads_the_settings_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTests change the environment between runs: nothing is kept from the last run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.sidebar.radio(key="lang.switch")  # the normal app
    monkeypatch.setenv("KYODO_KIOSK", "on")
    at.run()
    assert not at.exception
    assert not at.sidebar.radio  # now every session is a kiosk session
    assert any(b.key == "kiosk.start.fields" for b in at.button)
