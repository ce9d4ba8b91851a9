"""Every setting and command is documented in the README."""

from __future__ import annotations

import re

import pytest

from geo.settings import Settings, env_name
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = [
    p
    for folder in ("geo", "ui", "pages", "tests", "benchmarks", "scripts")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in {".py", ".sh"}
] + [ROOT / "app.py", ROOT / "Makefile"]


#: The environment variable of every setting.
SETTINGS = {env_name(name) for name in Settings.model_fields}
#: The README's table of settings.
TABLE = README.split("## Settings", 1)[1].split("\n## ", 1)[0]


def documented() -> set[str]:
    """The variables the settings table lists, one per row."""
    return set(re.findall(r"^\| `(KYODO_[A-Z_]+)` \|", TABLE, flags=re.MULTILINE))


def settings_used() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        found |= set(re.findall(r"\bKYODO_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_the_settings_table(name: str) -> None:
    assert env_name(name) in documented(), f"{env_name(name)} is a setting but not documented"


@pytest.mark.parametrize(
    "name", sorted(documented() | set(re.findall(r"\bKYODO_[A-Z_]+\b", README)))
)
def test_every_documented_variable_is_a_setting(name: str) -> None:
    assert name in SETTINGS, f"{name} is documented but is no field of geo.settings.Settings"


@pytest.mark.parametrize("name", sorted(settings_used()))
def test_the_code_names_only_settings(name: str) -> None:
    assert name in SETTINGS, f"{name} is used by the code but is no field of Settings"


def test_every_setting_is_described_in_its_docstring() -> None:
    doc = Settings.__doc__ or ""
    missing = [n for n in Settings.model_fields if f"\n    {n}\n" not in doc]
    assert missing == []


def make_targets() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-z-]+):.*## ", text, flags=re.MULTILINE)


@pytest.mark.parametrize("target", make_targets())
def test_every_make_target_is_in_the_readme(target: str) -> None:
    assert f"make {target}" in README


def test_quick_start_is_two_commands() -> None:
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]
