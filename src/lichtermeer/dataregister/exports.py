"""The category × municipality matrix as CSV, in the format of the platform's other exports
(lichtermeer.municipalities.exports): RFC 4180, comma, every cell quoted, CRLF, UTF-8 with a byte order mark
(Excel then reads umlauts correctly), formula injection neutralised.

One row per Musterdatenkatalog category (Thema, Bezeichnung, URI), one column per municipality headed
"Name (AGS)", each cell the number of datasets (0 when it publishes none of the category).
"""

from __future__ import annotations

import csv
import io

from lichtermeer.municipalities.exports import BOM, neutralise

FIXED_COLUMNS = ("thema", "bezeichnung", "uri")


def matrix_csv(categories, towns, cells) -> str:
    """The CSV text, beginning with a byte order mark (encode it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([*FIXED_COLUMNS, *(neutralise(f"{town.name} ({town.ags})") for town in towns)])
    for uri, thema, bezeichnung in categories:
        writer.writerow([neutralise(thema), neutralise(bezeichnung), neutralise(uri),
                         *(str(cells.get((uri, town.pk), 0)) for town in towns)])
    return BOM + buffer.getvalue()
