"""axe-core in the browser: the critical and serious violations of one document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

#: Impacts that fail a page.
BLOCKING = {"critical", "serious"}


def _axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        pytest.skip(f"axe-playwright-python is not installed: {exc}")
    return str(AXE_SCRIPT)


def axe_violations(target: Page | Frame) -> list[dict[str, Any]]:
    """Critical and serious violations axe finds in one document (its frames apart)."""
    target.evaluate(_axe_script())
    found: list[dict[str, Any]] = target.evaluate(
        "() => axe.run(document, {iframes: false, resultTypes: ['violations']})"
        ".then(r => r.violations)"
    )
    return [v for v in found if v.get("impact") in BLOCKING]


def report(where: str, violations: list[dict[str, Any]]) -> str:
    """The violations as lines: rule, impact, help, then each target."""
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {' > '.join(n['target'])}  {n['html'][:120]}" for n in v["nodes"])
    return "\n".join(lines)
