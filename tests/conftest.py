import pytest


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    # Tests see German as the default language, like users do; individual tests switch to English.
    settings.LANGUAGE_CODE = "de"
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
