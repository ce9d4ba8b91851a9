from __future__ import annotations

from pathlib import Path

import pytest

from geo.io import CityData, load_city
from tests.tinycity import TINY, write_city

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT.parent / "shared" / "data" / "yamaguchi"

pytest_plugins = ["tests.registry_backends"]


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data directory of the tiny test city (read-only: copy before changing)."""
    return write_city(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def tiny(tiny_dir: Path) -> CityData:
    return load_city(tiny_dir, TINY)


@pytest.fixture(scope="session")
def city() -> CityData:
    """The bundled Yamaguchi data."""
    return load_city()


@pytest.fixture(autouse=True)
def _show_app_errors() -> None:
    """AppTests report the real exception (the app itself hides error details)."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
