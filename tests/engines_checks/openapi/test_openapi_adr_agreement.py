"""Agreement with Spectral on the upstream API Design Rules linter test cases.

Each case's `expected-output.txt` is the exact stdout of `spectral lint -r media/linter.yaml`
(upstream's test harness, with the absolute path prefix removed). Measured: findings (rule,
severity, path, line, column, message) per case, and the complete text output byte for byte.
Run with `-s` to see the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from engines_checks.openapi.openapi_samples import CASES, case_text, expected_text
from lichtermeer.engines.checks.openapi.lint import lint_text
from lichtermeer.engines.checks.openapi.render import stylish


@dataclass(frozen=True)
class Expected:
    line: int
    column: int
    severity: str
    rule: str
    message: str
    path: str


_ROW = re.compile(r"^\s*(\d+):(\d+)\s+(error|warning|information|hint)\s+(.*)$")


def parse_expected(text: str) -> list[Expected]:
    """The finding rows of Spectral's stylish output (columns are separated by two or more blanks)."""
    rows = []
    for line in text.splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        rule, message, *rest = re.split(r"\s{2,}", match.group(4).strip())
        rows.append(Expected(int(match.group(1)), int(match.group(2)), match.group(3), rule, message,
                             rest[0] if rest else ""))
    return rows


def actual(case: str) -> list[Expected]:
    return [Expected(finding.line, finding.column, finding.severity, finding.rule, finding.message,
                     finding.dotted_path) for finding in lint_text(case_text(case))]


def source_name(case: str) -> str:
    return f"/testcases/{case}/openapi.json"


def test_the_corpus_holds_the_twenty_visible_cases():
    assert len(CASES) == 20
    assert sum(len(parse_expected(expected_text(case))) for case in CASES) == 54


@pytest.mark.parametrize("case", CASES)
def test_it_reports_the_findings_spectral_reports(case):
    assert actual(case) == parse_expected(expected_text(case))


@pytest.mark.parametrize("case", CASES)
def test_its_text_output_is_spectrals_byte_for_byte(case):
    assert stylish(lint_text(case_text(case)), source_name(case)) == expected_text(case)


def test_it_agrees_on_every_case(capsys):
    identical = matched = total = 0
    for case in CASES:
        expected = parse_expected(expected_text(case))
        found = actual(case)
        total += len(expected)
        matched += sum(1 for row in expected if row in found)
        identical += stylish(lint_text(case_text(case)), source_name(case)) == expected_text(case)
    with capsys.disabled():
        print(f"\nADR linter agreement: {identical} of {len(CASES)} cases identical, {matched} of {total} findings")
    assert (identical, matched) == (len(CASES), total)
