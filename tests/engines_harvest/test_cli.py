"""`lichtermeer harvest` (engine part): JSON lines or a summary on stdout, plain-text progress on stderr."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from lichtermeer.engines.harvest import Progress, SourceConfig
from lichtermeer.engines.harvest.cli import bar, main

from .conftest import Reply, data

CATALOG = "harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf"
LOOPBACK = ["--allow-private-addresses", "--min-interval", "0"]


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_json_lines_carry_every_record(portal):
    url = portal.serve("/catalog.rdf", Reply(data(CATALOG)))
    code, out, err = _run([url, "--kind", "dcat", "--json", *LOOPBACK])
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 6
    assert {line["type"] for line in lines} == {"record"}
    assert all(line["identifier"] and line["content_hash"] for line in lines)
    # stderr is no terminal here: one plain progress line per page plus the final one
    assert err.splitlines()[-1].startswith("[########################] 100%  page 1  6/6 datasets")


def test_the_summary_names_failed_pages_in_german_or_english(portal):
    url = portal.serve("/catalog.rdf", Reply(b"<html/>", "text/html"))
    code, out, _ = _run([url, "--kind", "dcat", "--quiet", *LOOPBACK])
    assert code == 1
    assert out.startswith("0 Datensätze aus 0 Seiten")
    assert "FATAL [content_type]" in out and "Inhaltstyp text/html" in out
    _, out_en, _ = _run([url, "--kind", "dcat", "--quiet", "--lang", "en", *LOOPBACK])
    assert "content type text/html is not RDF" in out_en


def test_loopback_is_refused_without_the_explicit_switch(portal):
    url = portal.serve("/catalog.rdf", Reply(data(CATALOG)))
    code, out, _ = _run([url, "--kind", "dcat", "--json", "--quiet"])
    assert code == 1 and json.loads(out)["kind"] == "refused" and portal.requests == []


def test_usage_errors_exit_with_2():
    assert _run(["http://example.org/"])[0] == 2  # --kind is required
    code, _, err = _run(["http://example.org/", "--kind", "ckan", "--since", "yesterday"])
    assert code == 2 and "ISO 8601" in err


def test_the_progress_bar_without_a_total():
    update = Progress(source_url="s", page_url="p", pages=3, failed_pages=1, records=250, skipped=5, duplicates=0,
                      total=None, elapsed=2.0, requests=4)
    assert bar(update) == "page 4  250 datasets  5 unchanged  1 failed pages  2.0 s"


def test_the_engine_imports_no_django():
    code = ("import sys, lichtermeer.engines.harvest, lichtermeer.engines.harvest.cli; "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_source_of_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="kind"):
        SourceConfig("https://example.org/", kind="csw")
