import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/en/accounts/login/"]
)
def test_it_renders_account_pages_with_kern(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "kern-form-input__input" in html
    assert "kern-btn kern-btn--primary" in html
    assert html.count("<h1") == 1
    assert 'class="lm-header"' in html


def test_it_renders_the_account_area_with_its_navigation(client):
    from factories import UserFactory

    client.force_login(UserFactory())
    for url in ("/accounts/email/", "/accounts/2fa/", "/accounts/password/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "lm-account__nav" in response.content.decode()
