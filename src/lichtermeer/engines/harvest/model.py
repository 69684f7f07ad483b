"""What a harvest is configured with and reports besides records: `SourceConfig`, `SourceError`, `Progress`;
and the internal `Page` / `PageError` the two source kinds hand to the run loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .client import ClientSettings
from .messages import Text
from .records import Record

Kind = Literal["dcat", "ckan"]
KINDS: tuple[str, ...] = ("dcat", "ckan")


@dataclass(frozen=True)
class SourceConfig:
    """One harvest source.

    * `url`: dcat → the catalogue endpoint (e.g. `https://ckan.govdata.de/catalog.ttl`, page 1);
      ckan → the portal (`https://ckan.govdata.de`), its `/api/3/action` or the package_search URL itself.
    * `max_pages`: safety stop (GovData has ~1,000 pages of 100).
    * `rows`: CKAN page size (`rows=`); `ckan_fq`: an extra Solr filter ANDed to the incremental one.
    * `since_parameter`: query parameter a DCAT endpoint takes for incremental runs (ckanext-dcat:
      `modified_since`); None to send none. Records older than `since` are filtered here in any case.
    * `client`: timeouts, retries, rate limit, size limit, private-address switch.
    """

    url: str
    kind: Kind = "dcat"
    name: str = ""
    max_pages: int = 1000
    rows: int = 100
    ckan_fq: str = ""
    since_parameter: str | None = "modified_since"
    client: ClientSettings = field(default_factory=ClientSettings)

    def __post_init__(self) -> None:  # a programming error, not a source problem: fail loudly
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.max_pages < 1 or self.rows < 1:
            raise ValueError("max_pages and rows must be at least 1")


@dataclass(frozen=True)
class SourceError:
    """A page (or the whole source) failed. `fatal`: harvesting stopped here; otherwise it went on."""

    page_url: str
    kind: str  # refused, unreachable, timeout, network, too_large, redirects, http, content_type, syntax,
    #            format, loop, max_pages, foreign_host, invalid_item (one entry of a page skipped)
    reason: Text
    fatal: bool = False
    status: int | None = None

    def to_dict(self) -> dict:
        return {"page_url": self.page_url, "kind": self.kind, "reason": {"en": self.reason.en, "de": self.reason.de},
                "fatal": self.fatal, "status": self.status}


@dataclass(frozen=True)
class Progress:
    source_url: str
    page_url: str  # the page just handled
    pages: int  # pages read successfully
    failed_pages: int
    records: int  # records yielded
    skipped: int  # not modified since `since` (filtered by the engine)
    duplicates: int  # datasets already yielded in this run (a portal that shifts while being paged)
    total: int | None  # datasets the source announces (hydra:totalItems, CKAN count), if it does
    elapsed: float  # seconds since the start
    requests: int  # HTTP attempts, retries included
    done: bool = False

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, (self.records + self.skipped + self.duplicates) / self.total)


@dataclass
class Page:
    url: str
    records: list[Record]
    next_url: str | None = None
    total: int | None = None
    skipped: int = 0
    warnings: list[Text] = field(default_factory=list)  # logged (per-record warnings travel with the records)
    rejected: list[Text] = field(default_factory=list)  # items of the page that could not be read: yielded
    last_page_number: int | None = None  # when the source says how many pages there are


class PageError(Exception):
    def __init__(self, kind: str, text: Text, status: int | None = None) -> None:
        super().__init__(text.en)
        self.kind, self.text, self.status = kind, text, status
