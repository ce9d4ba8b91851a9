"""The one rule for tests that need something the machine may lack.

Elsewhere a missing tool or service (chromium, nginx, poppler, a PostgreSQL cluster, the
raw public data) skips the test and says why; under CI (``CI=true``) everything must
run, so the same test fails instead.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def under_ci() -> bool:
    """Whether the tests run under CI (``CI=true``), where nothing may skip."""
    return os.environ.get("CI") == "true"


def skip_or_fail(reason: str, *, must_run: str) -> NoReturn:
    """Skip with ``reason``; under CI, fail instead.

    Parameters
    ----------
    reason
        What is missing, and how to get it.
    must_run
        What cannot run without it, for the failure under CI ("the browser tests").
    """
    if under_ci():
        pytest.fail(f"{must_run} must run under CI: {reason}")
    pytest.skip(reason)
