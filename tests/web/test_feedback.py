import pytest
from django.core import mail

from lichtermeer.web.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def test_it_saves_feedback_and_mails_the_operator(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accessibility/",
            {"message": "Der Kontrast ist zu schwach.", "page_url": "/solutions/", "name": "", "email": ""},
        )
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/thanks/"
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Der Kontrast ist zu schwach."
    assert feedback.language == "de"
    assert feedback.forwarded_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["operator@example.org"]
    assert "Der Kontrast ist zu schwach." in mail.outbox[0].body


def test_it_thanks_the_sender(client):
    response = client.get("/en/accessibility/thanks/")
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()


def test_it_rejects_feedback_without_message(client):
    response = client.post("/accessibility/", {"message": "   ", "email": "kein-mail"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_message-hint id_message-error"' in html
    assert AccessibilityFeedback.objects.count() == 0


def test_it_prefills_the_referring_page(client):
    response = client.get("/accessibility/", HTTP_REFERER="http://testserver/solutions/?q=parken")
    assert 'value="http://testserver/solutions/?q=parken"' in response.content.decode()
    response = client.get("/accessibility/", HTTP_REFERER="https://evil.example.com/")
    assert "evil.example.com" not in response.content.decode()
