"""Every setting and command is documented in the README."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = [
    p
    for folder in ("geo", "ui", "pages", "tests", "benchmarks", "scripts")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in {".py", ".sh"}
] + [ROOT / "app.py", ROOT / "Makefile"]


def settings_used() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        found |= set(re.findall(r"\bKYODO_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("name", sorted(settings_used()))
def test_every_setting_is_in_the_settings_table(name: str) -> None:
    assert f"| `{name}` |" in README, f"{name} is read by the code but not documented"


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
