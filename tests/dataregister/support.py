"""Register rows built with the ORM (no harvesting, no engines): sources, runs and datasets with made-up but
plausible values, shaped like what services.store_record stores."""

from __future__ import annotations

from lichtermeer.dataregister.models import Dataset, HarvestRun, Source, ValidationResult

MDK = "https://musterdatenkatalog.de/def/musterdatensatz/"
# Real Musterdatenkatalog V4 concepts: key → (URI, Thema, Bezeichnung).
CATEGORIES = {
    "bebauungsplan": (MDK + "raumplanung/bebauungsplan", "Raumplanung", "Bebauungsplan"),
    "baumkataster": (MDK + "floraUndFauna/baumbestand/baumkataster", "Flora und Fauna", "Baumbestand - Baumkataster"),
    "haushalt": (MDK + "finanzen/haushalt/plan", "Finanzen", "Haushalt - Plan"),
    "parkplatz": (MDK + "verkehr/kfz/parkplatz", "Verkehr", "KFZ - Parkplatz"),
    "kommunalwahl": (MDK + "politischePartizipation/wahl/kommunalwahl", "Politische Partizipation",
                     "Wahl - Kommunalwahl"),
    "wahllokal": (MDK + "politischePartizipation/wahl/wahllokal", "Politische Partizipation", "Wahl - Wahllokal"),
}
SH = "http://www.w3.org/ns/shacl#"
DIMENSIONS = {"findability": ("Findability", "Auffindbarkeit", 100),
              "accessibility": ("Accessibility", "Zugänglichkeit", 100),
              "interoperability": ("Interoperability", "Interoperabilität", 110),
              "reusability": ("Reusability", "Wiederverwendbarkeit", 75),
              "contextuality": ("Contextuality", "Kontextualität", 20)}
BAND_OF = [(351, "excellent"), (221, "good"), (121, "sufficient"), (0, "bad")]


def band(total: int) -> str:
    return next(name for low, name in BAND_OF if total >= low)


def quality(total: int) -> dict:
    """An MQA result as DatasetScore.to_dict() stores it, with the points spread over the dimensions."""
    share = total / 405
    dimensions = {name: {"points": round(maximum * share, 1), "maximum": maximum, "label": {"en": en, "de": de}}
                  for name, (en, de, maximum) in DIMENSIONS.items()}
    indicators = [
        {"id": "F1", "dimension": "findability", "points": 30.0, "maximum": 30, "met": True, "status": "met",
         "satisfied": 1.0, "population": 1, "open_points": 0.0,
         "label": {"en": "Keyword usage", "de": "Verwendung von Schlagwörtern"},
         "detail": {"en": "dataset has dcat:keyword (3 values)", "de": "Datensatz hat dcat:keyword (3 Werte)"}},
        {"id": "A1", "dimension": "accessibility", "points": 0.0, "maximum": 50, "met": None,
         "status": "not_checked", "satisfied": 0.0, "population": 1, "open_points": 50.0,
         "label": {"en": "AccessURL accessibility", "de": "Erreichbarkeit der AccessURL"},
         "detail": {"en": "not checked: 1 URL", "de": "nicht geprüft: 1 URL"}},
        {"id": "R1", "dimension": "reusability", "points": 0.0, "maximum": 20, "met": False, "status": "not_met",
         "satisfied": 0.0, "population": 1, "open_points": 0.0,
         "label": {"en": "License information", "de": "Lizenzinformationen"},
         "detail": {"en": "dataset has no dct:license", "de": "Datensatz hat keine dct:license"}},
    ]
    return {"dataset": "", "source": "x.nt", "title": "", "total": float(total), "maximum": 405, "band": band(total),
            "dimensions": dimensions, "unchecked": ["A1"], "unchecked_points": 50.0, "upper_bound": total + 50,
            "distributions": 1, "rule": "share", "indicators": indicators}


