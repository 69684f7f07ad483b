"""CKAN package JSON → DCAT-AP(.de) triples, the way ckanext-dcat's `euro_dcat_ap` profiles serialise a package
(`profiles/euro_dcat_ap_base.py: _graph_from_dataset_base`) plus the ckanext-dcatde extras GovData uses.

Field by field (dataset value first, then the same key in `extras`, as ckanext-dcat's `_get_dataset_value`):
* dataset IRI: extra `uri`, else `{site}/dataset/{id}`; rdf:type dcat:Dataset
* title → dct:title, notes → dct:description, url → dcat:landingPage, identifier|guid|id → dct:identifier (a
  literal: DCAT-AP's range), version → owl:versionInfo, frequency → dct:accrualPeriodicity, dcat_type → dct:type
* tags → dcat:keyword; issued|metadata_created → dct:issued; modified|metadata_modified → dct:modified
* language, theme, conforms_to, documentation (foaf:page), related_resource (dct:relation), has_version,
  is_version_of, source, sample → lists (JSON list text or comma separated); no `theme` extra → GovData groups
  named after an EU data theme (`regi` → …/data-theme/REGI)
* alternate_identifier → adms:identifier [skos:notation]; contact_* | maintainer | author → dcat:contactPoint
  vcard:Organization; publisher_* extras, else the organisation (`{site}/organization/{id}`, foaf:name = title)
  → dct:publisher foaf:Agent; temporal_start/_end → dct:temporal [dcat:startDate, dcat:endDate]; spatial_uri /
  spatial (GeoJSON) / spatial_text → dct:spatial; access_rights, provenance → statements (IRI, else a blank
  node with rdfs:label)
* ckanext-dcatde: contributorID, politicalGeocodingURI, politicalGeocodingLevelURI, geocodingText,
  legalbasisText, qualityProcessURI → dcatde:*
* resources → dcat:distribution: `uri` else `{site}/dataset/{package id}/resource/{id}`; name → dct:title,
  description, status → adms:status, license → dct:license (an IRI, else a dct:LicenseDocument with the text as
  rdfs:label), access_url / download_url, url → dcat:accessURL when neither differs; format/mimetype →
  dct:format / dcat:mediaType (IANA-looking values become media types); created/metadata_modified → issued /
  modified; size → dcat:byteSize; hash[/hash_algorithm] → spdx:checksum; documentation, language, conforms_to;
  rights; licenseAttributionByText, plannedAvailability → dcatde:*. The package's `license_url` (or an IRI
  `license_id`) is the licence of distributions that name none.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import quote

from lichtermeer.engines.dcat.terms import RDF_TYPE, XSD, BNode, Lit, Term

from .rdfio import Triple

DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
ADMS = "http://www.w3.org/ns/adms#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
LOCN = "http://www.w3.org/ns/locn#"
SPDX = "http://spdx.org/rdf/terms#"
DCATDE = "http://dcat-ap.de/def/dcatde/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_THEMES = frozenset({"AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI",
                       "TECH", "TRAN", "OP_DATPRO"})
GEOJSON = "https://www.iana.org/assignments/media-types/application/vnd.geo+json"

_URI = re.compile(r"(?:https?|ftp)://[^\s]+|(?:mailto|tel|urn):[^\s]+", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _text(value: object) -> str | None:
    """A scalar as text; containers and empties as None (hostile JSON may put anything anywhere)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


def is_uri(value: str) -> bool:
    return bool(_URI.fullmatch(value))


def clean_uri(value: str) -> str:
    """ckanext-dcat's CleanedURIRef: surrounding whitespace off, inner spaces percent-encoded."""
    return value.strip().replace(" ", "%20")


def uri_or_literal(value: str) -> Term:
    return clean_uri(value) if is_uri(value) else Lit(value)


def _list(value: object) -> list[str]:
    """A CKAN list field: a JSON list, a JSON-list text (extras), or comma-separated text."""
    if isinstance(value, list):
        return [t for t in map(_text, value) if t]
    text = _text(value)
    if text is None:
        return []
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list):
            return [t for t in map(_text, items) if t]
    return [part.strip() for part in text.split(",") if part.strip()]


def _date_literal(value: str) -> Lit | None:
    text = value.strip()
    if _DATE.fullmatch(text):
        return Lit(text, XSD + "date")
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return Lit(text)  # kept as text so nothing is lost; validation will say it is no date
    return Lit(text, XSD + "dateTime")


