"""The one workaround on Streamlit's internals (ui/boot.py) still matches Streamlit.

Streamlit runs a ``pages/`` folder beside the main script as the legacy multipage layout
until ``st.navigation`` has run once in the process. ``ui.boot`` switches that off
through ``PagesManager.uses_pages_directory`` (the server before any session, and each
page run on its own); these tests fail when the pinned Streamlit stops working that
way, so the workaround is revisited rather than silently doing nothing.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
import streamlit
from streamlit.commands import navigation
from streamlit.runtime import pages_manager
from streamlit.runtime.scriptrunner import script_runner

from tests.conftest import ROOT


def test_the_flag_is_a_class_attribute_streamlit_sets_from_the_pages_folder() -> None:
    assert "uses_pages_directory" in vars(pages_manager.PagesManager)
    source = inspect.getsource(pages_manager.PagesManager.__init__)
    assert "PagesManager.uses_pages_directory = Path(" in source
    assert '/ "pages"' in source


def test_st_navigation_clears_the_flag() -> None:
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation)


def test_the_script_runner_reads_the_flag_to_choose_the_legacy_layout() -> None:
    source = inspect.getsource(script_runner)
    assert "if PagesManager.uses_pages_directory:" in source
    assert "_mpa_v1(" in source


def test_only_ui_boot_touches_streamlit_internals() -> None:
    private = ("streamlit.runtime", "PagesManager", "_get_script_run_ctx", "get_script_run_ctx")
    for path in [*ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        if path.name == "boot.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in private:
            assert name not in text, f"{path.name} uses {name}"


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")))
def test_every_page_boots_through_the_navigation(page: str) -> None:
    text = (ROOT / "pages" / page).read_text(encoding="utf-8")
    assert "ensure_navigation()" in text, page


def test_streamlit_version_is_the_one_checked() -> None:
    # A new Streamlit may keep the flag under another name: re-read the three places
    # above when this changes.
    assert streamlit.__version__.split(".")[:2] == ["1", "67"]


def test_the_server_turns_the_legacy_layout_off_before_any_session() -> None:
    """Else two first visitors race: the second's page runs without app.py (in a
    process of its own: the flag is the process's)."""
    code = (
        "import ui.server; from streamlit.runtime.pages_manager import PagesManager; "
        "print(PagesManager.uses_pages_directory)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"
