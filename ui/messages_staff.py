"""Texts of the staff pages (import, editing, export), part of the one catalogue.

Merged into :data:`ui.messages.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

STAFF_MESSAGES: Mapping[str, Mapping[str, str]] = {}