class _Builder:
    def __init__(self, package: dict, site_url: str) -> None:
        self.package, self.site = package, site_url.rstrip("/")
        extras = package.get("extras")
        self.extras: dict[str, object] = {}
        if isinstance(extras, list):
            for extra in extras:
                if isinstance(extra, dict) and isinstance(extra.get("key"), str):
                    self.extras[extra["key"]] = extra.get("value")
        self.triples: list[Triple] = []
        self._blank = 0

    def value(self, key: str, *fallbacks: str) -> str | None:
        for name in (key, *fallbacks):
            found = _text(self.package.get(name))
            if found is None:
                found = _text(self.extras.get(name))
            if found is not None:
                return found
        return None

    def values(self, key: str) -> list[str]:
        raw = self.package.get(key)
        return _list(raw if raw not in (None, "", []) else self.extras.get(key))

    def blank(self) -> BNode:
        self._blank += 1
        return BNode(f"_:c{self._blank}")

    def add(self, s: Term, p: str, o: Term | None) -> None:
        if o is not None and o != "":
            self.triples.append((s, p, o))

    def statement(self, s: Term, p: str, value: str | None, cls: str) -> None:
        """An IRI, or a blank node of `cls` labelled with the text (ckanext-dcat's `_add_statement_to_graph`)."""
        if not value:
            return
        if is_uri(value):
            self.add(s, p, clean_uri(value))
            return
        node = self.blank()
        self.add(s, p, node)
        self.add(node, RDF_TYPE, cls)
        self.add(node, RDFS + "label", Lit(value))


def dataset_iri(package: dict, site_url: str) -> str:
    builder = _Builder(package, site_url)
    uri = builder.value("uri")
    if uri and is_uri(uri):
        return clean_uri(uri)
    return f"{builder.site}/dataset/{quote(builder.value('id', 'name') or 'unknown', safe='-_.')}"


def package_triples(package: dict, site_url: str) -> list[Triple]:
    """The triples for one CKAN package (see module docstring)."""
    b = _Builder(package, site_url)
    ds = dataset_iri(package, site_url)
    b.add(ds, RDF_TYPE, DCAT + "Dataset")
    for key, predicate in (("title", DCT + "title"), ("notes", DCT + "description"),
                           ("version", OWL + "versionInfo"), ("version_notes", ADMS + "versionNotes")):
        text = b.value(key)
        b.add(ds, predicate, Lit(text) if text else None)
    landing = b.value("url")
    if landing and is_uri(landing):
        b.add(ds, DCAT + "landingPage", clean_uri(landing))
    identifier = b.value("identifier", "guid", "id")
    b.add(ds, DCT + "identifier", Lit(identifier) if identifier else None)
    for key, predicate in (("frequency", DCT + "accrualPeriodicity"), ("dcat_type", DCT + "type")):
        text = b.value(key)
        b.add(ds, predicate, uri_or_literal(text) if text else None)
    tags = package.get("tags")
    for tag in tags if isinstance(tags, list) else ():
        name = _text(tag.get("name")) if isinstance(tag, dict) else _text(tag)
        b.add(ds, DCAT + "keyword", Lit(name) if name else None)
    for key, fallback, predicate in (("issued", "metadata_created", DCT + "issued"),
                                     ("modified", "metadata_modified", DCT + "modified")):
        text = b.value(key, fallback)
        b.add(ds, predicate, _date_literal(text) if text else None)
    for key, predicate in (("language", DCT + "language"), ("conforms_to", DCT + "conformsTo"),
                           ("documentation", FOAF + "page"), ("related_resource", DCT + "relation"),
                           ("has_version", DCT + "hasVersion"), ("is_version_of", DCT + "isVersionOf"),
                           ("source", DCT + "source"), ("sample", ADMS + "sample")):
        for item in b.values(key):
            b.add(ds, predicate, uri_or_literal(item))
    _themes(b, ds)
    for item in b.values("alternate_identifier"):
        node = b.blank()
        b.add(ds, ADMS + "identifier", node)
        b.add(node, RDF_TYPE, ADMS + "Identifier")
        b.add(node, SKOS + "notation", Lit(item))
    _contact(b, ds)
    _publisher(b, ds)
    _temporal(b, ds)
    _spatial(b, ds)
    b.statement(ds, DCT + "accessRights", b.value("access_rights"), DCT + "RightsStatement")
    b.statement(ds, DCT + "provenance", b.value("provenance"), DCT + "ProvenanceStatement")
    for key in ("contributorID", "politicalGeocodingURI", "politicalGeocodingLevelURI", "qualityProcessURI"):
        for item in b.values(key):
            b.add(ds, DCATDE + key, uri_or_literal(item))
    for key, predicate in (("geocodingText", "geocodingDescription"), ("legalbasisText", "legalBasis")):
        text = b.value(key)
        b.add(ds, DCATDE + predicate, Lit(text) if text else None)
    fallback_license = _package_license(b)
    resources = package.get("resources")
    for resource in resources if isinstance(resources, list) else ():
        if isinstance(resource, dict):
            _distribution(b, ds, resource, fallback_license)
    return b.triples


