"""Controlled vocabularies of the platform facts that publiccode.yml does not carry."""

from django.utils.translation import gettext_lazy as _

DOMAINS = {
    "mobility": _("Mobility"),
    "energy": _("Energy"),
    "environment": _("Environment and climate"),
    "participation": _("Participation"),
    "administration": _("Administration"),
    "open-data": _("Open data"),
    "urban-data-platform": _("Urban data platform"),
    "geodata": _("Geodata"),
    "communication": _("Communication"),
    "collaboration": _("Collaboration"),
    "iot": _("Internet of things"),
    "education": _("Education"),
    "health": _("Health"),
    "safety": _("Safety and disaster control"),
    "tourism": _("Tourism"),
    "culture": _("Culture"),
    "social": _("Social affairs"),
    "building": _("Building and housing"),
    "infrastructure": _("Infrastructure"),
}

HOSTING_MODELS = {
    "saas": _("Software as a service"),
    "on-premises": _("On premises (own operation)"),
    "shared-service": _("Shared service"),
    "managed-hosting": _("Managed hosting"),
}

PRICE_MODELS = {
    "free-open-source": _("Free (open source)"),
    "subscription": _("Subscription"),
    "license-fee": _("Licence fee"),
    "per-use": _("Pay per use"),
    "on-request": _("On request"),
}

# A first, flat list; the curated standards register with versions and URIs arrives with the interop app.
STANDARDS = {
    "ngsi-ld": "NGSI-LD",
    "ngsi-v2": "NGSI v2",
    "ogc-sensorthings": "OGC SensorThings API",
    "ogc-api-features": "OGC API – Features",
    "wms": "OGC WMS",
    "wfs": "OGC WFS",
    "wmts": "OGC WMTS",
    "csw": "OGC CSW",
    "dcat-ap-de": "DCAT-AP.de",
    "dcat-ap": "DCAT-AP",
    "oparl": "OParl",
    "mqtt": "MQTT",
    "lorawan": "LoRaWAN",
    "oidc": "OpenID Connect",
    "saml": "SAML 2.0",
    "ldap": "LDAP",
    "caldav": "CalDAV",
    "webdav": "WebDAV",
    "xmpp": "XMPP",
    "matrix": "Matrix",
    "sip": "SIP",
    "webrtc": "WebRTC",
    "gtfs": "GTFS",
    "gtfs-rt": "GTFS Realtime",
    "netex": "NeTEx",
    "siri": "SIRI",
    "datex-ii": "DATEX II",
    "csv": "CSV",
    "geojson": "GeoJSON",
    "json-ld": "JSON-LD",
    "openapi": "OpenAPI",
    "odata": "OData",
    "ckan-api": "CKAN Action API",
    "open311": "Open311 GeoReport v2",
    "smart-data-models": "Smart Data Models",
    "xplanung": "XPlanung",
    "xbau": "XBau",
    "fit-connect": "FIT-Connect",
    "osci": "OSCI-Transport",
    "activitypub": "ActivityPub",
    "s3": "Amazon S3 API",
}

STANDARD_ROLES = {
    "server": _("server"),
    "client": _("client"),
    "publisher": _("publisher"),
    "subscriber": _("subscriber"),
    "provider": _("provider"),
    "consumer": _("consumer"),
}

DEVELOPMENT_STATUS = {
    "concept": _("Concept"),
    "development": _("In development"),
    "beta": _("Beta"),
    "stable": _("Stable"),
    "obsolete": _("Obsolete"),
}

MAINTENANCE_TYPES = {
    "internal": _("Internal"),
    "contract": _("Contract"),
    "community": _("Community"),
    "none": _("None"),
}

SOFTWARE_TYPES = {
    "standalone/web": _("Standalone web application"),
    "standalone/mobile": _("Mobile app"),
    "standalone/desktop": _("Desktop application"),
    "standalone/backend": _("Backend service"),
    "standalone/iot": _("IoT software"),
    "standalone/other": _("Other standalone software"),
    "addon": _("Add-on"),
    "library": _("Library"),
    "configurationFiles": _("Configuration files"),
}
