"""The shape of the house: small modules and functions, one direction for data."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: Modules may not pass this many lines (migrations freeze a schema, so they are exempt).
MAX_MODULE_LINES = 800
#: Functions may not pass this many lines.
MAX_FUNCTION_LINES = 80


def _sources() -> Iterator[Path]:
    for folder in ("geo", "ui", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path
    yield ROOT / "app.py"


SOURCES = [p.relative_to(ROOT).as_posix() for p in _sources()]
#: The map's own scripts, held to the same length.
SCRIPTS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "static" / "map").glob("*.js"))


def _tree(name: str) -> ast.Module:
    return ast.parse((ROOT / name).read_text(encoding="utf-8"), filename=name)


@pytest.mark.parametrize("name", SOURCES + SCRIPTS)
def test_no_module_is_too_long(name: str) -> None:
    lines = (ROOT / name).read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines: split it by job"


@pytest.mark.parametrize("name", SOURCES)
def test_no_function_is_too_long(name: str) -> None:
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{name}: {', '.join(long)}"


def _imports(name: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("name", [n for n in SOURCES if n.startswith("ui/")])
def test_ui_never_imports_pages(name: str) -> None:
    assert not {m for m in _imports(name) if m == "pages" or m.startswith("pages.")}


@pytest.mark.parametrize("name", [n for n in SOURCES if n.startswith(("geo/", "ui/", "pages/"))])
def test_only_the_settings_module_reads_the_environment(name: str) -> None:
    if name == "geo/settings.py":
        return
    text = (ROOT / name).read_text(encoding="utf-8")
    assert "os.environ" not in text and "getenv" not in text, name


def test_lint_runs_the_import_contracts() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile[makefile.index("\nlint:") :].split("\n\n", 1)[0]
    assert "lint-imports" in lint
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for rule in ('"C901"', '"PLR0913"', '"PLR0915"', "max-complexity = 12", "max-args = 8"):
        assert rule in pyproject, rule


def test_readme_explains_the_architecture() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Architecture") :]
    for words in ("data/ ──> geo/", "a new layer", "a new word", "a new setting", "a new import"):
        assert words in section, words
