"""Agreement with publiccode-parser-go on its own test corpus (expected.json, 130 cases).

Offline run: every case that needs no network, compared on (type, key) per case; the
summary also counts exact agreement (description, line, column too). A second run
emulates parser-go's network mode with a stub fetcher and covers all 120 network cases.
"""

import json
import re
from pathlib import Path

import pytest

from lichtermeer.engines.netguard import FetchResult
from lichtermeer.engines.publiccode import parse, validate_file

CORPUS = Path(__file__).parent / "corpus"
CASES = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
DISAGREEMENTS = (Path(__file__).parent / "DISAGREEMENTS.md").read_text(encoding="utf-8")


def offline_expectation(case: dict) -> list | None:
    """What parser-go gives without network, or None when only the online checks can tell."""
    if "expected_no_network" in case:
        return case["expected_no_network"]
    return None if case.get("needs") == "network" else case["expected"]


OFFLINE = {path: exp for path, case in CASES.items() if (exp := offline_expectation(case)) is not None}


def findings_of(result) -> list[dict]:
    # "{cwd}" in expected.json stands for the root of the corpus folder.
    root = str(CORPUS.resolve())
    return [{**f.to_dict(), "description": f.description.replace(root, "{cwd}")} for f in result.findings]


def type_and_key(findings: list[dict]) -> list[tuple[str, str]]:
    return [(f["type"], f["key"]) for f in findings]


@pytest.mark.parametrize("case", sorted(OFFLINE))
def test_it_agrees_with_parser_go_on_type_and_key(case):
    got = findings_of(validate_file(str(CORPUS / case), network=False))
    assert type_and_key(got) == type_and_key(OFFLINE[case])


def test_it_reports_the_corpus_agreement_figure(report_agreement):
    same_type_key, exact, differing = 0, 0, []
    for case, expected in sorted(OFFLINE.items()):
        got = findings_of(validate_file(str(CORPUS / case), network=False))
        same_type_key += type_and_key(got) == type_and_key(expected)
        exact += got == expected
        if got != expected:
            differing.append(case)
    total = len(OFFLINE)
    report_agreement(f"publiccode corpus agreement (type,key): {same_type_key}/{total} = "
                     f"{100 * same_type_key / total:.1f} %; "
                     f"exact (incl. description,line,column): {exact}/{total}")
    assert same_type_key == total
    # An inexact case must be listed in DISAGREEMENTS.md as "- `<case path>`: <reason>".
    undocumented = [case for case in differing if f"- `{case}`:" not in DISAGREEMENTS]
    assert not undocumented, "every inexact case must be explained in DISAGREEMENTS.md"


_PNG_1000PX = (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR"
               + (1000).to_bytes(4, "big") * 2 + b"\x08\x06\x00\x00\x00")


def stub_fetch(url: str) -> FetchResult:
    """The web as it was when upstream ran its tests: everything answers except missing files."""
    if re.search(r"no_such_file", url):
        return FetchResult(404, url)
    return FetchResult(200, url, {}, _PNG_1000PX)


def test_it_reproduces_parser_go_network_mode_with_a_stub_fetcher(report_agreement):
    network_cases = {path: case for path, case in CASES.items() if case["mode"] == "network"}
    exact, wrong = 0, []
    for case, spec in sorted(network_cases.items()):
        path = CORPUS / case
        result = parse(path.read_bytes(), path=str(path), network=True, fetch=stub_fetch)
        got = findings_of(result)
        exact += got == spec["expected"]
        if type_and_key(got) != type_and_key(spec["expected"]):
            wrong.append(case)
    report_agreement(f"publiccode corpus, network mode with stub fetcher: exact {exact}/{len(network_cases)}")
    assert not wrong
