"""The one settings object: every ``KYODO_*`` environment variable, parsed one way.

:func:`load_settings` is the only place in the project that reads the environment. It
is called at the edges — the Streamlit app (once per script run, through
:mod:`ui.settings`), the command lines (``python -m geo.build``, ``python -m
geo.registry``), benchmarks and tests — and the values are passed down as arguments:
nothing in geo/ reads ``os.environ``.

Flags accept ``1/0``, ``true/false``, ``yes/no`` and ``on/off`` (any case); a value
that does not parse is refused with the setting's name, never silently replaced by a
default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from geo.city import (
    DEFAULT_CITY_CODE,
    CityConfig,
    UnknownCityError,
    bundled_data_dir,
    check_jis_code,
    city_by_code,
)

#: The checkout's root (the folder holding ``geo/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The SQLite file's name inside the registry folder.
DATABASE_FILE = "registry.sqlite3"
#: Snapshots are kept in this folder beside the SQLite file.
SNAPSHOT_FOLDER = "snapshots"
#: Prefix of every setting's environment variable.
ENV_PREFIX = "KYODO_"


class SettingsError(ValueError):
    """A ``KYODO_*`` setting has a value that cannot be used; the message names it."""


class Settings(BaseSettings):
    """Every setting of kyodo-map (environment variable ``KYODO_`` + the upper-case name).

    Attributes
    ----------
    city
        JIS municipality code of the city the app, the registry and the command lines
        work on (``KYODO_CITY``).
    data_dir
        The city's data folder; ``None``: ``data/<the city's folder>``.
    raw_dir
        Raw public data for ``python -m geo.build``.
    chromium
        The chromium the browser tests and benchmarks drive.
    kiosk
        Every session is a kiosk session.
    kiosk_idle_seconds
        Seconds without a touch before the kiosk returns to its attract screen.
    public_url
        The address visitors' phones reach the public view at (the kiosk's QR code).
    public_view
        A public server: the staff pages are not registered at all.
    asset_dirs
        Extra folders (``:``-separated) searched for Leaflet before Debian's.
    registry
        Read organisations from the registry (``True``) or the bundled CSV
        (``False``); ``None``: the registry when ``registry_dir`` or ``database_url``
        is set.
    registry_dir
        Folder of the SQLite registry and its snapshots; ``None``: ``var/``.
    database_url
        SQLAlchemy URL of the registry; overrides the SQLite file in the folder.
    national_jishubo_percent
        The national 自主防災組織 活動カバー率 in percent (0–100): areas under it are
        flagged 要注意 when the map is coloured by that rate (0 turns the flag off).
    staff_idle_minutes
        Minutes without a run of a staff page after which the editor is logged out.
    """

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        frozen=True,
        extra="ignore",
        case_sensitive=False,
        env_ignore_empty=True,
    )

    city: str = DEFAULT_CITY_CODE
    data_dir: Path | None = None
    raw_dir: Path = PROJECT_ROOT.parent / "shared" / "data" / "yamaguchi"
    chromium: Path = Path("/usr/bin/chromium")
    kiosk: bool = False
    kiosk_idle_seconds: int = Field(default=120, ge=5, le=3600)
    public_url: str | None = None
    public_view: bool = False
    asset_dirs: Annotated[tuple[Path, ...], NoDecode] = ()
    registry: bool | None = None
    registry_dir: Path | None = None
    database_url: str | None = None
    national_jishubo_percent: float = Field(default=84.3, ge=0, le=100)
    staff_idle_minutes: int = Field(default=30, ge=1, le=1440)

    @field_validator("asset_dirs", mode="before")
    @classmethod
    def _split_dirs(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(Path(p) for p in value.split(":") if p.strip())
        return value

    @field_validator("city", mode="before")
    @classmethod
    def _jis_code(cls, value: object) -> object:
        return check_jis_code(value.strip()) if isinstance(value, str) else value

    def city_config(self) -> CityConfig:
        """The registered city named by :attr:`city`.

        Raises
        ------
        SettingsError
            When no city is registered with that code (the message names the setting).
        """
        try:
            return city_by_code(self.city)
        except UnknownCityError as exc:
            raise SettingsError(f"invalid settings: {env_name('city')}: {exc}") from None

    def city_data_dir(self, city: CityConfig | None = None) -> Path:
        """:attr:`data_dir`, else the bundled data of ``city`` (the configured city when
        ``None``)."""
        if self.data_dir is not None:
            return self.data_dir
        return bundled_data_dir(city or self.city_config())

    @property
    def registry_enabled(self) -> bool:
        """Whether organisations are read from the registry rather than the bundled CSV."""
        if self.registry is not None:
            return self.registry
        return bool(self.database_url or self.registry_dir)

    @property
    def registry_folder(self) -> Path:
        """The registry's folder: ``registry_dir``, else ``var/`` in the checkout."""
        return self.registry_dir if self.registry_dir is not None else PROJECT_ROOT / "var"

    @property
    def registry_url(self) -> str:
        """``database_url``, else the SQLite file in :attr:`registry_folder`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.registry_folder / DATABASE_FILE).resolve()}"

    @property
    def active_registry_url(self) -> str | None:
        """:attr:`registry_url` when pages read organisations from the registry, else
        ``None`` (they read the bundled CSV)."""
        return self.registry_url if self.registry_enabled else None

    @property
    def snapshot_dir(self) -> Path:
        """Where registry snapshots are kept."""
        return self.registry_folder / SNAPSHOT_FOLDER


def env_name(name: str) -> str:
    """The environment variable of the setting ``name`` (``kiosk`` -> ``KYODO_KIOSK``).

    Raises
    ------
    KeyError
        When there is no such setting.
    """
    if name not in Settings.model_fields:
        raise KeyError(name)
    return ENV_PREFIX + name.upper()


def load_settings() -> Settings:
    """Read every ``KYODO_*`` setting from the environment.

    Raises
    ------
    SettingsError
        When a value does not parse; the message names each bad setting.
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{ENV_PREFIX}{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None


__all__ = [
    "DATABASE_FILE",
    "ENV_PREFIX",
    "PROJECT_ROOT",
    "SNAPSHOT_FOLDER",
    "Settings",
    "SettingsError",
    "env_name",
    "load_settings",
]
