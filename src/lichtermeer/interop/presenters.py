"""Engine results (Compatibility, ExitScore) as plain rows in the active language, for pages and the API."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language

from lichtermeer.engines.interop import Compatibility, ExitScore
from lichtermeer.web.labels import value_label

from . import selectors

STATUS_BADGES = {
    "connects": "kern-badge--success",
    "adapter": "kern-badge--warning",
    "none": "kern-badge--danger",
    "unknown": "kern-badge--info",
    "same": "kern-badge--info",
}
BAND_BADGES = {"low": "kern-badge--success", "medium": "kern-badge--warning", "high": "kern-badge--danger"}


def lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _role(role: str) -> str:
    return value_label("role", role) if role else ""


def _standard(standard_id: str, names: dict[str, str]) -> dict:
    return {"id": standard_id, "name": names.get(standard_id, standard_id),
            "url": reverse("interop:standard", args=[standard_id]) if standard_id in names else ""}


def compatibility(result: Compatibility, *, names: dict[str, str] | None = None) -> dict:
    """Connections, adapters, missing needs and undeclared standards of one comparison, each naming the side
    that provides or needs it and the declarations (role, version) behind it."""
    names = selectors.standard_names() if names is None else names
    language = lang()
    connections = [{
        "standard": _standard(c.standard, names),
        "provider_side": c.provider, "consumer_side": c.consumer,
        "provider": result.name(c.provider), "consumer": result.name(c.consumer),
        "provider_role": c.provider_role, "provider_role_label": _role(c.provider_role),
        "consumer_role": c.consumer_role, "consumer_role_label": _role(c.consumer_role),
        "provider_version": c.provider_version, "consumer_version": c.consumer_version,
        "versions_compatible": c.versions_compatible, "connects": c.connects,
        "note": c.note(language), "note_en": c.note_en, "note_de": c.note_de,
    } for c in result.connections]
    adapters = [{
        "standard": _standard(n.standard, names), "provided_standard": _standard(n.provided_standard, names),
        "consumer_side": n.consumer, "provider_side": n.provider,
        "consumer": result.name(n.consumer), "provider": result.name(n.provider),
        "consumer_role": n.consumer_role, "consumer_role_label": _role(n.consumer_role),
        "provider_role": n.provider_role, "provider_role_label": _role(n.provider_role),
        "consumer_version": n.consumer_version, "provider_version": n.provider_version,
        "via": n.via(language), "via_en": n.via_en, "via_de": n.via_de, "both_ways": n.both_ways,
    } for n in result.adapters]
    missing = [{
        "side": m.side, "name": result.name(m.side), "standard": _standard(m.standard, names),
        "role": m.role, "role_label": _role(m.role), "version": m.version,
        "note": m.note(language), "note_en": m.note_en, "note_de": m.note_de,
    } for m in result.missing]
    unknown = [{"side": u.side, "name": result.name(u.side), "standard": u.standard, "direction": u.direction}
               for u in result.unknown]
    return {"a": result.a, "b": result.b, "status": result.status, "badge": STATUS_BADGES[result.status],
            "connections": connections, "connecting": [c for c in connections if c["connects"]],
            "broken": [c for c in connections if not c["connects"]], "adapters": adapters, "missing": missing,
            "unknown": unknown}


def exit_score(score: ExitScore) -> dict:
    language = lang()
    return {
        "score": score.score, "band": score.band, "band_label": score.band_label(language),
        "band_en": score.band_en, "band_de": score.band_de, "badge": BAND_BADGES.get(score.band, ""),
        "total_weight": score.total_weight, "unknown": score.unknown,
        "factors": [{
            "id": f.id, "label": f.label(language), "label_en": f.label_en, "label_de": f.label_de,
            "weight": f.weight, "fraction": f.fraction, "points": round(f.points, 2),
            "percent": round(f.fraction * 100), "evidence": f.evidence(language), "evidence_en": f.evidence_en,
            "evidence_de": f.evidence_de, "known": f.known, "source": f.source,
        } for f in score.factors],
    }
