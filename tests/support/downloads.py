"""Reading what an app test's download button offers."""

from __future__ import annotations

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest


class _Captured(MemoryMediaFileStorage):
    """The app test's media storage, kept so a test can read a download."""

    last: MemoryMediaFileStorage | None = None

    def __init__(self, endpoint: str) -> None:
        super().__init__(endpoint)
        _Captured.last = self


def capture_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the media storage of the app tests started after this call."""
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _Captured)


def downloaded(at: AppTest, key: str = "") -> bytes:
    """The bytes offered by the download button whose key is ``key`` (the page's first
    when ``""``)."""
    buttons = [b for b in at.get("download_button") if b.proto.id.endswith(key)]
    assert _Captured.last is not None, "capture_downloads() was not called"
    return _Captured.last.get_file(buttons[0].proto.url.rsplit("/", 1)[1]).content
