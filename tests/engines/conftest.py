"""The engines are plain Python: their tests must also run without pytest-django.

tests/conftest.py has an autouse fixture that asks for pytest-django's `settings`; with
`-p no:django` that fixture does not exist, so engine tests get a harmless stand-in.
(With pytest-django active the stand-in still suffices: no engine test reads settings.)
"""

from types import SimpleNamespace

import pytest


@pytest.fixture
def settings():
    return SimpleNamespace(STORAGES={})
