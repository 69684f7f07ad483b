"""What the two documents say (German), built once as a `layout.Document` for both writers.

Leistungsbeschreibung: title block, 1 Gegenstand, 2 Vertragsgrundlage (EVB-IT referenced by name and URL),
3 Anforderungen (MUSS/SOLL/KANN with id, text and source), 4 Schnittstellen und Standards, 5 Betriebsmodelle,
6 Hinweise (neutral specification, accessibility, data protection, draft status), internal annex Markterkundung.
Bewertungsmatrix (landscape): 1 Wertungsmethode, 2 Bewertungsskala 0–10, 3 Kriterien und Gewichtung (tree with
effective weights and maximum points, totals row), 4 Hinweise (§ 127 GWB, § 58 VgV, UfAB 2018, § 8 VgV).
Products of the market survey are named only in the annex; `neutrality_warnings` finds them elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .layout import Bullets, Column, Document, Heading, PageBreak, Para, Run, Table
from .model import (
    MAX_ID,
    MAX_LINE,
    MAX_SUBJECT,
    MAX_TEXT,
    WEIGHT_TOLERANCE,
    WEIGHT_TOTAL,
    CriterionRow,
    Problem,
    RequirementItem,
    TenderSpec,
    clean_line,
    clean_text,
    clean_url,
)

DRAFT_NOTICE = "Entwurf – vor Veröffentlichung rechtlich prüfen"
ANNEX_TITLE = "Anlage (intern, nicht zur Veröffentlichung): Markterkundung"
OWN_REQUIREMENT = "eigene Anforderung der Vergabestelle"
A_CRITERION = "Ausschlusskriterium (erfüllt / nicht erfüllt)"
MAX_POINTS = 10
KEEP_ROW_CHARS = 1_500  # requirement rows up to this length do not break across pages
META_LIMIT = 255  # document properties (python-docx refuses longer ones)
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")

LEVEL_HEADINGS = {
    "MUSS": "MUSS-Anforderungen (Mindestanforderungen, A-Kriterien)",
    "SOLL": "SOLL-Anforderungen",
    "KANN": "KANN-Anforderungen",
    "": "Weitere Anforderungen",
}
LEVEL_INTRO = {
    "MUSS": "Diese Anforderungen sind Mindestanforderungen. Ein Angebot, das eine von ihnen nicht erfüllt, "
            "wird von der Wertung ausgeschlossen.",
    "SOLL": "Diese Anforderungen sollen erfüllt werden. Soweit sie in der Bewertungsmatrix als B-Kriterien "
            "aufgeführt sind, wird der Erfüllungsgrad nach der veröffentlichten Bewertungsskala bewertet.",
    "KANN": "Diese Anforderungen beschreiben erwünschte Eigenschaften. Soweit sie in der Bewertungsmatrix als "
            "B-Kriterien aufgeführt sind, wird ihre Erfüllung bewertet; ihr Fehlen führt nicht zum Ausschluss.",
    "": "Diese Anforderungen haben keine Verbindlichkeitsstufe; ihre Behandlung in der Wertung ergibt sich aus "
        "der Bewertungsmatrix.",
}
ROLES = {
    "server": "Server (stellt die Schnittstelle bereit)",
    "client": "Client (nutzt die Schnittstelle)",
    "publisher": "Publisher (veröffentlicht Nachrichten)",
    "subscriber": "Subscriber (empfängt Nachrichten)",
    "provider": "Anbieter (stellt Daten bereit)",
    "consumer": "Nutzer (bezieht Daten)",
}
OPERATING_MODELS = {
    "saas": "Software as a Service (Betrieb durch den Auftragnehmer)",
    "on-premises": "Betrieb in eigener Verantwortung der Vergabestelle (On-Premises)",
    "shared-service": "Gemeinsamer Betrieb mit anderen öffentlichen Stellen (Shared Service)",
    "managed-hosting": "Betrieb durch einen beauftragten Dienstleister (Managed Hosting)",
}
METHODS = {
    "simplified": ("Vereinfachte Leistungs-Preis-Methode",
                   "Es werden nur die Mindestanforderungen (A-Kriterien) geprüft. Unter den Angeboten, die alle "
                   "A-Kriterien erfüllen, erhält das Angebot mit dem niedrigsten Preis den Zuschlag."),
    "simple": ("Einfache Richtwertmethode",
               "Für jedes Angebot, das alle A-Kriterien erfüllt, wird die Kennzahl Z = L / P gebildet "
               "(Leistungspunkte L je Preis P). Das Angebot mit der höchsten Kennzahl Z ist das wirtschaftlichste."),
    "extended": ("Erweiterte Richtwertmethode",
                 "Für jedes Angebot, das alle A-Kriterien erfüllt, wird die Kennzahl Z = L / P gebildet. Alle "
                 "Angebote mit Z ≥ Zmax × (1 − SB) liegen innerhalb der Schwankungsbreite SB und gelten als "
                 "gleichwertig; unter ihnen entscheidet das vorab bekannt gegebene Entscheidungskriterium."),
    "weighted": ("Gewichtete Richtwertmethode (Preis-Leistungs-Gewichtung)",
                 "Für jedes Angebot, das alle A-Kriterien erfüllt, wird der Gesamtwert "
                 "Z = GL × L / 1000 × 100 + GP × f(P) × 100 gebildet (GL Gewichtung der Leistung, GP Gewichtung des "
                 "Preises, GL + GP = 100 %; f(P) nach der Preisformel). Das Angebot mit dem höchsten Z ist das "
                 "wirtschaftlichste."),
}
PRICE_FORMULAS = {  # the codes of lichtermeer.engines.ufab (docs/ufab.md)
    "ratio": "f(P) = Pmin / P – das Angebot mit dem niedrigsten Preis Pmin erhält 1, ein doppelt so teures 0,5.",
    "linear": "f(P) = max(0; 1 − (P − Pmin) / Pmin) – der niedrigste Preis erhält 1, linear fallend bis 0 beim "
              "doppelten niedrigsten Preis.",
}
DECISIONS = {"performance": "höchste Leistungspunktzahl L", "price": "niedrigster Preis P"}
SCALE = (
    (0, "nicht erfüllt / nicht bewertbar",
     "Die Anforderung wird nicht erfüllt, oder das Angebot enthält dazu keine bewertbaren Angaben."),
    (2, "unzureichend erfüllt",
     "Die Anforderung wird nur in geringem Umfang erfüllt; wesentliche Aspekte fehlen oder sind nicht "
     "nachvollziehbar dargestellt."),
    (4, "teilweise erfüllt",
     "Die Anforderung wird in Teilen erfüllt; es bestehen deutliche Lücken oder Risiken für die Leistungserbringung."),
    (6, "im Wesentlichen erfüllt",
     "Die Anforderung wird in den wesentlichen Punkten erfüllt; es bestehen geringe Lücken ohne erhebliche "
     "Auswirkungen."),
    (8, "gut erfüllt",
     "Die Anforderung wird vollständig erfüllt; die Umsetzung ist nachvollziehbar und schlüssig beschrieben."),
    (10, "vollständig und überzeugend erfüllt",
     "Die Anforderung wird vollständig erfüllt; die Umsetzung ist schlüssig, überzeugend belegt und bietet einen "
     "erkennbaren Mehrwert für die Vergabestelle."),
)


def german_date(day: dt.date | None) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}" if day else "[Datum eintragen]"


def german_number(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return (text if text not in ("-0", "") else "0").replace(".", ",")


def percent(fraction: float) -> str:
    return f"{german_number(fraction * 100)} %"


def catalogue_label(version: str) -> str:
    """"1.0.0" -> "Basisanforderungen 1.0.0"; a named version stays as it is."""
    version = clean_line(version)
    return f"Basisanforderungen {version}" if version[:1].isdigit() else version


def citation(item: RequirementItem) -> str:
    """How a requirement is cited, e.g. "Basisanforderungen 1.0.0, LM-DS-02; Quelle: DSGVO, Art. 28"."""
    parts = []
    if item.own:
        parts.append(OWN_REQUIREMENT)
    elif item.catalogue_version:
        parts.append(f"{catalogue_label(item.catalogue_version)}, {clean_line(item.id, MAX_ID)}")
    else:
        parts.append(clean_line(item.id, MAX_ID))
    if clean_line(item.source):
        parts.append(f"Quelle: {clean_line(item.source)}")
    return "; ".join(parts)


# --- shared blocks ------------------------------------------------------------------------------------------------

def _paragraphs(text: str, style: str = "body") -> list[Para]:
    """Blank lines separate paragraphs; single line breaks stay line breaks."""
    return [Para([Run(chunk.strip("\n"))], style) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def _title_block(doc: Document, spec: TenderSpec, kind_title: str) -> None:
    authority = clean_line(spec.authority.name) or "[Vergabestelle eintragen]"
    ags = clean_line(spec.authority.ags, 12)
    doc.add(
        Para([Run(kind_title)], "title"),
        Para([Run(clean_line(spec.title) or "[Titel der Beschaffung]")], "subtitle"),
        Para([Run("Vergabestelle: ", bold=True), Run(authority + (f" (AGS {ags})" if ags else ""))], "meta"),
        Para([Run("Vergabenummer: ", bold=True), Run(clean_line(spec.reference, MAX_ID) or "[noch zu vergeben]")],
             "meta"),
        Para([Run("Stand: ", bold=True), Run(german_date(spec.issued_on))], "meta"),
        Para([Run(DRAFT_NOTICE, bold=True)], "notice"),
        Para([Run("Dieses Dokument wurde mit Lichtermeer aus dem Katalog der Basisanforderungen und den Angaben der "
                  "Vergabestelle erzeugt. Es ist ein Entwurf und ersetzt nicht die vergaberechtliche Prüfung durch "
                  "die Vergabestelle.")], "small"),
    )


def _document(spec: TenderSpec, kind_title: str, landscape: bool) -> Document:
    title = clean_line(spec.title)
    reference = clean_line(spec.reference, MAX_ID)
    return Document(
        title=clean_line(f"{kind_title}: {title}" if title else kind_title, META_LIMIT),
        subject=clean_line(spec.title, META_LIMIT),
        author=clean_line(spec.authority.name, META_LIMIT),
        landscape=landscape,
        header=f"{kind_title} – {DRAFT_NOTICE}",
        footer=(f"Vergabenummer {reference} · " if reference else "") + clean_line(spec.authority.name, 120),
    )


# --- Leistungsbeschreibung ----------------------------------------------------------------------------------------

def leistungsbeschreibung(spec: TenderSpec) -> Document:
    doc = _document(spec, "Leistungsbeschreibung", landscape=False)
    _title_block(doc, spec, "Leistungsbeschreibung")

    doc.add(Heading(1, "1 Gegenstand der Leistung"))
    doc.add(*(_paragraphs(clean_text(spec.subject, MAX_SUBJECT)) or [Para([Run("[Gegenstand beschreiben]")])]))

    doc.add(Heading(1, "2 Vertragsgrundlage"))
    evb = spec.evb_it
    label, url = (clean_line(evb.label), clean_url(evb.url)) if evb else ("", "")
    if label:
        doc.add(Para([Run("Dem Vertrag werden die Ergänzenden Vertragsbedingungen für die Beschaffung von "
                          "IT-Leistungen (EVB-IT) in der Fassung "), Run(label, bold=True),
                      Run(f" (Vertragstyp „{clean_line(evb.code, MAX_ID)}“) zugrunde gelegt.")]))
        doc.add(Para([Run("Die Vertragstexte, Muster und Anlagen werden nicht in diese Leistungsbeschreibung "
                          "übernommen. Maßgeblich ist die bei Veröffentlichung geltende Fassung, abrufbar unter: "),
                      Run(url or "[Adresse eintragen]", url=url), Run(".")]))
    else:
        doc.add(Para([Run("[EVB-IT-Vertragstyp auswählen und mit Bezeichnung und Fundstelle angeben.]")]))
    doc.add(Para([Run("Die Vergabestelle prüft vor der Veröffentlichung, ob der gewählte Vertragstyp zum "
                      "Leistungsgegenstand passt, und füllt den Vertrag und seine Anlagen aus.")]))

    doc.add(Heading(1, "3 Anforderungen"))
    doc.add(Para([Run("Die Anforderungen sind nach ihrer Verbindlichkeit gegliedert. Jede Anforderung nennt ihre "
                      "Kennung und ihre Quelle; Kennungen mit dem Präfix des Katalogs stammen aus dem Katalog der "
                      "Basisanforderungen, eigene Anforderungen der Vergabestelle sind als solche gekennzeichnet. "
                      "Der Bieter erklärt im Angebot für jede Anforderung, ob und wie er sie erfüllt.")]))
    groups = {level: [r for r in spec.requirements if _level(r) == level] for level in LEVEL_HEADINGS}
    if not spec.requirements:
        doc.add(Para([Run("[Es sind noch keine Anforderungen ausgewählt.]")]))
    number = 0
    for level, items in groups.items():
        if not items:
            continue
        number += 1
        doc.add(Heading(2, f"3.{number} {LEVEL_HEADINGS[level]}"), Para([Run(LEVEL_INTRO[level])]))
        doc.add(_requirements_table(level, items, doc.text_width_cm))

    doc.add(Heading(1, "4 Schnittstellen und Standards"))
    if spec.standards:
        doc.add(Para([Run("Die Lösung muss die folgenden offenen Standards in der angegebenen Rolle unterstützen, "
                          "jeweils in der genannten Version oder einer abwärtskompatiblen neueren Version:")]))
        rows = []
        for item in spec.standards:
            uri = clean_url(item.uri)
            role = clean_line(item.role)
            rows.append([
                [Para([Run(clean_line(item.name) or clean_line(item.id, MAX_ID))], "cell")],
                [Para([Run(clean_line(item.version, MAX_ID) or "–")], "cell")],
                [Para([Run(ROLES.get(role, role) or "–")], "cell")],
                [Para([Run(clean_line(item.id, MAX_ID))], "cell")]
                + ([Para([Run(uri, url=uri)], "cellsmall")] if uri else []),
            ])
        doc.add(Table("Geforderte Schnittstellen und Standards",
                      _columns(doc, [("Standard", 5.0), ("Version", 2.5), ("Rolle der Lösung", 4.2),
                                     ("Kennung / URI", 5.3)]), rows, keep_rows=True))
    else:
        doc.add(Para([Run("Es werden keine bestimmten Schnittstellenstandards vorgegeben.")]))

    doc.add(Heading(1, "5 Betriebsmodelle"))
    models = [clean_line(m) for m in spec.operating_models if clean_line(m)]
    if models:
        doc.add(Para([Run("Folgende Betriebsmodelle sind zugelassen; der Bieter gibt im Angebot an, welche er "
                          "anbietet:")]))
        doc.add(Bullets([[Run(OPERATING_MODELS.get(m, m))] for m in models]))
    else:
        doc.add(Para([Run("Die Vergabestelle gibt kein bestimmtes Betriebsmodell vor.")]))

    doc.add(Heading(1, "6 Hinweise"))
    doc.add(Heading(2, "6.1 Produktneutrale Leistungsbeschreibung"),
            Para([Run("Diese Leistungsbeschreibung ist produktneutral formuliert (§ 31 VgV, § 121 GWB). Soweit "
                      "ausnahmsweise auf bestimmte Produkte, Marken, Verfahren oder Ursprünge verwiesen wird, gilt "
                      "dieser Verweis stets mit dem Zusatz „oder gleichwertig“. Gleichwertige Lösungen sind "
                      "zugelassen; die Gleichwertigkeit weist der Bieter im Angebot nach.")]),
            Heading(2, "6.2 Barrierefreiheit"),
            Para([Run("Benutzeroberflächen, Dokumente und Unterstützungsdienste der Lösung sind barrierefrei nach der "
                      "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der harmonisierten Norm "
                      "EN 301 549 in der geltenden Fassung zu gestalten (§ 121 GWB). Der Bieter belegt die "
                      "Barrierefreiheit durch einen Prüfbericht und stellt die Angaben für die Erklärung zur "
                      "Barrierefreiheit bereit.")]),
            Heading(2, "6.3 Datenschutz"),
            Para([Run("Verarbeitet der Auftragnehmer personenbezogene Daten im Auftrag der Vergabestelle, schließen "
                      "die Parteien einen Vertrag zur Auftragsverarbeitung (AVV) nach Art. 28 DSGVO. Der Bieter "
                      "benennt im Angebot die Verarbeitungsorte, die eingesetzten Unterauftragsverarbeiter und die "
                      "technischen und organisatorischen Maßnahmen.")]),
            Heading(2, "6.4 Status dieses Dokuments"),
            Para([Run("Dieses Dokument ist ein automatisch erzeugter Entwurf. Vor der Veröffentlichung prüft die "
                      "Vergabestelle insbesondere die Verfahrensart und den Auftragswert, die Eignungskriterien, den "
                      "EVB-IT-Vertragstyp, die Vollständigkeit der Vergabeunterlagen (§ 29 VgV) sowie die "
                      "Zuschlagskriterien und ihre Gewichtung (Bewertungsmatrix). Die Anlage „Markterkundung“ ist "
                      "vor der Veröffentlichung zu entfernen.")]))

    if spec.market_survey:
        doc.add(PageBreak(), Heading(1, ANNEX_TITLE))
        doc.add(Para([Run("Diese Anlage dokumentiert die Markterkundung der Vergabestelle und ist nur für den "
                          "internen Gebrauch bestimmt. Sie ist vor der Veröffentlichung zu entfernen. Die "
                          "Leistungsbeschreibung selbst nennt keine Produkte (§ 31 VgV).")], "notice"))
        rows = []
        for item in spec.market_survey:
            url = clean_url(item.url)
            rows.append([[Para([Run(clean_line(item.name))], "cell")],
                         [Para([Run(clean_line(item.provider) or "–")], "cell")],
                         [Para([Run(url or "–", url=url)], "cellsmall")]])
        doc.add(Table("Markterkundung: betrachtete Lösungen (intern)",
                      _columns(doc, [("Lösung", 5.5), ("Anbieter", 5.0), ("Adresse", 6.5)]), rows, keep_rows=True))
    return doc.finish()


def _level(item: RequirementItem) -> str:
    level = clean_line(item.level, 8).upper()
    return level if level in LEVEL_HEADINGS else ""


def _requirements_table(level: str, items: list[RequirementItem], width: float) -> Table:
    rows = []
    for item in items:
        text = clean_text(item.text, MAX_TEXT)
        requirement = [Para([Run(clean_line(item.title), bold=True)], "cell")] + _paragraphs(text, "cell")
        rows.append([[Para([Run(clean_line(item.id, MAX_ID), bold=True)], "cell")], requirement,
                     _source_cell(item)])
    columns = [Column("Kennung", 2.5), Column("Anforderung", 8.6), Column("Quelle", width - 11.1)]
    short = [len(clean_text(item.text, MAX_TEXT)) + len(clean_line(item.title)) <= KEEP_ROW_CHARS for item in items]
    return Table(f"{LEVEL_HEADINGS[level]}: Kennung, Anforderung und Quelle", columns, rows, row_keep=short)


def _source_cell(item: RequirementItem, *, with_id: bool = True, with_url: bool = True) -> list[Para]:
    """The citation in a narrow cell: catalogue and id (or "own requirement"), then the source and its URL."""
    if item.own:
        first = Run(OWN_REQUIREMENT + ";" if clean_line(item.source) else OWN_REQUIREMENT, italic=True)
    elif item.catalogue_version:
        label = catalogue_label(item.catalogue_version)
        first = Run(f"{label}, {clean_line(item.id, MAX_ID)};" if with_id else f"{label};")
    else:
        first = Run(f"{clean_line(item.id, MAX_ID)};" if with_id else "")
    cell = [Para([first], "cellsmall")] if first.text else []
    if source := clean_line(item.source):
        cell.append(Para([Run(f"Quelle: {source}")], "cellsmall"))
    elif cell:
        cell[-1].runs[-1].text = cell[-1].runs[-1].text.rstrip(";")
    if with_url and (url := clean_url(item.source_url)):
        cell.append(Para([Run(url, url=url)], "cellsmall"))
    return cell


def _columns(doc: Document, spec: list[tuple[str, float]]) -> list[Column]:
    scale = doc.text_width_cm / sum(width for _, width in spec)
    return [Column(header, round(width * scale, 2)) for header, width in spec]


# --- Bewertungsmatrix ---------------------------------------------------------------------------------------------

@dataclass
class TreeRow:
    row: CriterionRow
    depth: int
    effective: float | None  # share of the total performance points (percent), None for A-criteria


def criteria_tree(criteria: list[CriterionRow]) -> list[TreeRow]:
    """Depth-first order; effective weight = parent's effective weight × weight / Σ weights of the siblings.

    Top-level weights are taken as they are (they should sum to 100). Rows whose parent is unknown or not a group,
    or that sit in a cycle, are shown at the top level, so nothing is dropped.
    """
    groups = {c.id: c for c in criteria if c.kind == "group" and c.id}
    children: dict[str, list[CriterionRow]] = {}
    roots: list[CriterionRow] = []
    for row in criteria:
        if row.parent and row.parent in groups and row.parent != row.id and _reaches_root(row, groups):
            children.setdefault(row.parent, []).append(row)
        else:
            roots.append(row)
    out: list[TreeRow] = []
    stack: list[tuple[list[CriterionRow], int, float | None, int]] = [(roots, 0, None, 0)]
    while stack:  # iterative depth-first walk (a long chain of groups must not hit the recursion limit)
        rows, depth, share, start = stack.pop()
        total = sum(max(r.weight or 0, 0) for r in rows if r.kind != "A")
        for position in range(start, len(rows)):
            row = rows[position]
            if row.kind == "A":
                effective = None
            elif row.effective_weight is not None:
                effective = row.effective_weight
            elif share is None:
                effective = max(row.weight or 0, 0)
            else:
                effective = share * max(row.weight or 0, 0) / total if total else 0.0
            out.append(TreeRow(row, depth, effective))
            if row.kind == "group" and children.get(row.id):
                stack.append((rows, depth, share, position + 1))
                stack.append((children[row.id], depth + 1, effective or 0.0, 0))
                break
    return out


def _reaches_root(row: CriterionRow, groups: dict[str, CriterionRow]) -> bool:
    seen = {row.id}
    current = row
    while current.parent:
        parent = groups.get(current.parent)
        if parent is None:
            return True  # an unknown grand-parent: the chain ends (that row becomes a root)
        if parent.id in seen:
            return False
        seen.add(parent.id)
        current = parent
    return True


def bewertungsmatrix(spec: TenderSpec) -> Document:
    doc = _document(spec, "Bewertungsmatrix", landscape=True)
    _title_block(doc, spec, "Bewertungsmatrix")
    method = spec.method
    name, rule = METHODS.get(method.code, ("", ""))
    name = clean_line(method.name) or name or "[Wertungsmethode festlegen]"
    rule = clean_text(method.rule, MAX_TEXT) or rule

    doc.add(Heading(1, "1 Wertungsmethode"))
    doc.add(Para([Run("Methode: ", bold=True), Run(f"{name} nach UfAB 2018")]))
    if rule:
        doc.add(Para([Run("Regel: ", bold=True), Run(rule)]))
    if method.code != "simplified":
        doc.add(Para([Run("Leistungspunkte: ", bold=True),
                      Run("L = Σ (wirksame Gewichtung × Punkte) über alle B-Kriterien; höchstens "
                          f"{german_number(WEIGHT_TOTAL * MAX_POINTS)} Punkte.")]))
    if method.code == "extended" or method.band is not None:
        band = percent(method.band) if method.band is not None else "[festlegen, höchstens 10 %]"
        doc.add(Para([Run("Schwankungsbreite (SB): ", bold=True), Run(band)]))
    if method.code == "extended" or method.decision:
        decision = clean_line(method.decision)
        doc.add(Para([Run("Entscheidungskriterium innerhalb der Schwankungsbreite: ", bold=True),
                      Run(DECISIONS.get(decision, decision) or "[festlegen]")]))
    if method.code == "weighted" or method.price_weight is not None:
        if method.price_weight is not None:
            shares = f"Preis {percent(method.price_weight)}, Leistung {percent(1 - method.price_weight)}"
        else:
            shares = "[festlegen]"
        doc.add(Para([Run("Gewichtung: ", bold=True), Run(shares)]))
    if method.code == "weighted" or method.price_formula:
        formula = clean_text(method.price_formula, MAX_TEXT)
        doc.add(Para([Run("Preisformel: ", bold=True),
                      Run(PRICE_FORMULAS.get(formula, formula) or "[vor Veröffentlichung festlegen]")]))

    doc.add(Heading(1, "2 Bewertungsskala"))
    doc.add(Para([Run("B-Kriterien werden mit 0 bis 10 Punkten bewertet. Die folgenden Stufen werden mit den "
                      "Vergabeunterlagen veröffentlicht; ungerade Punktwerte liegen zwischen den beschriebenen "
                      "Stufen. A-Kriterien werden nicht gepunktet: Sie sind erfüllt oder nicht erfüllt, ein nicht "
                      "erfülltes A-Kriterium führt zum Ausschluss des Angebots.")]))
    doc.add(Table("Bewertungsskala mit Stufenbeschreibungen",
                  [Column("Punkte", 2.2, "center"), Column("Stufe", 6.0),
                   Column("Beschreibung", doc.text_width_cm - 8.2)],
                  [[[Para([Run(str(points), bold=True)], "cell")], [Para([Run(level)], "cell")],
                    [Para([Run(text)], "cell")]] for points, level, text in SCALE], keep_rows=True,
                  unbreakable=True))

    doc.add(Heading(1, "3 Kriterien und Gewichtung"))
    doc.add(Para([Run("Die wirksame Gewichtung ist der Anteil eines Kriteriums an der Gesamtleistung: Gewichtung "
                      "einer Gruppe × Anteil des Kriteriums innerhalb der Gruppe. Die maximal erreichbare "
                      "Punktzahl eines Kriteriums ist die wirksame Gewichtung × 10.")]))
    doc.add(_criteria_table(spec, doc.text_width_cm))

    doc.add(Heading(1, "4 Hinweise"))
    doc.add(Bullets([
        [Run("Die Zuschlagskriterien, ihre Gewichtung, die Wertungsmethode und die Bewertungsskala mit den "
             "Stufenbeschreibungen werden vorab in der Auftragsbekanntmachung oder den Vergabeunterlagen "
             "bekannt gegeben (§ 127 GWB, § 58 VgV) und danach nicht mehr geändert.")],
        [Run("Wertungsmethode und Bewertungsskala folgen der Unterlage für Ausschreibung und Bewertung von "
             "IT-Leistungen (UfAB 2018) des Beschaffungsamts des Bundesministeriums des Innern.")],
        [Run("Die Bewertung jedes Angebots wird je Kriterium begründet und mit dem Ergebnis im Vergabevermerk "
             "dokumentiert (§ 8 VgV).")],
        [Run(f"{DRAFT_NOTICE}: Methode, Kriterien, Gewichtung und Preisformel sind vor der Veröffentlichung "
             "vergaberechtlich zu prüfen.")],
    ]))
    return doc.finish()


def _criteria_table(spec: TenderSpec, width: float) -> Table:
    requirements = {clean_line(r.id, MAX_ID): r for r in spec.requirements}
    tree = criteria_tree(spec.criteria)
    rows = []
    for node in tree:
        row = node.row
        group = row.kind == "group"
        kind = {"A": "A – " + A_CRITERION, "B": "B – Bewertung mit 0–10 Punkten"}.get(row.kind, "Gruppe")
        if row.kind == "A":
            weight, effective, points = "–", "–", "–"
        else:
            weight = german_number(max(row.weight or 0, 0))
            effective = german_number(node.effective or 0)
            points = german_number((node.effective or 0) * MAX_POINTS, 1)
        req_id = clean_line(row.requirement_id, MAX_ID)
        source = [Para([Run(req_id, bold=True)], "cellsmall")] if req_id else []
        if text := clean_line(row.source):
            source.append(Para([Run(text)], "cellsmall"))
        elif req_id in requirements:
            source += _source_cell(requirements[req_id], with_id=False, with_url=False)
        rows.append([
            [Para([Run(clean_line(row.id, MAX_ID), bold=group)], "cell")],
            [Para([Run(clean_line(row.title), bold=group)], "cell", indent=min(node.depth, 4))],
            [Para([Run(kind, bold=group)], "cellsmall")],
            [Para([Run(weight)], "cell")],
            [Para([Run(effective)], "cell")],
            [Para([Run(points)], "cell")],
            source or [Para([Run("–")], "cellsmall")],
        ])
    top = sum(max(n.row.weight or 0, 0) for n in tree if n.depth == 0 and n.row.kind != "A")
    leaves = sum(n.effective or 0 for n in tree if n.row.kind == "B")
    if abs(top - WEIGHT_TOTAL) <= WEIGHT_TOLERANCE and abs(leaves - WEIGHT_TOTAL) <= WEIGHT_TOLERANCE:
        label = (f"Σ Gewichtungen = {german_number(WEIGHT_TOTAL)}; "
                 f"L max = {german_number(WEIGHT_TOTAL * MAX_POINTS)}")
    else:
        label = f"Σ Gewichtungen ≠ {german_number(WEIGHT_TOTAL)}: Gewichtung vor Veröffentlichung korrigieren"
    rows.append([
        [Para([Run("Summe", bold=True)], "cell")],
        [Para([Run(label, bold=True)], "cell")],
        [Para([Run("")], "cell")],
        [Para([Run(german_number(top), bold=True)], "cell")],
        [Para([Run(german_number(leaves), bold=True)], "cell")],
        [Para([Run(german_number(leaves * MAX_POINTS, 1), bold=True)], "cell")],
        [Para([Run("")], "cell")],
    ])
    columns = [Column("Nr.", 1.7), Column("Kriterium", 7.4), Column("Art", 3.9),
               Column("Gewichtung", 2.5, "right"), Column("wirksame Gewichtung", 2.5, "right"),
               Column("max. Punkte", 2.0, "right"), Column("Quelle / Anforderung", width - 20.0)]
    return Table("Kriterien mit Art, Gewichtung, wirksamer Gewichtung und maximaler Punktzahl", columns, rows,
                 total_row=True, keep_rows=True)


# --- neutrality ---------------------------------------------------------------------------------------------------

def neutrality_warnings(spec: TenderSpec) -> list[Problem]:
    """Places outside the annex that name a product or provider of the market survey without "oder gleichwertig"."""
    names = {clean_line(n) for s in spec.market_survey for n in (s.name, s.provider) if len(clean_line(n)) >= 3}
    if not names:
        return []
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    texts = [("title", spec.title), ("subject", spec.subject)]
    for i, r in enumerate(spec.requirements):
        texts += [(f"requirements[{i}].title", r.title), (f"requirements[{i}].text", r.text)]
    texts += [(f"operating_models[{i}]", m) for i, m in enumerate(spec.operating_models)]
    texts += [(f"criteria[{i}].title", c.title) for i, c in enumerate(spec.criteria)]
    texts += [("method.rule", spec.method.rule), ("method.price_formula", spec.method.price_formula)]
    problems = []
    for path, value in texts:
        text = clean_text(value, MAX_SUBJECT)
        for match in pattern.finditer(text):
            if "oder gleichwertig" in text[match.end(): match.end() + 80].lower():
                continue
            name = match.group(1)
            problems.append(Problem(
                path, f"names {name!r} from the market survey; product names only with \"oder gleichwertig\" "
                      "(§ 31 VgV)",
                f"nennt {name!r} aus der Markterkundung; Produktnamen nur mit „oder gleichwertig“ (§ 31 VgV)"))
            break
    return problems


BUILDERS = {"leistungsbeschreibung": leistungsbeschreibung, "bewertungsmatrix": bewertungsmatrix}
__all__ = ["BUILDERS", "MAX_LINE", "citation", "criteria_tree", "neutrality_warnings"]
