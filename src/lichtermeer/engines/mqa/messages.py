"""Every text of the MQA engine in English and German (`Text(en, de)`), naming the dataset/distribution it is about."""

from __future__ import annotations

from lichtermeer.engines.publiccode.messages import Text

__all__ = ["Text"]

MAX_LISTED = 3  # distributions named in a detail before "+n more"

# What a distribution must have for a distribution-level indicator (plural: "5 of 7 distributions …").
CRITERIA: dict[str, Text] = {
    "A1": Text("answer at their dcat:accessURL (HTTP 200–399)", "antworten unter ihrer dcat:accessURL (HTTP 200–399)"),
    "A2": Text("have a dcat:downloadURL", "haben eine dcat:downloadURL"),
    "A3": Text("answer at their dcat:downloadURL (HTTP 200–399)",
               "antworten unter ihrer dcat:downloadURL (HTTP 200–399)"),
    "I1": Text("have a dct:format", "haben ein dct:format"),
    "I2": Text("have a dcat:mediaType", "haben einen dcat:mediaType"),
    "I3": Text("use vocabulary IRIs for dct:format (EU file types) and dcat:mediaType (IANA), each counting half",
               "verwenden Vokabular-IRIs für dct:format (EU-Dateitypen) und dcat:mediaType (IANA), je zur Hälfte"),
    "I4": Text("have a non-proprietary dct:format", "haben ein nicht-proprietäres dct:format"),
    "I5": Text("have a machine-readable dct:format (data.europa.eu list)",
               "haben ein maschinenlesbares dct:format (Liste von data.europa.eu)"),
    "R1": Text("have a dct:license", "haben eine dct:license"),
    "R2": Text("have a dct:license from a licence vocabulary (EU, DCAT-AP.de)",
               "haben eine dct:license aus einem Lizenzvokabular (EU, DCAT-AP.de)"),
    "C1": Text("have dct:rights", "haben dct:rights"),
    "C2": Text("have a dcat:byteSize", "haben eine dcat:byteSize"),
}

# The property a dataset-level presence indicator looks for.
DATASET_PROPERTIES = {
    "F1": "dcat:keyword", "F2": "dcat:theme", "F3": "dct:spatial", "F4": "dct:temporal", "R3": "dct:accessRights",
    "R5": "dcat:contactPoint", "R6": "dct:publisher", "C3": "dct:issued", "C4": "dct:modified",
}


def node_text(node: str) -> str:
    return node if node.startswith("_:") else f"<{node}>"


def _listed(nodes: list[str]) -> str:
    shown = ", ".join(node_text(n) for n in nodes[:MAX_LISTED])
    return shown + (f" (+{len(nodes) - MAX_LISTED})" if len(nodes) > MAX_LISTED else "")


def _number(value: float) -> str:
    return f"{value:g}"


# --- input -------------------------------------------------------------------------------------------------

def dataset_not_found(name: str, node: str) -> Text:
    return Text(f"{name}: {node_text(node)} is not described in the file",
                f"{name}: {node_text(node)} wird in der Datei nicht beschrieben")


def no_single_dataset(name: str, count: int) -> Text:
    return Text(f"{name}: name the dataset to score: the file has {count} dcat:Dataset resources",
                f"{name}: Bitte den zu bewertenden Datensatz angeben: die Datei enthält {count} dcat:Dataset")


def no_datasets(name: str) -> Text:
    return Text(f"{name}: no dcat:Dataset in the file, nothing was scored",
                f"{name}: kein dcat:Dataset in der Datei, nichts wurde bewertet")


def unsupported_source(kind: str) -> Text:
    return Text(f"cannot score a {kind}: give RDF bytes, a file path, a pyoxigraph Store or a parsed graph",
                f"{kind} kann nicht bewertet werden: erwartet werden RDF-Bytes, ein Dateipfad, ein pyoxigraph-Store "
                "oder ein eingelesener Graph")


def broken_definition(detail: str) -> Text:
    return Text(f"the MQA indicator tables (data/mqa/) are broken: {detail}",
                f"die MQA-Indikatortabellen (data/mqa/) sind fehlerhaft: {detail}")


def unknown_rule(rule: str) -> Text:
    return Text(f"unknown distribution rule {rule!r} (use 'share' or 'best')",
                f"unbekannte Distributionsregel {rule!r} (erlaubt: 'share', 'best')")


# --- dataset-level details ---------------------------------------------------------------------------------

def dataset_has(dataset: str, prop: str, count: int) -> Text:
    return Text(f"dataset {node_text(dataset)} has {prop} ({count} value{'s' if count != 1 else ''})",
                f"Datensatz {node_text(dataset)} hat {prop} ({count} Wert{'e' if count != 1 else ''})")


