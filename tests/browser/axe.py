"""axe-core against WCAG 2.1 A/AA (and EN 301 549), with violations printed so a person can act on them."""

import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549"]
_axe = Axe()


def check(page, name: str) -> None:
    """Screenshot (if LICHTERMEER_SCREENSHOT_DIR is set) and assert that axe finds no violation."""
    page.wait_for_load_state("load")
    shots = os.getenv("LICHTERMEER_SCREENSHOT_DIR")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(shots) / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"), full_page=True
        )
    results = _axe.run(
        page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    assert not violations, f"{name} ({page.url}): {len(violations)} axe violation(s)\n" + describe(violations)


def check_pages(page, base: str, pages: dict[str, str], language: str) -> None:
    """Visit each page (name → path under `base`), expect 200 and no axe violation."""
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, path
        check(page, f"{language}-{name}")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:5]:
            lines.append(
                f"    at {' '.join(map(str, node.get('target', [])))}: {node.get('failureSummary', '')}"
            )
            lines.append(f"       {node.get('html', '')[:200]}")
    return "\n".join(lines)