def make_source(organisation, municipality=None, *, slug: str = "", name: str = "", kind: str = "dcat",
                url: str = "") -> Source:
    slug = slug or f"quelle-{Source.objects.count() + 1}"
    return Source.objects.create(slug=slug, name=name or f"Open-Data-Portal {slug}", kind=kind,
                                 url=url or f"https://{slug}.example.org/catalog.rdf", organisation=organisation,
                                 municipality=municipality)


def make_run(source: Source, **values) -> HarvestRun:
    return HarvestRun.objects.create(source=source, **values)


def make_dataset(source: Source, title: str, *, category: str | None = "bebauungsplan", total: int = 250,
                 formats=("CSV",), license: str = "http://dcat-ap.de/def/licenses/dl-by-de/2.0",  # noqa: A002
                 confidence: float = 0.91, needs_confirmation: bool = False, municipality=..., description: str = "",
                 distributions=None, violations: int = 0, publisher: str = "Stadtverwaltung") -> Dataset:
    number = Dataset.objects.count() + 1
    uri, thema, bezeichnung = CATEGORIES[category] if category else ("", "", "")
    iri = f"https://{source.slug}.example.org/dataset/{number}"
    if distributions is None:
        distributions = [{"iri": f"{iri}/csv", "title": f"{title} (CSV)", "format": formats[0] if formats else None,
                          "media_type": "text/csv", "access_urls": [f"{iri}/download.csv"],
                          "download_urls": [f"{iri}/download.csv"], "license": license}]
    return Dataset.objects.create(
        source=source, municipality=source.municipality if municipality is ... else municipality,
        identifier=f"{source.slug}-{number}", iri=iri, title=title,
        description=description or f"{title}: Daten der Stadtverwaltung, jährlich aktualisiert.",
        keywords=["Stadtplanung", "Open Data"], publisher=publisher, license=license, formats=list(formats),
        distributions=distributions, landing_page=f"https://{source.slug}.example.org/dataset/{number}.html",
        issued="2023-04-01T00:00:00", modified="2025-02-11T08:30:00", rdf="", content_hash=f"{number:064d}",
        violations=violations, shacl_warnings=1, quality_total=total, quality_band=band(total), quality=quality(total),
        mdk_uri=uri, mdk_thema=thema, mdk_bezeichnung=bezeichnung, mdk_confidence=confidence if uri else 0,
        mdk_source=Dataset.Category.CLASSIFIER if uri else "", mdk_needs_confirmation=needs_confirmation,
        mdk_explanation={"words": [{"term": "Bebauungsplan", "weight": 1.42}, {"term": "Satzung", "weight": 0.21}],
                         "neighbours": [{"title": "Bebauungsplan Nr. 7 Hafenkante", "label": "Raumplanung - "
                                         "Bebauungsplan", "uri": CATEGORIES["bebauungsplan"][0], "similarity": 0.62,
                                         "source": "v4"}]} if uri else {},
    )


def add_results(dataset: Dataset) -> None:
    """One violation on the dataset, one warning on its first distribution, one outside both."""
    distribution = dataset.distributions[0]["iri"]
    ValidationResult.objects.bulk_create([
        ValidationResult(dataset=dataset, resource=dataset.iri, focus=dataset.iri,
                         path="http://purl.org/dc/terms/description", component=SH + "MinCountConstraintComponent",
                         severity=SH + "Violation", message="dcat:Dataset: dcterms:description MUSS vorhanden sein"),
        ValidationResult(dataset=dataset, resource=distribution, focus='"csv"',
                         path="http://www.w3.org/2004/02/skos/core#inScheme",
                         component=SH + "HasValueConstraintComponent", severity=SH + "Warning",
                         message="dcat:Distribution: dcterms:format SOLL folgendes Vokabular benutzen"),
        ValidationResult(dataset=dataset, resource="", focus="_:b0", path="http://www.w3.org/2006/vcard/ns#fn",
                         component=SH + "MinCountConstraintComponent", severity=SH + "Info",
                         message="vcard:Kind: vcard:fn SOLLTE vorhanden sein"),
    ])
