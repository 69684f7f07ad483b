"""Offline matching of SBOM components against OSV advisories (check `vulnerabilities.osv`, LM-IS-04).

    batch = read_records("all.zip")               # records + problems; batch.snapshot = newest `modified` (date)
    index = OsvIndex.from_records(batch.records, snapshot=batch.snapshot)   # or OsvIndex.from_path(path)
    index.match("PyPI", "Jinja2", "2.7.1")        # -> (Match(advisory=…, affected=True, fixed=("2.7.2",)), …)
    Reference(osv=index)                          # the check reads `reference.osv`

records.py reads files, directories and zip archives safely; ranges.py implements OSV range semantics;
versions.py orders versions per ecosystem; ecosystems.py maps purls to OSV packages; check.py registers the check.
"""

from __future__ import annotations

from . import check as _check  # noqa: F401 - registers `vulnerabilities.osv`
from .check import check_components, results_for
from .ecosystems import NotScannable, PackageKey, canonical_ecosystem, normalise_name, package_of
from .index import Advisory, Match, OsvIndex
from .records import Limits, RecordBatch, RecordProblem, SourcedRecord, iter_records, read_records, snapshot_of
from .scan import Scan, scan
from .severity import Severity, cvss2_score, cvss3_score, severity_of

__all__ = [
    "Advisory", "Limits", "Match", "NotScannable", "OsvIndex", "PackageKey", "RecordBatch", "RecordProblem", "Scan",
    "Severity", "SourcedRecord", "canonical_ecosystem", "check_components", "cvss2_score", "cvss3_score",
    "iter_records", "normalise_name", "package_of", "read_records", "results_for", "scan", "severity_of",
    "snapshot_of",
]
