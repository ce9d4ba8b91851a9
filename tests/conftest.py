from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.io import load_city
from geo.model import CityData
from geo.registry.engine import dispose_engines
from tests.support.tinycity import TINY, write_city

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.support.backends"]


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
def _fresh_engines() -> Iterator[None]:
    """Each test's registry engines are closed after it (one engine per database per
    process, as in the app)."""
    yield
    dispose_engines()


@pytest.fixture(autouse=True)
def _show_app_errors() -> None:
    """AppTests report the real exception (the app itself hides error details)."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
