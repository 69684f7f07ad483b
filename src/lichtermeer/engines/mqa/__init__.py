"""Metadata quality score of DCAT datasets after data.europa.eu's Metadata Quality Assessment (plain Python).

    from lichtermeer.engines.mqa import score, score_all, aggregate
    result = score(rdf_bytes, "https://example.org/dataset/1", name="catalog.ttl",
                   reachability=lambda url: my_head_request(url))   # None: A1/A3 "not checked"
    result.total, result.band, result.dimensions["findability"], result.indicator("A2").detail.de
    everything = score_all("catalog.rdf")                          # every dcat:Dataset of the file
    aggregate(everything).total                                     # mean for a source or municipality

23 indicators in five dimensions, 405 points (Findability 100, Accessibility 100, Interoperability 110,
Reusability 75, Contextuality 20); bands Excellent 351–405, Good 221–350, Sufficient 121–220, Bad 0–120.
The definition is `data/mqa/` (copies of the project's MQA corpus and the vocabularies the indicators need);
I6 "DCAT-AP compliance" validates with the DCAT engine's DCAT-AP.de 3.0 profile. How distribution-level
indicators, unreachable or unchecked URLs and rounding are handled: `score.py`.

Modules: indicators (table, bands, labels), vocabularies, document (input, validation), score, messages, cli.
"""

from __future__ import annotations

from .document import Document, InputError, from_report, load
from .indicators import DIMENSIONS, MAXIMUM, Band, Definition, DefinitionError, Indicator, band_for, load_definition
from .score import (
    Aggregate,
    DatasetScore,
    IndicatorScore,
    Reachability,
    aggregate,
    is_reachable_status,
    score,
    score_all,
)

__all__ = [
    "from_report",
    "DIMENSIONS",
    "MAXIMUM",
    "Aggregate",
    "Band",
    "DatasetScore",
    "Definition",
    "DefinitionError",
    "Document",
    "Indicator",
    "IndicatorScore",
    "InputError",
    "Reachability",
    "aggregate",
    "band_for",
    "is_reachable_status",
    "load",
    "load_definition",
    "score",
    "score_all",
]
