"""Texts about the app's settings (``KYODO_*``), part of the one catalogue.

Merged into :data:`geo.words.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

SETTINGS_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "settings.invalid": {
        "ja": "アプリの設定に誤りがあるため起動できません。"
        "管理者が次の環境変数を直してから起動し直してください。",
        "en": "The app cannot start because a setting is wrong. "
        "The administrator must correct this environment variable and restart the app.",
    },
}
