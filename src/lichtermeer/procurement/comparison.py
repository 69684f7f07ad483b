"""The side-by-side comparison of up to settings.COMPARISON_MAX_SOLUTIONS solutions: one table, the same rows on the
page, in the JSON API and in the CSV/XLSX/ODS exports.

Rows and their sources (docs/procurement.md, "Comparison"):
- General: provider (solution's organisation), listing status (solution), admission status (assessment:
  the shown admission), licence (publiccode.yml legal.license and whether it is an open-source licence),
  operating models (hosting_models), price model and note (platform facts), exit score and band
  (interop.selectors.exit_score_for), reuse (municipalities.selectors.usage_of: municipalities with the solution in
  production or pilot).
- Standards: what the solution provides and consumes, each with version and role (standards_provided/_consumed).
- Requirements: per requirement of the catalogue version the solution was assessed against (the public
  assessment report: assessment.selectors.public_report_application), the verdict; "–" where the requirement is
  not part of that solution's catalogue version, "not assessed" for a solution without a decided assessment.

Every cell is plain text (the active language) with an optional tone for badges, so exports carry the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext

from lichtermeer.assessment import selectors as assessment
from lichtermeer.assessment.models import RequirementVerdict
from lichtermeer.municipalities import selectors as municipal
from lichtermeer.municipalities.models import InventoryEntry
from lichtermeer.requirements import vocab as requirement_vocab
from lichtermeer.solutions import labels as solution_labels
from lichtermeer.solutions.models import Solution

IN_USE = (InventoryEntry.Status.PILOT, InventoryEntry.Status.PRODUCTION)
VERDICT_TONES = {"pass": "success", "fail": "danger", "not_applicable": "info"}


@dataclass
class Cell:
    text: str
    tone: str = ""  # success | danger | warning | info | "" (for badges)
    href: str = ""

    def to_dict(self) -> dict:
        return {"text": self.text, "tone": self.tone, "href": self.href}


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    hint: str = ""

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "hint": self.hint, "cells": [c.to_dict() for c in self.cells]}


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "rows": [r.to_dict() for r in self.rows]}


@dataclass
class Comparison:
    solutions: list[Solution]
    sections: list[Section]

    def to_dict(self) -> dict:
        return {
            "solutions": [{"slug": s.slug, "name": s.name, "provider": s.organisation.name,
                           "html_url": s.get_absolute_url()} for s in self.solutions],
            "sections": [s.to_dict() for s in self.sections],
        }

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Headers and rows for the exports: section, row, then one column per solution."""
        headers = [gettext("Section"), gettext("Criterion"), *[s.name for s in self.solutions]]
        rows = [[section.label, row.label, *[cell.text for cell in row.cells]]
                for section in self.sections for row in section.rows]
        return headers, rows


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _label(facet: str, value: str) -> str:
    return str(solution_labels.VALUE_LABELS.get(facet, {}).get(value, value))


def _standard_names() -> dict[str, str]:
    try:
        from lichtermeer.interop.selectors import standard_names

        names = standard_names()
    except Exception:  # noqa: BLE001 - labels only: fall back to the flat vocabulary
        names = {}
    return {**{k: str(v) for k, v in solution_labels.VALUE_LABELS["standard"].items()}, **names}


def _standards(entries, names: dict[str, str]) -> str:
    parts = []
    for entry in entries or []:
        if not isinstance(entry, dict) or not entry.get("standard"):
            continue
        text = names.get(entry["standard"], str(entry["standard"]))
        if entry.get("version"):
            text += f" {entry['version']}"
        if entry.get("role"):
            text += f" ({_label('role', entry['role'])})"
        parts.append(text)
    return "; ".join(parts) if parts else "–"


def _admission(solution: Solution) -> Cell:
    admission = assessment.shown_admission(solution)
    if admission is None:
        return Cell(gettext("not admitted"), "warning")
    text = str(admission.get_status_display())
    if admission.is_current:
        text += " – " + gettext("valid until %(date)s") % {"date": admission.valid_until.strftime("%d.%m.%Y")}
    return Cell(text, "success" if admission.is_current else "danger")


def _licence(solution: Solution) -> Cell:
    kind = gettext("open source") if solution.license_open else gettext("not open source")
    return Cell(f"{solution.license or gettext('Not specified')} ({kind})", "success" if solution.license_open else "")


def _price(solution: Solution) -> str:
    text = _label("price_model", solution.price_model) if solution.price_model else gettext("Not specified")
    note = solution.price_note or {}
    localized = note.get(_lang()) or note.get("de") or note.get("en") or ""
    return f"{text} – {localized}" if localized else text


