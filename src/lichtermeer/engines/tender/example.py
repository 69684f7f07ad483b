"""A realistic example spec (fictitious authority) for `lichtermeer tender example`, the docs and the tests.

Requirements are taken from the catalogue of base requirements 1.0.0 (data/catalogue/basisanforderungen-1.0.0.yaml);
the URLs of the EVB-IT page and the standards are examples the app replaces with its register entries. Weights
follow the UfAB engine's rule (docs/ufab.md): top level 100, a group's criteria add up to the group's weight.
"""

from __future__ import annotations

import datetime as dt

from .model import (
    Authority,
    CriterionRow,
    EvbIt,
    MethodDescription,
    RequirementItem,
    SolutionRef,
    StandardItem,
    TenderSpec,
)

CATALOGUE = "Basisanforderungen 1.0.0"
DSGVO = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
DATA_ACT = "https://eur-lex.europa.eu/eli/reg/2023/2854/oj"


def _catalogue(ident: str, level: str, title: str, text: str, source: str, url: str = "") -> RequirementItem:
    return RequirementItem(id=ident, title=title, text=text, level=level, source=source, source_url=url,
                           catalogue_version=CATALOGUE)


def example_spec() -> TenderSpec:
    requirements = [
        _catalogue("LM-DS-01", "MUSS", "Verarbeitung in der EU/im EWR oder mit geeigneten Garantien",
                   "Personenbezogene Daten MÜSSEN in der EU oder im EWR verarbeitet werden; eine Übermittlung in "
                   "Drittländer ist nur mit geeigneten Garantien nach Kapitel V DSGVO zulässig.",
                   "Verordnung (EU) 2016/679 (DSGVO), Art. 44", DSGVO),
        _catalogue("LM-DS-02", "MUSS", "Vertrag zur Auftragsverarbeitung",
                   "Der Anbieter MUSS einen Vertrag zur Auftragsverarbeitung mit den Inhalten nach Art. 28 Abs. 3 "
                   "DSGVO anbieten und die technischen und organisatorischen Maßnahmen beschreiben.",
                   "Verordnung (EU) 2016/679 (DSGVO), Art. 28 Abs. 3", DSGVO),
        _catalogue("LM-IS-01", "MUSS", "Verschlüsselung bei der Übertragung (TLS)",
                   "Alle Verbindungen über öffentliche Netze MÜSSEN mit TLS nach BSI TR-02102-2 verschlüsselt sein.",
                   "BSI TR-02102-2"),
        _catalogue("LM-PA-01", "MUSS", "Vollständiger Datenexport in offenen, maschinenlesbaren Formaten",
                   "Die Vergabestelle MUSS alle von ihr eingebrachten und erzeugten Daten jederzeit und bei "
                   "Vertragsende vollständig in offenen, dokumentierten, maschinenlesbaren Formaten exportieren "
                   "können.", "Verordnung (EU) 2023/2854 (Data Act), Kapitel VI", DATA_ACT),
        _catalogue("LM-BF-01", "MUSS", "Barrierefreie Benutzeroberflächen (EN 301 549, WCAG 2.1 AA)",
                   "Alle Benutzeroberflächen MÜSSEN die Anforderungen der EN 301 549 V3.2.1 erfüllen; die "
                   "Konformität ist durch einen Prüfbericht zu belegen.",
                   "ETSI EN 301 549 V3.2.1 (2021-03), Abschnitte 9 und 11"),
        _catalogue("LM-OS-01", "MUSS", "Dokumentierte Programmierschnittstelle (OpenAPI 3.x)",
                   "Die Lösung MUSS ihre Funktionen über eine mit OpenAPI 3.x beschriebene Schnittstelle "
                   "bereitstellen.", "OpenAPI Specification 3.1.0", "https://spec.openapis.org/oas/v3.1.0"),
        _catalogue("LM-OS-02", "SOLL", "Unterstützung einschlägiger offener Standards",
                   "Die Lösung SOLL die für ihren Anwendungsbereich einschlägigen offenen Standards unterstützen, "
                   "für Sensordaten insbesondere OGC SensorThings API oder NGSI-LD.",
                   "ETSI GS CIM 009 (NGSI-LD API)"),
        _catalogue("LM-IS-06", "SOLL", "Nachweis der Informationssicherheit des Betriebs (C5 oder ISO/IEC 27001)",
                   "Der Betrieb SOLL durch ein C5-Testat oder ein ISO/IEC-27001-Zertifikat nachgewiesen werden.",
                   "BSI C5:2020"),
        _catalogue("LM-BF-03", "SOLL", "Barrierefreie Dokumentation und Unterstützung",
                   "Dokumentation und Unterstützungsdienste SOLLEN barrierefrei nach EN 301 549 Abschnitt 12 sein.",
                   "ETSI EN 301 549 V3.2.1 (2021-03), Abschnitt 12"),
        _catalogue("LM-PA-03", "KANN", "Betrieb in eigener Verantwortung möglich",
                   "Die Lösung KANN so bereitgestellt werden, dass die Vergabestelle oder ein von ihr beauftragter "
                   "Dritter sie selbst betreiben kann.",
                   "Verordnung (EU) 2023/2854 (Data Act), Art. 23", DATA_ACT),
        RequirementItem(id="VS-01", title="Übernahme der Bestandsdaten", level="MUSS", own=True,
                        text="Der Auftragnehmer übernimmt die Messreihen der 48 vorhandenen Umweltsensoren seit 2021 "
                             "(etwa 30 Millionen Messwerte, CSV) vollständig in die Plattform."),
        RequirementItem(id="VS-02", title="Schulung der Fachämter", level="SOLL", own=True,
                        text="Der Auftragnehmer schult bis zu 15 Beschäftigte der Fachämter in zwei Terminen vor Ort "
                             "oder online.\nSchulungsunterlagen werden barrierefrei bereitgestellt."),
    ]
    criteria = [
        CriterionRow("A1", "Verarbeitung in der EU/im EWR", "A", requirement_id="LM-DS-01"),
        CriterionRow("A2", "Vertrag zur Auftragsverarbeitung", "A", requirement_id="LM-DS-02"),
        CriterionRow("A3", "Vollständiger Datenexport in offenen Formaten", "A", requirement_id="LM-PA-01"),
        CriterionRow("A4", "Barrierefreie Benutzeroberflächen", "A", requirement_id="LM-BF-01"),
        CriterionRow("G1", "Schnittstellen und Standards", "group", 40),
        CriterionRow("B1.1", "OGC SensorThings API 1.1 (Server)", "B", 20, parent="G1", requirement_id="LM-OS-02"),
        CriterionRow("B1.2", "Empfang von Messwerten über MQTT", "B", 12, parent="G1"),
        CriterionRow("B1.3", "Veröffentlichung der Metadaten nach DCAT-AP.de", "B", 8, parent="G1"),
        CriterionRow("G2", "Betrieb, Sicherheit und Ausstieg", "group", 35),
        CriterionRow("B2.1", "Nachweis der Informationssicherheit (C5 oder ISO/IEC 27001)", "B", 15, parent="G2",
                     requirement_id="LM-IS-06"),
        CriterionRow("B2.2", "Betrieb in eigener Verantwortung möglich", "B", 10, parent="G2",
                     requirement_id="LM-PA-03"),
        CriterionRow("B2.3", "Konzept für Datenübernahme und Ausstieg", "B", 10, parent="G2",
                     requirement_id="VS-01"),
        CriterionRow("B3", "Barrierefreie Dokumentation und Schulung", "B", 25, requirement_id="LM-BF-03"),
    ]
    return TenderSpec(
        title="Plattform für Sensor- und Umweltdaten (Urbane Datenplattform, IoT-Modul)",
        subject=(
            "Die Stadt Beispielhausen beschafft eine Plattform, die Messwerte städtischer Sensoren (Luftqualität, "
            "Lärm, Pegelstände, Parkraum) empfängt, speichert, über offene Schnittstellen bereitstellt und als "
            "offene Daten veröffentlicht.\n\n"
            "Die Leistung umfasst die Bereitstellung der Software, die Einrichtung, die Übernahme der Bestandsdaten, "
            "den Betrieb oder die Unterstützung des Betriebs für zunächst 36 Monate sowie die Schulung der "
            "Fachämter. Die Plattform muss mit der vorhandenen Geodateninfrastruktur (WMS/WFS) und dem Open-Data-"
            "Portal der Stadt zusammenarbeiten."),
        authority=Authority(name="Stadt Beispielhausen (fiktives Beispiel)", ags="09999001"),
        reference="VG-2027-014",
        issued_on=dt.date(2027, 3, 12),
        evb_it=EvbIt(code="cloud", label="EVB-IT Cloud",
                     url="https://www.digitale-verwaltung.de/Webs/DV/DE/aktuelles-service/it-einkauf/evb-it-und-bvb/"
                         "aktuelle_evb-it-node.html"),
        requirements=requirements,
        standards=[
            StandardItem("ogc-sensorthings", "OGC SensorThings API", "1.1", "https://www.ogc.org/standards/sensorthings/",
                         "server"),
            StandardItem("mqtt", "MQTT", "5.0", "https://docs.oasis-open.org/mqtt/mqtt/v5.0/mqtt-v5.0.html",
                         "subscriber"),
            StandardItem("dcat-ap-de", "DCAT-AP.de", "3.0", "https://www.dcat-ap.de/", "publisher"),
            StandardItem("wms", "OGC WMS", "1.3.0", "https://www.ogc.org/standards/wms/", "client"),
            StandardItem("openid-connect", "OpenID Connect", "1.0",
                         "https://openid.net/specs/openid-connect-core-1_0.html", "client"),
        ],
        operating_models=["saas", "on-premises", "managed-hosting"],
        method=MethodDescription(code="extended", band=0.05, decision="performance"),
        criteria=criteria,
        market_survey=[
            SolutionRef("FROST-Server", "Fraunhofer IOSB", "https://github.com/FraunhoferIOSB/FROST-Server"),
            SolutionRef("FIWARE Orion Context Broker", "FIWARE Foundation", "https://github.com/telefonicaid/fiware-orion"),
            SolutionRef("Demo Klimadaten-Dashboard", "Demo-Anbieter (fiktiv)", ""),
        ],
    )