def dataset_lacks(dataset: str, prop: str) -> Text:
    return Text(f"dataset {node_text(dataset)} has no {prop}", f"Datensatz {node_text(dataset)} hat kein {prop}")


def date_from_distribution(dataset: str, prop: str, distribution: str) -> Text:
    return Text(f"dataset {node_text(dataset)} has no {prop}; the chosen distribution {node_text(distribution)} has "
                "one (piveau's fallback)",
                f"Datensatz {node_text(dataset)} hat kein {prop}; die gewählte Distribution "
                f"{node_text(distribution)} hat eines (Ersatzregel von piveau)")


def access_rights_vocabulary(dataset: str, values: list[str], ok: bool) -> Text:
    shown = ", ".join(values[:MAX_LISTED]) or "–"
    if ok:
        return Text(f"dataset {node_text(dataset)}: dct:accessRights {shown} is from the EU access-right vocabulary",
                    f"Datensatz {node_text(dataset)}: dct:accessRights {shown} stammt aus dem EU-Vokabular "
                    "access-right")
    if not values:
        return dataset_lacks(dataset, "dct:accessRights")
    return Text(f"dataset {node_text(dataset)}: dct:accessRights {shown} is not an IRI of the EU access-right "
                "vocabulary",
                f"Datensatz {node_text(dataset)}: dct:accessRights {shown} ist keine IRI des EU-Vokabulars "
                "access-right")


def compliant(dataset: str) -> Text:
    return Text(f"dataset {node_text(dataset)} and its distributions have no SHACL violation (DCAT-AP.de 3.0)",
                f"Datensatz {node_text(dataset)} und seine Distributionen haben keinen SHACL-Verstoß (DCAT-AP.de 3.0)")


def violations(dataset: str, count: int, first_path: str, first_message: Text) -> Text:
    return Text(f"dataset {node_text(dataset)} or its distributions: {count} SHACL violation(s) (DCAT-AP.de 3.0), "
                f"e.g. {first_path}: {first_message.en}",
                f"Datensatz {node_text(dataset)} oder seine Distributionen: {count} SHACL-Verstoß/-Verstöße "
                f"(DCAT-AP.de 3.0), z. B. {first_path}: {first_message.de}")


def compliance_not_requested() -> Text:
    return Text("not checked: DCAT-AP validation was switched off (the 30 points are not counted)",
                "nicht geprüft: DCAT-AP-Validierung ist abgeschaltet (die 30 Punkte werden nicht gezählt)")


def compliance_unavailable(detail: str) -> Text:
    return Text(f"not checked: the DCAT-AP.de profile could not be loaded ({detail})",
                f"nicht geprüft: das DCAT-AP.de-Profil konnte nicht geladen werden ({detail})")


# --- distribution-level details ----------------------------------------------------------------------------

def no_distributions(dataset: str) -> Text:
    return Text(f"dataset {node_text(dataset)} has no dcat:distribution",
                f"Datensatz {node_text(dataset)} hat keine dcat:distribution")


def share(indicator: str, satisfied: float, total: int, failing: list[str]) -> Text:
    criterion = CRITERIA[indicator]
    en = f"{_number(satisfied)} of {total} distributions {criterion.en}"
    de = f"{_number(satisfied)} von {total} Distributionen {criterion.de}"
    if failing:
        en += f"; not: {_listed(failing)}"
        de += f"; nicht: {_listed(failing)}"
    return Text(en, de)


def best(indicator: str, distribution: str, total: int, value: float) -> Text:
    criterion = CRITERIA[indicator]
    verdict_en = "yes" if value >= 1 else ("half" if value > 0 else "no")
    verdict_de = "ja" if value >= 1 else ("zur Hälfte" if value > 0 else "nein")
    return Text(f"best of {total} distributions, {node_text(distribution)}: {criterion.en}: {verdict_en}",
                f"beste von {total} Distributionen, {node_text(distribution)}: {criterion.de}: {verdict_de}")


def urls_not_checked(base: Text, count: int, reason: Text | None) -> Text:
    why_en = f" ({reason.en})" if reason else ""
    why_de = f" ({reason.de})" if reason else ""
    return Text(f"{base.en}; {count} URL(s) not checked{why_en}", f"{base.de}; {count} URL(s) nicht geprüft{why_de}")


def reachability_off() -> Text:
    return Text("no reachability check was supplied", "keine Erreichbarkeitsprüfung übergeben")


def reachability_failed(url: str, error: str) -> Text:
    return Text(f"the reachability check failed for {url}: {error}",
                f"die Erreichbarkeitsprüfung schlug fehl für {url}: {error}")
