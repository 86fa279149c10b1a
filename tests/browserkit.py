"""The real browser for widget and staff-desk tests: Debian's Chromium driven by Playwright, and the axe audit.

Tests that need it skip with a reason when Chromium or Playwright is missing (a user's laptop); CI installs both.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without these, the closed network refuses Chromium's background connections and it waits for them.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def wcag_violations(page: Any) -> list[tuple[str, str]]:
    """WCAG 2.1 A and AA violations axe finds on the page, as (rule, help)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")
    results = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [(v["id"], v["help"]) for v in results.response["violations"]]
