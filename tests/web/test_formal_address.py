import re

import pytest

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(du|Du|dein|Dein|deine|Deine|hast|kannst|Gib)\b")


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_address_users_formally(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="de")
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert response.status_code == 200
    assert not INFORMAL.search(text), INFORMAL.search(text)