def _themes(b: _Builder, ds: str) -> None:
    themes = b.values("theme")
    if not themes:  # GovData keeps the EU data themes as groups named after the code
        groups = b.package.get("groups")
        for group in groups if isinstance(groups, list) else ():
            name = (_text(group.get("name")) or "").upper() if isinstance(group, dict) else ""
            if name in EU_THEMES:
                themes.append(EU_THEME + name)
    for theme in themes:
        b.add(ds, DCAT + "theme", uri_or_literal(theme))


def _contact(b: _Builder, ds: str) -> None:
    name = b.value("contact_name", "maintainer", "author")
    email = b.value("contact_email", "maintainer_email", "author_email")
    uri = b.value("contact_uri")
    if not (name or email or uri):
        return
    node: Term = clean_uri(uri) if uri and is_uri(uri) else b.blank()
    b.add(ds, DCAT + "contactPoint", node)
    b.add(node, RDF_TYPE, VCARD + "Organization")
    b.add(node, VCARD + "fn", Lit(name) if name else None)
    if email:
        b.add(node, VCARD + "hasEmail", clean_uri(email if email.startswith("mailto:") else "mailto:" + email))
    url = b.value("contact_url")
    if url and is_uri(url):
        b.add(node, VCARD + "hasURL", clean_uri(url))


def _publisher(b: _Builder, ds: str) -> None:
    uri, name = b.value("publisher_uri"), b.value("publisher_name")
    details: dict[str, str | None]
    if uri or name:
        node: Term = clean_uri(uri) if uri and is_uri(uri) else b.blank()
        details = {"name": name, "email": b.value("publisher_email"), "url": b.value("publisher_url"),
                   "type": b.value("publisher_type")}
    elif isinstance(b.package.get("organization"), dict):
        organization = b.package["organization"]
        org_name = _text(organization.get("id")) or _text(organization.get("name"))  # ckanext-dcat uses the id
        if not org_name:
            return
        node = f"{b.site}/organization/{quote(org_name, safe='-_.')}"
        details = {"name": _text(organization.get("title")), "email": None, "url": None, "type": None}
    else:
        return
    b.add(ds, DCT + "publisher", node)
    b.add(node, RDF_TYPE, FOAF + "Agent")
    b.add(node, FOAF + "name", Lit(details["name"]) if details["name"] else None)
    b.add(node, FOAF + "mbox", Lit(details["email"]) if details["email"] else None)
    if details["url"] and is_uri(details["url"]):
        b.add(node, FOAF + "homepage", clean_uri(details["url"]))
    if details["type"]:
        b.add(node, DCT + "type", uri_or_literal(details["type"]))


def _temporal(b: _Builder, ds: str) -> None:
    start, end = b.value("temporal_start"), b.value("temporal_end")
    if not (start or end):
        return
    node = b.blank()
    b.add(ds, DCT + "temporal", node)
    b.add(node, RDF_TYPE, DCT + "PeriodOfTime")
    b.add(node, DCAT + "startDate", _date_literal(start) if start else None)
    b.add(node, DCAT + "endDate", _date_literal(end) if end else None)


def _spatial(b: _Builder, ds: str) -> None:
    uri, geometry, text = b.value("spatial_uri"), b.value("spatial"), b.value("spatial_text")
    if not (uri or geometry or text):
        return
    node: Term = clean_uri(uri) if uri and is_uri(uri) else b.blank()
    b.add(ds, DCT + "spatial", node)
    b.add(node, RDF_TYPE, DCT + "Location")
    b.add(node, SKOS + "prefLabel", Lit(text) if text else None)
    b.add(node, LOCN + "geometry", Lit(geometry, GEOJSON) if geometry else None)


