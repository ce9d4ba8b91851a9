"""The explorer's tabs in an AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.words import MESSAGES

#: The explorer's tabs, by catalogue key, in order.
TABS = ("tab.map", "tab.gaps", "tab.table")
#: The session key of the tab open (:func:`ui.layout.kept_tabs`).
TAB_KEY = "explorer.tab"


def open_tab(at: AppTest, key: str) -> AppTest:
    """Open the explorer's tab ``key`` (a catalogue key), as a click on it does (a tab's
    tables are drawn only while it is open); returns ``at``, run."""
    at.session_state[TAB_KEY] = MESSAGES[key]["ja"]  # (either language's name will do)
    at.run()
    assert not at.exception, at.exception
    return at
