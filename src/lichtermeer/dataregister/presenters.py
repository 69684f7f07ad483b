"""A dataset's stored findings as plain structures for the page and the API: SHACL results grouped by the
dataset or distribution they concern, the MQA score by dimension and indicator, the category with its
explanation, and the distributions with the addresses that may become links.

Stored JSON comes from the engines but was harvested from strangers: every read tolerates missing or odd keys.
"""

from __future__ import annotations

from typing import Any

from . import labels
from .models import Dataset, ValidationResult


def _number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _urls(values: Any) -> list[dict]:
    return [{"url": str(url), "href": labels.safe_url(str(url))} for url in (values or [])
            if isinstance(url, str) and url.strip()][:20]


def distributions(dataset: Dataset) -> list[dict]:
    rows = []
    for index, item in enumerate(dataset.distributions or [], start=1):
        if not isinstance(item, dict):
            continue
        rows.append({
            "number": index,
            "iri": str(item.get("iri") or ""),
            "title": str(item.get("title") or ""),
            "format": str(item.get("format") or ""),
            "media_type": str(item.get("media_type") or ""),
            "license": str(item.get("license") or ""),
            "access_urls": _urls(item.get("access_urls")),
            "download_urls": _urls(item.get("download_urls")),
        })
    return rows


def validation_groups(dataset: Dataset, results: list[ValidationResult] | None = None) -> list[dict]:
    """Results by the resource they concern: the dataset first, then its distributions in their order, then
    the rest (results outside any DCAT resource); within a group by severity, violations first."""
    results = list(dataset.validation_results.all() if results is None else results)
    distribution_titles = {d["iri"]: d["title"] or d["iri"] for d in distributions(dataset) if d["iri"]}
    order = [dataset.iri, *distribution_titles]
    groups: dict[str, dict] = {}
    for result in results:
        resource = result.resource or ""
        if resource not in groups:
            if resource and resource == dataset.iri:
                kind, label = "dataset", dataset.title
            elif resource in distribution_titles:
                kind, label = "distribution", distribution_titles[resource]
            else:
                kind, label = "other", resource
            groups[resource] = {"resource": resource, "kind": kind, "label": label, "results": []}
        groups[resource]["results"].append({
            "severity": result.severity,
            "severity_label": labels.severity_label(result.severity),
            "severity_badge": labels.severity_badge(result.severity),
            "focus": result.focus,
            "path": result.path,
            "path_short": labels.short_iri(result.path),
            "component": result.component,
            "component_short": labels.short_iri(result.component),
            "message": result.message,
        })
    for group in groups.values():
        group["results"].sort(key=lambda r: labels.severity_order(r["severity"]))
        group["violations"] = sum(1 for r in group["results"] if r["severity"] == labels.SH + "Violation")
    rank = {resource: i for i, resource in enumerate(order)}
    return sorted(groups.values(), key=lambda g: (rank.get(g["resource"], len(rank)), g["label"]))


def quality(dataset: Dataset) -> dict:
    stored = dataset.quality if isinstance(dataset.quality, dict) else {}
    indicators: dict[str, list[dict]] = {}
    for item in stored.get("indicators") or []:
        if not isinstance(item, dict):
            continue
        indicators.setdefault(str(item.get("dimension") or ""), []).append({
            "id": str(item.get("id") or ""),
            "label": labels.localized(item.get("label")) or str(item.get("id") or ""),
            "points": _number(item.get("points")),
            "maximum": int(_number(item.get("maximum"))),
            "status": str(item.get("status") or ""),
            "status_label": labels.indicator_status_label(str(item.get("status") or "")),
            "detail": labels.localized(item.get("detail")),
        })
    dimensions = []
    # PostgreSQL's jsonb does not keep key order: show the dimensions in the methodology's order.
    from lichtermeer.engines.mqa import DIMENSIONS

    stored_dimensions = stored.get("dimensions") or {}
    order = list(DIMENSIONS)
    ordered = sorted(stored_dimensions.items(),
                     key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    for name, values in ordered:
        values = values if isinstance(values, dict) else {}
        dimensions.append({"name": str(name), "label": labels.dimension_label(str(name)),
                           "points": _number(values.get("points")), "maximum": int(_number(values.get("maximum"))),
                           "indicators": indicators.get(str(name), [])})
    band = dataset.quality_band or None
    return {
        "total": dataset.quality_total,
        "maximum": int(_number(stored.get("maximum"), labels.maximum())),
        "band": band,
        "band_label": labels.band_label(band),
        "band_badge": labels.band_badge(band),
        "dimensions": dimensions,
        "unchecked": [str(i) for i in stored.get("unchecked") or []],
        "error": str(stored.get("error") or ""),
    }


def category(dataset: Dataset) -> dict:
    explanation = dataset.mdk_explanation if isinstance(dataset.mdk_explanation, dict) else {}
    words = [{"term": str(w.get("term") or ""), "weight": round(_number(w.get("weight")), 3)}
             for w in explanation.get("words") or [] if isinstance(w, dict)][:12]
    neighbours = [{"title": str(n.get("title") or ""), "label": str(n.get("label") or ""),
                   "uri": str(n.get("uri") or ""), "similarity": round(_number(n.get("similarity")), 3),
                   "source": str(n.get("source") or "")}
                  for n in explanation.get("neighbours") or [] if isinstance(n, dict)][:10]
    return {
        "uri": dataset.mdk_uri or None,
        "thema": dataset.mdk_thema,
        "bezeichnung": dataset.mdk_bezeichnung,
        "confidence": round(dataset.mdk_confidence, 4),
        "confidence_percent": labels.percent(dataset.mdk_confidence) if dataset.mdk_uri else "–",
        "source": dataset.mdk_source or None,
        "source_label": labels.category_source_label(dataset.mdk_source),
        "needs_confirmation": dataset.mdk_needs_confirmation,
        "words": words,
        "neighbours": neighbours,
        "reference": str(explanation.get("reference") or ""),
    }


def run_errors(run) -> list[dict]:
    """A run's error log, each message in both languages and in the active one."""
    rows = []
    for error in run.errors or []:
        if not isinstance(error, dict):
            continue
        en, de = str(error.get("en") or ""), str(error.get("de") or "")
        rows.append({"page": str(error.get("page") or ""), "page_href": labels.safe_url(error.get("page")),
                     "kind": str(error.get("kind") or ""), "en": en, "de": de,
                     "message": labels.localized({"en": en, "de": de}), "fatal": bool(error.get("fatal"))})
    return rows


def run_progress(run) -> dict:
    """Pages, records seen and (when the source says how many) expected, with a share for a progress bar."""
    expected = run.expected or 0
    share = min(1.0, run.seen / expected) if expected else None
    return {"pages": run.pages, "seen": run.seen, "expected": run.expected, "share": share,
            "percent": round(share * 100) if share is not None else None}
