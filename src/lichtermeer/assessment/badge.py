"""The embeddable SVG badge: the solution's admission status, shields-style, with a text alternative."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .models import Admission

# WCAG contrast ≥ 4.5:1 with white text on every colour.
COLOURS = {"active": "#1a6e34", "grace": "#8a5a00", "suspended": "#a3161a", "expired": "#5c5c5c", "none": "#5c5c5c"}


def _width(text: str) -> int:
    return 12 + int(sum(7.2 if ch.isupper() else 6.4 for ch in text))


def render(admission: Admission | None, language: str = "de") -> str:
    label = "Lichtermeer"
    if admission is None:
        state, value = "none", ("nicht zugelassen" if language == "de" else "not admitted")
    else:
        state = admission.status if admission.status in COLOURS else "expired"
        version = admission.catalogue_version.version
        until = admission.valid_until.isoformat()
        value = {
            "de": {"active": f"zugelassen · Katalog {version} · bis {until}",
                   "grace": f"zugelassen (Übergangsfrist) · Katalog {version}",
                   "suspended": "ausgesetzt", "expired": "abgelaufen"},
            "en": {"active": f"admitted · catalogue {version} · until {until}",
                   "grace": f"admitted (transition period) · catalogue {version}",
                   "suspended": "suspended", "expired": "expired"},
        }["de" if language == "de" else "en"].get(state, "abgelaufen" if language == "de" else "expired")
    left, right = _width(label), _width(value)
    total = left + right
    title = escape(f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<rect width="{left}" height="20" fill="#1b1d4a"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{COLOURS[state]}"/>'
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="6" y="14">{escape(label)}</text>'
        f'<text x="{left + 6}" y="14">{escape(value)}</text></g></svg>'
    )