def _exit(solution: Solution) -> Cell:
    from lichtermeer.interop.selectors import exit_score_for

    score = exit_score_for(solution)
    tone = {"low": "success", "medium": "warning", "high": "danger"}.get(score.band, "")
    return Cell(f"{score.score}/100 – {score.band_label(_lang())}", tone)


def _reuse(solution: Solution) -> str:
    towns = {e.municipality_id for e in municipal.usage_of(solution) if e.status in IN_USE}
    count = len(towns)
    if count == 1:
        return gettext("1 municipality")
    return gettext("%(count)d municipalities") % {"count": count}


def compare(solutions: list[Solution]) -> Comparison:
    names = _standard_names()
    general = Section("general", gettext("General"))
    general.rows = [
        Row("provider", gettext("Provider"), [Cell(s.organisation.name, href=s.organisation.get_absolute_url())
                                              for s in solutions]),
        Row("listing_status", gettext("Listing status"), [Cell(_label("listing_status", s.listing_status))
                                                          for s in solutions]),
        Row("admission", gettext("Admission status"), [_admission(s) for s in solutions]),
        Row("licence", gettext("Licence"), [_licence(s) for s in solutions]),
        Row("operating_models", gettext("Operating models"), [
            Cell(", ".join(_label("hosting", h) for h in s.hosting_models or []) or gettext("Not specified"))
            for s in solutions]),
        Row("price_model", gettext("Price model"), [Cell(_price(s)) for s in solutions]),
        Row("exit_score", gettext("Exit score (lock-in)"), [_exit(s) for s in solutions],
            hint=gettext("0–100 from verifiable facts; higher means easier to leave.")),
        Row("reuse", gettext("Reuse"), [Cell(_reuse(s)) for s in solutions],
            hint=gettext("Municipalities that record the solution in production or pilot.")),
    ]
    standards = Section("standards", gettext("Standards and interfaces"))
    standards.rows = [
        Row("standards_provided", gettext("Provides"), [Cell(_standards(s.standards_provided, names))
                                                        for s in solutions]),
        Row("standards_consumed", gettext("Consumes"), [Cell(_standards(s.standards_consumed, names))
                                                        for s in solutions]),
    ]
    return Comparison(solutions, [general, standards, _requirements(solutions)])


def _requirements(solutions: list[Solution]) -> Section:
    section = Section("requirements", gettext("Requirements (assessment)"))
    per_solution: list[dict[str, RequirementVerdict] | None] = []
    versions: list[str] = []
    titles: dict[str, tuple[str, str, str]] = {}  # code -> (title, obligation, version) from the newest version
    verdict_labels = dict(RequirementVerdict.Verdict.choices)
    lang = _lang()
    in_force = _catalogue_in_force()
    if in_force is not None:  # the rows of the catalogue in force, also when nothing has been assessed yet
        _collect_titles(titles, in_force, lang)
    for solution in solutions:
        application = assessment.public_report_application(solution)
        if application is None:
            per_solution.append(None)
            versions.append("")
            continue
        version = application.catalogue_version
        versions.append(version.version)
        _collect_titles(titles, version, lang)
        per_solution.append({v.code: v for v in application.verdicts.all()})
    section.rows.append(Row("catalogue_version", gettext("Catalogue version assessed against"), [
        Cell(v or gettext("not assessed"), "" if v else "warning") for v in versions]))
    order = sorted(titles)
    for code in order:
        title, obligation, _version = titles[code]
        cells = []
        for verdicts in per_solution:
            if verdicts is None:
                cells.append(Cell(gettext("not assessed")))
                continue
            verdict = verdicts.get(code)
            if verdict is None:
                cells.append(Cell("–"))
            else:
                cells.append(Cell(str(verdict_labels.get(verdict.verdict, verdict.verdict)),
                                  VERDICT_TONES.get(verdict.verdict, "warning")))
        label = f"{code} {title}"
        if obligation:
            label += f" ({requirement_vocab.OBLIGATIONS.get(obligation, obligation)})"
        section.rows.append(Row(f"requirement:{code}", label, cells))
    return section


def _catalogue_in_force():
    from lichtermeer.requirements import selectors as catalogue

    return catalogue.current_version() or catalogue.latest_version()


def _collect_titles(titles: dict, version, lang: str) -> None:
    """Title and obligation of each requirement of `version`, kept from the newest version that has it."""
    for requirement in version.document.get("requirements", ()):
        code = requirement.get("id")
        if not code:
            continue
        if code not in titles or _newer(version.version, titles[code][2]):
            title = requirement.get("title") or {}
            titles[code] = (title.get(lang) or title.get("de") or code, requirement.get("obligation", ""),
                            version.version)


def _newer(a: str, b: str) -> bool:
    def key(version: str):
        return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))

    return key(a) > key(b)
