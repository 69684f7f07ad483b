"""Shared fixtures for the publiccode engine tests, and the corpus figure in the summary."""

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
_AGREEMENT = pytest.StashKey[list]()


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def report_agreement(request):
    """Tests hand their agreement figures here; the terminal summary prints them."""

    def report(line: str) -> None:
        request.config.stash.setdefault(_AGREEMENT, []).append(line)
        print(line)

    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(_AGREEMENT, [])
    if lines:
        terminalreporter.write_sep("-", "publiccode corpus agreement")
        for line in lines:
            terminalreporter.write_line(line)