def _package_license(b: _Builder) -> str | None:
    for key in ("license_url", "license_id"):
        value = b.value(key)
        if value and is_uri(value):
            return clean_uri(value)
    return None


def _media_type_and_format(resource: dict) -> tuple[str | None, str | None]:
    """ckanext-dcat: an IANA-looking `format` (and no different mimetype) is a media type, not a format."""
    mimetype, fmt = _text(resource.get("mimetype")), _text(resource.get("format"))
    if fmt and (not mimetype or mimetype == fmt):
        if "iana.org/assignments/media-types" in fmt or (not fmt.startswith("http") and "/" in fmt):
            return fmt, None
        return None, fmt
    return mimetype, fmt


def _distribution(b: _Builder, ds: str, resource: dict, fallback_license: str | None) -> None:
    uri = _text(resource.get("uri"))
    if uri and is_uri(uri):
        node = clean_uri(uri)
    else:
        package_id = b.value("id", "name") or "unknown"
        resource_id = _text(resource.get("id")) or str(len(b.triples))
        node = f"{b.site}/dataset/{quote(package_id, safe='-_.')}/resource/{quote(resource_id, safe='-_.')}"
    b.add(ds, DCAT + "distribution", node)
    b.add(node, RDF_TYPE, DCAT + "Distribution")
    for key, predicate in (("name", DCT + "title"), ("description", DCT + "description")):
        text = _text(resource.get(key))
        b.add(node, predicate, Lit(text) if text else None)
    status = _text(resource.get("status"))
    b.add(node, ADMS + "status", uri_or_literal(status) if status else None)
    license_ = _text(resource.get("license"))
    if license_ and not is_uri(license_):
        b.statement(node, DCT + "license", license_, DCT + "LicenseDocument")
    else:
        b.add(node, DCT + "license", clean_uri(license_) if license_ else fallback_license)
    access, download, url = (_text(resource.get(k)) for k in ("access_url", "download_url", "url"))
    for value, predicate in ((access, DCAT + "accessURL"), (download, DCAT + "downloadURL")):
        if value and is_uri(value):
            b.add(node, predicate, clean_uri(value))
    if url and is_uri(url) and not access and url != download:
        b.add(node, DCAT + "accessURL", clean_uri(url))
    media_type, fmt = _media_type_and_format(resource)
    b.add(node, DCAT + "mediaType", uri_or_literal(media_type) if media_type else None)
    b.add(node, DCT + "format", uri_or_literal(fmt) if fmt else None)
    for key, fallback, predicate in (("issued", "created", DCT + "issued"),
                                     ("modified", "metadata_modified", DCT + "modified")):
        text = _text(resource.get(key)) or _text(resource.get(fallback))
        b.add(node, predicate, _date_literal(text) if text else None)
    size = _text(resource.get("size"))
    if size:
        b.add(node, DCAT + "byteSize", Lit(size, XSD + "decimal") if re.fullmatch(r"\d+(\.\d+)?", size) else Lit(size))
    checksum = _text(resource.get("hash"))
    if checksum:
        holder = b.blank()
        b.add(node, SPDX + "checksum", holder)
        b.add(holder, RDF_TYPE, SPDX + "Checksum")
        b.add(holder, SPDX + "checksumValue", Lit(checksum, XSD + "hexBinary"))
        algorithm = _text(resource.get("hash_algorithm"))
        b.add(holder, SPDX + "algorithm", uri_or_literal(algorithm) if algorithm else None)
    for key, predicate in (("documentation", FOAF + "page"), ("language", DCT + "language"),
                           ("conforms_to", DCT + "conformsTo")):
        for item in _list(resource.get(key)):
            b.add(node, predicate, uri_or_literal(item))
    b.statement(node, DCT + "rights", _text(resource.get("rights")), DCT + "RightsStatement")
    attribution = _text(resource.get("licenseAttributionByText"))
    b.add(node, DCATDE + "licenseAttributionByText", Lit(attribution) if attribution else None)
    availability = _text(resource.get("plannedAvailability"))
    b.add(node, DCATDE + "plannedAvailability", uri_or_literal(availability) if availability else None)
