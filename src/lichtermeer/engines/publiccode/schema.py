"""The publiccode.yml v0 schema as parser-go declares it (struct fields + validate tags).

Field order matters: parser-go reports the first decoding error and all validation errors
in struct-field order, so this table follows the Go struct, not the standard's text.
Rules are go-playground/validator tags, evaluated left to right; the first failing rule
of a field is reported and the field's later rules (including `dive`) are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Str:
    """A string (Go `string`/`*string`); scalars of other types are converted like goccy does."""


@dataclass(frozen=True)
class Bool:
    """A YAML 1.2 boolean; `yes`/`no`/`on`/`off` are strings and therefore wrong types."""


@dataclass(frozen=True)
class Url:
    """A URL kept as its text; an unparsable URL is a decoding error (Go's url.Parse)."""


@dataclass(frozen=True)
class UrlOrList:
    """`isBasedOn`: one URL or a list of URLs, always a list once decoded."""


@dataclass(frozen=True)
class ListOf:
    item: Kind


@dataclass(frozen=True)
class MapOf:
    item: Kind


@dataclass(frozen=True)
class Struct:
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


Kind = Union[Str, Bool, Url, UrlOrList, ListOf, MapOf, Struct]  # noqa: UP007 - forward refs


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    rules: tuple[tuple, ...] = ()
    # Go pointer fields: absent or null means nil (rules starting with omitnil skip it)
    # instead of the zero value ("" for strings, an empty struct that is still validated).
    pointer: bool = False


def _f(name: str, kind: Kind, *rules: tuple, pointer: bool = False) -> Field:
    return Field(name, kind, tuple(rules), pointer)


REQUIRED = ("required",)
OMITEMPTY = ("omitempty",)
OMITNIL = ("omitnil",)
DIVE = ("dive",)
MORE_THAN_ZERO = ("gt", 0)

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = ("standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library", "configurationFiles")
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
COUNTRY_EXTENSION_VERSIONS = ("0.2", "1.0")

ORGANISATION = Struct((
    _f("name", Str(), pointer=True),
    _f("uri", Str(), REQUIRED, ("organisation_uri",)),
))

SUPPORT = Struct((
    _f("id", Str(), REQUIRED, ("supports_id",)),
))

DESCRIPTION = Struct((
    _f("localisedName", Str(), pointer=True),
    _f("genericName", Str(), ("umax", 35)),
    _f("shortDescription", Str(), REQUIRED, ("umax", 150)),
    _f("longDescription", Str(), REQUIRED, ("umin", 150), ("umax", 10000)),
    _f("documentation", Url(), OMITNIL, ("http_url",), pointer=True),
    _f("apiDocumentation", Url(), OMITNIL, ("http_url",), pointer=True),
    _f("features", ListOf(Str()), MORE_THAN_ZERO, DIVE),
    _f("screenshots", ListOf(Str())),
    _f("videos", ListOf(Url()), DIVE, OMITNIL, ("http_url",)),
    _f("awards", ListOf(Str())),
))

CONTRACTOR = Struct((
    _f("name", Str(), REQUIRED),
    _f("email", Str(), OMITEMPTY, ("email",), pointer=True),
    _f("website", Url(), OMITNIL, ("http_url",), pointer=True),
    _f("until", Str(), REQUIRED, ("date",)),
))

CONTACT = Struct((
    _f("name", Str(), REQUIRED),
    _f("email", Str(), OMITEMPTY, ("email",), pointer=True),
    _f("affiliation", Str(), pointer=True),
    _f("phone", Str(), OMITEMPTY, pointer=True),
))

DEPENDENCY = Struct((
    _f("name", Str(), REQUIRED, MORE_THAN_ZERO),
    _f("versionMin", Str(), pointer=True),
    _f("versionMax", Str(), pointer=True),
    _f("optional", Bool(), pointer=True),
    _f("version", Str(), pointer=True),
))

IT_SECTION = Struct((
    _f("countryExtensionVersion", Str(), OMITNIL, ("oneof", COUNTRY_EXTENSION_VERSIONS), pointer=True),
    _f("conforme", Struct((
        _f("lineeGuidaDesign", Bool(), pointer=True),
        _f("modelloInteroperabilita", Bool(), pointer=True),
        _f("misureMinimeSicurezza", Bool(), pointer=True),
        _f("gdpr", Bool(), pointer=True),
    )), pointer=True),
    _f("riuso", Struct((
        _f("codiceIPA", Str(), OMITEMPTY, ("italian_ipa_code",)),
    ))),
    _f("piattaforme", Struct((
        _f("spid", Bool()),
        _f("pagopa", Bool()),
        _f("cie", Bool()),
        _f("anpr", Bool()),
        _f("io", Bool()),
    ))),
))

PUBLICCODE_V0 = Struct((
    _f("publiccodeYmlVersion", Str(), REQUIRED),
    _f("name", Str(), REQUIRED),
    _f("applicationSuite", Str()),
    _f("url", Url(), REQUIRED, ("url",), pointer=True),
    _f("landingURL", Url(), OMITNIL, ("http_url",), pointer=True),
    _f("isBasedOn", UrlOrList(), OMITEMPTY, DIVE, ("url",)),
    _f("softwareVersion", Str()),
    _f("releaseDate", Str(), OMITNIL, ("date",), pointer=True),
    _f("logo", Str(), pointer=True),
    _f("monochromeLogo", Str(), pointer=True),
    _f("organisation", ORGANISATION, pointer=True),
    _f("inputTypes", ListOf(Str()), OMITEMPTY, DIVE, ("mime_type",)),
    _f("outputTypes", ListOf(Str()), OMITEMPTY, DIVE, ("mime_type",)),
    _f("platforms", ListOf(Str()), MORE_THAN_ZERO),
    _f("categories", ListOf(Str()), OMITEMPTY, DIVE, ("category",)),
    _f("usedBy", ListOf(Str())),
    _f("fundedBy", ListOf(ORGANISATION), OMITEMPTY, DIVE),
    _f("roadmap", Url(), OMITNIL, ("http_url",), pointer=True),
    _f("developmentStatus", Str(), REQUIRED, ("oneof", DEVELOPMENT_STATUSES)),
    _f("softwareType", Str(), REQUIRED, ("oneof", SOFTWARE_TYPES)),
    _f("supports", ListOf(SUPPORT), OMITEMPTY, DIVE),
    _f("intendedAudience", Struct((
        _f("scope", ListOf(Str()), OMITEMPTY, DIVE, ("scope",)),
        _f("countries", ListOf(Str()), OMITEMPTY, DIVE, ("country",)),
        _f("unsupportedCountries", ListOf(Str()), OMITEMPTY, DIVE, ("country",)),
    )), pointer=True),
    _f("description", MapOf(DESCRIPTION), MORE_THAN_ZERO, ("bcp47_keys",), DIVE),
    _f("legal", Struct((
        _f("license", Str(), REQUIRED, ("spdx_expression",)),
        _f("mainCopyrightOwner", Str(), pointer=True),
        _f("repoOwner", Str(), pointer=True),
        _f("authorsFile", Str(), pointer=True),
    ))),
    _f("maintenance", Struct((
        _f("type", Str(), REQUIRED, ("oneof", MAINTENANCE_TYPES)),
        _f("contractors", ListOf(CONTRACTOR), ("required_if", "type", "contract"),
           ("excluded_unless", "type", "contract"), DIVE),
        _f("contacts", ListOf(CONTACT), ("required_if", "type", "community"),
           ("required_if", "type", "internal"), DIVE),
    ))),
    _f("localisation", Struct((
        _f("localisationReady", Bool(), REQUIRED, pointer=True),
        _f("availableLanguages", ListOf(Str()), REQUIRED, MORE_THAN_ZERO, DIVE, ("bcp47",)),
    ))),
    _f("dependsOn", Struct((
        _f("open", ListOf(DEPENDENCY), OMITEMPTY, DIVE),
        _f("proprietary", ListOf(DEPENDENCY), OMITEMPTY, DIVE),
        _f("hardware", ListOf(DEPENDENCY), OMITEMPTY, DIVE),
    )), pointer=True),
    _f("IT", IT_SECTION, pointer=True),
    # Deprecated lowercase spelling, kept for old files; checks.py warns about it.
    _f("it", IT_SECTION, pointer=True),
))

# Versions parser-go accepts, in its own order (used verbatim in the error message).
SUPPORTED_VERSIONS = ("0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0",
                      "0.5.0", "0.5", "0.7.0", "0.7")
CURRENT_VERSIONS = ("0", "0.7", "0.7.0")
