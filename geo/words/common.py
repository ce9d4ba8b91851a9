"""Pieces shared by many pages: each language's own name, and how it joins a list.

A :class:`geo.words.Listed` names one of the ``sep.*`` as its ``sep``.
"""

from __future__ import annotations

from collections.abc import Mapping

COMMON_MESSAGES: dict[str, Mapping[str, str]] = {
    # the language switch names each language in itself
    "app.lang.ja": {"ja": "日本語", "en": "日本語"},
    "app.lang.en": {"ja": "English", "en": "English"},
    "sep.list": {"ja": "、", "en": ", "},
    "table.empty": {"ja": "表示する行はありません。", "en": "No rows to show."},
    "sep.dot": {"ja": "、", "en": ", "},
    "sep.and": {"ja": "、", "en": " and "},
}
