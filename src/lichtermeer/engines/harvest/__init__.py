"""Harvesting engine (plain Python, no Django): DCAT catalogue endpoints with Hydra paging and CKAN portals.

    from lichtermeer.engines.harvest import SourceConfig, harvest, Record, SourceError

    source = SourceConfig("https://www.opendata-hro.de/catalog.rdf", kind="dcat")
    for item in harvest(source, since=last_run, progress=print):
        if isinstance(item, Record):
            upsert(item.identifier, item.to_dict(), item.ntriples)   # page by page, nothing lost on a crash
        else:
            log_source_error(item.page_url, item.kind, item.reason)  # SourceError: Text(en, de); .fatal

A `Record` carries the dataset's own RDF (`ntriples`, canonical; `turtle()`), ready for
`lichtermeer.engines.dcat.validate_bytes("x.nt", record.ntriples)`, and `content_hash` to skip unchanged ones.

Modules: client (polite HTTP over netguard), dcat_source (Hydra), ckan_source + ckan_mapping (package_search →
DCAT-AP.de), records (cutting datasets out of a page), rdfio (N-Triples/Turtle writers), model (config, errors,
progress), run (the loop), cli.
"""

from __future__ import annotations

from .client import ClientSettings, HttpClient, HttpError, Response
from .model import KINDS, Progress, SourceConfig, SourceError
from .records import Agent, Distribution, Record
from .run import harvest

__all__ = [
    "KINDS",
    "Agent",
    "ClientSettings",
    "Distribution",
    "HttpClient",
    "HttpError",
    "Progress",
    "Record",
    "Response",
    "SourceConfig",
    "SourceError",
    "harvest",
]
